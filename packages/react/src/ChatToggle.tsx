'use client'
import { type ButtonHTMLAttributes, type ReactNode, useEffect, useState } from 'react'
import { useChat } from './useChat.js'

/** Props of {@link ChatToggle}: the `<button>`'s props plus the panel state it toggles. */
export interface ChatToggleProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onToggle'> {
  /** Whether the chat panel is open (`aria-pressed`). */
  open: boolean
  /** Called on click, to open or close the panel. */
  onToggle: () => void
}

/**
 * The button that opens and closes a chat panel, labelled `Chat` — `Chat (3)` with 3 messages
 * that arrived while it was closed (also `data-unread="3"`). Messages count from the provider's
 * mount (`useChat`).
 * @example
 * <ChatToggle open={open} onToggle={() => setOpen(!open)} />
 */
export function ChatToggle({ open, onToggle, ...buttonProps }: ChatToggleProps): ReactNode {
  const { messages } = useChat()
  const [seen, setSeen] = useState(0)
  useEffect(() => {
    if (open) setSeen(messages.length)
  }, [open, messages.length])
  const unread = open ? 0 : messages.length - seen
  return (
    <button
      type="button"
      aria-pressed={open}
      data-unread={unread}
      {...buttonProps}
      onClick={onToggle}
    >
      Chat{unread > 0 ? ` (${unread})` : ''}
    </button>
  )
}
