import { defineConfig } from 'vitest/config'

/** No source conditions here: the tests check the packages as an app installs them (dist/). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
})
