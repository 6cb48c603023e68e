import { defaultClientConditions, defaultServerConditions } from 'vite'
import type { ViteUserConfig } from 'vitest/config'

/**
 * Vite/Vitest resolve settings shared by every workspace package: resolve sibling packages to
 * their TypeScript source (the `@calls-kit/source` export condition) so nothing needs a build.
 */
export const sourceConditions: ViteUserConfig = {
  resolve: { conditions: ['@calls-kit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@calls-kit/source', ...defaultServerConditions] } },
}
