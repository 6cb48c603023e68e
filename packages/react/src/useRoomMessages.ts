'use client'
import type { RoomMessage } from '@calls-kit/core'
import { useCallback, useEffect, useRef } from 'react'
import { useCallsRoom } from './callsContext.js'

/** What {@link useRoomMessages} returns. */
export interface UseRoomMessagesResult<T> {
  /**
   * Sends `data` on the hook's topic to everyone in the room, or to the sessionIds in `to`.
   * Resolves with the delivered message; rejects with `InvalidStateError` before the join has
   * finished and `CallsApiError` when the route refuses (413 over 16 KiB, 429 `rate_limited`, …).
   */
  send: (data: T, options?: { to?: string[] }) => Promise<RoomMessage<T>>
}

/**
 * Room messages on one `topic` (reactions, raised hands, shared app state…): calls `onMessage`
 * with each one others send to the room or to this participant, and gives `send`. Messages travel
 * through the app route's event stream (`CallsRoom.sendMessage`), not the SFU; this
 * participant's own messages are not echoed to `onMessage`. The latest `onMessage` is used
 * without resubscribing, so an inline arrow is fine.
 * @param topic - 1–64 characters of `A–Z a–z 0–9 . _ : -`.
 * @param onMessage - called with each received message on `topic`; `data` is whatever the sender
 *   sent (validate it: other clients may send anything).
 * @example
 * const { send } = useRoomMessages<string>('reaction', (m) => showBubble(m.from.name, m.data))
 * <button onClick={() => send('👍')}>👍</button>
 */
export function useRoomMessages<T = unknown>(
  topic: string,
  onMessage?: (message: RoomMessage<T>) => void,
): UseRoomMessagesResult<T> {
  const room = useCallsRoom()
  const handler = useRef(onMessage)
  handler.current = onMessage
  useEffect(
    () =>
      room.onMessage((message) => {
        if (message.topic === topic) handler.current?.(message as RoomMessage<T>)
      }),
    [room, topic],
  )
  const send = useCallback(
    (data: T, options?: { to?: string[] }) => room.sendMessage(topic, data, options),
    [room, topic],
  )
  return { send }
}
