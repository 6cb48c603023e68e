import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'
import { appRoutes } from './server/appRoutes.ts'

export default mergeConfig(
  sourceConditions,
  defineConfig({
    plugins: [react(), appRoutes({ appDir: fileURLToPath(new URL('./app', import.meta.url)) })],
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 90_000,
      hookTimeout: 90_000,
      fileParallelism: false,
    },
  }),
)
