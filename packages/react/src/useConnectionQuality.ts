'use client'
import {
  type ConnectionStats,
  computeConnectionStats,
  type StatsSample,
  sampleStats,
} from '@calls-kit/core'
import { useEffect, useState } from 'react'
import { useMaybeCallsRoom } from './callsContext.js'

/**
 * A `good`/`fair`/`poor` rating for a tile's quality badge (`<VideoTile quality>`): of one track's
 * RTP stream when `track` is given (`RTCPeerConnection.getStats(track)`, W3C webrtc-pc §8.2 — the
 * receiver of a pulled track or the sender of a pushed one), else of the whole connection. Rated
 * from the packet loss (%) and the RTT (ms) over each `intervalMs` like `useConnectionStats`:
 * `good` below 2 % and 300 ms, `fair` below 8 % and 600 ms, else `poor`.
 * Re-renders only when the rating changes, so every tile can use it.
 * @param track - a track of this call's peer connection; another track, or none in a call, gives `undefined`.
 * @param intervalMs - sampling interval (ms). Defaults to 2000.
 * @returns `undefined` outside a call and until two samples exist.
 * @example
 * const quality = useConnectionQuality(track)
 * <VideoTile track={track} quality={quality} />
 */
export function useConnectionQuality(
  track?: MediaStreamTrack | null,
  intervalMs = 2000,
): ConnectionStats['quality'] | undefined {
  const room = useMaybeCallsRoom()
  const [quality, setQuality] = useState<ConnectionStats['quality']>()
  useEffect(() => {
    if (!room) return
    let previous: StatsSample | undefined
    let live = true
    const timer = setInterval(async () => {
      const pc = room.session.peerConnection
      if (!pc || pc.connectionState === 'closed') return
      let report: RTCStatsReport
      try {
        report = await pc.getStats(track ?? null)
      } catch {
        // InvalidAccessError: the track is not (or no longer) on this connection.
        previous = undefined
        if (live) setQuality(undefined)
        return
      }
      const sample = sampleStats(report, performance.now())
      if (live && previous) setQuality(computeConnectionStats(previous, sample).quality)
      previous = sample
    }, intervalMs)
    return () => {
      live = false
      clearInterval(timer)
      setQuality(undefined)
    }
  }, [room, track, intervalMs])
  return quality
}
