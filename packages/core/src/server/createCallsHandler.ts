import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import {
  closeTracksSchema,
  newSessionSchema,
  readJsonBody,
  renegotiateSchema,
  tracksRequestSchema,
  updateTracksSchema,
} from '../api/schemas.js'
import { CallsApiClient } from '../callsApiClient.js'
import { CallsApiError, isCallsApiError } from '../errors.js'
import type { RoomMessage } from '../roomTypes.js'
import { MemoryRoomStore } from './memoryRoomStore.js'
import { MessageRateLimit, type MessageRateLimitOptions } from './messageRateLimit.js'
import type { RoomStore } from './roomStore.js'
import { deriveTokenKey, SessionTokens } from './sessionTokens.js'

/** Cloudflare's Calls API base. */
export const CLOUDFLARE_CALLS_API_BASE = 'https://rtc.live.cloudflare.com/v1'
/** The local SFU's API base and default app (`pnpm sfu`). */
export const LOCAL_SFU_DEFAULTS = {
  apiBase: 'http://127.0.0.1:8787/v1',
  appId: 'local',
  appSecret: 'local-secret',
} as const

/**
 * What a request asks to do, as {@link CallsHandlerOptions.authorize} sees it:
 * - `session`: create a Calls session (`POST sessions/new`) — the step that costs Calls usage;
 * - `join`: enter a room or update one's presence in it (`PUT rooms/{room}/participants/{id}`) —
 *   what lets a session pull the room's tracks;
 * - `view`: read a room's roster or follow it (`GET rooms/{room}`, `GET rooms/{room}/events`);
 * - `remove`: take participant `sessionId` out of a room (`DELETE rooms/{room}/participants/{id}`
 *   by someone else than that participant) — a moderator's action, refused unless `authorize`
 *   allows it.
 * The other routes act on a session its caller already owns (session token), so they need no
 * further grant.
 */
export type CallsAccess =
  | { action: 'session' }
  | { action: 'join'; room: string }
  | { action: 'view'; room: string }
  | { action: 'remove'; room: string; sessionId: string }

/** What {@link CallsHandlerOptions.authorize} may grant beyond "yes". */
export interface CallsGrant {
  /**
   * On `join`: the display name the room shows for this caller (from the app's own login, 1–64
   * characters), replacing whatever name the browser sent — so nobody can pose as someone else.
   */
  name?: string
}

/** Options of {@link createCallsHandler}. Unset fields are read from the environment at each request. */
export interface CallsHandlerOptions {
  /**
   * The app's access check, called before each {@link CallsAccess} with the incoming request
   * (its cookies and headers carry the app's login). Return `true` or a {@link CallsGrant} to allow,
   * `false` to answer 403 `forbidden`; throw a `CallsApiError` (e.g. `new CallsApiError(401,
   * 'unauthorized', 'sign in first')`) to answer with its status and code. Another error answers
   * 500 `internal_error` and goes to `onError`. Defaults to allowing everything but `remove` —
   * fine on localhost, not on a public deployment: anyone who can reach the route can create
   * sessions.
   * @example
   * authorize: async (request, access) => {
   *   const user = await userFromCookie(request)  // the app's own login
   *   if (!user) throw new CallsApiError(401, 'unauthorized', 'sign in first')
   *   if (access.action === 'session') return true
   *   if (access.action === 'remove') return user.isHost
   *   return user.rooms.includes(access.room) && { name: user.displayName }
   * }
   */
  authorize?: (
    request: Request,
    access: CallsAccess,
  ) => boolean | CallsGrant | Promise<boolean | CallsGrant>
  /** Calls app id. Defaults to `CALLS_APP_ID`, else the local SFU's `local`. */
  appId?: string
  /** Calls app secret (server side only). Defaults to `CALLS_APP_SECRET`, else `local-secret`. */
  appSecret?: string
  /** Calls API base. Defaults to `CALLS_API_BASE`, else Cloudflare's when an app id is set, else the local SFU's `http://127.0.0.1:8787/v1`. */
  apiBase?: string
  /** Path the route is mounted at, e.g. `'/api/calls'`. Defaults to `''`. */
  basePath?: string
  /** HMAC key of session tokens. Defaults to one derived from the app secret (HKDF-SHA-256). */
  tokenSecret?: string
  /** Where rooms live. Defaults to a {@link MemoryRoomStore} with `heartbeatTimeoutMs`. */
  roomStore?: RoomStore
  /** Participants silent this long (ms) drop out of rooms (default store only). Defaults to `30000`. */
  heartbeatTimeoutMs?: number
  /**
   * How many room messages one session may send: `burst` at once, then `perSecond` (defaults 20
   * and 5); beyond that `POST rooms/:room/messages` answers 429 `rate_limited`.
   */
  messageRateLimit?: MessageRateLimitOptions
  /**
   * Which room messages the room keeps for those who join later: messages to everyone on
   * `topics`, the newest `limit` per room, for as long as someone is in the room — replayed on
   * each event stream at connect (`event: message`, after the roster) and listed by
   * `GET rooms/:room/messages`. Defaults to `{topics: ['chat'], limit: 100}`; `false` keeps nothing.
   */
  messageHistory?: { topics?: string[]; limit?: number } | false
  /** Keep-alive comment period of the roster event stream (ms). Defaults to `15000`. */
  keepAliveMs?: number
  /** `fetch` for upstream calls. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Called with unexpected errors (never with the secret). Defaults to logging to `console.error`. */
  onError?: (error: unknown, request: Request) => void
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] ||
  undefined

