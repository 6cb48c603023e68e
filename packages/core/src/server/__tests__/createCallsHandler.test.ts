import { createLocalSfuApp, Sfu } from '@calls-kit/local-sfu'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { MediaStreamTrack, RTCPeerConnection } from 'werift'
import { CallsApiError } from '../../errors.js'
import { createCallsHandler } from '../createCallsHandler.js'
import { MemoryRoomStore } from '../memoryRoomStore.js'

// The upstream is the real local SFU's Fetch app, called in-process (no HTTP server).
const sfu = new Sfu()
const sfuApp = createLocalSfuApp(sfu)
const upstreamFetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
  sfuApp.fetch(new Request(input, init)),
)
/** The route under test, in front of the in-process local SFU. */
const routeOptions = {
  basePath: '/api/calls',
  apiBase: 'http://sfu.test/v1',
  appId: 'local',
  appSecret: 'local-secret',
  fetch: upstreamFetch as unknown as typeof fetch,
}
const handler = createCallsHandler(routeOptions)
afterAll(() => sfu.close())
afterEach(() => upstreamFetch.mockClear())

async function call(method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers['calls-session-token'] = token
  const res = await handler(
    new Request(`http://app.test/api/calls${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text }
}

async function newSession() {
  const res = await call('POST', '/sessions/new')
  expect(res.status).toBe(201)
  return res.json as { sessionId: string; sessionToken: string }
}

async function publish(trackName = 'cam') {
  const s = await newSession()
  const pc = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false })
  const t = pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' })
  await pc.setLocalDescription(await pc.createOffer())
  const res = await call(
    'POST',
    `/sessions/${s.sessionId}/tracks/new`,
    {
      sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp },
      tracks: [{ location: 'local', trackName, mid: t.mid }],
    },
    s.sessionToken,
  )
  expect(res.status).toBe(200)
  await pc.close()
  return s
}

/** Follows a room's event stream as `token`'s session: `next(event)` reads the next event, which must be of that kind. */
async function followRoom(room: string, token: string, route = handler) {
  const res = await route(
    new Request(`http://app.test/api/calls/rooms/${room}/events?token=${token}`),
  )
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    async next(kind: 'roster' | 'message' | 'removed') {
      while (!buffer.includes('\n\n')) buffer += decoder.decode((await reader.read()).value)
      const event = buffer.slice(0, buffer.indexOf('\n\n'))
      buffer = buffer.slice(buffer.indexOf('\n\n') + 2)
      expect(event).toContain(`event: ${kind}`)
      return JSON.parse(
        event
          .split('\n')
          .find((l) => l.startsWith('data:'))
          ?.slice(5) ?? 'null',
      )
    },
    close: () => reader.cancel(),
  }
}

