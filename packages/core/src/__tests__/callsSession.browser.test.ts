import { type LocalSfu, startLocalSfu } from '@calls-kit/local-sfu'
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
import { createCallsHandler } from '../server/createCallsHandler.js'

type Kit = typeof import('../index')
declare global {
  interface Window {
    CallsKit: Kit
    // Set by the page scripts below.
    t: Record<string, any>
  }
}

/** Real Chromium ↔ createCallsHandler ↔ real local SFU over real WebRTC. */
describe('CallsSession in Chromium', () => {
  let sfu: LocalSfu
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    sfu = await startLocalSfu({ port: 0 })
    server = await startTestServer({
      fetch: createCallsHandler({
        basePath: '/api/calls',
        apiBase: sfu.url,
        appId: 'local',
        appSecret: 'local-secret',
      }),
      globals: { CallsKit: '@calls-kit/core' },
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
    await page.waitForFunction(() => 'CallsKit' in window)
    await page.evaluate(() => {
      const { CallsSession, RoomClient } = window.CallsKit
      const session = new CallsSession({ rtcConfiguration: { iceServers: [] } })
      const rooms = new RoomClient({
        getSessionToken: (id?: string) => session.getSessionToken(id),
      })
      window.t = { session, rooms }
    })
    return page
  }

  /** Joins `room` publishing `count` video tracks (camera clones) and the mic; returns the sessionId. */
  function publish(page: Page, room: string, count: number): Promise<string> {
    return page.evaluate(
      async ([room, count]) => {
        const { session, rooms } = window.t
        const media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true })
        const camera = media.getVideoTracks()[0] as MediaStreamTrack
        const pushes = [session.push(media.getAudioTracks()[0], { trackName: 'mic' })]
        for (let i = 0; i < count; i++)
          pushes.push(session.push(i === 0 ? camera : camera.clone(), { trackName: `cam${i}` }))
        await Promise.all(pushes)
        const tracks = [
          { trackName: 'mic', kind: 'audio', muted: false },
          ...Array.from({ length: count }, (_, i) => ({
            trackName: `cam${i}`,
            kind: 'video',
            muted: false,
          })),
        ]
        await rooms.join(room, session.sessionId, { name: 'pub', tracks })
        return session.sessionId as string
      },
      [room, count] as const,
    )
  }

  it('should push audio+video from one session and pull them into another', async () => {
    const a = await openPage()
    const b = await openPage()
    const aId = await publish(a, 'av', 1)
    await b.evaluate(
      async ([aId]) => {
        const { session, rooms } = window.t
        await session.connect()
        await rooms.join('av', session.sessionId, { name: 'sub', tracks: [] })
        const tracks = await Promise.all([
          session.pull({ sessionId: aId, trackName: 'cam0' }),
          session.pull({ sessionId: aId, trackName: 'mic' }),
        ])
        const video = document.createElement('video')
        video.muted = true
        video.srcObject = new MediaStream(tracks)
        document.body.append(video)
        await video.play()
      },
      [aId] as const,
    )
    await waitFor(
      () => readInboundTotals(b, 'video'),
      (v) => v.framesDecoded > 10,
    )
    await waitFor(
      () => readInboundTotals(b, 'audio'),
      (v) => v.packetsReceived > 20,
    )
    await Promise.all([a.context().close(), b.context().close()])
  })

  it('should pull 10 tracks asked in one tick with exactly 2 HTTP requests, all decoding', async () => {
    const a = await openPage()
    const b = await openPage()
    const aId = await publish(a, 'ten', 10)
    await b.evaluate(async () => {
      const { session, rooms } = window.t
      await session.connect()
      await rooms.join('ten', session.sessionId, { name: 'sub', tracks: [] })
    })
    server.requests.length = 0
    const ms = await b.evaluate(
      async ([aId]) => {
        const t0 = performance.now()
        const tracks: MediaStreamTrack[] = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            window.t.session.pull({ sessionId: aId, trackName: `cam${i}` }),
          ),
        )
        window.t.pulled = tracks
        return performance.now() - t0
      },
      [aId] as const,
    )
    const pullRequests = server.requests.map(
      (r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/, ':id')}`,
    )
    expect(pullRequests).toEqual([
      'POST /api/calls/sessions/:id/tracks/new',
      'PUT /api/calls/sessions/:id/renegotiate',
    ])
    const frames = await waitFor(
      () =>
        b.evaluate(async () => {
          const pc = window.t.session.peerConnection as RTCPeerConnection
          const decoding = new Set<string>()
          ;(await pc.getStats()).forEach((s: any) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0)
              decoding.add(s.mid)
          })
          return decoding.size
        }),
      (n) => n === 10,
      { timeoutMs: 20_000 },
    )
    expect(frames).toBe(10)
    process.stdout.write(
      `[core] 10 pulls: ${pullRequests.length} HTTP requests, negotiated in ${ms.toFixed(0)} ms\n`,
    )
    await Promise.all([a.context().close(), b.context().close()])
  })

  it("should refuse another browser's close and renegotiate on a victim's session (403), and keep the victim's media flowing", async () => {
    const victim = await openPage()
    const viewer = await openPage()
    const victimId = await publish(victim, 'attack', 1)
    await viewer.evaluate(
      async ([victimId]) => {
        const { session, rooms } = window.t
        await session.connect()
        await rooms.join('attack', session.sessionId, { name: 'viewer', tracks: [] })
        await session.pull({ sessionId: victimId, trackName: 'cam0' })
      },
      [victimId] as const,
    )
    await waitFor(
      () => readInboundTotals(viewer, 'video'),
      (v) => v.framesDecoded > 5,
    )

    const attacker = await openPage()
    const statuses = await attacker.evaluate(
      async ([victimId]) => {
        await window.t.session.connect()
        const headers = {
          'content-type': 'application/json',
          'calls-session-token': window.t.session.getSessionToken(),
        }
        const attempts = [
          [
            'PUT',
            `/api/calls/sessions/${victimId}/tracks/close`,
            { tracks: [{ mid: '0' }, { mid: '1' }], force: true },
          ],
          [
            'PUT',
            `/api/calls/sessions/${victimId}/renegotiate`,
            { sessionDescription: { type: 'answer', sdp: 'v=0\r\n' } },
          ],
          [
            'PUT',
            `/api/calls/sessions/${victimId}/tracks/close`,
            { tracks: [{ mid: '0' }], force: true },
          ],
        ] as const
        const out: number[] = []
        for (const [method, path, body] of attempts) {
          out.push((await fetch(path, { method, headers, body: JSON.stringify(body) })).status)
          out.push(
            (
              await fetch(path, {
                method,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
              })
            ).status,
          )
        }
        return out
      },
      [victimId] as const,
    )
    expect(statuses).toEqual([403, 401, 403, 401, 403, 401])
    const before = await readInboundTotals(viewer, 'video')
    await waitFor(
      () => readInboundTotals(viewer, 'video'),
      (v) => v.framesDecoded > before.framesDecoded + 20,
    )
    await Promise.all([victim, viewer, attacker].map((p) => p.context().close()))
  })

  it('should recover a subscriber whose SFU session vanished: new session, same pulls, new tracks decoding', async () => {
    const a = await openPage()
    const b = await openPage()
    const aId = await publish(a, 'recover', 1)
    const bId = await b.evaluate(
      async ([aId]) => {
        const { session, rooms } = window.t
        const id: string = await session.connect()
        await rooms.join('recover', id, { name: 'sub', tracks: [] })
        // As CallsRoom does: re-join under the new sessionId before the session re-pulls.
        session.on('sessionchange', (next: string, previous: string) => {
          rooms.leave('recover', previous) // with the previous session's token: no ghost participant
          return rooms.join('recover', next, { name: 'sub', tracks: [] })
        })
        window.t.events = [] as string[]
        session.on('trackreplaced', (locator: { trackName: string }, track: MediaStreamTrack) => {
          window.t.events.push(`trackreplaced ${locator.trackName} ${track.kind}`)
          window.t.replaced = track
        })
        session.subscribe((s: { status: string }, p: { status: string }) => {
          if (s.status !== p.status) window.t.events.push(s.status)
        })
        await session.pull({ sessionId: aId, trackName: 'cam0' })
        return id
      },
      [aId] as const,
    )
    await waitFor(
      () => readInboundTotals(b, 'video'),
      (v) => v.framesDecoded > 5,
    )
    server.requests.length = 0
    const t0 = performance.now()
    expect(await sfu.sfu.dropSession(bId)).toBe(true)
    const events = await waitFor(
      () => b.evaluate(() => window.t.events as string[]),
      (e) => e.at(-1) === 'connected',
      { timeoutMs: 40_000 },
    )
    const recoveredMs = performance.now() - t0
    expect(events).toEqual(['reconnecting', 'trackreplaced cam0 video', 'connected'])
    expect(await b.evaluate(() => window.t.session.sessionId)).not.toBe(bId)
    // The new peer connection decodes the publisher's video again (the old one is closed and not counted).
    await waitFor(
      () => readInboundTotals(b, 'video'),
      (v) => v.framesDecoded > 5,
    )
    const paths = server.requests.map(
      (r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, ':id')} ${r.status}`,
    )
    expect(paths).toContain('POST /api/calls/sessions/new 201')
    expect(paths.filter((p) => / (401|403)$/.test(p))).toEqual([])
    const newId = await b.evaluate(() => window.t.session.sessionId as string)
    const roster = await b.evaluate(() => window.t.rooms.getRoster('recover'))
    expect(roster.participants.map((p: { sessionId: string }) => p.sessionId).sort()).toEqual(
      [aId, newId].sort(),
    )
    process.stdout.write(
      `[core] recovery after the SFU dropped a session: ${recoveredMs.toFixed(0)} ms, requests: ${paths.join(', ')}\n`,
    )
    await Promise.all([a.context().close(), b.context().close()])
  })
})
