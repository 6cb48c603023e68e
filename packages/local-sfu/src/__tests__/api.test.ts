import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MediaStreamTrack, RTCPeerConnection } from 'werift'
import { createPeerConfig } from '../peerConfig.js'
import { type LocalSfu, startLocalSfu } from '../startLocalSfu.js'

let sfu: LocalSfu
let app: string
const auth = { authorization: 'Bearer local-secret', 'content-type': 'application/json' }

beforeAll(async () => {
  sfu = await startLocalSfu({ port: 0 })
  app = `${sfu.url}/apps/local`
})
afterAll(() => sfu.close())

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = auth,
) {
  const res = await fetch(`${app}${path}`, {
    method,
    headers,
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

const newSession = async (): Promise<string> => (await api('POST', '/sessions/new')).json.sessionId

/** A werift client with one sendonly audio and one sendonly video transceiver, offer set locally. */
async function clientOffer() {
  const pc = new RTCPeerConnection(createPeerConfig())
  const audio = pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), {
    direction: 'sendonly',
  })
  const video = pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), {
    direction: 'sendonly',
  })
  await pc.setLocalDescription(await pc.createOffer())
  return { pc, audio, video, sdp: pc.localDescription?.sdp ?? '' }
}

async function publishAV(): Promise<{ sessionId: string; pc: RTCPeerConnection }> {
  const sessionId = await newSession()
  const { pc, audio, video, sdp } = await clientOffer()
  const res = await api('POST', `/sessions/${sessionId}/tracks/new`, {
    sessionDescription: { type: 'offer', sdp },
    tracks: [
      { location: 'local', trackName: 'mic', mid: audio.mid },
      { location: 'local', trackName: 'cam', mid: video.mid },
    ],
  })
  expect(res.status).toBe(200)
  await pc.setRemoteDescription(res.json.sessionDescription)
  return { sessionId, pc }
}

describe('POST sessions/new', () => {
  it('should create a session (201, sessionId)', async () => {
    const res = await api('POST', '/sessions/new')
    expect(res.status).toBe(201)
    expect(res.json.sessionId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('should answer an offer given at creation', async () => {
    const { pc, sdp } = await clientOffer()
    const res = await api('POST', '/sessions/new', { sessionDescription: { type: 'offer', sdp } })
    expect(res.status).toBe(201)
    expect(res.json.sessionDescription.type).toBe('answer')
    expect(res.json.sessionDescription.sdp).toContain('a=candidate')
    await pc.close()
  })

  it('should refuse a missing or wrong bearer secret (401) and an unknown app (401)', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'local-secret' },
    ]
    for (const headers of attempts) {
      const res = await api('POST', '/sessions/new', undefined, headers)
      expect(res.status).toBe(401)
      expect(res.json.errorCode).toBe('unauthorized')
    }
    const res = await fetch(`${sfu.url}/apps/other/sessions/new`, { method: 'POST', headers: auth })
    expect(res.status).toBe(401)
  })

  it('should refuse malformed JSON and a wrong method', async () => {
    const bad = await api('POST', '/sessions/new', '{nope')
    expect(bad).toMatchObject({ status: 400, json: { errorCode: 'invalid_json' } })
    const get = await api('GET', '/sessions/new')
    expect(get.status).toBe(405)
    expect(get.json.errorCode).toBe('method_not_allowed')
  })
})

