import { launchChromium } from '@calls-kit/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSample, startSample } from '../server/startSample'

/**
 * Joins without a user gesture: the page submits its own form from a timer. Playwright's clicks,
 * locators and `evaluate` calls count as user activation (HTML §6.4.1), so the page is only
 * watched passively: it reports on the console whether its remote audio started playing or the
 * unlock button appeared, whichever comes first.
 */
const JOIN_WITHOUT_GESTURE = `(() => {
  const timer = setInterval(() => {
    const form = document.querySelector('form')
    const button = form && form.querySelector('button[type=submit]')
    if (!button || button.disabled) return
    clearInterval(timer)
    form.requestSubmit()
  }, 100)
  document.addEventListener('playing', (e) => {
    if (e.target.matches('audio[data-calls-kit-audio]')) console.log('autoplay: playing')
  }, true)
  new MutationObserver(() => {
    if (document.querySelector('[data-calls-kit-audio-unlock]')) console.log('autoplay: unlock shown')
  }).observe(document, { childList: true, subtree: true })
})()`

/** `<RoomAudio>` under a browser that blocks autoplay until the user interacts with the page. */
describe('sample: autoplay', () => {
  let sample: RunningSample
  let browser: Browser

  beforeAll(async () => {
    sample = await startSample({ port: 0, sfuPort: 0 })
    // Appended after CHROMIUM_ARGS' `no-user-gesture-required`: the last value of a switch wins.
    browser = await launchChromium({ args: ['--autoplay-policy=user-gesture-required'] })
  })
  afterAll(async () => {
    await browser?.close()
    await sample?.close()
  })

  async function open(name: string): Promise<Page> {
    return (await browser.newContext()).newPage().then(async (page) => {
      await page.goto(`${sample.url}?room=autoplay&name=${name}`)
      return page
    })
  }

  it('should offer a one-click unlock when play() is blocked, and play the audio after the click', async () => {
    const alice = await open('Alice')
    await alice.getByRole('button', { name: 'Join' }).click()
    const bob = await (await browser.newContext()).newPage()
    await bob.addInitScript(JOIN_WITHOUT_GESTURE)
    await bob.goto(`${sample.url}?room=autoplay&name=Bob`)
    const first = await bob.waitForEvent('console', {
      predicate: (m) => m.text().startsWith('autoplay: '),
      timeout: 20_000,
    })
    expect(first.text()).toBe('autoplay: unlock shown')
    const unlock = bob.locator('[data-calls-kit-audio-unlock]')
    const paused = () =>
      bob.evaluate(() =>
        [...document.querySelectorAll<HTMLAudioElement>('audio[data-calls-kit-audio]')].map(
          (a) => a.paused,
        ),
      )
    expect(await paused()).toEqual([true])
    await unlock.click()
    await unlock.waitFor({ state: 'detached' })
    expect(await paused()).toEqual([false])
    await alice.context().close()
    await bob.context().close()
  })
})
