import { describe, expect, it } from 'vitest'
import { CHAT_TOPIC, type ChatRoom, RoomChat } from '../roomChat.js'
import type { RoomMessage } from '../roomTypes.js'

/** A room whose route answers every send and whose event stream the test drives. */
function fakeRoom() {
  const listeners = new Set<(m: RoomMessage) => void>()
  const sent: Array<{ topic: string; data: unknown }> = []
  let id = 0
  const message = <T>(topic: string, data: T, from = 'Me'): RoomMessage<T> => ({
    id: `m${++id}`,
    room: 'lobby',
    topic,
    from: { sessionId: from, name: from },
    data,
    sentAt: id,
  })
  const room: ChatRoom = {
    async sendMessage(topic, data) {
      sent.push({ topic, data })
      return message(topic, data)
    },
    onMessage(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const receive = (topic: string, data: unknown, from = 'Ada') => {
    const m = message(topic, data, from)
    for (const l of listeners) l(m)
    return m
  }
  /** The same message again (a replay when the event stream reconnects). */
  const replay = (m: RoomMessage) => {
    for (const l of listeners) l(m)
  }
  return { room, sent, receive, replay }
}

describe('RoomChat', () => {
  it('should keep received chat messages and its own sends in order, and skip other topics and malformed data', async () => {
    const { room, sent, receive } = fakeRoom()
    const chat = new RoomChat(room)
    receive(CHAT_TOPIC, { text: 'hello' })
    receive('reaction', { text: 'not chat' })
    receive(CHAT_TOPIC, { body: 'no text field' })
    receive(CHAT_TOPIC, null)
    await chat.send('  hi Ada  ')
    expect(sent).toEqual([{ topic: CHAT_TOPIC, data: { text: 'hi Ada' } }])
    expect(chat.getState().messages.map((m) => [m.from.name, m.data.text, m.mine])).toEqual([
      ['Ada', 'hello', false],
      ['Me', 'hi Ada', true],
    ])
  })

  it('should refuse empty and over-long text without sending, and keep only the newest `limit` messages', async () => {
    const { room, sent, receive } = fakeRoom()
    const chat = new RoomChat(room, { limit: 2 })
    await expect(chat.send('   ')).rejects.toThrow(RangeError)
    await expect(chat.send('x'.repeat(2001))).rejects.toThrow(RangeError)
    expect(sent).toEqual([])
    for (const text of ['1', '2', '3']) receive(CHAT_TOPIC, { text })
    expect(chat.getState().messages.map((m) => m.data.text)).toEqual(['2', '3'])
  })

  it('should log a replayed message once, and an earlier one in time order', () => {
    const { room, receive, replay } = fakeRoom()
    const chat = new RoomChat(room)
    const first = receive(CHAT_TOPIC, { text: 'first' })
    const second = receive(CHAT_TOPIC, { text: 'second' })
    replay(first)
    replay(second)
    replay({ ...first, id: 'older', sentAt: -1, data: { text: 'before you came' } })
    expect(chat.getState().messages.map((m) => m.data.text)).toEqual([
      'before you came',
      'first',
      'second',
    ])
  })
})
