import { defineConfig } from 'vite'
import { libraryBuild } from '../../vite.library.ts'

/** `vite build`: the Node ES module of the test tooling. */
export default defineConfig(
  libraryBuild({
    packageDir: import.meta.dirname,
    entries: { index: 'src/index.ts' },
  }),
)
