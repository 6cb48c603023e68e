import { afterAll, describe, expect, it } from 'vitest'
import { MediaStreamTrack, RTCPeerConnection } from 'werift'
import { createPeerConfig } from '../peerConfig.js'
import { Sfu } from '../sfu.js'

const sfu = new Sfu()
afterAll(() => sfu.close())

/** A session publishing one video track `cam` (offer/answer done, ICE not needed). */
async function publisher() {
  const session = sfu.createSession('local')
  const client = new RTCPeerConnection(createPeerConfig())
  const t = client.addTransceiver(new MediaStreamTrack({ kind: 'video' }), {
    direction: 'sendonly',
  })
  await client.setLocalDescription(await client.createOffer())
  await session.newTracks({
    sessionDescription: { type: 'offer', sdp: client.localDescription?.sdp ?? '' },
    tracks: [{ location: 'local', trackName: 'cam', mid: t.mid ?? undefined }],
  })
  await client.close()
  return session
}

describe('Sfu: sessions whose peer is gone', () => {
  it('should close a session when its ICE fails, ending the pulls of its tracks', async () => {
    const pub = await publisher()
    const sub = sfu.createSession('local')
    const pulled = await sub.newTracks({
      tracks: [{ location: 'remote', sessionId: pub.id, trackName: 'cam' }],
    })
    expect(pulled.tracks?.[0]?.errorCode).toBeUndefined()
    const before = sfu.sessionCount

    // What werift reports when consent checks go unanswered for 30 s (RFC 7675): a closed tab.
    pub.pc.connectionStateChange.execute('failed')
    await new Promise((r) => setTimeout(r, 50))

    expect(pub.closed).toBe(true)
    expect(sfu.sessionCount).toBe(before - 1)
    expect(() => sfu.getSession('local', pub.id)).toThrow(/does not exist/)
    // The subscriber lives on, without the dead publisher's track; a new pull of it is a 404.
    expect(sub.closed).toBe(false)
    expect(sub.state().tracks).toEqual([
      expect.objectContaining({ sessionId: pub.id, trackName: 'cam', status: 'inactive' }),
    ])
    const again = await sfu.createSession('local').newTracks({
      tracks: [{ location: 'remote', sessionId: pub.id, trackName: 'cam' }],
    })
    expect(again.tracks?.[0]?.errorCode).toBe('not_found')
  })
})
