import type { RoomMessage } from './roomTypes.js'
import { type ReadonlyStore, StateStore } from './stateStore.js'

/** The room-message topic chat travels on. */
export const CHAT_TOPIC = 'chat'
/** Longest chat message (characters, after trimming). */
export const MAX_CHAT_TEXT_LENGTH = 2000

/** A chat message: a {@link RoomMessage} on topic `'chat'` whose data is `{text}`. */
export interface ChatMessage extends RoomMessage<{ text: string }> {
  /** `true` for the messages this participant sent. */
  mine: boolean
}

/** A chat message as sent by a well-behaved client; another client's malformed data is skipped. */
function isChat(message: RoomMessage): message is RoomMessage<{ text: string }> {
  const text = (message.data as { text?: unknown } | null)?.text
  return message.topic === CHAT_TOPIC && typeof text === 'string'
}

/** State of a {@link RoomChat}. */
export interface RoomChatState {
  /** Oldest first, at most `limit` (the oldest are dropped). */
  messages: readonly ChatMessage[]
}

/** What {@link RoomChat} needs of a room: a `CallsRoom`. */
export interface ChatRoom {
  sendMessage<T>(topic: string, data: T): Promise<RoomMessage<T>>
  onMessage(listener: (message: RoomMessage) => void): () => void
}

/**
 * A room's text chat over room messages: records every chat message from the moment it is created
 * (a chat panel opened later still shows what came before) and sends new ones. What was said
 * before this participant joined comes too: the route replays the chat it kept when the event
 * stream connects (each message is logged once, in time order). A store (`getState`/`subscribe`)
 * for `useSyncExternalStore`.
 * @example
 * room.chat.subscribe(({ messages }) => render(messages))
 * await room.chat.send('hello')
 */
export class RoomChat implements ReadonlyStore<RoomChatState> {
  readonly #room: ChatRoom
  readonly #store = new StateStore<RoomChatState>({ messages: [] })
  readonly #limit: number

  /**
   * @param room - where messages go and come from.
   * @param options.limit - messages kept (oldest dropped first). Defaults to `500`.
   */
  constructor(room: ChatRoom, options: { limit?: number } = {}) {
    this.#room = room
    this.#limit = options.limit ?? 500
    room.onMessage((message) => {
      if (isChat(message)) this.#add({ ...message, mine: false })
    })
  }

  getState = (): RoomChatState => this.#store.getState()
  getInitialState = (): RoomChatState => this.#store.getInitialState()
  subscribe = (listener: (s: RoomChatState, p: RoomChatState) => void): (() => void) =>
    this.#store.subscribe(listener)

  #add(message: ChatMessage): void {
    const { messages } = this.getState()
    // The route replays what it kept when the event stream (re)connects: each message once.
    if (messages.some((m) => m.id === message.id)) return
    const next = [...messages, message]
    const last = messages.at(-1)
    if (last && last.sentAt > message.sentAt) next.sort((a, b) => a.sentAt - b.sentAt)
    this.#store.setState({ messages: next.slice(-this.#limit) })
  }

  /**
   * Sends `text` (trimmed) to everyone in the room and adds it to the log once the route accepted it.
   * @returns the message as delivered.
   * @throws RangeError when the trimmed text is empty or longer than {@link MAX_CHAT_TEXT_LENGTH}
   *   characters; whatever `CallsRoom.sendMessage` throws (not joined, 429 `rate_limited`, …).
   */
  async send(text: string): Promise<ChatMessage> {
    const trimmed = text.trim()
    if (trimmed.length === 0 || trimmed.length > MAX_CHAT_TEXT_LENGTH)
      throw new RangeError(`a chat message has 1–${MAX_CHAT_TEXT_LENGTH} characters`)
    const sent = await this.#room.sendMessage(CHAT_TOPIC, { text: trimmed })
    const message: ChatMessage = { ...sent, mine: true }
    this.#add(message)
    return message
  }
}
