'use client'
import { useCallback } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/**
 * How loud a remote participant plays on this page, and its setter, like `useState`: 0 (silent) to
 * 1 (as received, the default), clamped; for this call only. `<RoomAudio>` applies it
 * (`HTMLMediaElement.volume`); the others hear no difference.
 * @param sessionId - the participant.
 * @returns `[volume, setVolume]`.
 * @example
 * const [volume, setVolume] = useParticipantVolume(id)
 * <input type="range" min={0} max={1} step={0.05} value={volume} onChange={(e) => setVolume(+e.target.value)} />
 */
export function useParticipantVolume(sessionId: string): [number, (volume: number) => void] {
  const room = useCallsRoom()
  const volume = useCallsStore((s) => s.volumes[sessionId] ?? 1)
  const setVolume = useCallback((v: number) => room.setVolume(sessionId, v), [room, sessionId])
  return [volume, setVolume]
}
