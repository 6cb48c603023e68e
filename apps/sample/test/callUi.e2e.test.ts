import {
  launchChromium,
  RECORD_PEER_CONNECTIONS,
  readInboundTotals,
  waitFor,
} from '@calls-kit/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSample, startSample } from '../server/startSample'

/**
 * Device hooks for tests. Chromium's fake cameras cannot be unplugged, so a test unplugs one by
 * hiding it from `enumerateDevices()`, ending its live tracks and firing `devicechange` (what the
 * browser does on a real unplug, W3C Media Capture §9.4): `window.__setPlugged(label, plugged)`.
 * Every track `getUserMedia` opens is kept in `window.__openedTracks`, to tell whether a device is
 * released.
 * Headless Chromium shows no "Stop sharing" bar: `window.__endScreenShare()` ends the shared tracks
 * as the user agent does (track ended, `ended` fired — W3C Media Capture §4.3.1.1).
 */
const DEVICE_HOOKS = `(() => {
  const media = navigator.mediaDevices
  if (!media) return
  const hidden = new Set()
  const enumerate = media.enumerateDevices.bind(media)
  media.enumerateDevices = async () => (await enumerate()).filter((d) => !hidden.has(d.label))
  window.__setPlugged = (label, plugged) => {
    if (plugged) hidden.delete(label)
    else {
      hidden.add(label)
      // A device pulled out ends its live tracks (the user agent ends them and fires 'ended').
      for (const t of window.__openedTracks)
        if (t.label === label && t.readyState === 'live') {
          t.stop()
          t.dispatchEvent(new Event('ended'))
        }
    }
    media.dispatchEvent(new Event('devicechange'))
  }
  window.__openedTracks = []
  const getUserMedia = media.getUserMedia.bind(media)
  media.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints)
    window.__openedTracks.push(...stream.getTracks())
    return stream
  }
  const getDisplayMedia = media.getDisplayMedia.bind(media)
  let screen = []
  media.getDisplayMedia = async (constraints) => {
    const stream = await getDisplayMedia(constraints)
    screen = stream.getTracks()
    return stream
  }
  // What the browser's own "Stop sharing" does: the user agent ends the tracks, which fire 'ended'.
  window.__endScreenShare = () => {
    for (const t of screen) {
      t.stop()
      t.dispatchEvent(new Event('ended'))
    }
  }
})()`

/**
 * The call UI of issue 5 in real Chromium: fake cameras, fake mic beeps, fake screen.
 * Three fake cameras, because Chromium's second fake camera (`fake_device_1`) outputs Y16 — a depth
 * format the video encoder never sends (media/capture/video/fake_video_capture_device_factory.h);
 * the third (`fake_device_2`, MJPEG) is an ordinary camera.
 */
