import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MediaStreamTrack, RTCRtpSender, RTCRtpTransceiver } from 'werift'
import { RtpHeader, RtpPacket } from 'werift'
import { PublishedTrack } from '../publishedTrack.js'

/**
 * A published video track whose offer listed `offered` rids (werift makes a track for each), of
 * which the `arrived` ones have sent an RTP packet; `send(rid)` delivers one more.
 */
function publishedWithSend(offered: string[], arrived: string[]) {
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
  const inputs = new Map<string, (rtp: RtpPacket) => void>()
  for (const [i, rid] of (offered.length ? offered : ['']).entries()) {
    onTrack({
      rid: rid || undefined,
      onReceiveRtp: {
        subscribe: (cb: (rtp: RtpPacket) => void) => {
          inputs.set(rid, (rtp) =>
            cb(new RtpPacket(new RtpHeader({ ...rtp.header, ssrc: 1000 + i }), rtp.payload)),
          )
        },
      },
    } as unknown as MediaStreamTrack)
  }
  // VP8 (RFC 7741): descriptor S=1 PID=0, then payload header P=0 (keyframe) or P=1 (delta frame).
  const payloads = { key: [0x10, 0x00, 0, 0], delta: [0x10, 0x01, 0, 0], middle: [0x00, 0, 0, 0] }
  const send = (rid: string, frame: keyof typeof payloads = 'delta') =>
    inputs.get(rid)?.(new RtpPacket(new RtpHeader(), Buffer.from(payloads[frame])))
  for (const rid of arrived) send(rid)
  return { track, send }
}
const published = (offered: string[], arrived: string[]) =>
  publishedWithSend(offered, arrived).track

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

/** A subscriber's sender that records the SSRC (layer) of every packet forwarded to it. */
function recordingSender() {
  const forwarded: number[] = []
  const sender = {
    sendRtp: async (rtp: RtpPacket) => void forwarded.push(rtp.header.ssrc),
    replaceRTP: () => {},
  } as unknown as RTCRtpSender
  return { sender, forwarded }
}

describe('PublishedTrack forwarding across paused layers', () => {
  afterEach(() => vi.useRealTimers())

  it('should move a subscriber off a paused layer to the nearest flowing one, and back when it resumes', () => {
    vi.useFakeTimers({ now: 0 })
    const { track, send } = publishedWithSend(['h', 'm', 'l'], ['h', 'm'])
    const { sender, forwarded } = recordingSender()
    const sub = track.subscribe(sender, 'm')
    expect(sub.currentRid).toBe('m')
    // Chromium pauses m (its bandwidth estimate dropped); h keeps flowing.
    for (let t = 100; t <= 1500; t += 100) {
      vi.setSystemTime(t)
      send('h')
    }
    expect(sub.currentRid).toBe('h')
    expect(forwarded.at(-1)).toBe(1000) // h's packets reach the subscriber
    vi.setSystemTime(1600)
    send('m') // m is back: the subscriber moves at its next keyframe, h flowing meanwhile
    expect(sub.pendingRid).toBe('m')
    expect(sub.currentRid).toBe('h')
    send('m', 'key')
    expect(sub.currentRid).toBe('m')
    expect(track.rids()).toEqual(['h', 'm'])
  })

  it('should switch layers at a keyframe of the new one, forwarding the old one until then', () => {
    vi.useFakeTimers({ now: 0 })
    const { track, send } = publishedWithSend(['h', 'm', 'l'], ['h', 'm'])
    const { sender, forwarded } = recordingSender()
    const sub = track.subscribe(sender, 'h')
    sub.preferredRid = 'm'
    sub.selectLayer()
    expect([sub.currentRid, sub.pendingRid]).toEqual(['h', 'm'])
    send('m', 'delta')
    send('m', 'middle')
    send('h')
    expect(forwarded).toEqual([1000]) // only h's packet reached the subscriber
    send('m', 'key')
    send('h')
    send('m')
    expect([sub.currentRid, sub.pendingRid]).toEqual(['m', undefined])
    expect(forwarded).toEqual([1000, 1001, 1001]) // from m's keyframe on, only m
  })
})
