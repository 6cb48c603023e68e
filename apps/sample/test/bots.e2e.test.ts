import {
  launchChromium,
  RECORD_PEER_CONNECTIONS,
  readInboundTotals,
  startBots,
  waitFor,
} from '@calls-kit/testing'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSample, startSample } from '../server/startSample'

describe('@calls-kit/testing startBots against the sample', () => {
  let sample: RunningSample
  let browser: Browser

  beforeAll(async () => {
    sample = await startSample({ port: 0, sfuPort: 0 })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await sample?.close()
  })

  it('should fill a room with bots a real page sees, reads in chat (also from before it came), can remove, and sees leave', async () => {
    const { bots, close } = await startBots({
      url: sample.url,
      room: 'bots',
      count: 2,
      browser,
      resolveDir: import.meta.dirname,
    })
    expect(bots.map((b) => b.name)).toEqual(['Bot 1', 'Bot 2'])
    expect(bots.every((b) => /^[0-9a-f]{32}$/.test(b.sessionId))).toBe(true)
    await bots[1]?.sendChat('said before you came')

    const page = await (await browser.newContext()).newPage()
    await page.addInitScript(RECORD_PEER_CONNECTIONS)
    await page.goto(`${sample.url}?room=bots&name=Viewer`)
    await page.getByRole('button', { name: 'Join' }).click()
    const tiles = page.locator('[data-calls-kit-tile][data-local="false"]')
    await waitFor(
      () => tiles.locator('[data-calls-kit-name]').allTextContents(),
      (names) => names.length === 2,
    )
    expect(await tiles.locator('[data-calls-kit-name]').allTextContents()).toEqual([
      'Bot 1',
      'Bot 2',
    ])
    // Each bot's canvas camera arrives: 320 px wide, frames decoding.
    for (const video of await tiles.locator('video').all())
      await waitFor(
        () => video.evaluate((v: HTMLVideoElement) => v.videoWidth),
        (w) => w === 320,
        { timeoutMs: 20_000 },
      )
    const before = (await readInboundTotals(page, 'video')).framesDecoded
    await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.framesDecoded > before + 20,
    )

    // The room kept Bot 2's earlier message: it counts as unread, and shows first.
    await page.getByRole('button', { name: 'Chat (1)' }).click()
    await bots[0]?.sendChat('hello from a bot')
    const message = page
      .locator('[data-calls-kit-chat-message]')
      .filter({ hasText: 'hello from a bot' })
    await message.waitFor()
    expect(await message.locator('strong').textContent()).toBe('Bot 1')
    expect(await page.locator('[data-calls-kit-chat-message] p').allTextContents()).toEqual([
      'said before you came',
      'hello from a bot',
    ])
    await bots[1]?.setMetadata({ handRaised: true })
    await page.getByRole('status', { name: 'Raised hands' }).getByText('✋ Bot 2').waitFor()

    // A moderator removes Bot 2: its tile goes, its page is told why, the SFU stops its tracks.
    const bot2 = bots[1]
    if (!bot2) throw new Error('two bots were started')
    await page.getByText(/^People/).click()
    await page.getByRole('button', { name: 'Remove Bot 2' }).click()
    await waitFor(
      () => tiles.locator('[data-calls-kit-name]').allTextContents(),
      (names) => names.join() === 'Bot 1',
    )
    const removed = await waitFor(
      () =>
        bot2.page.evaluate(() => {
          const { joinState, error } = (window as any).bot.getState()
          return { joinState, errorCode: error?.errorCode }
        }),
      (state) => state.joinState === 'idle',
    )
    expect(removed.errorCode).toBe('removed')
    expect(sample.sfu?.sfu.getSession('local', bot2.sessionId)?.published.size ?? 0).toBe(0)

    await close()
    await waitFor(
      () => tiles.count(),
      (n) => n === 0,
    )
    await page.context().close()
  })

  it('should bring a speaker from another grid page onto the page shown', async () => {
    // Two quiet bots and one that talks (Chromium's fake mic beeps every second).
    const quiet = await startBots({
      url: sample.url,
      room: 'speakers',
      count: 2,
      browser,
      resolveDir: import.meta.dirname,
    })
    const loud = await startBots({
      url: sample.url,
      room: 'speakers',
      names: ['Talker'],
      audio: true,
      browser,
      resolveDir: import.meta.dirname,
    })
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${sample.url}?room=speakers&name=Viewer&pageSize=2`)
    await page.getByRole('button', { name: 'Join' }).click()
    const names = () =>
      page.locator('[data-calls-kit-tile] [data-calls-kit-name]').allTextContents()
    // Page 1 of 2 holds two tiles: yours, and — once heard — the talker instead of Bot 1.
    await page.getByText('1 / 2').waitFor()
    await waitFor(names, (shown) => shown.join() === 'Viewer,Talker', { timeoutMs: 20_000 })
    // Page 2 has the rest (the talker follows to whichever page is shown when it speaks again).
    await page.getByRole('button', { name: 'Next' }).click()
    const second = await names()
    expect(second).toHaveLength(2)
    expect(second).toContain('Bot 2')
    expect(second).not.toContain('Viewer')
    await page.context().close()
    await Promise.all([quiet.close(), loud.close()])
  })
})