const TOKEN_HEADER = 'calls-session-token'

const roomName = z.string().min(1).max(128)
/** Largest participant metadata (serialized as JSON): 2 KiB. */
const MAX_METADATA_BYTES = 2048
const participantUpdateSchema = z.object({
  name: z.string().trim().min(1).max(64),
  tracks: z
    .array(
      z.object({
        trackName: z.string().min(1).max(128),
        kind: z.enum(['audio', 'video']),
        muted: z.boolean(),
        source: z.enum(['camera', 'microphone', 'screen', 'screen-audio']).optional(),
        layers: z
          .array(
            z.object({
              rid: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
              width: z.number().int().min(1).max(16384),
            }),
          )
          .max(4)
          .optional(),
      }),
    )
    .max(16),
  metadata: z
    .record(z.string().min(1).max(64), z.unknown())
    .refine((m) => Object.keys(m).length <= 32, 'metadata may have at most 32 keys')
    .refine(
      (m) => new TextEncoder().encode(JSON.stringify(m)).byteLength <= MAX_METADATA_BYTES,
      `metadata may be at most ${MAX_METADATA_BYTES} bytes as JSON`,
    )
    .optional(),
})

/** Largest room message payload (`data`, serialized as JSON): 16 KiB. */
const MAX_MESSAGE_BYTES = 16 * 1024
/** Topics the route itself sends on; clients may not. */
const RESERVED_TOPIC_PREFIX = 'calls-kit:'
/** The topic of a removal notice (to the removed session's event stream, as `event: removed`). */
const REMOVED_TOPIC = `${RESERVED_TOPIC_PREFIX}removed`
const roomMessageSchema = z.object({
  topic: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'topic must be 1–64 characters of A–Z a–z 0–9 . _ : -')
    .refine(
      (t) => !t.startsWith(RESERVED_TOPIC_PREFIX),
      'topics starting with calls-kit: are reserved',
    ),
  data: z.unknown().refine((data) => data !== undefined, 'data is required'),
  to: z.array(z.string().min(1).max(128)).min(1).max(64).optional(),
})

const methodNotAllowed = (method: string): never => {
  throw new CallsApiError(405, 'method_not_allowed', `${method} is not allowed here`)
}

const fail = (status: number, errorCode: string, errorDescription: string) =>
  new CallsApiError(status, errorCode, errorDescription)

