import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallsSession } from '../callsSession'
import { CallsApiError, InvalidStateError } from '../errors'
import { FakePeerConnection, createFakeCallsRoute } from '@calls-kit/testing'

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
      Array.from({ length: 10 }, (_, i) => session.pull({ sessionId: 'OTHER', trackName: `t${i}` })),
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
    await expect(session.push(track(), { trackName: 'x' })).rejects.toMatchObject({ status: 403, errorCode: 'boom' })
    expect(session.getState().status).toBe('failed')
  })

  it('should close pushed and pulled tracks in one tracks/close with their mids', async () => {
    const { session, route } = newSession()
    const [pushed] = await Promise.all([
      session.push(track(), { trackName: 'cam' }),
      session.pull({ sessionId: 'OTHER', trackName: 'their-cam' }),
    ])
    route.calls.length = 0
    await session.close(pushed as { sessionId: string; trackName: string }, { sessionId: 'OTHER', trackName: 'their-cam' })
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
    await expect(session.replaceTrack({ sessionId: 'S1', trackName: 'nope' }, next)).rejects.toBeInstanceOf(InvalidStateError)
  })

  it('should refuse bad arguments and work after destroy', async () => {
    const { session } = newSession()
    expect(() => session.pull({ sessionId: '', trackName: 'x' })).toThrow(TypeError)
    expect(() => session.push(undefined as unknown as MediaStreamTrack)).toThrow(TypeError)
    session.destroy()
    expect(session.getState().status).toBe('closed')
    await expect(session.pull({ sessionId: 'A', trackName: 'x' })).rejects.toBeInstanceOf(InvalidStateError)
  })

  it('should open a new session and re-push and re-pull when the transport fails and ICE restart does not help', async () => {
    const route = fakeRoute()
    const { session } = newSession(route)
    await Promise.all([session.push(track(), { trackName: 'cam' }), session.pull({ sessionId: 'OTHER', trackName: 'x' })])
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
