import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
} from 'werift'
import type { RawCallsApi } from './callsApi'

const VP8 = () =>
  new RTCRtpCodecParameters({
    mimeType: 'video/VP8',
    clockRate: 90_000,
    rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }],
  })

/** A werift peer on loopback only, non-trickle (same ICE settings as the local SFU). */
function loopbackPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
    codecs: { video: [VP8()], audio: [] },
  })
}

async function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return
  await pc.iceGatheringStateChange.watch((s) => s === 'complete')
}

async function connected(pc: RTCPeerConnection, timeoutMs = 15_000): Promise<void> {
  if (pc.connectionState === 'connected') return
  await Promise.race([
    pc.connectionStateChange.watch((s) => s === 'connected'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('connect timeout')), timeoutMs)),
  ])
}

/**
 * Publishes one synthetic video track (VP8-shaped RTP, no real codec) at `kbps`, 30 frames/s.
 * `sent` counts RTP packets written.
 */
export class SyntheticPublisher {
  readonly pc = loopbackPeer()
  sessionId = ''
  sent = 0
  private timer: NodeJS.Timeout | undefined

  async publish(api: RawCallsApi, trackName: string): Promise<void> {
    const track = new MediaStreamTrack({ kind: 'video' })
    const transceiver = this.pc.addTransceiver(track, { direction: 'sendonly' })
    await this.pc.setLocalDescription(await this.pc.createOffer())
    await gathered(this.pc)
    this.sessionId = (await api.newSession()).sessionId
    const res = await api.newTracks(this.sessionId, {
      sessionDescription: { type: 'offer', sdp: this.pc.localDescription?.sdp ?? '' },
      tracks: [{ location: 'local', trackName, mid: transceiver.mid ?? '0' }],
    })
    if (!res.sessionDescription?.sdp) throw new Error('publish: no answer')
    await this.pc.setRemoteDescription({ type: 'answer', sdp: res.sessionDescription.sdp })
    await connected(this.pc)
    this.track = track
  }
  private track: MediaStreamTrack | undefined

  /** Starts sending ~`kbps` of 1100-byte RTP packets, grouped in 30 frames/s with marker bits. */
  start(kbps: number): void {
    const payloadBytes = 1100
    const packetsPerFrame = Math.max(1, Math.round((kbps * 1000) / 8 / payloadBytes / 30))
    let seq = 0
    let timestamp = 0
    let frame = 0
    this.timer = setInterval(() => {
      const track = this.track
      if (!track) return
      for (let i = 0; i < packetsPerFrame; i++) {
        const payload = Buffer.alloc(payloadBytes)
        // VP8 payload descriptor (RFC 7741 §4.2): S bit on the first packet of a frame; every
        // 60th frame is marked as a keyframe (P bit clear), the rest as interframes.
        payload[0] = i === 0 ? 0x10 : 0x00
        payload[1] = frame % 60 === 0 ? 0x00 : 0x01
        const header = new RtpHeader({
          payloadType: 96,
          sequenceNumber: seq,
          timestamp,
          marker: i === packetsPerFrame - 1,
          ssrc: 0x1234,
        })
        track.writeRtp(new RtpPacket(header, payload))
        seq = (seq + 1) & 0xffff
        this.sent++
      }
      frame++
      timestamp = (timestamp + 3000) >>> 0
    }, 1000 / 30)
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.pc.close()
  }
}

/** Pulls one track and counts the RTP packets that arrive (`received`). */
export class CountingSubscriber {
  readonly pc = loopbackPeer()
  received = 0

  async subscribe(
    api: RawCallsApi,
    remote: { sessionId: string; trackName: string },
  ): Promise<void> {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        this.received++
      })
    })
    const sessionId = (await api.newSession()).sessionId
    const res = await api.newTracks(sessionId, {
      tracks: [{ location: 'remote', sessionId: remote.sessionId, trackName: remote.trackName }],
    })
    if (!res.sessionDescription?.sdp) throw new Error('subscribe: no offer')
    await this.pc.setRemoteDescription({ type: 'offer', sdp: res.sessionDescription.sdp })
    await this.pc.setLocalDescription(await this.pc.createAnswer())
    await gathered(this.pc)
    await api.renegotiate(sessionId, this.pc.localDescription?.sdp ?? '')
    await connected(this.pc)
  }

  async close(): Promise<void> {
    await this.pc.close()
  }
}
