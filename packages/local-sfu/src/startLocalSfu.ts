import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createLocalSfuApp, DEFAULT_APPS } from './localSfuApp.js'
import { Sfu } from './sfu.js'

/** Options of {@link startLocalSfu}. */
export interface StartLocalSfuOptions {
  /** Interface for HTTP and ICE. Defaults to `'127.0.0.1'`. */
  host?: string
  /** HTTP port; `0` picks a free one. Defaults to `8787`. */
  port?: number
  /** App secrets by appId. Defaults to `{local: 'local-secret'}`. */
  apps?: Record<string, string>
  /** Bitrate a video publisher may send (kbps), told by REMB. Defaults to `2500`. */
  maxPublishKbps?: number
}

/** A running local SFU. */
export interface LocalSfu {
  /** Calls API base, e.g. `http://127.0.0.1:8787/v1` (append `/apps/{appId}/sessions/new`). */
  url: string
  /** The media side, for tests (e.g. `sfu.dropSession(id)`). */
  sfu: Sfu
  /** Stops HTTP and closes every session. */
  close(): Promise<void>
}

/**
 * Starts a real SFU (werift WebRTC, RTP forwarded, no transcoding) serving the Cloudflare Calls
 * HTTPS API on `host:port`.
 *
 * @returns {@link LocalSfu} once the port is bound.
 * @throws the `listen` error (e.g. `EADDRINUSE`) when the port is taken.
 * @example
 * const sfu = await startLocalSfu({ port: 0 })
 * await fetch(`${sfu.url}/apps/local/sessions/new`, { method: 'POST', headers: { authorization: 'Bearer local-secret' } })
 */
export async function startLocalSfu(options: StartLocalSfuOptions = {}): Promise<LocalSfu> {
  const host = options.host ?? '127.0.0.1'
  const sfu = new Sfu({ host, maxPublishKbps: options.maxPublishKbps })
  const app = createLocalSfuApp(sfu, options.apps ?? { ...DEFAULT_APPS })
  const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}/v1`,
    sfu,
    async close() {
      await sfu.close()
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}
