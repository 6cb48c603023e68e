import { defineConfig } from 'vite'
import { libraryBuild } from '../../vite.library.ts'

/** `vite build`: the Node ES modules of `startLocalSfu()` and of the `calls-local-sfu` CLI. */
export default defineConfig(
  libraryBuild({
    packageDir: import.meta.dirname,
    entries: { index: 'src/index.ts', cli: 'src/cli.ts' },
  }),
)
