import { CallsApiError } from './errors.js'
import type { ParticipantUpdate, RoomMessage, RoomMessageRequest, Roster } from './roomTypes.js'

/** Options of {@link RoomClient}. */
export interface RoomClientOptions {
  /** The app's API route. Defaults to `'/api/calls'`. */
  apiBase?: string
  /** `fetch` to use. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /**
   * The session token sent as `Calls-Session-Token`: called with the participant's sessionId on
   * participant routes, without one for reads. Pass `(id) => session.getSessionToken(id)`.
   */
  getSessionToken: (sessionId?: string) => string | undefined
  /** Heartbeat period while joined (ms); the server drops participants silent for 30 s. Defaults to `10000`. */
  heartbeatMs?: number
  /** `EventSource` constructor (for tests). Defaults to `globalThis.EventSource`. */
  EventSource?: typeof EventSource
}

/** What {@link RoomClient.subscribe} calls while it follows a room. */
export interface RoomSubscription {
  /** The whole roster, at connect and after every change. */
  onRoster: (roster: Roster) => void
  /**
   * Each message sent to the room (or to this session) by someone else — and, at each (re)connect,
   * the ones the room kept (by default its recent chat): tell them apart by `id`.
   */
  onMessage?: (message: RoomMessage) => void
  /** A moderator removed this session from the room (`event: removed`); the stream stays open. */
  onRemoved?: (removal: { room: string; by: { sessionId: string; name: string } }) => void
  /** The stream failed (the browser retries on its own). */
  onError?: (event: Event) => void
}

/**
 * Browser client of the room routes of `createCallsHandler` (see docs/api-route.md): join, keep
 * alive, update the published track list, leave, read the roster, and follow it live over
 * Server-Sent Events (WHATWG HTML §9.2).
 *
 * Errors: refused requests throw {@link CallsApiError} with the route's status and errorCode.
 * @example
 * const rooms = new RoomClient({ getSessionToken: () => session.getSessionToken() })
 * await rooms.join('lobby', session.sessionId, { name: 'Ada', tracks: [] })
 * const stop = rooms.subscribe('lobby', { onRoster: render, onMessage: (m) => console.log(m.data) })
 */
export class RoomClient {
  readonly #apiBase: string
  readonly #fetch: typeof fetch
  readonly #options: RoomClientOptions
  readonly #heartbeats = new Map<
    string,
    { timer: ReturnType<typeof setInterval>; update: ParticipantUpdate }
  >()

