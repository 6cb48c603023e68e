import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallsApiError } from '../errors.js'
import { RoomClient } from '../roomClient.js'
import type { Roster } from '../roomTypes.js'

interface Call {
  url: string
  method: string
  headers: Headers
  body: unknown
}

function fakeFetch(
  answer: (call: Call) => Response = () => Response.json({ room: 'lobby', participants: [] }),
) {
  const calls: Call[] = []
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const call = {
      url: String(url),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    return answer(call)
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

/** Records the URL and lets the test dispatch `roster` events. */
class FakeEventSource extends EventTarget {
  static last: FakeEventSource | undefined
  closed = false
  constructor(readonly url: string) {
    super()
    FakeEventSource.last = this
  }
  close() {
    this.closed = true
  }
  emitRoster(data: string) {
    this.dispatchEvent(new MessageEvent('roster', { data }))
  }
  emitMessage(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
}

const update = {
  name: 'Ada',
  tracks: [{ trackName: 'cam', kind: 'video' as const, muted: false, source: 'camera' as const }],
}

afterEach(() => {
  vi.useRealTimers()
})

describe('RoomClient', () => {
  it('should PUT the participant with the session token and return the roster', async () => {
    const roster: Roster = {
      room: 'lobby',
      participants: [{ sessionId: 'S1', joinedAt: 1, ...update }],
    }
    const { fetch, calls } = fakeFetch(() => Response.json(roster))
    const rooms = new RoomClient({
      apiBase: 'http://app.test/api/calls/',
      fetch,
      getSessionToken: () => 'T1',
    })
    expect(await rooms.join('lobby', 'S1', update)).toEqual(roster)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      url: 'http://app.test/api/calls/rooms/lobby/participants/S1',
      method: 'PUT',
      body: update,
    })
    expect(calls[0]?.headers.get('calls-session-token')).toBe('T1')
    expect(calls[0]?.headers.get('content-type')).toBe('application/json')
    rooms.dispose()
  })

  it('should encode room names and session ids in paths', async () => {
    const { fetch, calls } = fakeFetch()
    const rooms = new RoomClient({ apiBase: '/api/calls', fetch, getSessionToken: () => undefined })
    await rooms.getRoster('a b/c')
    expect(calls[0]).toMatchObject({
      url: '/api/calls/rooms/a%20b%2Fc',
      method: 'GET',
      body: undefined,
    })
    expect(calls[0]?.headers.has('calls-session-token')).toBe(false)
  })

  it('should heartbeat every 10 s with the latest update while joined, and stop on leave', async () => {
    vi.useFakeTimers()
    const { fetch, calls } = fakeFetch()
    const rooms = new RoomClient({ fetch, getSessionToken: () => 'T1' })
    await rooms.join('lobby', 'S1', update)
    await vi.advanceTimersByTimeAsync(9_999)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
    expect(calls[1]).toMatchObject({
      url: '/api/calls/rooms/lobby/participants/S1',
      method: 'PUT',
      body: update,
    })
    const muted = { ...update, tracks: [{ ...update.tracks[0], muted: true }] } as typeof update
    await rooms.update('lobby', 'S1', muted)
    await vi.advanceTimersByTimeAsync(10_000)
    // One timer per membership: the update did not start a second heartbeat.
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'PUT', 'PUT', 'PUT'])
    expect(calls[3]?.body).toEqual(muted)
    await rooms.leave('lobby', 'S1')
    expect(calls[4]).toMatchObject({
      url: '/api/calls/rooms/lobby/participants/S1',
      method: 'DELETE',
      body: undefined,
    })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(calls).toHaveLength(5)
  })

  it("should send each participant's own token, and stop a heartbeat the route refuses for good", async () => {
    vi.useFakeTimers()
    let refuse = false
    const { fetch, calls } = fakeFetch(() =>
      refuse
        ? Response.json({ errorCode: 'forbidden', errorDescription: 'x' }, { status: 403 })
        : Response.json({ room: 'lobby', participants: [] }),
    )
    const tokens: Record<string, string> = { S1: 'T1', S2: 'T2' }
    const rooms = new RoomClient({ fetch, getSessionToken: (id) => (id ? tokens[id] : 'T2') })
    await rooms.join('lobby', 'S1', update)
    await rooms.join('lobby', 'S2', update)
    await rooms.getRoster('lobby')
    expect(calls.map((c) => c.headers.get('calls-session-token'))).toEqual(['T1', 'T2', 'T2'])
    refuse = true
    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toHaveLength(5)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(calls).toHaveLength(5)
  })

  it('should keep the heartbeat through a transient failure', async () => {
    vi.useFakeTimers()
    let fail = false
    const { fetch, calls } = fakeFetch(() =>
      fail
        ? Response.json({ errorCode: 'upstream', errorDescription: 'x' }, { status: 502 })
        : Response.json({ room: 'r', participants: [] }),
    )
    const rooms = new RoomClient({ fetch, getSessionToken: () => 'T1' })
    await rooms.join('r', 'S1', update)
    fail = true
    await vi.advanceTimersByTimeAsync(10_000)
    fail = false
    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toHaveLength(3)
    rooms.dispose()
  })

  it('should throw CallsApiError with the route status and errorCode', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ errorCode: 'forbidden', errorDescription: 'not yours' }, { status: 403 }),
    )
    const rooms = new RoomClient({ fetch, getSessionToken: () => 'T2' })
    const error = await rooms.join('lobby', 'S1', update).catch((e) => e)
    expect(error).toBeInstanceOf(CallsApiError)
    expect(error).toMatchObject({
      status: 403,
      errorCode: 'forbidden',
      errorDescription: 'not yours',
    })
    const offline = new RoomClient({
      fetch: () => Promise.reject(new TypeError('offline')),
      getSessionToken: () => 'T',
    })
    await expect(offline.getRoster('lobby')).rejects.toMatchObject({
      status: 0,
      errorCode: 'network_error',
    })
    rooms.dispose()
  })

  it('should follow the roster over Server-Sent Events with the token in the URL', () => {
    const rooms = new RoomClient({
      apiBase: '/api/calls',
      getSessionToken: () => 'a.b+c',
      EventSource: FakeEventSource as unknown as typeof EventSource,
    })
    const seen: Roster[] = []
    const onError = vi.fn()
    const stop = rooms.subscribe('lobby', { onRoster: (r) => seen.push(r), onError })
    const source = FakeEventSource.last as FakeEventSource
    expect(source.url).toBe('/api/calls/rooms/lobby/events?token=a.b%2Bc')
    source.emitRoster(JSON.stringify({ room: 'lobby', participants: [] }))
    source.emitRoster('{not json')
    source.dispatchEvent(new Event('error'))
    expect(seen).toEqual([{ room: 'lobby', participants: [] }])
    expect(onError).toHaveBeenCalledTimes(1)
    stop()
    expect(source.closed).toBe(true)
  })

  it('should deliver room messages from the stream and post its own with the session token', async () => {
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ id: 'm1', topic: 'chat', data: { text: 'hi' } }), {
          status: 201,
        }),
    )
    const rooms = new RoomClient({
      apiBase: '/api/calls',
      fetch: fetch as unknown as typeof globalThis.fetch,
      getSessionToken: (id) => (id ? `token-of-${id}` : 'viewer'),
      EventSource: FakeEventSource as unknown as typeof EventSource,
    })
    const messages: unknown[] = []
    const rosters: unknown[] = []
    const stop = rooms.subscribe('lobby', {
      onRoster: (r) => rosters.push(r),
      onMessage: (m) => messages.push(m.data),
    })
    const source = FakeEventSource.last as FakeEventSource
    source.emitMessage(JSON.stringify({ id: 'x', topic: 'chat', data: { text: 'yo' } }))
    source.emitMessage('{broken')
    expect(messages).toEqual([{ text: 'yo' }])
    expect(rosters).toEqual([])
    stop()

    const sent = await rooms.sendMessage('lobby', 'S1', { topic: 'chat', data: { text: 'hi' } })
    expect(sent.id).toBe('m1')
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/calls/rooms/lobby/messages')
    expect(init.method).toBe('POST')
    expect(new Headers(init.headers).get('calls-session-token')).toBe('token-of-S1')
    expect(JSON.parse(init.body as string)).toEqual({ topic: 'chat', data: { text: 'hi' } })
  })
})