/** A request to `route` as the session of `token`; `host` marks a moderator (`x-role: host`). */
const request = (
  route: (r: Request) => Promise<Response>,
  method: string,
  path: string,
  token: string,
  { body, host = false }: { body?: unknown; host?: boolean } = {},
) =>
  route(
    new Request(`http://app.test/api/calls${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'calls-session-token': token,
        ...(host ? { 'x-role': 'host' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  ).then(async (r) => ({ status: r.status, json: await r.json() }))

describe('createCallsHandler: session routes', () => {
  it('should create a session upstream with the app secret and hand back a session token', async () => {
    const s = await newSession()
    expect(s.sessionId).toMatch(/^[0-9a-f]{32}$/)
    expect(s.sessionToken.split('.')).toHaveLength(3)
    const upstream = upstreamFetch.mock.calls[0]
    expect(String(upstream?.[0])).toBe('http://sfu.test/v1/apps/local/sessions/new')
    expect(new Headers(upstream?.[1]?.headers).get('authorization')).toBe('Bearer local-secret')
  })

  it('should refuse session routes without a token (401) and with another session’s token (403)', async () => {
    const victim = await publish()
    const attacker = await newSession()
    const routes: Array<[string, string, unknown]> = [
      [
        'PUT',
        `/sessions/${victim.sessionId}/tracks/close`,
        { tracks: [{ mid: '0' }], force: true },
      ],
      [
        'PUT',
        `/sessions/${victim.sessionId}/renegotiate`,
        { sessionDescription: { type: 'answer', sdp: 'v=0' } },
      ],
      [
        'POST',
        `/sessions/${victim.sessionId}/tracks/new`,
        { tracks: [{ location: 'local', trackName: 'x', kind: 'audio' }] },
      ],
      [
        'PUT',
        `/sessions/${victim.sessionId}/tracks/update`,
        { tracks: [{ location: 'remote', trackName: 'x' }] },
      ],
      ['GET', `/sessions/${victim.sessionId}`, undefined],
      ['PUT', `/rooms/r/participants/${victim.sessionId}`, { name: 'Mallory', tracks: [] }],
      ['DELETE', `/rooms/r/participants/${victim.sessionId}`, undefined],
    ]
    for (const [method, path, body] of routes) {
      const none = await call(method, path, body)
      expect(none.status, `${method} ${path}`).toBe(401)
      expect(none.json.errorCode).toBe('unauthorized')
      const forged = await call(method, path, body, `${attacker.sessionToken.slice(0, -2)}xx`)
      expect(forged.status).toBe(401)
      const other = await call(method, path, body, attacker.sessionToken)
      expect(other.status, `${method} ${path}`).toBe(403)
      expect(other.json.errorCode).toBe('forbidden')
    }
    // Nothing reached the SFU for the refused calls, and the victim's track is still there.
    const state = await call('GET', `/sessions/${victim.sessionId}`, undefined, victim.sessionToken)
    expect(state.json.tracks).toEqual([
      expect.objectContaining({ trackName: 'cam', location: 'local' }),
    ])
  })

  it('should allow pulls only of tracks published in a room the caller is in', async () => {
    const publisher = await publish('cam')
    const subscriber = await newSession()
    const pull = () =>
      call(
        'POST',
        `/sessions/${subscriber.sessionId}/tracks/new`,
        { tracks: [{ location: 'remote', sessionId: publisher.sessionId, trackName: 'cam' }] },
        subscriber.sessionToken,
      )
    expect((await pull()).status).toBe(403)
    await call(
      'PUT',
      `/rooms/r1/participants/${publisher.sessionId}`,
      { name: 'Pub', tracks: [{ trackName: 'cam', kind: 'video', muted: false }] },
      publisher.sessionToken,
    )
    expect((await pull()).status).toBe(403) // the subscriber is not in r1 yet
    await call(
      'PUT',
      `/rooms/r1/participants/${subscriber.sessionId}`,
      { name: 'Sub', tracks: [] },
      subscriber.sessionToken,
    )
    const ok = await pull()
    expect(ok.status).toBe(200)
    expect(ok.json.sessionDescription.type).toBe('offer')
  })

  it('should answer a batch with one refused pull per track: the others go ahead', async () => {
    const publisher = await publish('cam')
    const gone = await publish('cam')
    const subscriber = await newSession()
    for (const [s, tracks] of [
      [publisher, [{ trackName: 'cam', kind: 'video', muted: false }]],
      [subscriber, []],
    ] as const) {
      await call(
        'PUT',
        `/rooms/r2/participants/${s.sessionId}`,
        { name: 'P', tracks },
        s.sessionToken,
      )
    }
    const res = await call(
      'POST',
      `/sessions/${subscriber.sessionId}/tracks/new`,
      {
        tracks: [
          { location: 'remote', sessionId: gone.sessionId, trackName: 'cam' },
          { location: 'remote', sessionId: publisher.sessionId, trackName: 'cam' },
        ],
      },
      subscriber.sessionToken,
    )
    expect(res.status).toBe(200)
    expect(res.json.sessionDescription.type).toBe('offer')
    const byId = new Map(res.json.tracks.map((t: { sessionId: string }) => [t.sessionId, t]))
    expect(byId.get(publisher.sessionId)).toMatchObject({
      trackName: 'cam',
      mid: expect.any(String),
    })
    expect(byId.get(publisher.sessionId)).not.toHaveProperty('errorCode')
    expect(byId.get(gone.sessionId)).toMatchObject({ trackName: 'cam', errorCode: 'forbidden' })
    // Only the allowed pull reached the SFU.
    const upstreamBodies = upstreamFetch.mock.calls
      .map((c) => String(c[1]?.body ?? ''))
      .filter((b) => b.includes('"remote"'))
    expect(upstreamBodies).toHaveLength(1)
    expect(upstreamBodies[0]).not.toContain(gone.sessionId)
  })

  it('should validate input with Calls-style 4xx errors', async () => {
    const s = await newSession()
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/sessions/new', '{oops', 400, 'invalid_json'],
      [
        'POST',
        `/sessions/${s.sessionId}/tracks/new`,
        { tracks: [{ location: 'nowhere' }] },
        400,
        'invalid_request',
      ],
      ['PUT', `/sessions/${s.sessionId}/renegotiate`, {}, 400, 'invalid_request'],
      [
        'PUT',
        `/rooms/r/participants/${s.sessionId}`,
        { name: '', tracks: [] },
        400,
        'invalid_request',
      ],
      [
        'PUT',
        `/rooms/r/participants/${s.sessionId}`,
        {
          name: 'Ada',
          tracks: [
            { trackName: 'cam', kind: 'video', muted: false, layers: [{ rid: 'h m', width: 640 }] },
          ],
        },
        400,
        'invalid_request',
      ],
      ['GET', '/nowhere', undefined, 404, 'not_found'],
      ['DELETE', `/sessions/${s.sessionId}`, undefined, 405, 'method_not_allowed'],
      ['GET', '/sessions/new', undefined, 405, 'method_not_allowed'],
    ]
    for (const [method, path, body, status, errorCode] of cases) {
      const res = await call(method, path, body, s.sessionToken)
      expect(res.status, `${method} ${path}`).toBe(status)
      expect(res.json.errorCode).toBe(errorCode)
      expect(typeof res.json.errorDescription).toBe('string')
    }
  })

  it('should pass upstream 4xx through and turn an unreachable or failing upstream into 502, without the secret', async () => {
    const s = await newSession()
    const notFound = await call(
      'POST',
      `/sessions/${s.sessionId}/tracks/new`,
      { tracks: [{ location: 'remote', sessionId: 'nope', trackName: 'x' }] },
      s.sessionToken,
    )
    expect(notFound.status).toBe(403) // refused before upstream: not in a room
    for (const broken of [
      () => Promise.reject(new TypeError('fetch failed')),
      () => Promise.resolve(new Response('<html>oops</html>', { status: 500 })),
    ]) {
      const h = createCallsHandler({
        basePath: '/api/calls',
        appSecret: 'super-secret-value',
        fetch: broken as typeof fetch,
      })
      const res = await h(new Request('http://app.test/api/calls/sessions/new', { method: 'POST' }))
      expect(res.status).toBe(502)
      const text = await res.text()
      expect(JSON.parse(text).errorCode).toBe('upstream_error')
      expect(text).not.toContain('super-secret-value')
    }
  })
})

describe('createCallsHandler: rooms', () => {
  it('should join, update, list and leave, and stream roster changes as SSE', async () => {
    const bobTracks = [
      { trackName: 'mic', kind: 'audio', muted: true },
      {
        trackName: 'cam',
        kind: 'video',
        muted: false,
        source: 'camera',
        layers: [
          { rid: 'h', width: 640 },
          { rid: 'm', width: 320 },
        ],
      },
    ]
    const a = await newSession()
    const b = await newSession()
    const events = await followRoom('sse', a.sessionToken)
    const nextRoster = () => events.next('roster')
    expect((await nextRoster()).participants).toEqual([])
    await call(
      'PUT',
      `/rooms/sse/participants/${a.sessionId}`,
      { name: 'Ada', tracks: [] },
      a.sessionToken,
    )
    expect((await nextRoster()).participants.map((p: { name: string }) => p.name)).toEqual(['Ada'])
    await call(
      'PUT',
      `/rooms/sse/participants/${b.sessionId}`,
      { name: 'Bob', tracks: bobTracks },
      b.sessionToken,
    )
    const both = await nextRoster()
    expect(both.participants.map((p: { name: string }) => p.name)).toEqual(['Ada', 'Bob'])
    expect(both.participants[1].tracks).toEqual(bobTracks)
    const listed = await call('GET', '/rooms/sse', undefined, b.sessionToken)
    expect(listed.json).toEqual(both)
    await call('DELETE', `/rooms/sse/participants/${b.sessionId}`, undefined, b.sessionToken)
    expect((await nextRoster()).participants.map((p: { name: string }) => p.name)).toEqual(['Ada'])
    await events.close()
    expect((await call('GET', '/rooms/sse')).status).toBe(401)
  })
})

describe('createCallsHandler: participant metadata', () => {
  it('should show a participant’s metadata in the roster, replace and clear it, and refuse too much', async () => {
    const a = await newSession()
    const put = (body: unknown) =>
      call('PUT', `/rooms/meta/participants/${a.sessionId}`, body, a.sessionToken)
    const metadataOf = (res: { json: { participants: Array<{ metadata?: unknown }> } }) =>
      res.json.participants[0]?.metadata
    expect(
      metadataOf(await put({ name: 'Ada', tracks: [], metadata: { handRaised: true } })),
    ).toEqual({ handRaised: true })
    expect(metadataOf(await put({ name: 'Ada', tracks: [], metadata: { role: 'host' } }))).toEqual({
      role: 'host',
    })
    expect(metadataOf(await put({ name: 'Ada', tracks: [] }))).toBeUndefined()
    const tooMuch = [
      { big: 'x'.repeat(3000) },
      Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])),
      { ['k'.repeat(65)]: 1 },
      ['not', 'an', 'object'],
    ]
    for (const metadata of tooMuch) {
      const res = await put({ name: 'Ada', tracks: [], metadata })
      expect([res.status, res.json.errorCode]).toEqual([400, 'invalid_request'])
    }
    const roster = await call('GET', '/rooms/meta', undefined, a.sessionToken)
    expect(roster.json.participants.map((p: { name: string }) => p.name)).toEqual(['Ada'])
  })
})

describe('createCallsHandler: room messages', () => {
  async function joined(room: string, name: string, route = handler) {
    const s = await newSession()
    const res = await route(
      new Request(`http://app.test/api/calls/rooms/${room}/participants/${s.sessionId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'calls-session-token': s.sessionToken },
        body: JSON.stringify({ name, tracks: [] }),
      }),
    )
    expect(res.status).toBe(200)
    return s
  }

  it('should deliver a message to the others in the room, from the sender’s roster name, and a direct one only to its recipient', async () => {
    const ada = await joined('msg', 'Ada')
    const bob = await joined('msg', 'Bob')
    const cy = await joined('msg', 'Cy')
    const adaEvents = await followRoom('msg', ada.sessionToken)
    const bobEvents = await followRoom('msg', bob.sessionToken)
    const cyEvents = await followRoom('msg', cy.sessionToken)
    for (const events of [adaEvents, bobEvents, cyEvents]) await events.next('roster')

    // The body cannot choose its sender: `from` comes from the roster.
    const sent = await call(
      'POST',
      '/rooms/msg/messages',
      { topic: 'chat', data: { text: 'hi all' }, from: { sessionId: cy.sessionId, name: 'Cy' } },
      bob.sessionToken,
    )
    expect(sent.status).toBe(201)
    expect(sent.json).toMatchObject({
      room: 'msg',
      topic: 'chat',
      from: { sessionId: bob.sessionId, name: 'Bob' },
      data: { text: 'hi all' },
    })
    expect(sent.json.to).toBeUndefined()
    expect(await adaEvents.next('message')).toEqual(sent.json)
    expect(await cyEvents.next('message')).toEqual(sent.json)

    const direct = await call(
      'POST',
      '/rooms/msg/messages',
      { topic: 'reaction', data: '👍', to: [cy.sessionId, 'gone-session'] },
      ada.sessionToken,
    )
    expect(direct.status).toBe(201)
    expect(direct.json.to).toEqual([cy.sessionId])
    expect(await cyEvents.next('message')).toEqual(direct.json)
    // Bob's stream skipped the direct message and his own: the next thing he sees is Cy's broadcast.
    const last = await call('POST', '/rooms/msg/messages', { topic: 't', data: 1 }, cy.sessionToken)
    expect((await bobEvents.next('message')).id).toBe(last.json.id)
    expect((await adaEvents.next('message')).id).toBe(last.json.id)
    await Promise.all([adaEvents, bobEvents, cyEvents].map((e) => e.close()))
  })

  it('should refuse bad messages with Calls-style 4xx and keep delivering the good ones', async () => {
    const ada = await joined('bad', 'Ada')
    const bob = await joined('bad', 'Bob')
    const outsider = await newSession()
    const bobEvents = await followRoom('bad', bob.sessionToken)
    await bobEvents.next('roster')
    const send = (body: unknown, token?: string) => call('POST', '/rooms/bad/messages', body, token)
    const refusals: Array<[unknown, string | undefined, number, string]> = [
      [{ topic: 'chat', data: 'x' }, undefined, 401, 'unauthorized'],
      [{ topic: 'chat', data: 'x' }, outsider.sessionToken, 403, 'forbidden'],
      [{ topic: 'chat', data: 'x'.repeat(17_000) }, ada.sessionToken, 413, 'payload_too_large'],
      [{ topic: 'no spaces', data: 'x' }, ada.sessionToken, 400, 'invalid_request'],
      [{ topic: 'chat' }, ada.sessionToken, 400, 'invalid_request'],
      [{ topic: 'chat', data: 'x', to: [] }, ada.sessionToken, 400, 'invalid_request'],
      [{ topic: 'chat', data: 'x', to: ['nobody'] }, ada.sessionToken, 404, 'not_found'],
      ['{not json', ada.sessionToken, 400, 'invalid_json'],
    ]
    for (const [body, token, status, errorCode] of refusals) {
      const res = await send(body, token)
      expect([res.status, res.json?.errorCode]).toEqual([status, errorCode])
      expect(res.json.errorDescription).toEqual(expect.any(String))
    }
    expect((await call('PUT', '/rooms/bad/messages', {}, ada.sessionToken)).status).toBe(405)
    const ok = await send({ topic: 'chat', data: { text: 'still here' } }, ada.sessionToken)
    expect(ok.status).toBe(201)
    expect((await bobEvents.next('message')).data).toEqual({ text: 'still here' })
    await bobEvents.close()
  })

  it('should keep chat for those who join later — the newest up to the limit, not direct messages or other topics — while the room lasts', async () => {
    const route = createCallsHandler({
      ...routeOptions,
      messageHistory: { topics: ['chat'], limit: 2 },
    })
    const ada = await joined('history', 'Ada', route)
    const bob = await joined('history', 'Bob', route)
    const post = (s: { sessionToken: string }, body: unknown) =>
      request(route, 'POST', '/rooms/history/messages', s.sessionToken, { body })
    for (const text of ['one', 'two', 'three']) await post(ada, { topic: 'chat', data: { text } })
    await post(ada, { topic: 'chat', data: { text: 'psst' }, to: [bob.sessionId] })
    await post(ada, { topic: 'reaction', data: '👍' })
    const later = await joined('history', 'Cy', route)
    const kept = await request(route, 'GET', '/rooms/history/messages', later.sessionToken)
    expect(kept.status).toBe(200)
    expect(kept.json.messages.map((m: { data: { text: string } }) => m.data.text)).toEqual([
      'two',
      'three',
    ])
    expect(kept.json.messages[0].from.name).toBe('Ada')
    // Cy's event stream replays them at connect, after the roster.
    const cyEvents = await followRoom('history', later.sessionToken, route)
    await cyEvents.next('roster')
    expect((await cyEvents.next('message')).data).toEqual({ text: 'two' })
    expect((await cyEvents.next('message')).data).toEqual({ text: 'three' })
    await cyEvents.close()
    // Everyone leaves: the room and its messages are gone.
    for (const s of [ada, bob, later])
      await request(route, 'DELETE', `/rooms/history/participants/${s.sessionId}`, s.sessionToken)
    const again = await joined('history', 'Dee', route)
    const empty = await request(route, 'GET', '/rooms/history/messages', again.sessionToken)
    expect(empty.json.messages).toEqual([])
    const anonymous = await route(new Request('http://app.test/api/calls/rooms/history/messages'))
    expect(anonymous.status).toBe(401)
  })

  it('should answer 429 rate_limited past the burst, per session, and accept again after the refill', async () => {
    let now = 1_000_000
    const route = createCallsHandler({
      ...routeOptions,
      messageRateLimit: { burst: 3, perSecond: 1, now: () => now },
    })
    const ada = await joined('rate', 'Ada', route)
    const bob = await joined('rate', 'Bob', route)
    const send = (s: { sessionToken: string }) =>
      route(
        new Request('http://app.test/api/calls/rooms/rate/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'calls-session-token': s.sessionToken },
          body: JSON.stringify({ topic: 'chat', data: 'x' }),
        }),
      ).then(async (r) => [r.status, ((await r.json()) as { errorCode?: string }).errorCode])
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await send(ada))[0])
    expect(statuses).toEqual([201, 201, 201, 429])
    expect(await send(ada)).toEqual([429, 'rate_limited'])
    expect((await send(bob))[0]).toBe(201) // another session has its own budget
    now += 1000
    expect((await send(ada))[0]).toBe(201)
    expect((await send(ada))[0]).toBe(429)
  })
})

