import { defineConfig, mergeConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

// Only for `pnpm bench` (renders per join): not part of `pnpm test`.
export default mergeConfig(
  sourceConditions,
  defineConfig({
    test: { include: ['*.measure.tsx'], environment: 'happy-dom', testTimeout: 30_000 },
  }),
)
