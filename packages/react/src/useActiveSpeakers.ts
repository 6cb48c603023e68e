'use client'
import { ActiveSpeakers, type ActiveSpeakersOptions, trackKey } from '@calls-kit/core'
import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { useCallsRoom } from './callsContext.js'
import { useRemoteMicsKey } from './useParticipants.js'

/** Options of {@link useActiveSpeakers}. */
export interface UseActiveSpeakersOptions
  extends Omit<ActiveSpeakersOptions, 'createMeter' | 'now'> {
  /** Measure at all; `false` costs nothing (no pulls, no meters). Defaults to `true`. */
  enabled?: boolean
}

/**
 * Who among the other participants is speaking now, newest speaker first (sessionIds), from their
 * audio (`ActiveSpeakers`: a Web Audio meter per unmuted mic, every `intervalMs`, default 100 ms;
 * `threshold` 0.02 RMS; `holdMs` 600 ms). Pulls each mic it meters — the same pull `<RoomAudio>`
 * makes, shared — so it also covers participants whose tiles are not on screen. Re-renders only
 * when the list changes. Your own voice is not listed. `threshold`, `holdMs` and `intervalMs` are
 * read once, at mount; `enabled` may change.
 * @example
 * const [loudest] = useActiveSpeakers()
 */
export function useActiveSpeakers(options: UseActiveSpeakersOptions = {}): readonly string[] {
  const { enabled = true, threshold, holdMs, intervalMs } = options
  const room = useCallsRoom()
  const [detector] = useState(() => new ActiveSpeakers({ threshold, holdMs, intervalMs }))
  const remoteMics = useRemoteMicsKey()
  const micsKey = enabled ? remoteMics : ''
  useEffect(() => {
    if (!micsKey) return
    const locators = micsKey.split('\t').map((m) => {
      const [sessionId = '', trackName = ''] = m.split('\n')
      return { sessionId, trackName }
    })
    for (const locator of locators) room.acquireRemoteTrack(locator)
    const syncTracks = () => {
      for (const locator of locators)
        detector.setTrack(locator.sessionId, room.getState().remote[trackKey(locator)]?.track)
    }
    syncTracks()
    const unsubscribe = room.subscribe(syncTracks)
    detector.start()
    return () => {
      unsubscribe()
      for (const locator of locators) {
        detector.setTrack(locator.sessionId, undefined)
        room.releaseRemoteTrack(locator)
      }
    }
  }, [room, detector, micsKey])
  useEffect(() => () => detector.stop(), [detector])
  return useStore(detector, (s) => s.speakers)
}