describe('createCallsHandler: removing a participant', () => {
  // Moderators are marked by an `x-role: host` header, standing in for the app's login.
  const moderated = createCallsHandler({
    ...routeOptions,
    authorize: (request, access) =>
      access.action !== 'remove' || request.headers.get('x-role') === 'host',
  })
  const enter = (
    route: typeof moderated,
    room: string,
    s: { sessionId: string; sessionToken: string },
    name: string,
    tracks: unknown[] = [],
  ) =>
    request(route, 'PUT', `/rooms/${room}/participants/${s.sessionId}`, s.sessionToken, {
      body: { name, tracks },
    })

  it('should let an allowed moderator remove a participant: out of the roster, its tracks closed at the SFU, told on its stream, kept out', async () => {
    const host = await newSession()
    const bob = await publish('cam') // a real pushed track at the SFU
    await enter(moderated, 'mod', host, 'Host')
    await enter(moderated, 'mod', bob, 'Bob', [{ trackName: 'cam', kind: 'video', muted: false }])
    const upstreamTracks = async () => {
      const res = await sfuApp.fetch(
        new Request(`http://sfu.test/v1/apps/local/sessions/${bob.sessionId}`, {
          headers: { authorization: 'Bearer local-secret' },
        }),
      )
      return ((await res.json()) as { tracks?: Array<{ status?: string }> }).tracks ?? []
    }
    expect((await upstreamTracks()).filter((t) => t.status !== 'inactive')).toHaveLength(1)
    const bobEvents = await followRoom('mod', bob.sessionToken, moderated)
    const hostEvents = await followRoom('mod', host.sessionToken, moderated)
    await bobEvents.next('roster')
    await hostEvents.next('roster')

    // Bob may not remove the host (not allowed), nor anyone remove Bob without the grant.
    const refused = await request(
      moderated,
      'DELETE',
      `/rooms/mod/participants/${host.sessionId}`,
      bob.sessionToken,
    )
    expect([refused.status, refused.json.errorCode]).toEqual([403, 'forbidden'])

    const res = await request(
      moderated,
      'DELETE',
      `/rooms/mod/participants/${bob.sessionId}`,
      host.sessionToken,
      { host: true },
    )
    expect(res.status).toBe(200)
    expect(res.json.participants.map((p: { name: string }) => p.name)).toEqual(['Host'])
    expect(await bobEvents.next('removed')).toEqual({
      room: 'mod',
      by: { sessionId: host.sessionId, name: 'Host' },
    })
    expect(
      (await hostEvents.next('roster')).participants.map((p: { name: string }) => p.name),
    ).toEqual(['Host'])
    expect((await upstreamTracks()).filter((t) => t.status !== 'inactive')).toEqual([])
    // Bob's heartbeat (or a re-join) is refused, so his tracks stay out of reach of pulls.
    const back = await enter(moderated, 'mod', bob, 'Bob')
    expect([back.status, back.json.errorCode]).toEqual([403, 'removed'])
    const again = await request(
      moderated,
      'DELETE',
      `/rooms/mod/participants/${bob.sessionId}`,
      host.sessionToken,
      { host: true },
    )
    expect([again.status, again.json.errorCode]).toEqual([404, 'not_found'])
    // Nobody can forge the notice: the topic is the route's own.
    const forged = await request(moderated, 'POST', '/rooms/mod/messages', host.sessionToken, {
      body: { topic: 'calls-kit:removed', data: null },
    })
    expect([forged.status, forged.json.errorCode]).toEqual([400, 'invalid_request'])
    await Promise.all([bobEvents.close(), hostEvents.close()])
  })

  it('should refuse removing others when the app has no authorize, and a moderator who is not in the room', async () => {
    const ada = await newSession()
    const bob = await newSession()
    await enter(handler, 'open', ada, 'Ada')
    await enter(handler, 'open', bob, 'Bob')
    const res = await request(
      handler,
      'DELETE',
      `/rooms/open/participants/${ada.sessionId}`,
      bob.sessionToken,
    )
    expect([res.status, res.json.errorCode]).toEqual([403, 'forbidden'])
    expect(res.json.errorDescription).toContain('authorize')
    const outsider = await newSession()
    const far = await request(
      moderated,
      'DELETE',
      `/rooms/open/participants/${ada.sessionId}`,
      outsider.sessionToken,
      { host: true },
    )
    expect([far.status, far.json.errorCode]).toEqual([403, 'forbidden'])
    const roster = await call('GET', '/rooms/open', undefined, ada.sessionToken)
    // Both still in (joined within the same ms, so in either order).
    expect(roster.json.participants.map((p: { name: string }) => p.name).sort()).toEqual([
      'Ada',
      'Bob',
    ])
  })
})

