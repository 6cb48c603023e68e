import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { launchChromium } from './launchChromium'

describe('launchChromium', () => {
  it('should start Chromium with a fake camera that getUserMedia can open', async () => {
    // getUserMedia needs a secure context: http://127.0.0.1 is one, about:blank is not.
    const server = createServer((_req, res) => res.end('<!doctype html><title>t</title>'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(`http://127.0.0.1:${port}/`)
      const settings = await page.evaluate(async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true })
        const video = stream.getVideoTracks()[0]?.getSettings()
        return { kinds: stream.getTracks().map((t) => t.kind).sort(), width: video?.width }
      })
      expect(settings.kinds).toEqual(['audio', 'video'])
      expect(settings.width).toBeGreaterThan(0)
    } finally {
      await browser.close()
      server.close()
    }
  })
})