async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  optional = false,
): Promise<z.infer<S>> {
  const body = await readJsonBody(request, schema, optional)
  if (!body.ok) throw fail(400, body.error.errorCode, body.error.errorDescription)
  return body.data
}

/**
 * The app's API route for calls, in Fetch form: `(request: Request) => Promise<Response>`.
 *
 * - Proxies the Calls API (`sessions/new`, `tracks/new`, `renegotiate`, `tracks/close`,
 *   `tracks/update`, `GET session`) with `Authorization: Bearer <appSecret>`; the browser never
 *   sees the secret.
 * - Binds each session to its creator: `sessions/new` answers a `sessionToken` (HS256 JWT) that
 *   every later call on that session must send as `Calls-Session-Token`; another caller gets 403
 *   (Calls doc "Connection API", Handling Secrets).
 * - Rooms and presence (Calls has none): join/update/leave, roster `GET`, a Server-Sent Events
 *   stream of roster changes, heartbeat expiry; pulls only of tracks published in the caller's rooms.
 * - Room messages (chat, reactions, app data): a participant posts JSON to its room, stamped with
 *   its roster name, delivered on the others' event streams (to everyone or to chosen sessions),
 *   at most 16 KiB each and rate-limited per session; chat is kept for those who join later.
 * - The app's own access rules through `authorize` (who may start a call, join or view which
 *   room, under which name).
 *
 * Responses: bad input → 4xx `{errorCode, errorDescription}`; an upstream failure → 502
 * `upstream_error`; upstream 4xx passed through. Routes: see docs/api-route.md.
 * @example
 * // app/api/calls/[...path]/route.ts (Next.js App Router)
 * const handler = createCallsHandler({ basePath: '/api/calls' })
 * export { handler as GET, handler as POST, handler as PUT, handler as DELETE }
 */