  constructor(options: RoomClientOptions) {
    this.#options = options
    this.#apiBase = (options.apiBase ?? '/api/calls').replace(/\/+$/, '')
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args))
  }

  #participantPath(room: string, sessionId: string): string {
    return `/rooms/${encodeURIComponent(room)}/participants/${encodeURIComponent(sessionId)}`
  }

  async #request<T = Roster>(
    method: string,
    path: string,
    body?: unknown,
    sessionId?: string,
    keepalive = false,
  ): Promise<T> {
    const headers = new Headers()
    const token = this.#options.getSessionToken(sessionId)
    if (token) headers.set('calls-session-token', token)
    if (body !== undefined) headers.set('content-type', 'application/json')
    let res: Response
    try {
      res = await this.#fetch(`${this.#apiBase}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(keepalive ? { keepalive } : {}),
      })
    } catch (cause) {
      throw new CallsApiError(0, 'network_error', `${method} ${path} failed`, { cause })
    }
    const json = await res.json().catch(() => undefined)
    if (!res.ok || !json) {
      throw new CallsApiError(
        res.status,
        json?.errorCode ?? 'http_error',
        json?.errorDescription ?? `${method} ${path} answered ${res.status}`,
      )
    }
    return json as T
  }

  /**
   * Joins `room` as `sessionId` (or updates name/tracks when already in), and keeps the
   * membership alive with a heartbeat until {@link leave}.
   * @returns the roster after the join.
   */
  async join(room: string, sessionId: string, update: ParticipantUpdate): Promise<Roster> {
    const roster = await this.#request(
      'PUT',
      this.#participantPath(room, sessionId),
      update,
      sessionId,
    )
    const key = `${room}\n${sessionId}`
    const existing = this.#heartbeats.get(key)
    if (existing) existing.update = update
    else {
      const entry = {
        update,
        timer: setInterval(() => {
          this.#request(
            'PUT',
            this.#participantPath(room, sessionId),
            entry.update,
            sessionId,
          ).catch((error: unknown) => {
            // Refused for good (token no longer valid, session gone): stop knocking. Transient errors retry.
            const status = (error as CallsApiError).status
            if (status === 401 || status === 403 || status === 404) this.#stopHeartbeat(key)
          })
        }, this.#options.heartbeatMs ?? 10_000),
      }
      this.#heartbeats.set(key, entry)
    }
    return roster
  }

  /** Same as {@link join}: updates the name and published tracks (e.g. a mute) of a participant. */
  update(room: string, sessionId: string, update: ParticipantUpdate): Promise<Roster> {
    return this.join(room, sessionId, update)
  }

  /**
   * Leaves `room` and stops the heartbeat. Sent with `keepalive`, so a leave issued while the page
   * unloads (`pagehide`) still reaches the server. @returns the roster after leaving.
   */
  async leave(room: string, sessionId: string): Promise<Roster> {
    this.#stopHeartbeat(`${room}\n${sessionId}`)
    return this.#request(
      'DELETE',
      this.#participantPath(room, sessionId),
      undefined,
      sessionId,
      true,
    )
  }

  /**
   * Removes another participant (`DELETE /rooms/:room/participants/:sessionId` with this client's
   * own session token), a moderator's action the app's `authorize` must allow.
   * @returns the roster after the removal.
   * @throws CallsApiError — 403 `forbidden` (not allowed, or not in the room), 404 `not_found`.
   */
  remove(room: string, sessionId: string): Promise<Roster> {
    return this.#request('DELETE', this.#participantPath(room, sessionId))
  }

  #stopHeartbeat(key: string): void {
    clearInterval(this.#heartbeats.get(key)?.timer)
    this.#heartbeats.delete(key)
  }

  /** Reads the roster of `room` once. */
  getRoster(room: string): Promise<Roster> {
    return this.#request('GET', `/rooms/${encodeURIComponent(room)}`)
  }

  /**
   * Sends a message to `room` as `sessionId`, which must be in it (`POST /rooms/:room/messages`).
   * @returns the message as delivered: with its `id`, `from` (the roster name) and `sentAt`.
   * @throws CallsApiError — 400 `invalid_request` (topic, recipients), 403 `forbidden` (not in
   *   the room), 404 `not_found` (no recipient in the room), 413 `payload_too_large` (`data` over
   *   16 KiB as JSON), 429 `rate_limited` (more than 20 at once or 5/s), 0 `network_error`.
   */
  sendMessage<T>(
    room: string,
    sessionId: string,
    message: RoomMessageRequest & { data: T },
  ): Promise<RoomMessage<T>> {
    return this.#request<RoomMessage<T>>(
      'POST',
      `/rooms/${encodeURIComponent(room)}/messages`,
      message,
      sessionId,
    )
  }

  /**
   * Follows `room` live (`GET /rooms/:room/events`, Server-Sent Events, WHATWG HTML §9.2): the
   * roster at connect and on every change (`event: roster`), and messages (`event: message`).
   * The browser reconnects on its own after a drop; messages sent while it was down are missed.
   * @returns the function that stops following.
   */
  subscribe(room: string, handlers: RoomSubscription): () => void {
    const ES = this.#options.EventSource ?? globalThis.EventSource
    if (!ES) return () => {}
    const token = this.#options.getSessionToken()
    const url = `${this.#apiBase}/rooms/${encodeURIComponent(room)}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`
    const source = new ES(url)
    const on = <T>(event: string, handle: ((value: T) => void) | undefined) => {
      if (!handle) return
      source.addEventListener(event, (e) => {
        let value: T
        try {
          value = JSON.parse((e as MessageEvent<string>).data) as T
        } catch {
          return // A malformed event is skipped; the next roster event carries the whole roster again.
        }
        handle(value)
      })
    }
    on('roster', handlers.onRoster)
    on('message', handlers.onMessage)
    on('removed', handlers.onRemoved)
    if (handlers.onError) source.addEventListener('error', handlers.onError)
    return () => source.close()
  }

  /** Stops every heartbeat (without leaving). */
  dispose(): void {
    for (const { timer } of this.#heartbeats.values()) clearInterval(timer)
    this.#heartbeats.clear()
  }
}
