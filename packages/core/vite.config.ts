import { defineConfig } from 'vite'
import { libraryBuild } from '../../vite.library.ts'

/** `vite build`: the browser/server ES modules behind the package's `exports` map. */
export default defineConfig(
  libraryBuild({
    packageDir: import.meta.dirname,
    entries: {
      index: 'src/index.ts',
      'server/index': 'src/server/index.ts',
      'api/schemas': 'src/api/schemas.ts',
    },
  }),
)
