import { fileURLToPath } from 'node:url'
import { type LocalSfu, startLocalSfu } from '@calls-kit/local-sfu'
import { createServer } from 'vite'

/** Options of {@link startSample}. */
export interface StartSampleOptions {
  /** Interface to bind both servers to. Defaults to `'127.0.0.1'`. */
  host?: string
  /** Port of the app (0 = any free port). Defaults to `5173`. */
  port?: number
  /** Port of the embedded local SFU (0 = any free port). Defaults to `8787`. */
  sfuPort?: number
}

/** A running sample: the app's URL, the local SFU's API URL (when embedded), and `close()`. */
export interface RunningSample {
  /** The app, e.g. `http://127.0.0.1:5173/`. */
  url: string
  /** The embedded local SFU's Calls API base, e.g. `http://127.0.0.1:8787/v1`; unset with Cloudflare credentials. */
  sfuUrl: string | undefined
  /** The embedded local SFU itself (tests use `sfu.sfu.dropSession(id)`); unset with Cloudflare credentials. */
  sfu: LocalSfu | undefined
  /** Stops the app and the SFU. */
  close(): Promise<void>
}

/**
 * Starts the sample as `pnpm dev` does: the local SFU (unless `CALLS_APP_ID` is set, in which case
 * the API route talks to Cloudflare Calls) and the Vite dev server, which serves the page and
 * mounts `app/api/**\/route.ts`.
 *
 * @returns {@link RunningSample}.
 * @throws when a port is taken (`strictPort`), or the SFU cannot bind.
 */
export async function startSample(options: StartSampleOptions = {}): Promise<RunningSample> {
  const host = options.host ?? '127.0.0.1'
  let sfu: LocalSfu | undefined
  if (!process.env.CALLS_APP_ID) {
    sfu = await startLocalSfu({ host, port: options.sfuPort ?? 8787 })
    // The API route reads its configuration lazily: point it at the embedded SFU.
    process.env.CALLS_API_BASE = sfu.url
  }
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('..', import.meta.url)),
    server: { host, port: options.port ?? 5173, strictPort: true },
    logLevel: 'warn',
  })
  await vite.listen()
  const url = vite.resolvedUrls?.local[0]
  if (!url) throw new Error('Vite did not report a local URL')
  return {
    url,
    sfuUrl: sfu?.url,
    sfu,
    async close() {
      await vite.close()
      await sfu?.close()
    },
  }
}