describe('createCallsHandler: authorize', () => {
  // The app's login stands in as an `x-user` header: `ada` may call and use room `team` (shown
  // under her account's name), `eve` is signed in but may not start calls, nobody else is signed in.
  const onError = vi.fn()
  const guarded = createCallsHandler({
    ...routeOptions,
    onError,
    authorize: (request, access) => {
      const user = request.headers.get('x-user')
      if (user === 'broken') throw new Error('session store down')
      if (user !== 'ada' && user !== 'eve')
        throw new CallsApiError(401, 'unauthorized', 'sign in first')
      if (access.action === 'session') return user === 'ada'
      return access.room === 'team' && { name: 'Ada Lovelace' }
    },
  })
  const as = async (user: string, method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-user': user }
    if (token) headers['calls-session-token'] = token
    const res = await guarded(
      new Request(`http://app.test/api/calls${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    return { status: res.status, json: await res.json().catch(() => undefined) }
  }

  it('should start no Calls session for a caller the app refuses (401 thrown, 403 on false)', async () => {
    expect(await as('nobody', 'POST', '/sessions/new')).toMatchObject({
      status: 401,
      json: { errorCode: 'unauthorized', errorDescription: 'sign in first' },
    })
    expect(await as('eve', 'POST', '/sessions/new')).toMatchObject({
      status: 403,
      json: { errorCode: 'forbidden' },
    })
    expect(upstreamFetch).not.toHaveBeenCalled()
    expect((await as('ada', 'POST', '/sessions/new')).status).toBe(201)
    expect(upstreamFetch).toHaveBeenCalledTimes(1)
  })

  it('should let a caller join and view only the rooms the app allows, under the name it grants', async () => {
    const { json: s } = await as('ada', 'POST', '/sessions/new')
    const joinTeam = await as(
      'ada',
      'PUT',
      `/rooms/team/participants/${s.sessionId}`,
      { name: 'Admin', tracks: [] },
      s.sessionToken,
    )
    expect(joinTeam.status).toBe(200)
    expect(joinTeam.json.participants.map((p: { name: string }) => p.name)).toEqual([
      'Ada Lovelace',
    ])
    const joinOther = await as(
      'ada',
      'PUT',
      `/rooms/board/participants/${s.sessionId}`,
      { name: 'Ada', tracks: [] },
      s.sessionToken,
    )
    expect(joinOther).toMatchObject({ status: 403, json: { errorCode: 'forbidden' } })
    expect(joinOther.json.errorDescription).toContain('room board')
    expect((await as('ada', 'GET', '/rooms/team', undefined, s.sessionToken)).status).toBe(200)
    expect((await as('ada', 'GET', '/rooms/board', undefined, s.sessionToken)).status).toBe(403)
    expect((await as('ada', 'GET', '/rooms/board/events', undefined, s.sessionToken)).status).toBe(
      403,
    )
    // Signed out (a stolen session token alone is not enough): 401 before any room is read.
    expect((await as('nobody', 'GET', '/rooms/team', undefined, s.sessionToken)).status).toBe(401)
  })

  it('should answer 500 internal_error and report to onError when the app’s check fails', async () => {
    expect(await as('broken', 'POST', '/sessions/new')).toMatchObject({
      status: 500,
      json: { errorCode: 'internal_error' },
    })
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'session store down' }),
      expect.any(Request),
    )
  })
})

describe('MemoryRoomStore', () => {
  it('should drop participants whose heartbeat stops, and keep those who beat', async () => {
    vi.useFakeTimers()
    try {
      let now = 0
      const store = new MemoryRoomStore({ heartbeatTimeoutMs: 30_000, now: () => now })
      const seen: string[][] = []
      store.subscribe('r', (roster) => seen.push(roster.participants.map((p) => p.sessionId)))
      await store.upsert('r', 'a', { name: 'A', tracks: [] })
      await store.upsert('r', 'b', { name: 'B', tracks: [] })
      now = 20_000
      await store.upsert('r', 'a', { name: 'A', tracks: [] }) // heartbeat: no change, no event
      expect(seen).toEqual([['a'], ['a', 'b']])
      now = 31_000
      vi.advanceTimersByTime(10_000)
      expect(seen.at(-1)).toEqual(['a'])
      expect((await store.get('r')).participants.map((p) => p.sessionId)).toEqual(['a'])
      expect(await store.roomsOf('a')).toEqual(['r'])
      now = 60_000
      expect((await store.get('r')).participants).toEqual([])
      expect(await store.roomsOf('a')).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })
})
