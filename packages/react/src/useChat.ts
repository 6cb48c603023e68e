'use client'
import type { ChatMessage } from '@calls-kit/core'
import { useCallback, useState } from 'react'
import { useStore } from 'zustand'
import { useCallsRoom } from './callsContext.js'

/** What {@link useChat} returns. */
export interface UseChatResult {
  /** The room's chat since this page created its provider, plus what the room kept from before it joined; oldest first (at most 500). */
  messages: readonly ChatMessage[]
  /**
   * Sends a text (trimmed, 1–2000 characters). Resolves with the delivered message, which is in
   * `messages` by then; on failure `error` is set and the promise rejects with it.
   */
  send: (text: string) => Promise<ChatMessage>
  /** `true` while a send is on its way. */
  sending: boolean
  /** The last send's error (`RangeError` for bad text, `CallsApiError` 429 `rate_limited`, …), cleared by the next send. */
  error: Error | undefined
}

/**
 * The room's text chat (`CallsRoom.chat`): messages from everyone, yours marked `mine`, recorded
 * from the moment the provider mounted — a chat panel opened later still shows them — plus the
 * room's recent chat from before you joined (the route keeps the newest 100 while the room
 * lasts). Re-renders only when a message arrives or a send starts/ends.
 * @example
 * const { messages, send } = useChat()
 * messages.map((m) => <p key={m.id}>{m.from.name}: {m.data.text}</p>)
 */
export function useChat(): UseChatResult {
  const room = useCallsRoom()
  const messages = useStore(room.chat, (s) => s.messages)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<Error>()
  const send = useCallback(
    async (text: string) => {
      setSending(true)
      setError(undefined)
      try {
        return await room.chat.send(text)
      } catch (e) {
        setError(e as Error)
        throw e
      } finally {
        setSending(false)
      }
    },
    [room],
  )
  return { messages, send, sending, error }
}
