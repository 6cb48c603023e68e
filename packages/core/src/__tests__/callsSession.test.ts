import { createFakeCallsRoute, FakePeerConnection } from '@calls-kit/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallsSession } from '../callsSession.js'
import { CallsApiError, InvalidStateError } from '../errors.js'

const fakeRoute = createFakeCallsRoute

function newSession(route = fakeRoute()) {
  const session = new CallsSession({
    apiBase: 'http://app.test/api/calls',
    fetch: route.fetch,
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
  })
  return { session, route }
}

const track = (kind = 'video') => ({ kind, id: crypto.randomUUID() }) as unknown as MediaStreamTrack

afterEach(() => {
  FakePeerConnection.instances.length = 0
})

describe('CallsSession', () => {
  it('should batch 10 pulls asked in one tick into one tracks/new and one renegotiate', async () => {
    const { session, route } = newSession()
    await session.connect()
    route.calls.length = 0
    const tracks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        session.pull({ sessionId: 'OTHER', trackName: `t${i}` }),
      ),
    )
    expect(route.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /sessions/S1/tracks/new',
      'PUT /sessions/S1/renegotiate',
    ])
    expect(route.calls[0]?.body.tracks).toHaveLength(10)
    expect(new Set(tracks).size).toBe(10)
  })

  it('should batch pushes of one tick into one tracks/new with their mids, and send the session token', async () => {
    const { session, route } = newSession()
    const locators = await Promise.all([
      session.push(track('audio'), { trackName: 'mic' }),
      session.push(track('video'), { trackName: 'cam' }),
      session.push(track('video'), { trackName: 'screen' }),
    ])
    expect(locators).toEqual([
      { sessionId: 'S1', trackName: 'mic' },
      { sessionId: 'S1', trackName: 'cam' },
      { sessionId: 'S1', trackName: 'screen' },
    ])
    const pushes = route.calls.filter((c) => c.path.endsWith('/tracks/new'))
    expect(pushes).toHaveLength(1)
    expect(pushes[0]?.body.tracks).toEqual([
      { location: 'local', trackName: 'mic', mid: '0' },
      { location: 'local', trackName: 'cam', mid: '1' },
      { location: 'local', trackName: 'screen', mid: '2' },
    ])
    expect(pushes[0]?.headers.get('calls-session-token')).toBe('T1')
    expect(route.calls[0]?.headers.get('calls-session-token')).toBeNull()
  })

  it('should run one negotiation at a time, in order', async () => {
    const { session, route } = newSession()
    const pc = () => FakePeerConnection.instances[0] as FakePeerConnection
    const first = session.push(track(), { trackName: 'a' })
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    const second = session.pull({ sessionId: 'OTHER', trackName: 'b' })
    await Promise.all([first, second])
    expect(pc().calls).toEqual([
      'createOffer',
      'setLocalDescription:offer',
      'setRemoteDescription:answer',
      'setRemoteDescription:offer',
      'createAnswer',
      'setLocalDescription:answer',
    ])
    expect(route.calls.map((c) => c.path)).toEqual([
      '/sessions/new',
      '/sessions/S1/tracks/new',
      '/sessions/S1/tracks/new',
      '/sessions/S1/renegotiate',
    ])
  })

  it('should reject only the track the API refused', async () => {
    const { session } = newSession(fakeRoute({ failTrack: 'missing' }))
    const [ok, bad] = await Promise.allSettled([
      session.pull({ sessionId: 'OTHER', trackName: 'there' }),
      session.pull({ sessionId: 'OTHER', trackName: 'missing' }),
    ])
    expect(ok.status).toBe('fulfilled')
    expect(bad.status).toBe('rejected')
    const error = (bad as PromiseRejectedResult).reason
    expect(error).toBeInstanceOf(CallsApiError)
    expect(error).toMatchObject({ status: 404, errorCode: 'not_found' })
  })

  it('should reject every request of a batch the API refused as a whole, with its status', async () => {
    const { session } = newSession(fakeRoute({ failAll: 403 }))
    await expect(session.push(track(), { trackName: 'x' })).rejects.toMatchObject({
      status: 403,
      errorCode: 'boom',
    })
    expect(session.getState().status).toBe('failed')
  })

  it('should close pushed and pulled tracks in one tracks/close with their mids', async () => {
    const { session, route } = newSession()
    const [pushed] = await Promise.all([
      session.push(track(), { trackName: 'cam' }),
      session.pull({ sessionId: 'OTHER', trackName: 'their-cam' }),
    ])
    route.calls.length = 0
    await session.close(pushed as { sessionId: string; trackName: string }, {
      sessionId: 'OTHER',
      trackName: 'their-cam',
    })
    expect(route.calls.map((c) => c.path)).toEqual(['/sessions/S1/tracks/close'])
    expect(route.calls[0]?.body.tracks).toEqual([{ mid: '0' }, { mid: '100' }])
    expect(route.calls[0]?.body.sessionDescription.type).toBe('offer')
    // Closing again is a no-op.
    await session.close({ sessionId: 'OTHER', trackName: 'their-cam' })
    expect(route.calls).toHaveLength(1)
  })

  it('should replace a pushed track without any request', async () => {
    const { session, route } = newSession()
    const locator = await session.push(track(), { trackName: 'cam' })
    const before = route.calls.length
    const next = track()
    await session.replaceTrack(locator, next)
    expect(route.calls.length).toBe(before)
    const pc = FakePeerConnection.instances[0] as FakePeerConnection
    expect(pc.transceivers[0]?.sender.track).toBe(next)
    await expect(
      session.replaceTrack({ sessionId: 'S1', trackName: 'nope' }, next),
    ).rejects.toBeInstanceOf(InvalidStateError)
  })

  it('should refuse bad arguments and work after destroy', async () => {
    const { session } = newSession()
    expect(() => session.pull({ sessionId: '', trackName: 'x' })).toThrow(TypeError)
    expect(() => session.push(undefined as unknown as MediaStreamTrack)).toThrow(TypeError)
    session.destroy()
    expect(session.getState().status).toBe('closed')
    await expect(session.pull({ sessionId: 'A', trackName: 'x' })).rejects.toBeInstanceOf(
      InvalidStateError,
    )
  })

  it('should open a new session and re-push and re-pull when the transport fails and ICE restart does not help', async () => {
    const route = fakeRoute()
    const { session } = newSession(route)
    await Promise.all([
      session.push(track(), { trackName: 'cam' }),
      session.pull({ sessionId: 'OTHER', trackName: 'x' }),
    ])
    const replaced = vi.fn()
    const changed = vi.fn()
    session.on('trackreplaced', replaced)
    session.on('sessionchange', changed)
    route.calls.length = 0
    const pc = FakePeerConnection.instances[0] as FakePeerConnection
    pc.setConnectionState('failed')
    expect(session.getState().status).toBe('reconnecting')
    await vi.waitFor(() => expect(replaced).toHaveBeenCalledTimes(1), { timeout: 8000 })
    expect(changed).toHaveBeenCalledWith('S2', 'S1')
    expect(route.calls.map((c) => c.path)).toEqual([
      '/sessions/S1/renegotiate', // ICE restart offer: the fake answers without an SDP → new session
      '/sessions/new',
      '/sessions/S2/tracks/new',
      '/sessions/S2/tracks/new',
      '/sessions/S2/renegotiate',
    ])
    expect(session.sessionId).toBe('S2')
    expect(FakePeerConnection.instances).toHaveLength(2)
    await vi.waitFor(() => expect(session.getState().status).toBe('connected'))
  })
})

