import { startCoreInChromium } from './coreInChromium'

/** Cost of pulling N tracks at once. */
export interface PullTracksResult {
  /** Tracks pulled in one tick. */
  tracks: number
  /** HTTP requests the pulls caused (app route). */
  requests: number
  /** From the `pull()` calls until every track has a decoded frame (ms), median over runs. */
  msToAllFrames: number
}

/**
 * Pull N tracks: page A publishes N video tracks (clones of the fake camera) through
 * `CallsSession`; page B, already in the room, calls `pull()` N times in one tick; we count the app
 * route's HTTP requests and time (in-page `performance.now`) until every pulled track decoded a
 * frame (`inbound-rtp.framesDecoded > 0` for each mid). Real Chromium, handler, local SFU.
 *
 * @param counts - N values. Defaults to `[1, 10]`.
 * @param runs - repetitions per N (a fresh subscriber each). Defaults to `3`.
 */
export async function runPullTracksBench(counts = [1, 10], runs = 3): Promise<PullTracksResult[]> {
  const { server, open, close } = await startCoreInChromium()
  const results: PullTracksResult[] = []
  try {
    const max = Math.max(...counts)
    const publisher = await open()
    const publisherId = await publisher.evaluate(async (n) => {
      const { CallsSession, RoomClient } = (window as any).CallsKit
      const session = new CallsSession({ rtcConfiguration: { iceServers: [] } })
      const rooms = new RoomClient({ getSessionToken: () => session.getSessionToken() })
      const camera = (
        await navigator.mediaDevices.getUserMedia({ video: true })
      ).getVideoTracks()[0] as MediaStreamTrack
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          session.push(i ? camera.clone() : camera, { trackName: `v${i}` }),
        ),
      )
      const tracks = Array.from({ length: n }, (_, i) => ({
        trackName: `v${i}`,
        kind: 'video',
        muted: false,
      }))
      await rooms.join('bench', session.sessionId, { name: 'pub', tracks })
      return session.sessionId as string
    }, max)
    for (const n of counts) {
      const times: number[] = []
      let requests = 0
      for (let run = 0; run < runs; run++) {
        const page = await open()
        await page.evaluate(async () => {
          const { CallsSession, RoomClient } = (window as any).CallsKit
          const session = new CallsSession({ rtcConfiguration: { iceServers: [] } })
          const rooms = new RoomClient({ getSessionToken: () => session.getSessionToken() })
          await session.connect()
          await rooms.join('bench', session.sessionId, { name: 'sub', tracks: [] })
          ;(window as any).session = session
        })
        server.requests.length = 0
        const ms = await page.evaluate(
          async ([id, n]) => {
            const session = (window as any).session
            const t0 = performance.now()
            await Promise.all(
              Array.from({ length: n }, (_, i) =>
                session.pull({ sessionId: id, trackName: `v${i}` }),
              ),
            )
            const pc = session.peerConnection as RTCPeerConnection
            for (;;) {
              let decoding = 0
              ;(await pc.getStats()).forEach((s: any) => {
                if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0)
                  decoding++
              })
              if (decoding >= n) return performance.now() - t0
              if (performance.now() - t0 > 30_000)
                throw new Error(`only ${decoding}/${n} decoding after 30 s`)
              await new Promise((r) => setTimeout(r, 10))
            }
          },
          [publisherId, n] as const,
        )
        requests = server.requests.length
        times.push(ms)
        await page.context().close()
      }
      times.sort((a, b) => a - b)
      results.push({
        tracks: n,
        requests,
        msToAllFrames: times[Math.floor(times.length / 2)] ?? Number.NaN,
      })
    }
  } finally {
    await close()
  }
  return results
}
