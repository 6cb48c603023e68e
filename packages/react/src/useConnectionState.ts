'use client'
import {
  type CallsSessionStatus,
  type ConnectionStats,
  computeConnectionStats,
  type StatsSample,
  sampleStats,
} from '@calls-kit/core'
import { useEffect, useState } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/**
 * Connection state as a call UI shows it: the session's lifecycle values, with `connected` only
 * once the media transport is up (see {@link useConnectionState}).
 */
export type ConnectionState = CallsSessionStatus

/**
 * The call's connection state: `connecting` until media flows (session created and ICE/DTLS up,
 * or no media yet), `connected`, `reconnecting` while an ICE restart or a new session is under way,
 * `failed` when recovery gave up, `idle`/`closed` outside a call.
 * @example
 * const state = useConnectionState()
 * {state === 'reconnecting' && <Banner>Reconnecting…</Banner>}
 */
export function useConnectionState(): ConnectionState {
  return useCallsStore((s) => {
    const { status, connectionState } = s.session
    if (
      status === 'idle' ||
      status === 'closed' ||
      status === 'failed' ||
      status === 'reconnecting'
    )
      return status
    if (status === 'connecting') return 'connecting'
    if (connectionState === 'connected' || connectionState === 'new') return 'connected'
    if (connectionState === 'failed' || connectionState === 'disconnected') return 'reconnecting'
    return 'connecting'
  })
}

/**
 * Connection quality from `getStats()` every `intervalMs` (default 2000 ms): send/receive bitrate
 * (kbps), inbound packet loss (%), RTT (ms), and a `good`/`fair`/`poor` rating.
 * @returns `undefined` until two samples exist.
 * @example
 * const stats = useConnectionStats()
 * stats && `${stats.receiveKbps.toFixed(0)} kbps`
 */
export function useConnectionStats(intervalMs = 2000): ConnectionStats | undefined {
  const room = useCallsRoom()
  const [stats, setStats] = useState<ConnectionStats>()
  useEffect(() => {
    let previous: StatsSample | undefined
    let live = true
    const timer = setInterval(async () => {
      const pc = room.session.peerConnection
      if (!pc) return
      const sample = sampleStats(await pc.getStats(), performance.now())
      if (live && previous) setStats(computeConnectionStats(previous, sample))
      previous = sample
    }, intervalMs)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [room, intervalMs])
  return stats
}
