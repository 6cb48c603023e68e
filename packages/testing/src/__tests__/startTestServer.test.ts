import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../launchChromium.js'
import { startTestServer, type TestServer } from '../startTestServer.js'

describe('startTestServer', () => {
  let browser: Browser
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({
      fetch: (request) => Response.json({ path: new URL(request.url).pathname }, { status: 201 }),
      globals: { Fixture: './fixtureModule' },
      resolveDir: import.meta.dirname,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('should expose bundled modules as globals and log API requests', async () => {
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.waitForFunction(() => 'Fixture' in window)
    const result = await page.evaluate(async () => {
      const res = await fetch('/api/calls/sessions/new', { method: 'POST' })
      return {
        answer: (window as unknown as { Fixture: { answer: number } }).Fixture.answer,
        status: res.status,
        body: await res.json(),
      }
    })
    expect(result).toEqual({ answer: 42, status: 201, body: { path: '/api/calls/sessions/new' } })
    expect(server.requests).toEqual([
      { method: 'POST', path: '/api/calls/sessions/new', status: 201 },
    ])
    await page.close()
  })

  it('should open fake camera and mic on its page (a secure context)', async () => {
    const page = await browser.newPage()
    await page.goto(server.url)
    const settings = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true })
      const video = stream.getVideoTracks()[0]?.getSettings()
      return {
        kinds: stream
          .getTracks()
          .map((t) => t.kind)
          .sort(),
        width: video?.width,
      }
    })
    expect(settings.kinds).toEqual(['audio', 'video'])
    expect(settings.width).toBeGreaterThan(0)
    await page.close()
  })
})
