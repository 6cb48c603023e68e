import { defineConfig, mergeConfig } from 'vitest/config'
import { sourceConditions } from '../vitest.shared.ts'

export default mergeConfig(
  sourceConditions,
  defineConfig({ test: { include: ['*.test.ts'], testTimeout: 60_000 } }),
)
