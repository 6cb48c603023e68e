import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { bundleGlobals } from './bundleGlobals.js'

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * The app's API route in Fetch form (e.g. `createCallsHandler({basePath: '/api/calls'})`),
   * served for every path under `apiPrefix`.
   */
  fetch: (request: Request) => Response | Promise<Response>
  /** Path prefix routed to `fetch`. Defaults to `'/api/'`. */
  apiPrefix?: string
  /**
   * Browser globals to bundle into the page: `{CallsKit: '@calls-kit/core'}` makes
   * `window.CallsKit` the module's namespace. Resolved from workspace source
   * (`@calls-kit/source` condition), bundled once by esbuild at start. Defaults to `{}`.
   */
  globals?: Record<string, string>
  /** Interface to bind. Defaults to `'127.0.0.1'`. */
  host?: string
  /** Folder that `globals` specifiers resolve from (its package's dependencies). Defaults to `process.cwd()`. */
  resolveDir?: string
}

/** One request the API route received. */
export interface LoggedRequest {
  method: string
  /** Pathname, e.g. `/api/calls/sessions/abc/tracks/new`. */
  path: string
  status: number
}

/** A running {@link startTestServer}. */
export interface TestServer {
  /** Origin of the page, e.g. `http://127.0.0.1:41234/` (a secure context for getUserMedia). */
  url: string
  /** Every API request so far, in arrival order; `requests.length = 0` resets it. */
  requests: LoggedRequest[]
  close(): Promise<void>
}

/**
 * Serves an empty page that loads workspace modules as globals, plus an app API route, on one
 * origin — the smallest real setup for driving calls-kit from Chromium in a test or benchmark.
 * API requests are logged so that tests can count HTTP round trips.
 *
 * @returns {@link TestServer}; bind is on `host`, port chosen by the OS.
 * @throws esbuild's error when a global's module does not bundle for the browser.
 * @example
 * const server = await startTestServer({ fetch: handler, globals: { CallsKit: '@calls-kit/core' } })
 * await page.goto(server.url)
 * await page.evaluate(() => new window.CallsKit.CallsSession({ apiBase: '/api/calls' }).connect())
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const apiPrefix = options.apiPrefix ?? '/api/'
  const script = await bundleGlobals(options.globals ?? {}, options.resolveDir)
  const page = `<!doctype html><meta charset="utf-8"><title>calls-kit test</title><script type="module" src="/globals.js"></script><body></body>`
  const requests: LoggedRequest[] = []

  const server = serve({
    hostname: options.host ?? '127.0.0.1',
    port: 0,
    fetch: async (request: Request) => {
      const path = new URL(request.url).pathname
      if (path.startsWith(apiPrefix)) {
        const response = await options.fetch(request)
        requests.push({ method: request.method, path, status: response.status })
        return response
      }
      if (path === '/globals.js') {
        return new Response(script, { headers: { 'content-type': 'text/javascript' } })
      }
      if (path === '/') return new Response(page, { headers: { 'content-type': 'text/html' } })
      return new Response('not found', { status: 404 })
    },
  })
  await new Promise<void>((resolve) => {
    if (server.listening) resolve()
    else server.once('listening', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
