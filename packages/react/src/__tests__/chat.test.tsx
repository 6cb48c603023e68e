import { CallsApiError } from '@calls-kit/core'
import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { Chat } from '../Chat.js'
import { useCallsSession } from '../useCallsSession.js'
import { useRoomMessages } from '../useRoomMessages.js'
import { renderInCall, setup } from './utils.js'

const texts = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-calls-kit-chat-message]')].map((li) => [
    li.querySelector('strong')?.textContent,
    li.querySelector('p')?.textContent,
    li.getAttribute('data-mine'),
  ])

describe('<Chat>', () => {
  it('should show what others send and what this participant sends, and keep the text when a send is refused', async () => {
    const { view, rooms } = await renderInCall(<Chat />, [['R1', 'Ada']])
    act(() => rooms.deliver('chat', { text: 'hi from Ada' }))
    act(() => rooms.deliver('reaction', '👍')) // another topic: not chat
    const field = screen.getByLabelText('Chat message')
    fireEvent.change(field, { target: { value: '  hello Ada ' } })
    fireEvent.submit(field)
    await waitFor(() => expect(texts(view.container)).toHaveLength(2))
    expect(texts(view.container)).toEqual([
      ['Ada', 'hi from Ada', 'false'],
      ['You', 'hello Ada', 'true'],
    ])
    expect(rooms.sent).toEqual([{ topic: 'chat', data: { text: 'hello Ada' } }])
    expect((field as HTMLInputElement).value).toBe('')

    rooms.refuseMessages = new CallsApiError(429, 'rate_limited', 'retry in 200 ms')
    fireEvent.change(field, { target: { value: 'too fast' } })
    fireEvent.submit(field)
    expect((await screen.findByRole('alert')).textContent).toContain('rate_limited')
    expect((field as HTMLInputElement).value).toBe('too fast')
    expect(texts(view.container)).toHaveLength(2)
  })
})

describe('useRoomMessages', () => {
  it('should hand over only its topic’s messages, to the latest callback, and send on its topic', async () => {
    const { Wrapper, rooms } = setup()
    const first = vi.fn()
    const latest = vi.fn()
    const { result, rerender } = renderHook(
      ({ onMessage }) => ({
        messages: useRoomMessages<string>('reaction', onMessage),
        session: useCallsSession(),
      }),
      { wrapper: Wrapper, initialProps: { onMessage: first } },
    )
    await act(() => result.current.session.join())
    rerender({ onMessage: latest })
    act(() => rooms.deliver('reaction', '🎉'))
    act(() => rooms.deliver('chat', { text: 'not a reaction' }))
    expect(first).not.toHaveBeenCalled()
    expect(latest.mock.calls.map(([m]) => [m.topic, m.data, m.from.name])).toEqual([
      ['reaction', '🎉', 'Ada'],
    ])
    const sent = await act(() => result.current.messages.send('👏', { to: ['R1'] }))
    expect(sent).toMatchObject({ topic: 'reaction', data: '👏', to: ['R1'] })
    expect(rooms.sent).toEqual([{ topic: 'reaction', data: '👏', to: ['R1'] }])
  })
})
