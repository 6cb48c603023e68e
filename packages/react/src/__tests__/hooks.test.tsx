import { FakePeerConnection } from '@calls-kit/testing'
import { act, render, renderHook, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { CallsProvider } from '../CallsProvider.js'
import { ParticipantGrid } from '../ParticipantGrid.js'
import { useCallsSession } from '../useCallsSession.js'
import { useParticipants } from '../useParticipants.js'
import { usePublishTrack } from '../usePublishTrack.js'
import { fakeTrack, renderInCall, setup } from './utils.js'

// Count renders of every tile: a thin wrapper over the real VideoTile, memoized like it.
const tileRenders = vi.hoisted(() => new Map<string, number>())
vi.mock('../VideoTile', async (importOriginal) => {
  const real = await importOriginal<typeof import('../VideoTile')>()
  const { forwardRef, createElement, memo } = await import('react')
  return {
    VideoTile: memo(
      forwardRef<HTMLVideoElement, Parameters<typeof real.VideoTile>[0]>(
        function CountedVideoTile(props, ref) {
          const key = props.sessionId ?? 'local'
          tileRenders.set(key, (tileRenders.get(key) ?? 0) + 1)
          return createElement(real.VideoTile, { ...props, ref })
        },
      ),
    ),
  }
})

describe('useCallsSession', () => {
  it('should throw an actionable error outside <CallsProvider>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useCallsSession())).toThrow(
      'No CallsSession set, use <CallsProvider> to set one',
    )
    vi.mocked(console.error).mockRestore()
  })

  it('should reflect join and leave from the store', async () => {
    const { Wrapper, rooms } = setup()
    const { result } = renderHook(() => useCallsSession(), { wrapper: Wrapper })
    expect(result.current).toMatchObject({
      status: 'idle',
      joinState: 'idle',
      sessionId: undefined,
    })
    await act(() => result.current.join())
    expect(result.current).toMatchObject({
      status: 'connected',
      joinState: 'joined',
      sessionId: 'S1',
    })
    expect(rooms.members.get('S1')?.name).toBe('Me')
    await act(() => result.current.leave())
    expect(result.current.joinState).toBe('idle')
    expect(rooms.members.has('S1')).toBe(false)
  })

  it('should create one session under StrictMode double mount', async () => {
    const { route, roomOptions } = setup()
    let join: () => Promise<void> = async () => {}
    function Probe() {
      join = useCallsSession().join
      return null
    }
    render(
      <StrictMode>
        <CallsProvider room="test" user={{ name: 'Me' }} roomOptions={roomOptions}>
          <Probe />
        </CallsProvider>
      </StrictMode>,
    )
    await act(() => join())
    await act(() => join())
    expect(route.calls.filter((c) => c.path === '/sessions/new')).toHaveLength(1)
    expect(FakePeerConnection.instances).toHaveLength(1)
  })
})

describe('usePublishTrack', () => {
  it('should publish on join, list the track in the roster, mute and replace in place, and close on unmount', async () => {
    const { Wrapper, route, rooms } = setup()
    const first = fakeTrack()
    const { result, rerender, unmount } = renderHook(
      ({ track, muted }: { track: MediaStreamTrack; muted: boolean }) => ({
        publish: usePublishTrack(track, { source: 'camera', muted }),
        session: useCallsSession(),
      }),
      { wrapper: Wrapper, initialProps: { track: first, muted: false } },
    )
    expect(result.current.publish.status).toBe('idle')
    await act(() => result.current.session.join())
    await waitFor(() => expect(result.current.publish.status).toBe('published'))
    expect(result.current.publish.locator).toEqual({ sessionId: 'S1', trackName: 'camera' })
    expect(rooms.members.get('S1')?.tracks).toEqual([
      { trackName: 'camera', kind: 'video', muted: false, source: 'camera' },
    ])

    const requests = route.calls.length
    const second = fakeTrack()
    rerender({ track: second, muted: true })
    await waitFor(() => expect(rooms.members.get('S1')?.tracks[0]?.muted).toBe(true))
    const pc = FakePeerConnection.instances[0] as FakePeerConnection
    expect(pc.transceivers[0]?.sender.track).toBeNull() // muted: nothing is sent
    rerender({ track: second, muted: false })
    await waitFor(() => expect(pc.transceivers[0]?.sender.track).toBe(second))
    expect(rooms.members.get('S1')?.tracks[0]?.muted).toBe(false)
    expect(route.calls.slice(requests).filter((c) => c.path.startsWith('/sessions'))).toEqual([]) // no renegotiation

    unmount()
    await waitFor(() =>
      expect(route.calls.some((c) => c.path === '/sessions/S1/tracks/close')).toBe(true),
    )
    expect(route.calls.find((c) => c.path === '/sessions/S1/tracks/close')?.body.tracks).toEqual([
      { mid: '0' },
    ])
  })
})

describe('ParticipantGrid', () => {
  it('should render 0 times in existing tiles when a third participant joins', async () => {
    const { view, rooms } = await renderInCall(<ParticipantGrid />, [
      ['R1', 'Ada'],
      ['R2', 'Bob'],
    ])
    await waitFor(() =>
      expect(view.container.querySelectorAll('[data-calls-kit-tile]')).toHaveLength(2),
    )
    await waitFor(() =>
      expect(view.container.querySelectorAll('[data-has-video="true"]')).toHaveLength(2),
    )
    const before = { R1: tileRenders.get('R1'), R2: tileRenders.get('R2') }
    act(() =>
      rooms.setOthers([
        ['R1', 'Ada'],
        ['R2', 'Bob'],
        ['R3', 'Cy'],
      ]),
    )
    await waitFor(() =>
      expect(view.container.querySelectorAll('[data-calls-kit-tile]')).toHaveLength(3),
    )
    await waitFor(() => expect(tileRenders.get('R3')).toBeGreaterThan(0))
    expect({ R1: tileRenders.get('R1'), R2: tileRenders.get('R2') }).toEqual(before)
    expect(
      [...view.container.querySelectorAll('[data-calls-kit-name]')].map((n) => n.textContent),
    ).toEqual(['Ada', 'Bob', 'Cy'])
  })

  it('should list participants with the local one flagged', async () => {
    const { Wrapper, rooms } = setup()
    const { result } = renderHook(
      () => ({ participants: useParticipants(), session: useCallsSession() }),
      { wrapper: Wrapper },
    )
    expect(result.current.participants).toEqual([])
    await act(() => result.current.session.join())
    act(() => rooms.setOthers([['R1', 'Ada']]))
    await waitFor(() => expect(result.current.participants).toHaveLength(2))
    expect(result.current.participants.map((p) => [p.name, p.isLocal])).toEqual([
      ['Me', true],
      ['Ada', false],
    ])
  })
})

describe('server rendering', () => {
  it('should render the provider and grid to a string without touching WebRTC', () => {
    const html = renderToString(
      <CallsProvider room="ssr" user={{ name: 'Ada' }}>
        <ParticipantGrid localVideoTrack={null} />
      </CallsProvider>,
    )
    expect(html).toContain('data-calls-kit-grid')
    expect(html).toContain('Ada')
  })
})
