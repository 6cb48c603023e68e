'use client'
import type { ParticipantMetadata } from '@calls-kit/core'
import { useCallback } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/**
 * This participant's metadata — what others see about it in the roster besides name and tracks
 * (a raised hand, a role, a status) — and its setter, like `useState`. Others read it as
 * `useParticipant(sessionId)?.metadata`; people who join later see it too (it lives in the roster,
 * unlike a room message). `setMetadata` replaces the whole object (`{}` clears it), is sent at once
 * when joined or with the join; at most 32 keys and 2 KiB of JSON (the route answers 400 beyond).
 * @returns `[metadata, setMetadata]`.
 * @example
 * const [metadata, setMetadata] = useLocalMetadata()
 * <button onClick={() => setMetadata({ ...metadata, handRaised: !metadata.handRaised })}>✋</button>
 */
export function useLocalMetadata(): [ParticipantMetadata, (metadata: ParticipantMetadata) => void] {
  const room = useCallsRoom()
  const metadata = useCallsStore((s) => s.metadata)
  const setMetadata = useCallback((m: ParticipantMetadata) => room.setMetadata(m), [room])
  return [metadata, setMetadata]
}