describe('POST sessions/{id}/tracks/new', () => {
  it('should publish local tracks with the client offer and answer with their mids', async () => {
    const sessionId = await newSession()
    const { pc, audio, video, sdp } = await clientOffer()
    const res = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      sessionDescription: { type: 'offer', sdp },
      tracks: [
        { location: 'local', trackName: 'mic', mid: audio.mid },
        { location: 'local', trackName: 'cam', mid: video.mid },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.json.requiresImmediateRenegotiation).toBe(false)
    expect(res.json.sessionDescription.type).toBe('answer')
    expect(res.json.tracks).toEqual([
      { location: 'local', trackName: 'mic', mid: audio.mid },
      { location: 'local', trackName: 'cam', mid: video.mid },
    ])
    await pc.close()
  })

  it('should name every new track with autoDiscover', async () => {
    const sessionId = await newSession()
    const { pc, sdp } = await clientOffer()
    const res = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      autoDiscover: true,
      sessionDescription: { type: 'offer', sdp },
    })
    expect(res.status).toBe(200)
    expect(res.json.tracks).toHaveLength(2)
    for (const t of res.json.tracks) expect(t.trackName).toMatch(/[0-9a-f-]{36}/)
    await pc.close()
  })

  it('should offer remote tracks and ask for renegotiation; the answer goes to renegotiate', async () => {
    const publisher = await publishAV()
    const sessionId = await newSession()
    const res = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [
        { location: 'remote', sessionId: publisher.sessionId, trackName: 'mic' },
        { location: 'remote', sessionId: publisher.sessionId, trackName: 'cam' },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.json.requiresImmediateRenegotiation).toBe(true)
    expect(res.json.sessionDescription.type).toBe('offer')
    expect(res.json.tracks.map((t: { mid: string }) => t.mid)).toEqual(['0', '1'])
    const pc = new RTCPeerConnection(createPeerConfig())
    await pc.setRemoteDescription(res.json.sessionDescription)
    await pc.setLocalDescription(await pc.createAnswer())
    const answered = await api('PUT', `/sessions/${sessionId}/renegotiate`, {
      sessionDescription: { type: 'answer', sdp: pc.localDescription?.sdp },
    })
    expect(answered.status).toBe(200)

    const state = await api('GET', `/sessions/${sessionId}`)
    expect(state.status).toBe(200)
    expect(state.json.tracks).toEqual([
      expect.objectContaining({
        location: 'remote',
        trackName: 'mic',
        mid: '0',
        status: 'waiting',
      }),
      expect.objectContaining({
        location: 'remote',
        trackName: 'cam',
        mid: '1',
        status: 'waiting',
      }),
    ])
    await Promise.all([pc.close(), publisher.pc.close()])
  })

  it('should report a pull of a track that does not exist per track (404)', async () => {
    const publisher = await publishAV()
    const sessionId = await newSession()
    const res = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [{ location: 'remote', sessionId: publisher.sessionId, trackName: 'nope' }],
    })
    expect(res.status).toBe(404)
    expect(res.json.tracks[0]).toMatchObject({ trackName: 'nope', errorCode: 'not_found' })
    // One bad track among good ones: 200, error on that track only.
    const mixed = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [
        { location: 'remote', sessionId: publisher.sessionId, trackName: 'cam' },
        { location: 'remote', sessionId: publisher.sessionId, trackName: 'nope' },
      ],
    })
    expect(mixed.status).toBe(200)
    expect(mixed.json.tracks[0].errorCode).toBeUndefined()
    expect(mixed.json.tracks[1].errorCode).toBe('not_found')
    await publisher.pc.close()
  })

  it("should refuse the OpenAPI spec's example bodies cleanly (their SDP is elided with '...')", async () => {
    const sessionId = await newSession()
    const exampleSdp =
      'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 111\na=rtpmap:111 OPUS/48000/2\nm=video 4002 RTP/AVP 96\na=rtpmap:96 VP8/90000\n...\n'
    const local = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      sessionDescription: { sdp: exampleSdp, type: 'offer' },
      tracks: [{ location: 'local', mid: '4', trackName: '1a037563-c35c-4bf6-a9ee-2b474cbb9a51' }],
    })
    expect(local.status).toBe(400)
    expect(local.json.errorCode).toBe('invalid_sdp')
    // remote_tracks example: the session 2a45… does not exist here.
    const remote = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [
        {
          location: 'remote',
          sessionId: '2a45361d5fd7cc14eface0587c276c94',
          trackName: '2e037563-a35d-4bf6-a9ee-2d474cbb9a58',
        },
      ],
    })
    expect(remote.status).toBe(404)
    // push_track_without_an_offer example: the SFU makes the offer.
    const noOffer = await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [{ location: 'local', trackName: 'mic-1', kind: 'audio' }],
    })
    expect(noOffer.status).toBe(200)
    expect(noOffer.json.sessionDescription.type).toBe('offer')
    expect(noOffer.json.requiresImmediateRenegotiation).toBe(true)
  })

  it('should refuse bad input with 4xx and keep serving', async () => {
    const sessionId = await newSession()
    const cases: Array<[unknown, number, string]> = [
      ['{"tracks": [', 400, 'invalid_json'],
      [{ tracks: [{ location: 'sideways' }] }, 400, 'invalid_request'],
      [{ tracks: [] }, 400, 'invalid_request'],
      [
        {
          sessionDescription: { type: 'offer', sdp: 'not an sdp' },
          tracks: [{ location: 'local', trackName: 'x', mid: '0' }],
        },
        400,
        'invalid_sdp',
      ],
      [{ sessionDescription: { type: 'answer', sdp: 'v=0' }, tracks: [] }, 400, 'invalid_request'],
    ]
    for (const [body, status, errorCode] of cases) {
      const res = await api('POST', `/sessions/${sessionId}/tracks/new`, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.json.errorCode).toBe(errorCode)
      expect(typeof res.json.errorDescription).toBe('string')
    }
    const unknown = await api('POST', '/sessions/ffffffffffffffffffffffffffffffff/tracks/new', {
      tracks: [],
    })
    expect(unknown).toMatchObject({ status: 404, json: { errorCode: 'not_found' } })
    expect((await api('POST', '/sessions/new')).status).toBe(201)
  })
})