describe('CallsSession (ordering, recovery, teardown)', () => {
  it('should share one sessions/new between concurrent connect() calls', async () => {
    const { session, route } = newSession()
    const ids = await Promise.all([session.connect(), session.connect(), session.connect()])
    expect(ids).toEqual(['S1', 'S1', 'S1'])
    expect(route.calls.map((c) => c.path)).toEqual(['/sessions/new'])
    expect(session.getState()).toMatchObject({ sessionId: 'S1', status: 'connected' })
  })

  it('should ask the API once for a track pulled twice in one tick, and give both callers the same track', async () => {
    const { session, route } = newSession()
    await session.connect()
    route.calls.length = 0
    const [a, b] = await Promise.all([
      session.pull({ sessionId: 'OTHER', trackName: 'cam' }),
      session.pull({ sessionId: 'OTHER', trackName: 'cam' }),
    ])
    expect(a).toBe(b)
    expect(route.calls[0]?.body.tracks).toHaveLength(1)
    // A later pull of the same track needs no request at all.
    expect(await session.pull({ sessionId: 'OTHER', trackName: 'cam' })).toBe(a)
    expect(route.calls).toHaveLength(2)
  })

  it('should keep call order when a track is pulled then closed in the same tick', async () => {
    const { session, route } = newSession()
    await session.connect()
    route.calls.length = 0
    const locator = { sessionId: 'OTHER', trackName: 'cam' }
    const pulled = session.pull(locator)
    const closed = session.close(locator)
    await Promise.all([pulled, closed])
    expect(route.calls.map((c) => c.path)).toEqual([
      '/sessions/S1/tracks/new',
      '/sessions/S1/renegotiate',
      '/sessions/S1/tracks/close',
    ])
    expect(route.calls[2]?.body.tracks).toEqual([{ mid: '100' }])
  })

  it('should re-pull a track closed then pulled again in the same tick', async () => {
    const { session, route } = newSession()
    const locator = { sessionId: 'OTHER', trackName: 'cam' }
    const first = await session.pull(locator)
    route.calls.length = 0
    const [, second] = await Promise.all([session.close(locator), session.pull(locator)])
    expect(second).not.toBe(first)
    expect(route.calls.map((c) => c.path)).toEqual([
      '/sessions/S1/tracks/close',
      '/sessions/S1/tracks/new',
      '/sessions/S1/renegotiate',
    ])
  })

  it('should reject work in flight with InvalidStateError on destroy, and be idempotent', async () => {
    const route = fakeRoute()
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    const fetch = (async (url: string, init?: RequestInit) => {
      if (String(url).endsWith('/tracks/new')) await gate
      return route.fetch(url, init)
    }) as typeof globalThis.fetch
    const session = new CallsSession({
      apiBase: '/api/calls',
      fetch,
      RTCPeerConnection: FakePeerConnection as never,
    })
    const pull = session.pull({ sessionId: 'OTHER', trackName: 'cam' })
    // Let the negotiation reach tracks/new, where the gate holds it.
    await new Promise((r) => setTimeout(r, 10))
    expect(route.calls.map((c) => c.path)).toEqual(['/sessions/new'])
    session.destroy()
    session.destroy()
    release()
    await expect(pull).rejects.toBeInstanceOf(InvalidStateError)
    expect(session.getState().status).toBe('closed')
    expect(FakePeerConnection.instances[0]?.connectionState).toBe('closed')
    await expect(session.connect()).rejects.toBeInstanceOf(InvalidStateError)
    // The pull the SFU had already set up is closed there, not left forwarding to nobody.
    await vi.waitFor(() =>
      expect(route.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        'POST /sessions/new',
        'POST /sessions/S1/tracks/new',
        'PUT /sessions/S1/tracks/close',
      ]),
    )
    expect(route.calls[2]?.body).toEqual({ tracks: [{ mid: '100' }], force: true })
    expect(route.calls[2]?.keepalive).toBe(true)
  })

  it('should recover with an ICE restart offer through renegotiate when the SFU answers it', async () => {
    const route = fakeRoute()
    const fetch = (async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined
      if (String(url).endsWith('/renegotiate') && body?.sessionDescription?.type === 'offer') {
        route.calls.push({
          method: 'PUT',
          path: 'ice-restart',
          body,
          headers: new Headers(init?.headers),
        })
        setTimeout(() => FakePeerConnection.instances[0]?.setConnectionState('connected'), 5)
        return Response.json({ sessionDescription: { type: 'answer', sdp: 'v=0\r\n' } })
      }
      return route.fetch(url, init)
    }) as typeof globalThis.fetch
    const session = new CallsSession({
      apiBase: '/api/calls',
      fetch,
      RTCPeerConnection: FakePeerConnection as never,
    })
    await session.pull({ sessionId: 'OTHER', trackName: 'cam' })
    const replaced = vi.fn()
    const states: string[] = []
    session.on('trackreplaced', replaced)
    session.on('connectionstatechange', (s) => states.push(s))
    route.calls.length = 0
    const pc = FakePeerConnection.instances[0] as FakePeerConnection
    pc.setConnectionState('failed')
    expect(session.getState().status).toBe('reconnecting')
    await vi.waitFor(() => expect(session.getState().status).toBe('connected'))
    expect(route.calls.map((c) => c.path)).toEqual(['ice-restart'])
    expect(pc.calls).toContain('setRemoteDescription:answer')
    expect(replaced).not.toHaveBeenCalled()
    expect(session.sessionId).toBe('S1')
    expect(states).toEqual(['failed', 'connected'])
  })

  it('should start recovery only after the transport stays disconnected past disconnectedTimeoutMs', async () => {
    vi.useFakeTimers()
    try {
      const route = fakeRoute()
      const session = new CallsSession({
        apiBase: '/api/calls',
        fetch: route.fetch,
        RTCPeerConnection: FakePeerConnection as never,
        disconnectedTimeoutMs: 3000,
      })
      await session.connect()
      const pc = FakePeerConnection.instances[0] as FakePeerConnection
      pc.setConnectionState('disconnected')
      await vi.advanceTimersByTimeAsync(2000)
      pc.setConnectionState('connected')
      await vi.advanceTimersByTimeAsync(5000)
      expect(route.calls.map((c) => c.path)).toEqual(['/sessions/new'])
      const statuses: string[] = []
      session.subscribe((s, p) => {
        if (s.status !== p.status) statuses.push(s.status)
      })
      pc.setConnectionState('disconnected')
      await vi.advanceTimersByTimeAsync(2999)
      expect(statuses).toEqual([])
      await vi.advanceTimersByTimeAsync(2)
      expect(statuses[0]).toBe('reconnecting')
      // The fake cannot ICE-restart (no answer), so recovery opens session S2.
      await vi.waitFor(() => expect(session.sessionId).toBe('S2'))
      expect(route.calls.map((c) => c.path)).toEqual([
        '/sessions/new',
        '/sessions/S1/renegotiate',
        '/sessions/new',
      ])
      session.destroy()
    } finally {
      vi.useRealTimers()
    }
  })

  it('should re-push a track replaced by null on recovery, and accept the pre-recovery locator afterwards', async () => {
    const route = fakeRoute()
    const { session } = newSession(route)
    const old = await session.push(track('audio'), { trackName: 'mic' })
    await session.replaceTrack(old, null)
    FakePeerConnection.instances[0]?.setConnectionState('failed')
    await vi.waitFor(() => expect(session.sessionId).toBe('S2'), { timeout: 8000 })
    await vi.waitFor(() => expect(session.getState().status).toBe('connected'))
    const repush = route.calls.find((c) => c.path === '/sessions/S2/tracks/new')
    expect(repush?.body.tracks).toEqual([{ location: 'local', trackName: 'mic', mid: '0' }])
    const next = track('audio')
    await session.replaceTrack(old, next)
    expect(FakePeerConnection.instances[1]?.transceivers[0]?.sender.track).toBe(next)
  })

  it('should send tracks/update for setPreferredRid and refuse it for a track not pulled', async () => {
    const route = fakeRoute()
    const fetch = (async (url: string, init?: RequestInit) => {
      if (!String(url).endsWith('/tracks/update')) return route.fetch(url, init)
      const body = JSON.parse(String(init?.body))
      route.calls.push({
        method: 'PUT',
        path: '/sessions/S1/tracks/update',
        body,
        headers: new Headers(init?.headers),
      })
      return Response.json({ tracks: [] })
    }) as typeof globalThis.fetch
    const session = new CallsSession({
      apiBase: '/api/calls',
      fetch,
      RTCPeerConnection: FakePeerConnection as never,
    })
    const locator = { sessionId: 'OTHER', trackName: 'cam' }
    await session.pull(locator, { preferredRid: 'l' })
    expect(route.calls[1]?.body.tracks[0].simulcast).toEqual({ preferredRid: 'l' })
    await session.setPreferredRid(locator, 'h')
    const update = route.calls.at(-1)
    expect(update?.body).toEqual({
      tracks: [
        {
          location: 'remote',
          sessionId: 'OTHER',
          trackName: 'cam',
          simulcast: { preferredRid: 'h' },
        },
      ],
    })
    expect(update?.headers.get('calls-session-token')).toBe('T1')
    await expect(
      session.setPreferredRid({ sessionId: 'OTHER', trackName: 'nope' }, 'h'),
    ).rejects.toBeInstanceOf(InvalidStateError)
  })

  it('should default to max-bundle with Cloudflare STUN and accept an empty iceServers list', async () => {
    const a = newSession().session
    await a.connect()
    expect(FakePeerConnection.instances[0]?.configuration).toEqual({
      bundlePolicy: 'max-bundle',
      iceServers: [{ urls: 'stun:stun.cloudflare.com:3478' }],
    })
    const b = new CallsSession({
      fetch: fakeRoute().fetch,
      RTCPeerConnection: FakePeerConnection as never,
      rtcConfiguration: { iceServers: [] },
    })
    await b.connect()
    expect(FakePeerConnection.instances[1]?.configuration).toEqual({ iceServers: [] })
  })

  it('should wait for a sessionchange listener (a room re-join) before re-pulling, and stay reconnecting until done', async () => {
    const route = fakeRoute()
    const { session } = newSession(route)
    await session.pull({ sessionId: 'OTHER', trackName: 'x' })
    const statuses: string[] = []
    session.subscribe((s, p) => {
      if (s.status !== p.status) statuses.push(s.status)
    })
    session.on('sessionchange', async (sessionId) => {
      await new Promise((r) => setTimeout(r, 20))
      route.calls.push({
        method: 'PUT',
        path: `rejoined as ${sessionId}`,
        body: undefined,
        headers: new Headers(),
      })
    })
    route.calls.length = 0
    FakePeerConnection.instances[0]?.setConnectionState('failed')
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('connected'), { timeout: 8000 })
    expect(statuses).toEqual(['reconnecting', 'connected'])
    expect(route.calls.map((c) => c.path)).toEqual([
      '/sessions/S1/renegotiate',
      '/sessions/new',
      'rejoined as S2',
      '/sessions/S2/tracks/new',
      '/sessions/S2/renegotiate',
    ])
  })
})
