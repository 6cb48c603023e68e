import { describe, expect, it } from 'vitest'
import type { MediaStreamTrack, RTCRtpTransceiver } from 'werift'
import { RtpHeader, RtpPacket } from 'werift'
import { PublishedTrack } from '../publishedTrack.js'

/**
 * A published video track whose offer listed `offered` rids (werift makes a track for each), of
 * which the `arrived` ones have sent an RTP packet.
 */
function published(offered: string[], arrived: string[]): PublishedTrack {
  let onTrack: (track: MediaStreamTrack) => void = () => {}
  const transceiver = {
    kind: 'video',
    onTrack: {
      subscribe: (cb: typeof onTrack) => {
        onTrack = cb
      },
    },
    receiver: { tracks: [], sendRtcpPLI: async () => {} },
  } as unknown as RTCRtpTransceiver
  const track = new PublishedTrack('S1', 'camera', transceiver, offered)
  for (const [i, rid] of (offered.length ? offered : ['']).entries()) {
    let onRtp: (rtp: RtpPacket) => void = () => {}
    onTrack({
      rid: rid || undefined,
      onReceiveRtp: {
        subscribe: (cb: typeof onRtp) => {
          onRtp = cb
        },
      },
    } as unknown as MediaStreamTrack)
    if (arrived.includes(rid))
      onRtp(new RtpPacket(new RtpHeader({ ssrc: 1000 + i }), Buffer.alloc(0)))
  }
  return track
}

describe('PublishedTrack.layerFor', () => {
  it('should forward the preferred layer once it has arrived, and the first layer without a preference', () => {
    const track = published(['h', 'm', 'l'], ['h', 'm', 'l'])
    expect(track.layerFor('l')).toBe('l')
    expect(track.layerFor('m')).toBe('m')
    expect(track.layerFor(undefined)).toBe('h')
  })

  it('should fall back to the nearest arrived layer, not the first (Chromium sends h and m of a 640×480 camera)', () => {
    const track = published(['h', 'm', 'l'], ['h', 'm'])
    expect(track.layerFor('l')).toBe('m')
    expect(published(['h', 'm', 'l'], ['h', 'l']).layerFor('m')).toBe('l') // a tie: the smaller
    expect(published(['h', 'm', 'l'], ['l']).layerFor('h')).toBe('l')
    expect(track.layerFor('x')).toBe('h') // not a layer of this track
  })

  it('should forward the single layer of a non-simulcast track whatever is preferred', () => {
    expect(published([], ['']).layerFor('l')).toBe('')
    expect(published(['h', 'm'], []).layerFor('h')).toBeUndefined()
  })
})