describe('PUT renegotiate, tracks/close, tracks/update; GET session', () => {
  it('should refuse an answer when no SFU offer waits (409)', async () => {
    const sessionId = await newSession()
    const res = await api('PUT', `/sessions/${sessionId}/renegotiate`, {
      sessionDescription: { type: 'answer', sdp: 'v=0\r\n' },
    })
    expect(res.status).toBe(409)
    expect(res.json.errorCode).toBe('invalid_state')
  })

  it('should close a published track with the client offer, and with force', async () => {
    const { sessionId, pc } = await publishAV()
    const before = await api('GET', `/sessions/${sessionId}`)
    expect(before.json.tracks.map((t: { trackName: string }) => t.trackName)).toEqual([
      'mic',
      'cam',
    ])
    const [audio, video] = pc.getTransceivers()
    audio?.setDirection('inactive')
    await pc.setLocalDescription(await pc.createOffer())
    const closed = await api('PUT', `/sessions/${sessionId}/tracks/close`, {
      tracks: [{ mid: audio?.mid }],
      sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp },
    })
    expect(closed.status).toBe(200)
    expect(closed.json.sessionDescription.type).toBe('answer')
    expect(closed.json.tracks).toEqual([{ mid: audio?.mid }])
    const forced = await api('PUT', `/sessions/${sessionId}/tracks/close`, {
      tracks: [{ mid: video?.mid }],
      force: true,
    })
    expect(forced.json).toEqual({
      requiresImmediateRenegotiation: false,
      tracks: [{ mid: video?.mid }],
    })
    expect((await api('GET', `/sessions/${sessionId}`)).json.tracks).toEqual([])
    const again = await api('PUT', `/sessions/${sessionId}/tracks/close`, {
      tracks: [{ mid: video?.mid }],
      force: true,
    })
    expect(again.json.tracks[0].errorCode).toBe('not_found')
    await pc.close()
  })

  it('should set the preferred rid of a pulled track, and refuse tracks it does not pull', async () => {
    const publisher = await publishAV()
    const sessionId = await newSession()
    await api('POST', `/sessions/${sessionId}/tracks/new`, {
      tracks: [{ location: 'remote', sessionId: publisher.sessionId, trackName: 'cam' }],
    })
    const res = await api('PUT', `/sessions/${sessionId}/tracks/update`, {
      tracks: [
        {
          location: 'remote',
          sessionId: publisher.sessionId,
          trackName: 'cam',
          simulcast: { preferredRid: 'l' },
        },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.json.tracks[0]).toMatchObject({ trackName: 'cam', mid: '0' })
    const missing = await api('PUT', `/sessions/${sessionId}/tracks/update`, {
      tracks: [
        {
          location: 'remote',
          sessionId: publisher.sessionId,
          trackName: 'mic',
          simulcast: { preferredRid: 'l' },
        },
      ],
    })
    expect(missing.json.tracks[0].errorCode).toBe('not_found')
    await publisher.pc.close()
  })

  it('should answer unknown routes and sessions with Calls-style 404s', async () => {
    expect(await api('GET', '/sessions/abc')).toMatchObject({
      status: 404,
      json: { errorCode: 'not_found' },
    })
    expect(await api('GET', '/nowhere')).toMatchObject({
      status: 404,
      json: { errorCode: 'not_found' },
    })
    expect((await api('DELETE', `/sessions/${await newSession()}`)).status).toBe(405)
  })
})
