import { CallsApiError } from './errors.js'
import type { ParticipantUpdate, Roster } from './roomTypes.js'

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

/**
 * Browser client of the room routes of `createCallsHandler` (see docs/api-route.md): join, keep
 * alive, update the published track list, leave, read the roster, and follow it live over
 * Server-Sent Events (WHATWG HTML §9.2).
 *
 * Errors: refused requests throw {@link CallsApiError} with the route's status and errorCode.
 * @example
 * const rooms = new RoomClient({ getSessionToken: () => session.getSessionToken() })
 * await rooms.join('lobby', session.sessionId, { name: 'Ada', tracks: [] })
 * const stop = rooms.subscribe('lobby', (roster) => render(roster))
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

  async #request(
    method: string,
    path: string,
    body?: unknown,
    sessionId?: string,
    keepalive = false,
  ): Promise<Roster> {
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
    return json as Roster
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

  #stopHeartbeat(key: string): void {
    clearInterval(this.#heartbeats.get(key)?.timer)
    this.#heartbeats.delete(key)
  }

  /** Reads the roster of `room` once. */
  getRoster(room: string): Promise<Roster> {
    return this.#request('GET', `/rooms/${encodeURIComponent(room)}`)
  }

  /**
   * Follows `room`'s roster live (`GET /rooms/:room/events`, Server-Sent Events `roster`): calls
   * `onRoster` at connect and on every change. The browser reconnects on its own after a drop.
   * @returns the function that stops following.
   */
  subscribe(
    room: string,
    onRoster: (roster: Roster) => void,
    onError?: (event: Event) => void,
  ): () => void {
    const ES = this.#options.EventSource ?? globalThis.EventSource
    if (!ES) return () => {}
    const token = this.#options.getSessionToken()
    const url = `${this.#apiBase}/rooms/${encodeURIComponent(room)}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`
    const source = new ES(url)
    source.addEventListener('roster', (event) => {
      try {
        onRoster(JSON.parse((event as MessageEvent<string>).data) as Roster)
      } catch {
        // A malformed event is skipped; the next one carries the whole roster again.
      }
    })
    if (onError) source.addEventListener('error', onError)
    return () => source.close()
  }

  /** Stops every heartbeat (without leaving). */
  dispose(): void {
    for (const { timer } of this.#heartbeats.values()) clearInterval(timer)
    this.#heartbeats.clear()
  }
}
