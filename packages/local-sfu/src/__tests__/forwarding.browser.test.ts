import { fileURLToPath } from 'node:url'
import {
  launchChromium,
  RECORD_PEER_CONNECTIONS,
  readInboundTotals,
  startTestServer,
  type TestServer,
  waitFor,
} from '@calls-kit/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalSfuApp } from '../localSfuApp.js'
import { Sfu } from '../sfu.js'

type RawCalls = typeof import('./rawCallsPage')
declare global {
  interface Window {
    RawCalls: RawCalls
  }
}

const BASE = '/v1/apps/local'

describe('local SFU forwarding (real Chromium, real WebRTC)', () => {
  let sfu: Sfu
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    sfu = new Sfu()
    const app = createLocalSfuApp(sfu)
    server = await startTestServer({
      fetch: (request) => app.fetch(request),
      apiPrefix: '/v1/',
      globals: { RawCalls: fileURLToPath(new URL('./rawCallsPage.ts', import.meta.url)) },
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await sfu?.close()
  })

  async function openPage(): Promise<Page> {
    const page = await (await browser.newContext()).newPage()
    await page.addInitScript(RECORD_PEER_CONNECTIONS)
    await page.goto(server.url)
    await page.waitForFunction(() => 'RawCalls' in window)
    return page
  }

  async function expectFlowing(page: Page) {
    const video = await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.framesDecoded > 10,
    )
    const audio = await waitFor(
      () => readInboundTotals(page, 'audio'),
      (a) => a.packetsReceived > 20,
    )
    // Still rising: media keeps flowing, not a burst.
    await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.framesDecoded > video.framesDecoded + 10,
    )
    await waitFor(
      () => readInboundTotals(page, 'audio'),
      (a) => a.packetsReceived > audio.packetsReceived + 20,
    )
    return readInboundTotals(page, 'video')
  }

  it('should forward camera and mic from one publisher to three subscribers', async () => {
    const publisher = await openPage()
    const sessionId = await publisher.evaluate((base) => window.RawCalls.publish(base), BASE)
    const subscribers = await Promise.all([openPage(), openPage(), openPage()])
    const t0 = Date.now()
    await Promise.all(
      subscribers.map((page) =>
        page.evaluate(([base, id]) => window.RawCalls.pull(base, id, ['video', 'audio']), [
          BASE,
          sessionId,
        ] as const),
      ),
    )
    await waitFor(
      () => readInboundTotals(subscribers[0] as Page, 'video'),
      (v) => v.framesDecoded > 0,
    )
    process.stdout.write(
      `[local-sfu] pull → first decoded frame: ${Date.now() - t0} ms (3 subscribers)\n`,
    )
    for (const page of subscribers) {
      const video = await expectFlowing(page)
      expect(video.frameWidth).toBe(640)
    }
    await Promise.all([publisher, ...subscribers].map((p) => p.context().close()))
  })

  it('should forward the simulcast layer a subscriber prefers', async () => {
    const publisher = await openPage()
    const sessionId = await publisher.evaluate(
      (base) => window.RawCalls.publish(base, { simulcast: true, width: 1280, height: 720 }),
      BASE,
    )
    const page = await openPage()
    const mine = await page.evaluate(
      ([base, id]) => window.RawCalls.pull(base, id, ['video', 'audio'], 'h'),
      [BASE, sessionId] as const,
    )
    const high = await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.frameWidth >= 640,
      { timeoutMs: 20_000 },
    )
    await page.evaluate(
      ([base, me, id]) => window.RawCalls.setPreferredRid(base, me, id, 'video', 'l'),
      [BASE, mine, sessionId] as const,
    )
    const low = await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.frameWidth > 0 && v.frameWidth < high.frameWidth,
      { timeoutMs: 20_000 },
    )
    expect(low.frameWidth).toBeLessThanOrEqual(high.frameWidth / 2)
    await Promise.all([publisher, page].map((p) => p.context().close()))
  })

  it('should forward the nearest layer when the preferred one is never sent', async () => {
    // Chromium encodes 2 of the 3 requested layers of a 640×480 camera: h (640 px), m (320 px).
    const publisher = await openPage()
    const sessionId = await publisher.evaluate(
      (base) => window.RawCalls.publish(base, { simulcast: true, width: 640, height: 480 }),
      BASE,
    )
    const page = await openPage()
    await page.evaluate(([base, id]) => window.RawCalls.pull(base, id, ['video', 'audio'], 'l'), [
      BASE,
      sessionId,
    ] as const)
    const video = await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.framesDecoded > 10,
      { timeoutMs: 20_000 },
    )
    expect(video.frameWidth).toBe(320)
    await Promise.all([publisher, page].map((p) => p.context().close()))
  })
})
