import { defineConfig } from 'vite'
import { libraryBuild } from '../../vite.library.ts'

/** `vite build`: the Node ES modules of the test tooling and of the `calls-kit-bots` CLI. */
export default defineConfig(
  libraryBuild({
    packageDir: import.meta.dirname,
    entries: { index: 'src/index.ts', botsCli: 'src/botsCli.ts' },
  }),
)
