'use client'
import { type RemoteTrackState, type TrackLocator, trackKey } from '@calls-kit/core'
import { useEffect } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/** Result of {@link useRemoteTrack}. */
export interface UseRemoteTrackResult {
  /** The received track (may stay muted until its first packet). */
  track: MediaStreamTrack | undefined
  /** `idle` without a locator, `pulling`, `ready`, or `error`. */
  status: RemoteTrackState['status'] | 'idle'
  /** Why the pull failed (`CallsApiError`, e.g. 404 `not_found` or 403 `forbidden`). */
  error: Error | undefined
}

/**
 * Pulls another participant's track while mounted; components asking for the same locator share
 * one pull, and the last one to unmount closes it. Recovery after a network failure swaps in the
 * new track by itself.
 * @param locator - `{sessionId, trackName}` from the roster; `undefined` pulls nothing.
 * @example
 * const { track } = useRemoteTrack({ sessionId, trackName: 'camera' })
 */
export function useRemoteTrack(locator: TrackLocator | undefined): UseRemoteTrackResult {
  const room = useCallsRoom()
  const sessionId = locator?.sessionId
  const trackName = locator?.trackName
  const joined = useCallsStore((s) => s.joinState === 'joined')

  useEffect(() => {
    if (!sessionId || !trackName || !joined) return
    const target = { sessionId, trackName }
    room.acquireRemoteTrack(target)
    return () => room.releaseRemoteTrack(target)
  }, [room, sessionId, trackName, joined])

  return useCallsStore((s) => {
    const entry = locator ? s.remote[trackKey(locator)] : undefined
    return { track: entry?.track, status: entry?.status ?? 'idle', error: entry?.error }
  })
}
