import type {
  CloseTracksRequest,
  CloseTracksResponse,
  GetSessionStateResponse,
  NewSessionRequest,
  NewSessionResponse,
  RenegotiateRequest,
  RenegotiateResponse,
  TracksRequest,
  TracksResponse,
  UpdateTracksRequest,
  UpdateTracksResponse,
} from './api/types.js'
import { CallsApiError } from './errors.js'

/** Options of {@link CallsApiClient}. */
export interface CallsApiClientOptions {
  /**
   * Base URL that `/sessions/...` is appended to: Cloudflare's
   * `https://rtc.live.cloudflare.com/v1/apps/<appId>`, the local SFU's
   * `http://127.0.0.1:8787/v1/apps/local`, or an app route such as `/api/calls` (relative URLs work
   * in browsers).
   */
  baseUrl: string
  /** `fetch` to use. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /**
   * Headers for each request, or a function of the request's sessionId (`undefined` for
   * `sessions/new`) returning them: `Authorization: Bearer <secret>` on a server,
   * `Calls-Session-Token` in a browser. Defaults to none.
   */
  headers?: HeadersInit | ((sessionId: string | undefined) => HeadersInit | Promise<HeadersInit>)
}

/** `sessions/new` as an app route answers it: the Calls response plus the route's session token. */
export type NewSessionResult = NewSessionResponse & {
  /** Proof of ownership of the session, issued by `createCallsHandler` (absent from Calls itself). */
  sessionToken?: string
}

/**
 * Typed client of the Cloudflare Calls HTTPS API (and of any route that speaks it, such as
 * `createCallsHandler`'s). Each method is one HTTP request.
 *
 * Errors: a non-2xx answer, or a body with a top-level `errorCode`, throws {@link CallsApiError}
 * (`status`, `errorCode`, `errorDescription`); a network failure throws `CallsApiError` with
 * `status` 0 and `errorCode` `network_error`. Per-track errors (`tracks[i].errorCode`) in a 2xx
 * answer are returned, not thrown: the caller decides per track.
 * @see https://developers.cloudflare.com/calls/https-api/ and `openapi/calls-api.yaml`
 * @example
 * const calls = new CallsApiClient({ baseUrl: `https://rtc.live.cloudflare.com/v1/apps/${appId}`,
 *   headers: { authorization: `Bearer ${secret}` } })
 * const { sessionId } = await calls.newSession()
 */
export class CallsApiClient {
  readonly baseUrl: string
  readonly #fetch: typeof fetch
  readonly #headers: CallsApiClientOptions['headers']

  constructor(options: CallsApiClientOptions) {
    if (typeof options?.baseUrl !== 'string')
      throw new TypeError('CallsApiClient: baseUrl is required')
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args))
    this.#headers = options.headers
  }

  /** `POST /sessions/new` → `{sessionId, sessionDescription?, sessionToken?}` (201). */
  newSession(body?: NewSessionRequest): Promise<NewSessionResult> {
    return this.#request('POST', '/sessions/new', undefined, body)
  }

  /** `POST /sessions/{sessionId}/tracks/new`: push (local) and/or pull (remote) tracks. */
  newTracks(sessionId: string, body: TracksRequest): Promise<TracksResponse> {
    return this.#request('POST', `/sessions/${enc(sessionId)}/tracks/new`, sessionId, body)
  }

  /** `PUT /sessions/{sessionId}/renegotiate`: the client's answer to an SFU offer. */
  renegotiate(sessionId: string, body: RenegotiateRequest): Promise<RenegotiateResponse> {
    return this.#request('PUT', `/sessions/${enc(sessionId)}/renegotiate`, sessionId, body)
  }

  /**
   * `PUT /sessions/{sessionId}/tracks/close`: close tracks by mid. Sent with `keepalive`, so a
   * close issued while the page unloads still reaches the server.
   */
  closeTracks(sessionId: string, body: CloseTracksRequest): Promise<CloseTracksResponse> {
    return this.#request('PUT', `/sessions/${enc(sessionId)}/tracks/close`, sessionId, body, true)
  }

  /** `PUT /sessions/{sessionId}/tracks/update`: e.g. `simulcast.preferredRid` of pulled tracks. */
  updateTracks(sessionId: string, body: UpdateTracksRequest): Promise<UpdateTracksResponse> {
    return this.#request('PUT', `/sessions/${enc(sessionId)}/tracks/update`, sessionId, body)
  }

  /** `GET /sessions/{sessionId}`: the session's tracks with their `status`. */
  getSession(sessionId: string): Promise<GetSessionStateResponse> {
    return this.#request('GET', `/sessions/${enc(sessionId)}`, sessionId)
  }

  async #request<T>(
    method: string,
    path: string,
    sessionId: string | undefined,
    body?: unknown,
    keepalive = false,
  ): Promise<T> {
    const extra =
      typeof this.#headers === 'function' ? await this.#headers(sessionId) : this.#headers
    const headers = new Headers(extra)
    if (body !== undefined) headers.set('content-type', 'application/json')
    let response: Response
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(keepalive ? { keepalive } : {}),
      })
    } catch (cause) {
      throw new CallsApiError(
        0,
        'network_error',
        `${method} ${path} failed: ${(cause as Error)?.message ?? cause}`,
        { cause },
      )
    }
    const text = await response.text()
    let json: (T & { errorCode?: string; errorDescription?: string }) | undefined
    try {
      json = text ? JSON.parse(text) : ({} as T)
    } catch {
      json = undefined
    }
    if (!response.ok || json === undefined || json.errorCode) {
      throw new CallsApiError(
        response.status,
        json?.errorCode ?? (json === undefined ? 'invalid_response' : 'http_error'),
        json?.errorDescription ??
          `${method} ${path} answered ${response.status} ${text.slice(0, 200)}`,
      )
    }
    return json
  }
}

const enc = encodeURIComponent
