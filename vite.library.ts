import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import type { UserConfig } from 'vite'

/** What {@link libraryBuild} needs to know of one package. */
export interface LibraryBuildOptions {
  /** The package's folder (its `package.json` lists what stays external). */
  packageDir: string
  /**
   * Entry points: output name (without `.js`, may contain `/`) → source file relative to the
   * package, e.g. `{ index: 'src/index.ts', 'server/index': 'src/server/index.ts' }`. Each becomes
   * `dist/<name>.js`, matching the `exports` map of the package.
   */
  entries: Record<string, string>
  /**
   * A line put first in every output chunk, e.g. `'use client'` for React Server Components
   * (bundling drops module-level directives, so they are restored here).
   */
  banner?: string
}

/**
 * The Vite library-mode build shared by every published package: ES modules in `dist/` (one file
 * per entry plus shared chunks, source maps, not minified), with the package's `dependencies`,
 * `peerDependencies` and Node's built-in modules left as imports, so that the app's bundler and
 * package manager choose their versions. Type declarations come from `tsc -p tsconfig.build.json`
 * (one `.d.ts` beside each module in `dist/`); relative imports carry `.js` (Biome's
 * `useImportExtensions`) so that they resolve under `moduleResolution: node16`/`nodenext` too.
 *
 * Input: {@link LibraryBuildOptions}. Output: a Vite `UserConfig` for `vite build`. Throws when the
 * package's `package.json` cannot be read or parsed.
 */
export function libraryBuild({ packageDir, entries, banner }: LibraryBuildOptions): UserConfig {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
  }
  const packages = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]
  const isExternal = (id: string) =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    packages.some((name) => id === name || id.startsWith(`${name}/`))
  return {
    root: packageDir,
    logLevel: 'warn',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: {
        entry: Object.fromEntries(
          Object.entries(entries).map(([name, file]) => [name, join(packageDir, file)]),
        ),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions: {
        external: isExternal,
        output: banner ? { banner } : {},
        onwarn(warning, warn) {
          // The banner restores the directives that bundling drops; the warning is about them.
          if (banner && warning.code === 'MODULE_LEVEL_DIRECTIVE') return
          warn(warning)
        },
      },
    },
  }
}
