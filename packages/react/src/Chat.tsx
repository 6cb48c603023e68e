'use client'
import {
  type FormEvent,
  type HTMLAttributes,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react'
import { useChat } from './useChat.js'

/** Props of {@link Chat}: the container `<section>`'s props. */
export interface ChatProps extends HTMLAttributes<HTMLElement> {
  /** Placeholder of the text field. Defaults to `'Message everyone'`. */
  placeholder?: string
}

/**
 * The room's chat: the messages (sender, time, text; yours marked `data-mine`) in a live region
 * that keeps the newest in view, and a field that sends on Enter. Styling hooks:
 * `[data-calls-kit-chat]`, `[data-calls-kit-chat-message]` with `data-mine`, `[data-calls-kit-chat-error]`.
 * A failed send keeps the text in the field and shows why (e.g. sending too fast).
 * @example
 * <aside><Chat /></aside>
 */
export function Chat({ placeholder = 'Message everyone', ...sectionProps }: ChatProps): ReactNode {
  const { messages, send, sending, error } = useChat()
  const [text, setText] = useState('')
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    const el = list.current
    if (el && messages.length > 0) el.scrollTop = el.scrollHeight
  }, [messages])
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') return
    try {
      await send(text)
      setText('')
    } catch {
      // `error` shows why; the text stays for another try.
    }
  }
  return (
    <section data-calls-kit-chat="" aria-label="Chat" {...sectionProps}>
      <ol ref={list} aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} data-calls-kit-chat-message="" data-mine={String(m.mine)}>
            <strong>{m.mine ? 'You' : m.from.name}</strong>{' '}
            <time dateTime={new Date(m.sentAt).toISOString()}>
              {new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </time>
            <p>{m.data.text}</p>
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" data-calls-kit-chat-error="">
          {error.message}
        </p>
      )}
      <form onSubmit={submit}>
        <input
          aria-label="Chat message"
          placeholder={placeholder}
          value={text}
          maxLength={2000}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={sending || text.trim() === ''}>
          Send
        </button>
      </form>
    </section>
  )
}
