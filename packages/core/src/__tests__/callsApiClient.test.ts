import { describe, expect, it, vi } from 'vitest'
import { CallsApiClient } from '../callsApiClient.js'
import { CallsApiError, isCallsApiError } from '../errors.js'

// The client entry must not need React (core is framework-free).
vi.mock('react', () => ({}))

const client = (fetch: (...a: any[]) => Promise<Response>) =>
  new CallsApiClient({
    baseUrl: 'https://rtc.example/v1/apps/app/',
    fetch: fetch as typeof globalThis.fetch,
    headers: { authorization: 'Bearer s' },
  })

describe('CallsApiClient', () => {
  it('should send JSON with the configured headers to the app URL', async () => {
    const fetch = vi.fn(async () => Response.json({ sessionId: 'x' }, { status: 201 }))
    expect(await client(fetch).newSession()).toEqual({ sessionId: 'x' })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('https://rtc.example/v1/apps/app/sessions/new')
    expect(init.method).toBe('POST')
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer s')
  })

  it('should throw CallsApiError with status, errorCode and errorDescription', async () => {
    const err = await client(async () =>
      Response.json({ errorCode: 'not_found', errorDescription: 'gone' }, { status: 404 }),
    )
      .getSession('s')
      .catch((e) => e)
    expect(err).toBeInstanceOf(CallsApiError)
    expect(isCallsApiError(err)).toBe(true)
    expect(err).toMatchObject({ status: 404, errorCode: 'not_found', errorDescription: 'gone' })
    expect(err.getResponse().status).toBe(404)
  })

  it('should throw on a 200 carrying a top-level errorCode, on non-JSON, and on network failure', async () => {
    await expect(
      client(async () => Response.json({ errorCode: 'bad', errorDescription: 'x' })).getSession(
        's',
      ),
    ).rejects.toMatchObject({ status: 200, errorCode: 'bad' })
    await expect(
      client(async () => new Response('<html>', { status: 502 })).getSession('s'),
    ).rejects.toMatchObject({ status: 502, errorCode: 'invalid_response' })
    await expect(
      client(() => Promise.reject(new TypeError('offline'))).getSession('s'),
    ).rejects.toMatchObject({ status: 0, errorCode: 'network_error' })
  })

  it('should return per-track errors instead of throwing', async () => {
    const res = await client(async () =>
      Response.json({
        tracks: [{ trackName: 'a', errorCode: 'not_found', errorDescription: 'x' }],
      }),
    ).newTracks('s', { tracks: [] })
    expect(res.tracks?.[0]?.errorCode).toBe('not_found')
  })

  it('should refuse a missing baseUrl with a TypeError', () => {
    expect(() => new CallsApiClient({} as never)).toThrow(TypeError)
  })
})
