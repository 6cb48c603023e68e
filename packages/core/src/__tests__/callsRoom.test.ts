import { createFakeCallsRoute, FakePeerConnection } from '@calls-kit/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallsRoom } from '../callsRoom.js'
import { RoomClient } from '../roomClient.js'
import { SIMULCAST_ENCODINGS } from '../simulcast.js'

const track = (kind = 'video') => ({ kind, id: crypto.randomUUID() }) as unknown as MediaStreamTrack

function newRoom(route = createFakeCallsRoute()) {
  const room = new CallsRoom({
    apiBase: '/api/calls',
    room: 'lobby',
    name: 'Ada',
    fetch: route.fetch,
    RTCPeerConnection: FakePeerConnection as never,
    releaseDelayMs: 0,
  })
  return { room, route }
}

afterEach(() => {
  FakePeerConnection.instances.length = 0
})

describe('CallsRoom', () => {
  it('should never pull (or later close) a track of its own session, e.g. a roster ghost of itself', async () => {
    const { room, route } = newRoom()
    room.publish('cam', track('video'), { source: 'camera' })
    await room.join()
    const before = route.calls.length
    room.acquireRemoteTrack({ sessionId: 'S1', trackName: 'cam' })
    room.releaseRemoteTrack({ sessionId: 'S1', trackName: 'cam' })
    await new Promise((r) => setTimeout(r, 20))
    expect(route.calls.slice(before).filter((c) => c.path.startsWith('/sessions'))).toEqual([])
    expect(room.getState().local.cam?.status).toBe('published')
  })

  it('should push what was published before join in one batch, then enter the roster with those tracks', async () => {
    const { room, route } = newRoom()
    room.publish('mic', track('audio'), { source: 'microphone' })
    room.publish('cam', track('video'), { source: 'camera', muted: true })
    await room.join()
    expect(route.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /sessions/new',
      'POST /sessions/S1/tracks/new',
      'PUT /rooms/lobby/participants/S1',
    ])
    expect(route.calls[1]?.body.tracks.map((t: { trackName: string }) => t.trackName)).toEqual([
      'mic',
      'cam',
    ])
    expect(route.calls[2]?.body).toEqual({
      name: 'Ada',
      tracks: [
        { trackName: 'mic', kind: 'audio', muted: false, source: 'microphone' },
        { trackName: 'cam', kind: 'video', muted: true, source: 'camera' },
      ],
    })
    expect(route.calls[2]?.headers.get('calls-session-token')).toBe('T1')
    expect(room.getState().local.cam).toMatchObject({
      status: 'published',
      locator: { sessionId: 'S1', trackName: 'cam' },
    })
    room.destroy()
  })

  it('should join with its metadata, update it in place when joined, and clear it', async () => {
    const { room, route } = newRoom()
    room.setMetadata({ handRaised: true })
    await room.join()
    room.setMetadata({ handRaised: false, role: 'host' })
    room.setMetadata({})
    await new Promise((r) => setTimeout(r, 0))
    const puts = route.calls.filter((c) => c.method === 'PUT' && c.path.startsWith('/rooms/'))
    expect(puts.map((c) => c.body.metadata)).toEqual([
      { handRaised: true },
      { handRaised: false, role: 'host' },
      undefined,
    ])
    expect(room.getState().metadata).toEqual({})
    room.destroy()
  })

  it('should send room messages only once joined, and log its own chat messages', async () => {
    const { room, route } = newRoom()
    await expect(room.sendMessage('chat', 'early')).rejects.toMatchObject({
      name: 'InvalidStateError',
    })
    await room.join()
    const reaction = await room.sendMessage('reaction', '👍', { to: ['S9'] })
    expect(reaction).toMatchObject({ topic: 'reaction', from: { name: 'Ada' }, to: ['S9'] })
    await room.chat.send('hello')
    const posts = route.calls.filter((c) => c.path === '/rooms/lobby/messages')
    expect(posts.map((c) => c.body)).toEqual([
      { topic: 'reaction', data: '👍', to: ['S9'] },
      { topic: 'chat', data: { text: 'hello' } },
    ])
    expect(posts[0]?.headers.get('calls-session-token')).toBe('T1')
    expect(room.chat.getState().messages.map((m) => [m.data.text, m.mine])).toEqual([
      ['hello', true],
    ])
    room.destroy()
  })

  it('should be joined only once the join answered, and hand its roster to roster listeners', async () => {
    const { room, route } = newRoom()
    const log: string[] = []
    room.onRoster((r) => log.push(`roster ${r.participants.map((p) => p.sessionId)}`))
    room.subscribe((s, p) => {
      if (s.joinState !== p.joinState) log.push(s.joinState)
    })
    await room.join()
    // The roster came with the PUT (no GET of it), and listeners had it before pulls could start.
    expect(route.calls.filter((c) => c.method === 'GET')).toEqual([])
    expect(log).toEqual(['joining', 'roster S1', 'joined'])
    room.destroy()
  })

  it('should push a track that became ready while the join was in flight', async () => {
    // The camera opens (publish) while the room PUT is on its way, as a slow getUserMedia does.
    const route = createFakeCallsRoute()
    let onRoomPut = () => {}
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      if (init?.method === 'PUT' && String(url).includes('/rooms/')) onRoomPut()
      return route.fetch(url, init)
    }
    const room = new CallsRoom({
      apiBase: '/api/calls',
      room: 'lobby',
      name: 'Ada',
      fetch,
      RTCPeerConnection: FakePeerConnection as never,
      releaseDelayMs: 0,
    })
    room.publish('cam', null, { source: 'camera' })
    onRoomPut = () => {
      onRoomPut = () => {}
      room.publish('cam', track('video'), { source: 'camera' })
    }
    await room.join()
    await vi.waitFor(() => expect(room.getState().local.cam?.status).toBe('published'))
    // …and the roster says so.
    await vi.waitFor(() =>
      expect(route.calls.at(-1)).toMatchObject({
        method: 'PUT',
        body: { tracks: [expect.objectContaining({ trackName: 'cam' })] },
      }),
    )
    room.destroy()
  })

  it('should keep a roster event that came during the join over the join’s older answer', async () => {
    // Bob joins while Ada's PUT is in flight: the live stream tells of him before the PUT answers.
    const route = createFakeCallsRoute()
    let stream: EventTarget | undefined
    const FakeEventSource = class extends EventTarget {
      constructor() {
        super()
        stream = this
      }
      close() {}
    }
    const withBob = { room: 'lobby', participants: [{ sessionId: 'S1' }, { sessionId: 'BOB' }] }
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      const res = await route.fetch(url, init)
      if (init?.method === 'PUT' && String(url).includes('/rooms/')) {
        stream?.dispatchEvent(new MessageEvent('roster', { data: JSON.stringify(withBob) }))
      }
      return res
    }
    const rooms = new RoomClient({
      apiBase: '/api/calls',
      fetch,
      EventSource: FakeEventSource as never,
      getSessionToken: (id) => room.session.getSessionToken(id),
    })
    const room: CallsRoom = new CallsRoom({
      apiBase: '/api/calls',
      room: 'lobby',
      name: 'Ada',
      fetch,
      RTCPeerConnection: FakePeerConnection as never,
      rooms,
      releaseDelayMs: 0,
    })
    const seen: string[][] = []
    room.onRoster((r) => seen.push(r.participants.map((p) => p.sessionId)))
    await room.join()
    expect(seen.at(-1)).toEqual(['S1', 'BOB'])
    room.destroy()
  })

  it('should leave and close its tracks when the page goes away (pagehide), with keepalive requests', async () => {
    const page = new EventTarget()
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page))
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page))
    try {
      const { room, route } = newRoom()
      room.publish('cam', track('video'), { source: 'camera' })
      await room.join()
      route.calls.length = 0
      page.dispatchEvent(new Event('pagehide'))
      // Both requests start within the event and its microtasks (no timer: the page is gone after).
      for (let i = 0; i < 5; i++) await Promise.resolve()
      expect(route.calls.map((c) => `${c.method} ${c.path} ${c.keepalive}`)).toEqual([
        'DELETE /rooms/lobby/participants/S1 true',
        'PUT /sessions/S1/tracks/close true',
      ])
      await vi.waitFor(() => expect(room.getState().joinState).toBe('idle'))
      // Left for good: a second pagehide sends nothing.
      page.dispatchEvent(new Event('pagehide'))
      await new Promise((r) => setTimeout(r, 10))
      expect(route.calls).toHaveLength(2)
      room.destroy()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('should announce simulcast layers in the roster with their widths, highest first', async () => {
    const { room, route } = newRoom()
    const camera = { ...track('video'), getSettings: () => ({ width: 640 }) } as MediaStreamTrack
    room.publish('cam', camera, { source: 'camera', encodings: [...SIMULCAST_ENCODINGS] })
    room.publish('mic', track('audio'), {
      source: 'microphone',
      encodings: [...SIMULCAST_ENCODINGS],
    })
    await room.join()
    const join = route.calls.find((c) => c.method === 'PUT' && c.path.startsWith('/rooms/'))
    expect(join?.body.tracks).toEqual([
      {
        trackName: 'cam',
        kind: 'video',
        muted: false,
        source: 'camera',
        layers: [
          { rid: 'h', width: 640 },
          { rid: 'm', width: 320 },
          { rid: 'l', width: 160 },
        ],
      },
      { trackName: 'mic', kind: 'audio', muted: false, source: 'microphone' },
    ])
    room.destroy()
  })

  it('should ask for another layer of a ready pull, and of a pull in flight once it lands', async () => {
    const { room, route } = newRoom()
    await room.join()
    const ready = { sessionId: 'OTHER', trackName: 'cam' }
    room.acquireRemoteTrack(ready)
    await vi.waitFor(() => expect(room.getState().remote['OTHER/cam']?.status).toBe('ready'))
    const updates = () =>
      route.calls
        .filter((c) => c.path.endsWith('/tracks/update'))
        .map((c) => c.body.tracks.map((t: any) => `${t.trackName}:${t.simulcast.preferredRid}`))
    room.setPreferredRid(ready, 'm')
    room.setPreferredRid(ready, 'm') // unchanged: no request
    await vi.waitFor(() => expect(updates()).toEqual([['cam:m']]))

    const inFlight = { sessionId: 'OTHER', trackName: 'screen' }
    room.acquireRemoteTrack(inFlight, 'h')
    room.setPreferredRid(inFlight, 'l')
    expect(updates()).toHaveLength(1) // nothing to update before the pull lands
    await vi.waitFor(() => expect(updates()).toEqual([['cam:m'], ['screen:l']]))
    room.setPreferredRid({ sessionId: 'OTHER', trackName: 'unknown' }, 'l') // not acquired
    expect(updates()).toHaveLength(2)
    room.destroy()
  })

  it('should pull remote tracks wanted across a leave and a re-join on the new session', async () => {
    const { room, route } = newRoom()
    await room.join()
    const locator = { sessionId: 'OTHER', trackName: 'cam' }
    room.acquireRemoteTrack(locator)
    await vi.waitFor(() => expect(room.getState().remote['OTHER/cam']?.status).toBe('ready'))
    await room.leave()
    expect(room.getState().remote['OTHER/cam']?.status).toBe('pulling')
    route.calls.length = 0
    await room.join()
    await vi.waitFor(() => expect(room.getState().remote['OTHER/cam']?.status).toBe('ready'))
    expect(route.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /sessions/new',
      'PUT /rooms/lobby/participants/S2',
      'POST /sessions/S2/tracks/new',
      'PUT /sessions/S2/renegotiate',
    ])
    room.destroy()
  })

  it('should re-join under the new sessionId and leave the old one before the recovered session re-pulls', async () => {
    const { room, route } = newRoom()
    room.publish('cam', track())
    await room.join()
    room.acquireRemoteTrack({ sessionId: 'OTHER', trackName: 'cam' })
    await vi.waitFor(() => expect(room.getState().remote['OTHER/cam']?.status).toBe('ready'))
    const before = room.getState().remote['OTHER/cam']?.track
    route.calls.length = 0
    FakePeerConnection.instances[0]?.setConnectionState('failed')
    await vi.waitFor(() => expect(room.getState().session.status).toBe('connected'), {
      timeout: 8000,
    })
    const calls = route.calls.map(
      (c) => `${c.method} ${c.path} ${c.headers.get('calls-session-token') ?? '-'}`,
    )
    expect(calls).toEqual([
      'PUT /sessions/S1/renegotiate T1', // ICE restart: the fake cannot, so a new session follows
      'POST /sessions/new -',
      'DELETE /rooms/lobby/participants/S1 T1',
      'PUT /rooms/lobby/participants/S2 T2',
      'POST /sessions/S2/tracks/new T2',
      'POST /sessions/S2/tracks/new T2',
      'PUT /sessions/S2/renegotiate T2',
    ])
    expect(room.getState().local.cam?.locator).toEqual({ sessionId: 'S2', trackName: 'cam' })
    const after = room.getState().remote['OTHER/cam']
    expect(after?.status).toBe('ready')
    expect(after?.track).not.toBe(before)
    room.destroy()
  })
})
