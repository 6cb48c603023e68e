import { build } from 'esbuild'

/**
 * Bundles modules into one browser script that sets them as globals: `{CallsKit:
 * '@calls-kit/core'}` makes `window.CallsKit` that module's namespace. Specifiers resolve from
 * `resolveDir` (the calling package's dependencies), preferring workspace source (the
 * `@calls-kit/source` condition) over `dist/`.
 * @param globals - global name → module specifier.
 * @param resolveDir - folder the specifiers resolve from. Defaults to `process.cwd()`.
 * @returns the script (an ES module, UTF-8 text); `''` for no globals.
 * @throws esbuild's error when a module does not bundle for the browser (e.g. imports `node:*`).
 */
export async function bundleGlobals(
  globals: Record<string, string>,
  resolveDir = process.cwd(),
): Promise<string> {
  const contents = Object.entries(globals)
    .map(
      ([name, spec], i) =>
        `import * as m${i} from '${spec}'; globalThis[${JSON.stringify(name)}] = m${i};`,
    )
    .join('\n')
  if (!contents) return ''
  const bundle = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@calls-kit/source'],
    logLevel: 'silent',
  })
  return bundle.outputFiles[0]?.text ?? ''
}
