/** One request a {@link createFakeCallsRoute} received. */
export interface FakeRouteCall {
  method: string
  /** Path after the route's base, e.g. `/sessions/S1/tracks/new`. */
  path: string
  body: any
  headers: Headers
  /** The request's `keepalive` (it outlives the page). */
  keepalive?: boolean
}

/** Options of {@link createFakeCallsRoute}. */
export interface FakeCallsRouteOptions {
  /** A trackName the fake refuses per track (`not_found` for pulls, `invalid_track` for pushes). */
  failTrack?: string
  /** Answer every request with this HTTP status and `errorCode: 'boom'`. */
  failAll?: number
}

/**
 * A `fetch` that answers like `createCallsHandler` in front of an SFU, in memory: sessions `S1`,
 * `S2`, … with tokens `T1`, `T2`, …; pushes answered, pulls offered with mids from 100 (an SDP
 * built for {@link FakePeerConnection}), renegotiate/close accepted, rooms upserted in memory, room
 * messages from a member answered `201` (ids `M1`, `M2`, …; no event stream: nothing is delivered).
 * For unit tests of clients; `calls` records every request.
 */
export function createFakeCallsRoute(options: FakeCallsRouteOptions = {}): {
  fetch: typeof globalThis.fetch
  calls: FakeRouteCall[]
} {
  const calls: FakeRouteCall[] = []
  let nextMid = 100
  let nextSession = 1
  let nextMessage = 1
  const rooms = new Map<string, Map<string, any>>()
  const roster = (room: string) => ({ room, participants: [...(rooms.get(room)?.values() ?? [])] })
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(url), 'http://app.test').pathname.replace(
      /^.*?\/(sessions|rooms)\//,
      '/$1/',
    )
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    const method = init?.method ?? 'GET'
    calls.push({
      method,
      path,
      body,
      headers: new Headers(init?.headers),
      keepalive: init?.keepalive === true,
    })
    if (options.failAll)
      return Response.json(
        { errorCode: 'boom', errorDescription: 'refused' },
        { status: options.failAll },
      )
    if (path === '/sessions/new') {
      const n = nextSession++
      return Response.json({ sessionId: `S${n}`, sessionToken: `T${n}` }, { status: 201 })
    }
    const participant = /^\/rooms\/([^/]+)\/participants\/([^/]+)$/.exec(path)
    if (participant) {
      const [, room = '', sessionId = ''] = participant
      const members = rooms.get(room) ?? new Map()
      rooms.set(room, members)
      if (method === 'DELETE') members.delete(sessionId)
      else
        members.set(sessionId, {
          sessionId,
          joinedAt: members.get(sessionId)?.joinedAt ?? Date.now(),
          ...body,
        })
      return Response.json(roster(room))
    }
    const messages = /^\/rooms\/([^/]+)\/messages$/.exec(path)
    if (messages && method === 'POST') {
      const room = messages[1] ?? ''
      const sessionId = new Headers(init?.headers).get('calls-session-token')?.replace(/^T/, 'S')
      const from = rooms.get(room)?.get(sessionId ?? '')
      if (!from)
        return Response.json(
          { errorCode: 'forbidden', errorDescription: `not in room ${room}` },
          { status: 403 },
        )
      return Response.json(
        {
          id: `M${nextMessage++}`,
          room,
          topic: body.topic,
          from: { sessionId, name: from.name },
          ...(body.to ? { to: body.to } : {}),
          data: body.data,
          sentAt: Date.now(),
        },
        { status: 201 },
      )
    }
    const room = /^\/rooms\/([^/]+)$/.exec(path)
    if (room) return Response.json(roster(room[1] ?? ''))
    if (path.endsWith('/tracks/new')) {
      if (body.sessionDescription) {
        return Response.json({
          sessionDescription: { type: 'answer', sdp: 'v=0\r\n' },
          tracks: body.tracks.map((t: any) =>
            t.trackName === options.failTrack
              ? { ...t, errorCode: 'invalid_track', errorDescription: 'refused' }
              : t,
          ),
        })
      }
      const tracks = body.tracks.map((t: any) =>
        t.trackName === options.failTrack
          ? { ...t, errorCode: 'not_found', errorDescription: 'no such track' }
          : { ...t, mid: String(nextMid++) },
      )
      const mids = tracks.filter((t: any) => t.mid).map((t: any) => t.mid)
      return Response.json({
        requiresImmediateRenegotiation: true,
        sessionDescription: { type: 'offer', sdp: sfuOffer(mids) },
        tracks,
      })
    }
    if (path.endsWith('/renegotiate')) return Response.json({})
    if (path.endsWith('/tracks/close')) {
      return Response.json({
        sessionDescription: { type: 'answer', sdp: 'v=0\r\n' },
        tracks: body.tracks,
      })
    }
    return Response.json({ errorCode: 'not_found', errorDescription: path }, { status: 404 })
  }
  return { fetch: fetch as typeof globalThis.fetch, calls }
}

/** An SDP offer with one video m-line per mid, as an SFU sends for pulled tracks. */
export function sfuOffer(mids: string[]): string {
  return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${mids.map((mid) => `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${mid}\r\na=sendonly\r\n`).join('')}`
}
