'use client'
import type { CallsRoomState, CallsSessionStatus } from '@calls-kit/core'
import { useCallback } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/** Result of {@link useCallsSession}. */
export interface UseCallsSessionResult {
  /** Session lifecycle: `idle`, `connecting`, `connected`, `reconnecting`, `failed`, `closed`. */
  status: CallsSessionStatus
  /** Presence in the room: `idle`, `joining`, `joined`, `leaving`. */
  joinState: CallsRoomState['joinState']
  /** The Calls session id once connected. */
  sessionId: string | undefined
  /** The last session or join error. */
  error: Error | undefined
  /** Creates the session, publishes the tracks given to `usePublishTrack`, and enters the room. Rejects with `CallsApiError`. */
  join: () => Promise<void>
  /** Leaves the room and closes every track of the session. */
  leave: () => Promise<void>
}

/**
 * The call's session and presence: status, ids, and `join`/`leave`.
 * @throws Error `'No CallsSession set, use <CallsProvider> to set one'` outside a provider.
 * @example
 * const { joinState, join, leave } = useCallsSession()
 * return joinState === 'joined' ? <button onClick={leave}>Leave</button> : <button onClick={join}>Join</button>
 */
export function useCallsSession(): UseCallsSessionResult {
  const room = useCallsRoom()
  const state = useCallsStore((s) => ({
    status: s.session.status,
    joinState: s.joinState,
    sessionId: s.session.sessionId,
    error: s.error ?? s.session.error,
  }))
  const join = useCallback(() => room.join(), [room])
  const leave = useCallback(() => room.leave(), [room])
  return { ...state, join, leave }
}