export function createCallsHandler(
  options: CallsHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const store =
    options.roomStore ?? new MemoryRoomStore({ heartbeatTimeoutMs: options.heartbeatTimeoutMs })
  const keepAliveMs = options.keepAliveMs ?? 15_000
  const messageRateLimit = new MessageRateLimit(options.messageRateLimit)
  const history =
    options.messageHistory === false
      ? undefined
      : {
          topics: new Set(options.messageHistory?.topics ?? ['chat']),
          limit: options.messageHistory?.limit ?? 100,
        }
  /** `room\nsessionId` of sessions a moderator removed: they may not come back (this instance). */
  const removed = new Set<string>()
  let tokens: SessionTokens | undefined
  let upstream: { key: string; client: CallsApiClient } | undefined

  function config() {
    const appId = options.appId ?? env('CALLS_APP_ID')
    const apiBase =
      options.apiBase ??
      env('CALLS_API_BASE') ??
      (appId ? CLOUDFLARE_CALLS_API_BASE : LOCAL_SFU_DEFAULTS.apiBase)
    return {
      appId: appId ?? LOCAL_SFU_DEFAULTS.appId,
      appSecret: options.appSecret ?? env('CALLS_APP_SECRET') ?? LOCAL_SFU_DEFAULTS.appSecret,
      apiBase: apiBase.replace(/\/+$/, ''),
    }
  }
  function calls(): CallsApiClient {
    const { appId, appSecret, apiBase } = config()
    const key = `${apiBase}\n${appId}\n${appSecret}`
    if (upstream?.key !== key) {
      upstream = {
        key,
        client: new CallsApiClient({
          baseUrl: `${apiBase}/apps/${encodeURIComponent(appId)}`,
          fetch: options.fetch,
          headers: { authorization: `Bearer ${appSecret}` },
        }),
      }
    }
    return upstream.client
  }
  function sessionTokens(): SessionTokens {
    tokens ??= new SessionTokens(
      options.tokenSecret
        ? Promise.resolve(new TextEncoder().encode(options.tokenSecret))
        : deriveTokenKey(config().appSecret),
    )
    return tokens
  }
  async function callerOf(request: Request, queryToken?: string): Promise<string> {
    const sessionId = await sessionTokens().verify(request.headers.get(TOKEN_HEADER) ?? queryToken)
    if (!sessionId) throw fail(401, 'unauthorized', 'a valid Calls-Session-Token is required')
    return sessionId
  }
  async function requireOwner(request: Request, sessionId: string): Promise<void> {
    if ((await callerOf(request)) !== sessionId) {
      throw fail(403, 'forbidden', `this caller does not own session ${sessionId}`)
    }
  }
  async function authorize(request: Request, access: CallsAccess): Promise<CallsGrant> {
    if (!options.authorize) return {}
    const grant = await options.authorize(request, access)
    if (grant === false)
      throw fail(
        403,
        'forbidden',
        access.action === 'session'
          ? 'the app does not allow this caller to start a call'
          : `the app does not allow this caller to ${access.action} room ${access.room}`,
      )
    return grant === true ? {} : grant
  }
  async function upstreamCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (e) {
      if (isCallsApiError(e) && e.status >= 400 && e.status < 500) throw e
      throw fail(
        502,
        'upstream_error',
        `the Calls API failed: ${isCallsApiError(e) ? `${e.status} ${e.errorCode}` : 'unreachable'}`,
      )
    }
  }

  const app = new Hono().basePath(options.basePath ?? '')

  app.post('/sessions/new', async (c) => {
    await authorize(c.req.raw, { action: 'session' })
    const body = await readJson(c.req.raw, newSessionSchema, true)
    const res = await upstreamCall(() => calls().newSession(body))
    return c.json({ ...res, sessionToken: await sessionTokens().issue(res.sessionId) }, 201)
  })
  app.all('/sessions/new', (c) => methodNotAllowed(c.req.method))
  app.post('/sessions/:sessionId/tracks/new', async (c) => {
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    const body = await readJson(c.req.raw, tracksRequestSchema)
    const remote = (body.tracks ?? []).filter((t) => t.location === 'remote')
    if (remote.length === 0)
      return c.json(await upstreamCall(() => calls().newTracks(sessionId, body)))
    // Pulls only of tracks that participants of the caller's rooms publish.
    const rosters = await Promise.all(
      (await store.roomsOf(sessionId)).map((room) => store.get(room)),
    )
    const published = new Set(
      rosters.flatMap((r) =>
        r.participants.flatMap((p) => p.tracks.map((t) => `${p.sessionId}/${t.trackName}`)),
      ),
    )
    const isRefused = (t: (typeof remote)[number]) =>
      t.location === 'remote' && !published.has(`${t.sessionId}/${t.trackName}`)
    const refused = remote.filter(isRefused)
    const why = (t: (typeof remote)[number]) =>
      `track ${t.sessionId}/${t.trackName} is not published in a room you are in`
    const rest = (body.tracks ?? []).filter((t) => !isRefused(t))
    const first = refused[0]
    if (first && rest.length === 0) throw fail(403, 'forbidden', why(first))
    if (!first) return c.json(await upstreamCall(() => calls().newTracks(sessionId, body)))
    // Some refused among others (a participant who left while a batch of pulls was on its way):
    // the others go ahead and the refused ones get a per-track error, as the Calls API reports
    // per-track failures (TracksResponse.tracks[].errorCode), so one stale track cannot fail a batch.
    const res = await upstreamCall(() => calls().newTracks(sessionId, { ...body, tracks: rest }))
    return c.json({
      ...res,
      tracks: [
        ...(res.tracks ?? []),
        ...refused.map((t) => ({
          location: 'remote' as const,
          sessionId: t.sessionId,
          trackName: t.trackName,
          errorCode: 'forbidden',
          errorDescription: why(t),
        })),
      ],
    })
  })
  app.put('/sessions/:sessionId/renegotiate', async (c) => {
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    const body = await readJson(c.req.raw, renegotiateSchema)
    return c.json(await upstreamCall(() => calls().renegotiate(sessionId, body)))
  })
  app.put('/sessions/:sessionId/tracks/close', async (c) => {
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    const body = await readJson(c.req.raw, closeTracksSchema)
    return c.json(await upstreamCall(() => calls().closeTracks(sessionId, body)))
  })
  app.put('/sessions/:sessionId/tracks/update', async (c) => {
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    const body = await readJson(c.req.raw, updateTracksSchema)
    return c.json(await upstreamCall(() => calls().updateTracks(sessionId, body)))
  })
  app.get('/sessions/:sessionId', async (c) => {
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    return c.json(await upstreamCall(() => calls().getSession(sessionId)))
  })

  app.put('/rooms/:room/participants/:sessionId', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    const sessionId = c.req.param('sessionId')
    await requireOwner(c.req.raw, sessionId)
    if (removed.has(`${room}\n${sessionId}`))
      throw fail(403, 'removed', `session ${sessionId} was removed from room ${room}`)
    const grant = await authorize(c.req.raw, { action: 'join', room })
    const update = await readJson(c.req.raw, participantUpdateSchema)
    const name =
      grant.name === undefined ? update.name : participantUpdateSchema.shape.name.parse(grant.name)
    return c.json(await store.upsert(room, sessionId, { ...update, name }))
  })
  app.delete('/rooms/:room/participants/:sessionId', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    const sessionId = c.req.param('sessionId')
    const caller = await callerOf(c.req.raw)
    if (caller === sessionId) return c.json(await store.remove(room, sessionId))
    // Someone else: a moderator removing a participant, which the app must allow explicitly.
    if (!options.authorize)
      throw fail(
        403,
        'forbidden',
        'removing another participant needs createCallsHandler({ authorize }) to allow action "remove"',
      )
    await authorize(c.req.raw, { action: 'remove', room, sessionId })
    const roster = await store.get(room)
    const moderator = roster.participants.find((p) => p.sessionId === caller)
    if (!moderator) throw fail(403, 'forbidden', `session ${caller} is not in room ${room}`)
    if (!roster.participants.some((p) => p.sessionId === sessionId))
      throw fail(404, 'not_found', `no participant ${sessionId} in room ${room}`)
    // Cut its media first (what it sends and what it receives): without it, a removed participant
    // would keep receiving everyone through the pulls it already has. `force`: no renegotiation
    // with a client that is on its way out. When this fails nothing has changed (502).
    const state = await upstreamCall(() => calls().getSession(sessionId))
    const mids = (state.tracks ?? [])
      .filter((t) => t.mid !== undefined && t.status !== 'inactive')
      .map((t) => ({ mid: t.mid as string }))
    if (mids.length > 0)
      await upstreamCall(() => calls().closeTracks(sessionId, { tracks: mids, force: true }))
    removed.add(`${room}\n${sessionId}`)
    // The notice before the roster change, so the removed page hears why before it sees itself gone.
    await store.publish(room, {
      id: crypto.randomUUID(),
      room,
      topic: REMOVED_TOPIC,
      from: { sessionId: caller, name: moderator.name },
      to: [sessionId],
      data: null,
      sentAt: Date.now(),
    })
    return c.json(await store.remove(room, sessionId))
  })
  app.get('/rooms/:room', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    await callerOf(c.req.raw, c.req.query('token'))
    await authorize(c.req.raw, { action: 'view', room })
    return c.json(await store.get(room))
  })
  app.post('/rooms/:room/messages', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    const sender = await callerOf(c.req.raw)
    const tooLarge = () =>
      fail(413, 'payload_too_large', `a message's data may be at most ${MAX_MESSAGE_BYTES} bytes`)
    // The envelope (topic, recipients) adds at most a few kB to the data's own limit.
    if (Number(c.req.header('content-length') ?? 0) > MAX_MESSAGE_BYTES + 10_000) throw tooLarge()
    const body = await readJson(c.req.raw, roomMessageSchema)
    if (new TextEncoder().encode(JSON.stringify(body.data)).byteLength > MAX_MESSAGE_BYTES)
      throw tooLarge()
    const roster = await store.get(room)
    const from = roster.participants.find((p) => p.sessionId === sender)
    if (!from)
      throw fail(403, 'forbidden', `session ${sender} is not in room ${room}: join it first`)
    const present = new Set(roster.participants.map((p) => p.sessionId))
    const to = body.to?.filter((id) => present.has(id))
    if (to?.length === 0) throw fail(404, 'not_found', `none of the recipients is in room ${room}`)
    const wait = messageRateLimit.take(sender)
    if (wait > 0)
      throw fail(429, 'rate_limited', `too many messages from this session; retry in ${wait} ms`)
    const message: RoomMessage = {
      id: crypto.randomUUID(),
      room,
      topic: body.topic,
      from: { sessionId: sender, name: from.name },
      ...(to ? { to } : {}),
      data: body.data,
      sentAt: Date.now(),
    }
    const keep = !to && history?.topics.has(message.topic) ? history.limit : undefined
    await store.publish(room, message, keep ? { keep } : undefined)
    return c.json(message, 201)
  })
  app.get('/rooms/:room/messages', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    await callerOf(c.req.raw, c.req.query('token'))
    await authorize(c.req.raw, { action: 'view', room })
    return c.json({ messages: await store.history(room) })
  })
  app.get('/rooms/:room/events', async (c) => {
    const room = roomName.parse(c.req.param('room'))
    const viewer = await callerOf(c.req.raw, c.req.query('token'))
    await authorize(c.req.raw, { action: 'view', room })
    return streamSSE(c, async (stream) => {
      let open = true
      const send = (event: 'roster' | 'message' | 'removed', data: unknown) =>
        stream.writeSSE({ event, data: JSON.stringify(data) }).catch(() => {})
      const unsubscribe = store.subscribe(room, (roster) => void send('roster', roster))
      // Messages to everyone or to this viewer; not the viewer's own (its POST answered it).
      const unsubscribeMessages = store.subscribeMessages(room, (message) => {
        if (message.from.sessionId === viewer) return
        if (message.to && !message.to.includes(viewer)) return
        if (message.topic === REMOVED_TOPIC) void send('removed', { room, by: message.from })
        else void send('message', message)
      })
      const stop = () => {
        open = false
        unsubscribe()
        unsubscribeMessages()
      }
      stream.onAbort(stop)
      await send('roster', await store.get(room))
      // What the room kept (its recent chat), for one who joins later or whose stream reconnects.
      for (const message of await store.history(room))
        if (message.from.sessionId !== viewer) await send('message', message)
      while (open && !stream.aborted && !stream.closed) {
        await stream.sleep(keepAliveMs)
        if (open) await stream.write(': ping\n\n').catch(() => {})
      }
      stop()
    })
  })

  // Known paths with another method: 405, as a Calls client expects.
  for (const path of [
    '/sessions/:sessionId/tracks/new',
    '/sessions/:sessionId/renegotiate',
    '/sessions/:sessionId/tracks/close',
    '/sessions/:sessionId/tracks/update',
    '/sessions/:sessionId',
    '/rooms/:room/participants/:sessionId',
    '/rooms/:room/events',
    '/rooms/:room/messages',
    '/rooms/:room',
  ]) {
    app.all(path, (c) => methodNotAllowed(c.req.method))
  }

  app.notFound((c) =>
    c.json(
      {
        errorCode: 'not_found',
        errorDescription: `no route ${c.req.method} ${new URL(c.req.url).pathname}`,
      },
      404,
    ),
  )
  app.onError((e, c) => {
    if (isCallsApiError(e)) return e.getResponse()
    if (e instanceof z.ZodError) {
      return c.json(
        { errorCode: 'invalid_request', errorDescription: e.issues[0]?.message ?? 'invalid input' },
        400,
      )
    }
    if (options.onError) options.onError(e, c.req.raw)
    else
      console.error(
        '[calls-kit] unexpected error in createCallsHandler:',
        e instanceof Error ? e.message : e,
      )
    return c.json({ errorCode: 'internal_error', errorDescription: 'the calls route failed' }, 500)
  })

  return async (request: Request) => app.fetch(request)
}
