import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Peers an app already ships: excluded from our size. */
export const PEERS = ['react', 'react-dom', 'zustand', '@tanstack/react-query']

/** Size of one entry as an app would bundle it. */
export interface BundleSize {
  /** The import specifier measured, e.g. `@calls-kit/core`. */
  entry: string
  /** Minified bytes (B). */
  minBytes: number
  /** Minified then gzip-compressed (level 9) bytes (B). */
  gzipBytes: number
}

/**
 * Bundles `import * as m from '<entry>'` for the browser with esbuild (minified, ESM, tree-shaking
 * on, peers external) and measures min and min+gzip bytes. Everything reachable from the entry's
 * public exports counts, i.e. the cost of an app that uses all of it.
 *
 * @param entry - a workspace package specifier (resolved to its source via `@calls-kit/source`).
 * @returns {@link BundleSize}.
 * @throws esbuild's error when the entry does not bundle for the browser (e.g. imports `node:*`).
 */
export async function measureBundleSize(entry: string): Promise<BundleSize> {
  const code = await bundleForBrowser(entry)
  return { entry, minBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength }
}

/**
 * The minified browser bundle of `entry` (see {@link measureBundleSize} for the settings).
 * @returns the bundle's bytes (UTF-8 JavaScript).
 */
export async function bundleForBrowser(entry: string): Promise<Uint8Array> {
  const result = await build({
    stdin: {
      contents: `export * from '${entry}'`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@calls-kit/source'],
    external: PEERS.flatMap((p) => [p, `${p}/*`]),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.contents ?? new Uint8Array()
}