describe('sample: call UI', () => {
  let sample: RunningSample
  let browser: Browser
  let alice: Page
  let bob: Page
  /** Negotiating requests (tracks/new, renegotiate) each page made. */
  const negotiations = new Map<Page, number>()
  /** The mid of Alice's camera transceiver (camera and mic start in either order, so 0 or 1). */
  let cameraMid = ''

  async function openTab(name: string): Promise<Page> {
    const page = await (
      await browser.newContext({ viewport: { width: 1000, height: 700 } })
    ).newPage()
    await page.addInitScript(RECORD_PEER_CONNECTIONS)
    await page.addInitScript(DEVICE_HOOKS)
    negotiations.set(page, 0)
    page.on('request', (r) => {
      if (/\/(tracks\/new|renegotiate)$/.test(new URL(r.url()).pathname))
        negotiations.set(page, (negotiations.get(page) ?? 0) + 1)
    })
    await page.goto(`${sample.url}?room=ui&name=${name}`)
    await page.getByRole('button', { name: 'Join' }).click()
    await page.locator('[data-calls-kit-tile][data-local="true"]').waitFor()
    return page
  }

  const remoteTile = (page: Page, name: string) =>
    page
      .locator('[data-calls-kit-tile][data-local="false"]:not([data-source="screen"])')
      .filter({ hasText: name })

  /** Frames decoded per second on `page` over `ms`. */
  async function fps(page: Page, ms = 2000): Promise<number> {
    const a = await readInboundTotals(page, 'video')
    await page.waitForTimeout(ms)
    const b = await readInboundTotals(page, 'video')
    return ((b.framesDecoded - a.framesDecoded) * 1000) / ms
  }

  beforeAll(async () => {
    sample = await startSample({ port: 0, sfuPort: 0 })
    browser = await launchChromium({ args: ['--use-fake-device-for-media-stream=device-count=3'] })
    alice = await openTab('Alice')
    bob = await openTab('Bob')
    await waitFor(
      () => readInboundTotals(bob, 'video'),
      (v) => v.framesDecoded > 10,
      { timeoutMs: 20_000 },
    )
    await waitFor(
      () => readInboundTotals(alice, 'video'),
      (v) => v.framesDecoded > 10,
      { timeoutMs: 20_000 },
    )
    cameraMid = (await videoSenders(alice))[0]?.split(':')[0] ?? ''
    expect(cameraMid).toMatch(/^\d+$/)
  })
  afterAll(async () => {
    await browser?.close()
    await sample?.close()
  })

  /** `mid:label` of every video sender of `page`'s open peer connections. */
  const videoSenders = (page: Page): Promise<string[]> =>
    page.evaluate(() =>
      (window as any).__callsKitPeerConnections
        .filter((pc: RTCPeerConnection) => pc.connectionState !== 'closed')
        .flatMap((pc: RTCPeerConnection) =>
          pc
            .getTransceivers()
            .filter((t) => t.sender.track?.kind === 'video')
            .map((t) => `${t.mid}:${t.sender.track?.label}`),
        ),
    )

  /** Labels of the live camera tracks `page` opened (see DEVICE_HOOKS). */
  const liveCameras = (page: Page): Promise<string[]> =>
    page.evaluate(() =>
      (window as any).__openedTracks
        .filter((t: MediaStreamTrack) => t.kind === 'video' && t.readyState === 'live')
        .map((t: MediaStreamTrack) => t.label),
    )

  it('should release the camera on camera off and stop frames at the receiver, without a new negotiation', async () => {
    const before = negotiations.get(alice)
    expect(await fps(bob)).toBeGreaterThan(10)
    expect(await liveCameras(alice)).toEqual(['fake_device_0'])
    await alice.getByRole('button', { name: 'Camera on' }).click()
    await remoteTile(bob, 'Alice')
      .and(bob.locator('[data-has-video="false"]'))
      .waitFor({ timeout: 5000 })
    expect(await liveCameras(alice)).toEqual([]) // the device is released: its light goes off
    expect(await videoSenders(alice)).toEqual([]) // the sender carries nothing
    await bob.waitForTimeout(500)
    expect(await fps(bob)).toBeLessThan(1)
    await alice.getByRole('button', { name: 'Camera off' }).click()
    await waitFor(
      () => fps(bob, 1000),
      (f) => f > 10,
      { timeoutMs: 10_000 },
    )
    expect(await liveCameras(alice)).toEqual(['fake_device_0'])
    expect(await videoSenders(alice)).toEqual([`${cameraMid}:fake_device_0`])
    expect(negotiations.get(alice)).toBe(before)
  })

  it('should show a mic mute to the other page and stop the audio packets, without a new negotiation', async () => {
    const before = negotiations.get(alice)
    const aliceTile = remoteTile(bob, 'Alice')
    await aliceTile.and(bob.locator('[data-muted="false"]')).waitFor()
    const audioRate = async (ms = 2000) => {
      const a = (await readInboundTotals(bob, 'audio')).packetsReceived
      await bob.waitForTimeout(ms)
      return (((await readInboundTotals(bob, 'audio')).packetsReceived - a) * 1000) / ms
    }
    expect(await audioRate(1000)).toBeGreaterThan(25) // Opus: 50 packets/s of 20 ms
    await alice.getByRole('button', { name: 'Mic on' }).click()
    await aliceTile.and(bob.locator('[data-muted="true"]')).waitFor({ timeout: 5000 })
    await bob.waitForTimeout(300)
    expect(await audioRate()).toBeLessThan(2)
    await alice.getByRole('button', { name: 'Mic off' }).click()
    await aliceTile.and(bob.locator('[data-muted="false"]')).waitFor({ timeout: 5000 })
    await waitFor(
      () => audioRate(1000),
      (r) => r > 25,
      { timeoutMs: 10_000 },
    )
    expect(negotiations.get(alice)).toBe(before)
  })

  it('should play the other page on the speaker chosen in the menu, and remember the choice', async () => {
    const before = negotiations.get(bob)
    const outputId = (label: string) =>
      bob.evaluate(
        async (l) =>
          (await navigator.mediaDevices.enumerateDevices()).find(
            (d) => d.kind === 'audiooutput' && d.label === l,
          )?.deviceId,
        label,
      )
    const chosen = await outputId('Fake Audio Output 2')
    expect(chosen).toMatch(/^[0-9a-f]{16,}$/)
    const remoteAudio = () =>
      bob.evaluate(() =>
        [...document.querySelectorAll<HTMLAudioElement>('audio[data-calls-kit-audio]')].map(
          (a) => ({ sinkId: a.sinkId, playing: !a.paused && a.srcObject !== null }),
        ),
      )
    expect((await remoteAudio())[0]?.sinkId).not.toBe(chosen)
    await bob.getByLabel('Speaker').selectOption({ label: 'Fake Audio Output 2' })
    await waitFor(remoteAudio, (a) => a.length > 0 && a.every((x) => x.sinkId === chosen))
    expect((await remoteAudio()).every((x) => x.playing)).toBe(true)
    const packets = (await readInboundTotals(bob, 'audio')).packetsReceived
    await waitFor(
      () => readInboundTotals(bob, 'audio'),
      (v) => v.packetsReceived > packets + 25,
    )
    expect(negotiations.get(bob)).toBe(before)
    // Remembered (localStorage): another tab of the same profile shows it in the pre-join menu,
    // next to a mic check that moves with the fake mic's beeps.
    const again = await bob.context().newPage()
    await again.goto(`${sample.url}?room=ui-prejoin&name=Bob`)
    await waitFor(
      () => again.getByLabel('Speaker').inputValue(),
      (v) => v === chosen,
    )
    await waitFor(
      () => again.getByLabel('Microphone level').evaluate((m: HTMLMeterElement) => m.value),
      (level) => level > 0.01,
    )
    await again.close()
  })

  it('should receive the simulcast layer that fits the tile as it is resized or scrolled away, without renegotiating', async () => {
    // Alice's 640×480 camera publishes h/m/l (640/320/160 px); Chromium encodes h and m of it (the
    // SFU would forward the nearest flowing layer for l).
    // Both layers Chromium encodes keep flowing after the SFU's renegotiations (each pull is one):
    // an SFU offer without `a=simulcast:recv` would have paused all but h.
    const sentPerLayer = () =>
      alice.evaluate(async () => {
        const sent: Record<string, number> = {}
        for (const pc of (window as any).__callsKitPeerConnections as RTCPeerConnection[]) {
          if (pc.connectionState === 'closed') continue
          ;(await pc.getStats()).forEach((s: any) => {
            if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid && s.active)
              sent[s.rid] = s.packetsSent
          })
        }
        return sent
      })
    const start = await sentPerLayer()
    await waitFor(sentPerLayer, (now) =>
      ['h', 'm'].every((rid) => (now[rid] ?? 0) > (start[rid] ?? 0) + 20),
    )
    const tile = remoteTile(bob, 'Alice').locator('video')
    const aliceId = await alice
      .locator('[data-calls-kit-tile][data-local="true"]')
      .getAttribute('data-session-id')
    const preferred = () =>
      [
        ...(sample.sfu?.sfu.getSession('local', aliceId ?? '').published.get('camera')
          ?.subscriptions ?? []),
      ].map((s) => s.preferredRid)
    let updates = 0
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname.endsWith('/tracks/update')) updates++
    }
    bob.on('request', onRequest)
    const before = negotiations.get(bob)
    const seen = new Set<string>()
    try {
      for (const width of [760, 330, 760]) {
        await bob.setViewportSize({ width, height: 700 })
        await bob.waitForTimeout(200) // layout, then ResizeObserver
        const px = await tile.evaluate((v: HTMLVideoElement) => v.clientWidth)
        const rid = px > 320 ? 'h' : 'm' // the smallest layer at least as wide as the tile
        seen.add(rid)
        await waitFor(
          async () => preferred(),
          (p) => p.length === 1 && p[0] === rid,
          { timeoutMs: 5000 },
        )
        // What arrives is that layer: 640 px for h, 320 px for m.
        await waitFor(
          () => tile.evaluate((v: HTMLVideoElement) => v.videoWidth),
          (w) => w === (rid === 'h' ? 640 : 320),
          { timeoutMs: 10_000 },
        )
        await framesFlow(bob)
      }
      // Scrolled out of view, the tile asks for the smallest layer (l; the SFU forwards the
      // nearest one that flows), and for its size again once back in view.
      const inView = await tile.evaluate((v: HTMLVideoElement) => (v.clientWidth > 320 ? 'h' : 'm'))
      await bob.evaluate(() => {
        ;(document.querySelector('main') as HTMLElement).style.paddingTop = '3000px'
      })
      await waitFor(
        async () => preferred(),
        (p) => p[0] === 'l',
        { timeoutMs: 5000 },
      )
      await bob.evaluate(() => {
        ;(document.querySelector('main') as HTMLElement).style.paddingTop = ''
      })
      await waitFor(
        async () => preferred(),
        (p) => p[0] === inView,
        { timeoutMs: 5000 },
      )
    } finally {
      bob.off('request', onRequest)
      await bob.setViewportSize({ width: 1000, height: 700 })
    }
    expect([...seen].sort()).toEqual(['h', 'm']) // the sizes tried straddle the m layer's 320 px
    expect(updates).toBeGreaterThanOrEqual(2)
    expect(negotiations.get(bob)).toBe(before)
  })

  /** Waits until `page` has decoded `n` more video frames. */
  async function framesFlow(page: Page, n = 20): Promise<void> {
    const decoded = (await readInboundTotals(page, 'video')).framesDecoded
    await waitFor(
      () => readInboundTotals(page, 'video'),
      (v) => v.framesDecoded > decoded + n,
    )
  }

  it('should switch camera on the same transceiver (replaceTrack, no renegotiation) and remember it', async () => {
    const before = negotiations.get(alice)
    expect(await videoSenders(alice)).toEqual([`${cameraMid}:fake_device_0`])
    await alice.getByLabel('Camera').selectOption({ label: 'fake_device_2' })
    await waitFor(
      () => videoSenders(alice),
      (s) => s[0] === `${cameraMid}:fake_device_2`,
    )
    await framesFlow(bob)
    expect(negotiations.get(alice)).toBe(before)
    // The choice persists (localStorage): a new tab of the same profile opens the chosen camera.
    const again = await alice.context().newPage()
    await again.goto(`${sample.url}?room=ui-prejoin&name=Alice`)
    const opened = () =>
      again
        .locator('video')
        .first()
        .evaluate(
          (v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label,
        )
    await waitFor(opened, (label) => label !== undefined)
    expect(await opened()).toBe('fake_device_2')
    await again.close()
  })

  it('should fall back to another camera when the one in use is unplugged, and return when it is back', async () => {
    const before = negotiations.get(alice)
    expect(await videoSenders(alice)).toEqual([`${cameraMid}:fake_device_2`])
    await alice.evaluate(() => (window as any).__setPlugged('fake_device_2', false))
    await waitFor(
      () => videoSenders(alice),
      (s) => s[0] === `${cameraMid}:fake_device_0`,
    )
    await framesFlow(bob)
    await alice.evaluate(() => (window as any).__setPlugged('fake_device_2', true))
    await waitFor(
      () => videoSenders(alice),
      (s) => s[0] === `${cameraMid}:fake_device_2`,
    )
    await framesFlow(bob)
    expect(negotiations.get(alice)).toBe(before)
  })

  it('should rate the quality of each tile: good on loopback, poor at 20 % loss (down, then up), good again', async () => {
    const aliceTile = remoteTile(bob, 'Alice')
    await aliceTile.and(bob.locator('[data-quality="good"]')).waitFor({ timeout: 10_000 })
    await bob
      .locator('[data-calls-kit-tile][data-local="true"][data-quality="good"]')
      .waitFor({ timeout: 10_000 })
    const bobSession = await bob
      .locator('[data-calls-kit-tile][data-local="true"]')
      .getAttribute('data-session-id')
    expect(sample.sfu?.sfu.setDownlinkLoss(bobSession ?? '', 0.2)).toBe(true)
    try {
      await aliceTile.and(bob.locator('[data-quality="poor"]')).waitFor({ timeout: 10_000 })
    } finally {
      sample.sfu?.sfu.setDownlinkLoss(bobSession ?? '', 0)
    }
    await aliceTile.and(bob.locator('[data-quality="good"]')).waitFor({ timeout: 10_000 })
    // A lossy uplink: Alice learns it from the SFU's receiver reports (remote-inbound-rtp), so her
    // own tile turns poor too, and comes back.
    const aliceOwnTile = alice.locator('[data-calls-kit-tile][data-local="true"]')
    const aliceSession = await aliceOwnTile.getAttribute('data-session-id')
    await aliceOwnTile.and(alice.locator('[data-quality="good"]')).waitFor({ timeout: 10_000 })
    expect(sample.sfu?.sfu.setUplinkLoss(aliceSession ?? '', 0.2)).toBe(true)
    try {
      await aliceOwnTile.and(alice.locator('[data-quality="poor"]')).waitFor({ timeout: 10_000 })
    } finally {
      sample.sfu?.sfu.setUplinkLoss(aliceSession ?? '', 0)
    }
    await aliceOwnTile.and(alice.locator('[data-quality="good"]')).waitFor({ timeout: 10_000 })
  })

  it('should show a screen share as its own tile on the other page, pinned large, and drop it when sharing stops', async () => {
    await alice.getByRole('button', { name: 'Share screen' }).click()
    const tile = bob.locator('[data-calls-kit-tile][data-source="screen"]')
    await tile.waitFor({ timeout: 10_000 })
    const width = await waitFor(
      () => tile.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth),
      (w) => w > 0,
      { timeoutMs: 15_000 },
    )
    expect(width).toBeGreaterThan(640) // the fake screen is 1280×720, the camera 640×480
    await expect(tile.getByText('Alice (screen)').count()).resolves.toBe(1)
    // Pinned on arrival: first and large on Bob's page; Unpin puts it back among the others.
    expect(await tile.getAttribute('data-focused')).toBe('true')
    expect(await bob.locator('[data-calls-kit-grid]').getAttribute('data-layout')).toBe('focus')
    const firstWidth = () =>
      bob
        .locator('[data-calls-kit-tile]')
        .first()
        .evaluate((t) => t.clientWidth)
    const pinnedWidth = await firstWidth()
    await tile.getByRole('button', { name: 'Unpin Alice (screen)' }).click()
    expect(await bob.locator('[data-calls-kit-grid]').getAttribute('data-layout')).toBe('grid')
    expect(await firstWidth()).toBeLessThan(pinnedWidth)
    await alice.getByRole('button', { name: 'Stop sharing' }).click()
    await tile.waitFor({ state: 'detached', timeout: 5000 })
    // Ended from the browser's own UI: unpublished too, and the button is back to "Share screen".
    await alice.getByRole('button', { name: 'Share screen' }).click()
    await tile.waitFor({ timeout: 10_000 })
    await alice.evaluate(() => (window as any).__endScreenShare())
    await tile.waitFor({ state: 'detached', timeout: 5000 })
    await alice.getByRole('button', { name: 'Share screen' }).waitFor({ timeout: 2000 })
  })

  it('should carry chat, reactions and a raised hand to the other page, under the sender’s roster name, with media untouched', async () => {
    const before = negotiations.get(alice)
    // Alice writes while Bob's panel is closed: his Chat button counts it.
    await alice.getByRole('button', { name: /^Chat/ }).click()
    const field = alice.getByLabel('Chat message')
    await field.fill('hello Bob')
    await field.press('Enter')
    await alice
      .locator('[data-calls-kit-chat-message][data-mine="true"]')
      .filter({ hasText: 'hello Bob' })
      .waitFor()
    await bob.getByRole('button', { name: 'Chat (1)' }).waitFor()
    await bob.getByRole('button', { name: /^Chat/ }).click()
    const received = bob.locator('[data-calls-kit-chat-message][data-mine="false"]')
    await received.filter({ hasText: 'hello Bob' }).waitFor()
    expect(await received.locator('strong').allTextContents()).toEqual(['Alice'])
    // A reaction shows on both pages, named by the roster.
    await bob.getByRole('button', { name: 'React 🎉' }).click()
    await alice.getByRole('log', { name: 'Reactions' }).getByText('Bob 🎉').waitFor()
    await bob.getByRole('log', { name: 'Reactions' }).getByText('You 🎉').waitFor()
    // A raised hand is roster state (participant metadata): the other page lists it until lowered.
    await alice.getByRole('button', { name: 'Raise hand' }).click()
    const hands = bob.getByRole('status', { name: 'Raised hands' })
    await hands.getByText('✋ Alice').waitFor()
    await alice.getByRole('button', { name: 'Lower hand' }).click()
    await hands.waitFor({ state: 'detached' })
    await framesFlow(bob)
    expect(negotiations.get(alice)).toBe(before)
    await alice.getByRole('button', { name: /^Chat/ }).click()
    await bob.getByRole('button', { name: /^Chat/ }).click()
  })

  it('should highlight the speaking participant on the other page', async () => {
    // Chromium's fake microphone beeps once a second.
    await remoteTile(bob, 'Alice')
      .and(bob.locator('[data-speaking="true"]'))
      .waitFor({ timeout: 10_000 })
  })

  it('should go reconnecting → connected after the SFU drops the session, and media flows again', async () => {
    const aliceSession = await alice
      .locator('[data-calls-kit-tile][data-local="true"]')
      .getAttribute('data-session-id')
    expect(await sample.sfu?.sfu.dropSession(aliceSession ?? '')).toBe(true)
    await alice.locator(`[data-connection-state="reconnecting"]`).waitFor({ timeout: 25_000 })
    await alice.locator('[data-connection-state="connected"]').waitFor({ timeout: 25_000 })
    const newSession = await alice
      .locator('[data-calls-kit-tile][data-local="true"]')
      .getAttribute('data-session-id')
    expect(newSession).not.toBe(aliceSession)
    // Bob sees Alice's new session's video, Alice sees Bob again.
    await remoteTile(bob, 'Alice')
      .and(bob.locator(`[data-session-id="${newSession}"][data-has-video="true"]`))
      .waitFor({ timeout: 25_000 })
    // Frames keep being painted in the tiles each user sees (the new session's on Bob's page).
    for (const [page, name] of [
      [bob, 'Alice'],
      [alice, 'Bob'],
    ] as const) {
      const painted = () =>
        remoteTile(page, name)
          .locator('video')
          .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames)
      const start = await painted()
      await waitFor(painted, (n) => n > start + 20, { timeoutMs: 15_000 })
    }
  })
})
