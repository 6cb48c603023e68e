import type {
  NewSessionResponse,
  RenegotiateResponse,
  TracksRequest,
  TracksResponse,
} from '@calls-kit/core/api-types'

/**
 * The four Calls API calls a headless peer needs, straight over HTTP with the app secret (the
 * bench talks to the SFU as a server would, without the app route).
 * @see ../../packages/core/openapi/calls-api.yaml
 */
export class RawCallsApi {
  constructor(
    private readonly appUrl: string,
    private readonly secret: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.appUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.secret}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as T & { errorCode?: string; errorDescription?: string }
    if (!res.ok || json.errorCode) {
      throw new Error(`${method} ${path}: ${res.status} ${json.errorCode} ${json.errorDescription}`)
    }
    return json
  }

  newSession(): Promise<NewSessionResponse> {
    return this.call('POST', '/sessions/new')
  }
  newTracks(sessionId: string, body: TracksRequest): Promise<TracksResponse> {
    return this.call('POST', `/sessions/${sessionId}/tracks/new`, body)
  }
  renegotiate(sessionId: string, sdp: string): Promise<RenegotiateResponse> {
    return this.call('PUT', `/sessions/${sessionId}/renegotiate`, {
      sessionDescription: { type: 'answer', sdp },
    })
  }
}
