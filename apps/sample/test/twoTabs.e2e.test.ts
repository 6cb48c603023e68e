import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  launchChromium,
  RECORD_PEER_CONNECTIONS,
  readInboundTotals,
  waitFor,
} from '@calls-kit/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSample, startSample } from '../server/startSample'

/** The main job: the sample as `pnpm dev` runs it, two isolated tabs in one room. */
describe('sample: two tabs in one room', () => {
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

  async function openTab(name: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 960, height: 600 } })
    const page = await context.newPage()
    await page.addInitScript(RECORD_PEER_CONNECTIONS)
    await page.goto(`${sample.url}?room=e2e&name=${name}`)
    // `?name=` pre-fills the form.
    expect(await page.getByLabel('Name').inputValue()).toBe(name)
    return page
  }

  /** `videoWidth` of the first remote tile's `<video>` (px), 0 when none is playing. */
  function remoteVideoWidth(page: Page): Promise<number> {
    return page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>(
        '[data-calls-kit-tile][data-local="false"] video',
      )
      return video?.videoWidth ?? 0
    })
  }

  function remoteTileCount(page: Page): Promise<number> {
    return page.locator('[data-calls-kit-tile][data-local="false"]').count()
  }

  it('should let each tab see and hear the other, and drop the tile of one who leaves', async () => {
    const alice = await openTab('Alice')
    const bob = await openTab('Bob')
    const joinedAt = Date.now()
    await alice.getByRole('button', { name: 'Join' }).click()
    await bob.getByRole('button', { name: 'Join' }).click()

    for (const [page, other] of [
      [alice, 'Bob'],
      [bob, 'Alice'],
    ] as const) {
      await waitFor(
        () => remoteVideoWidth(page),
        (w) => w > 0,
        { timeoutMs: 20_000 },
      )
      await page
        .locator('[data-calls-kit-tile][data-local="false"]')
        .getByText(other)
        .waitFor({ state: 'visible', timeout: 5_000 })
    }
    const firstFrameMs = Date.now() - joinedAt

    // Frames keep being decoded and audio packets keep arriving on both sides.
    for (const page of [alice, bob]) {
      const video0 = await readInboundTotals(page, 'video')
      const audio0 = await readInboundTotals(page, 'audio')
      await waitFor(
        () => readInboundTotals(page, 'video'),
        (v) => v.framesDecoded > video0.framesDecoded + 10,
      )
      await waitFor(
        () => readInboundTotals(page, 'audio'),
        (a) => a.packetsReceived > audio0.packetsReceived + 20,
      )
    }

    // `UPDATE_SCREENSHOTS=1 pnpm test` refreshes the README's screenshots in docs/.
    const shots = process.env.UPDATE_SCREENSHOTS
      ? fileURLToPath(new URL('../../../docs/', import.meta.url))
      : join(tmpdir(), 'calls-kit-e2e/')
    mkdirSync(shots, { recursive: true })
    await alice.screenshot({ path: `${shots}screenshot-alice.png` })
    await bob.screenshot({ path: `${shots}screenshot-bob.png` })

    // Bob leaves: Alice's grid drops his tile within 2 s.
    await bob.getByRole('button', { name: 'Leave' }).click()
    const leftAt = Date.now()
    await waitFor(
      () => remoteTileCount(alice),
      (n) => n === 0,
      { timeoutMs: 2_000, intervalMs: 50 },
    )
    const dropMs = Date.now() - leftAt

    // Bob is back, then closes his tab: the page leaves on its way out (pagehide), so Alice's
    // tile goes at once — not after the 30 s heartbeat timeout — and the SFU stops forwarding
    // Alice's media to him.
    await bob.getByRole('button', { name: 'Join' }).click()
    await waitFor(
      () => remoteVideoWidth(bob),
      (w) => w > 0,
      { timeoutMs: 10_000 },
    )
    await waitFor(
      () => remoteTileCount(alice),
      (n) => n === 1,
    )
    const aliceId = await alice
      .locator('[data-calls-kit-tile][data-local="true"]')
      .getAttribute('data-session-id')
    const subscribers = () =>
      [...(sample.sfu?.sfu.getSession('local', aliceId ?? '').published.values() ?? [])].reduce(
        (n, t) => n + t.subscriptions.size,
        0,
      )
    await waitFor(
      async () => subscribers(),
      (n) => n === 2,
    ) // Bob pulls camera + microphone
    const closedAt = Date.now()
    await bob.close()
    await waitFor(
      () => remoteTileCount(alice),
      (n) => n === 0,
      { timeoutMs: 3_000, intervalMs: 50 },
    )
    const closeDropMs = Date.now() - closedAt
    await waitFor(
      async () => subscribers(),
      (n) => n === 0,
      { timeoutMs: 3_000, intervalMs: 50 },
    )

    process.stdout.write(
      `[e2e] join→first remote frame on both tabs: ${firstFrameMs} ms; tile dropped ${dropMs} ms after Leave, ${closeDropMs} ms after closing the tab\n`,
    )
    await alice.context().close()
    await bob.context().close()
  })
})
