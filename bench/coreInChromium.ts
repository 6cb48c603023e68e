import { type CallsHandlerOptions, createCallsHandler } from '@calls-kit/core/server'
import { startLocalSfu } from '@calls-kit/local-sfu'
import { launchChromium, startTestServer, type TestServer } from '@calls-kit/testing'
import type { Page } from 'playwright-core'

/** What {@link startCoreInChromium} runs; `close()` stops all of it. */
export interface CoreInChromium {
  server: TestServer
  /** A new page (own context) with `window.CallsKit` = `@calls-kit/core`, on the route's origin. */
  open(): Promise<Page>
  close(): Promise<void>
}

/**
 * The setup of the browser benchmarks that drive `@calls-kit/core` directly: the local SFU, the
 * app route (`createCallsHandler` at `/api/calls`, with `handler` options on top) and a page
 * origin serving core as a global, plus one Chromium.
 * @param handler - more options of the route (e.g. `messageRateLimit`). Defaults to none.
 */
export async function startCoreInChromium(
  handler: Partial<CallsHandlerOptions> = {},
): Promise<CoreInChromium> {
  const sfu = await startLocalSfu({ port: 0 })
  const server = await startTestServer({
    fetch: createCallsHandler({
      basePath: '/api/calls',
      apiBase: sfu.url,
      appId: 'local',
      appSecret: 'local-secret',
      ...handler,
    }),
    globals: { CallsKit: '@calls-kit/core' },
    resolveDir: import.meta.dirname,
  })
  const browser = await launchChromium()
  return {
    server,
    async open() {
      const page = await (await browser.newContext()).newPage()
      // tsx (esbuild keepNames) wraps functions passed to evaluate in __name(): give the page one.
      await page.addInitScript('window.__name = (f) => f')
      await page.goto(server.url)
      await page.waitForFunction(() => 'CallsKit' in window)
      return page
    },
    async close() {
      await browser.close()
      await server.close()
      await sfu.close()
    },
  }
}
