import { parse } from 'sdp-transform'

/**
 * A minimal in-memory `RTCPeerConnection` for unit tests of negotiation logic (no media, no ICE):
 * records each offer/answer call in `calls`, hands out mids in order at `createOffer`, turns a
 * remote offer's `a=mid:` lines (read with sdp-transform) into receiving transceivers, and lets a
 * test drive `connectionState` with `setConnectionState`. Every instance is kept in `instances`.
 * Pass it as `new CallsSession({ RTCPeerConnection: FakePeerConnection as never })`.
 */

/** A stand-in `MediaStreamTrack` for receivers. */
class FakeTrack {
  constructor(
    readonly kind: string,
    readonly id = crypto.randomUUID(),
  ) {}
}

/** A stand-in `RTCRtpTransceiver`: `mid`, `direction`, `sender.replaceTrack`, `receiver.track`. */
export class FakeTransceiver {
  mid: string | null = null
  direction: RTCRtpTransceiverDirection
  stopped = false
  readonly receiver: { track: FakeTrack }
  readonly sender: { track: unknown; replaceTrack: (t: unknown) => Promise<void> }
  constructor(kind: string, direction: RTCRtpTransceiverDirection, track?: unknown) {
    this.direction = direction
    this.receiver = { track: new FakeTrack(kind) }
    this.sender = {
      track: track ?? null,
      replaceTrack: async (t) => {
        this.sender.track = t
      },
    }
  }
  stop() {
    this.stopped = true
  }
}

export class FakePeerConnection extends EventTarget {
  static instances: FakePeerConnection[] = []
  readonly transceivers: FakeTransceiver[] = []
  connectionState: RTCPeerConnectionState = 'new'
  signalingState: RTCSignalingState = 'stable'
  localDescription: RTCSessionDescriptionInit | null = null
  remoteDescription: RTCSessionDescriptionInit | null = null
  readonly calls: string[] = []
  #nextMid = 0

  constructor(readonly configuration?: RTCConfiguration) {
    super()
    FakePeerConnection.instances.push(this)
  }
  addTransceiver(trackOrKind: { kind: string } | string, init?: RTCRtpTransceiverInit) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind
    const t = new FakeTransceiver(
      kind,
      init?.direction ?? 'sendrecv',
      typeof trackOrKind === 'string' ? undefined : trackOrKind,
    )
    this.transceivers.push(t)
    return t
  }
  getTransceivers() {
    return this.transceivers
  }
  #sdp(type: string) {
    const media = this.transceivers.map(
      (t) => `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${t.mid}\r\na=${t.direction}\r\n`,
    )
    return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=${type}\r\nt=0 0\r\n${media.join('')}`
  }
  async createOffer() {
    this.calls.push('createOffer')
    for (const t of this.transceivers) if (t.mid === null) t.mid = String(this.#nextMid++)
    return { type: 'offer' as const, sdp: this.#sdp('offer') }
  }
  async createAnswer() {
    this.calls.push('createAnswer')
    return { type: 'answer' as const, sdp: this.#sdp('answer') }
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.calls.push(`setLocalDescription:${d.type}`)
    if (d.type === 'rollback') {
      this.signalingState = 'stable'
      return
    }
    this.localDescription = d
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable'
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.calls.push(`setRemoteDescription:${d.type}`)
    this.remoteDescription = d
    if (d.type === 'offer') {
      for (const m of parse(d.sdp ?? '').media) {
        const mid = String(m.mid)
        if (!this.transceivers.some((t) => t.mid === mid)) {
          const t = new FakeTransceiver(m.type, 'recvonly')
          t.mid = mid
          this.#nextMid = Math.max(this.#nextMid, Number(mid) + 1)
          this.transceivers.push(t)
        }
      }
    }
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable'
  }
  setConnectionState(state: RTCPeerConnectionState) {
    this.connectionState = state
    this.dispatchEvent(new Event('connectionstatechange'))
  }
  close() {
    this.connectionState = 'closed'
  }
}
