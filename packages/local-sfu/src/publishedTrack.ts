import {
  type MediaStreamTrack,
  ReceiverEstimatedMaxBitrate,
  type RTCRtpSender,
  type RTCRtpTransceiver,
  RtcpPayloadSpecificFeedback,
  RtpHeader,
  RtpPacket,
  Vp8RtpPayload,
} from 'werift'
import { SimulatedLoss } from './simulatedLoss.js'

/**
 * A simulcast layer that sent nothing for this long (ms) counts as paused: subscribers move to the
 * nearest flowing layer and come back when it resumes. Chromium sends video at ≥ 15 frames/s, so
 * 1 s of silence is a pause, not jitter.
 */
export const LAYER_STALE_MS = 1000

/**
 * Whether an RTP packet starts a VP8 keyframe: the first packet of a frame (payload descriptor
 * S = 1, partition 0, RFC 7741 §4.2) whose VP8 payload header says key frame (P = 0, RFC 6386
 * §9.1). werift parses both. Opus and VP8 are the only codecs the local SFU negotiates.
 */
function startsVp8Keyframe(rtp: RtpPacket): boolean {
  try {
    const vp8 = Vp8RtpPayload.deSerialize(rtp.payload)
    return vp8.payloadHeaderExist && vp8.isKeyframe
  } catch {
    return false
  }
}

/** What one subscriber of a {@link PublishedTrack} receives. */
export class Subscription {
  /** rid (RFC 8851) the subscriber asked for; `undefined` = the publisher's first layer. */
  preferredRid: string | undefined
  /** Layer currently forwarded ('' for a non-simulcast track). */
  currentRid: string | undefined
  /** Layer to switch to at its next keyframe (the current one keeps flowing until then). */
  pendingRid: string | undefined
  /** When the pending switch last asked for a keyframe (ms epoch). */
  private pendingAskedAt = 0
  /** Test hook: drops `downlinkLoss()` of the packets on the way to this subscriber. */
  private readonly loss: SimulatedLoss

  constructor(
    readonly track: PublishedTrack,
    readonly sender: RTCRtpSender,
    preferredRid?: string,
    /** Test hook: the fraction of packets (0–1) to drop on the way to this subscriber, read per packet. */
    downlinkLoss: () => number = () => 0,
  ) {
    this.preferredRid = preferredRid
    this.loss = new SimulatedLoss(downlinkLoss)
  }

  /** Whether to drop the next packet (the `downlinkLoss` test hook, see {@link SimulatedLoss}). */
  shouldDrop(): boolean {
    return this.loss.shouldDrop()
  }

  /** The subscriber lost a picture (PLI/FIR, RFC 4585 §6.3.1 / RFC 5104 §4.3.1): ask the publisher for a keyframe. */
  keyframeRequested(): void {
    this.track.requestKeyframe(this.currentRid)
  }

  /**
   * Chooses the layer to forward ({@link PublishedTrack.layerFor} the preferred rid). The first
   * choice applies at once and asks for no keyframe: a new subscriber cannot receive until its
   * answer is applied, which requests one then — and Chromium ignores a second request within
   * 300 ms of the first (WebRTC's minimum keyframe interval), so asking early would delay the first
   * frame. A later switch waits for a keyframe of the new layer (asked for now) and keeps the
   * current layer flowing until it comes, so the picture never freezes on a switch — unless the
   * current layer has stopped, when waiting would only prolong the gap.
   */
  selectLayer(now = Date.now()): void {
    const next = this.track.layerFor(this.preferredRid)
    if (next === this.currentRid) {
      this.pendingRid = undefined
      return
    }
    if (this.currentRid === undefined || next === undefined) {
      this.currentRid = next
      return
    }
    if (!this.track.isFlowing(this.currentRid, now)) {
      this.switchTo(next)
      this.track.requestKeyframe(next)
      return
    }
    if (this.pendingRid === next) return
    this.pendingRid = next
    this.pendingAskedAt = now
    this.track.requestKeyframe(next)
  }

  /**
   * Called for each packet of layer `rid` before it is forwarded: completes a pending switch at
   * the first packet of a keyframe, and asks again for one if none came within
   * {@link LAYER_STALE_MS} (a lost PLI, or one inside the publisher's minimum keyframe interval).
   */
  onLayerPacket(rid: string, isKeyframeStart: () => boolean, now: number): void {
    if (this.pendingRid !== rid) return
    if (isKeyframeStart()) {
      this.switchTo(rid)
    } else if (now - this.pendingAskedAt > LAYER_STALE_MS) {
      this.pendingAskedAt = now
      this.track.requestKeyframe(rid)
    }
  }

  private switchTo(rid: string): void {
    // A layer switch is a new source: keep the subscriber's seq/timestamp continuous.
    this.sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 }, true)
    this.currentRid = rid
    this.pendingRid = undefined
  }

  /** Stops forwarding to this subscriber. */
  close(): void {
    this.track.subscriptions.delete(this)
  }
}

/**
 * A track a session pushed (`location: "local"`): receives the publisher's RTP (one werift track
 * per simulcast layer) and forwards each packet, unchanged but for its header extensions, to every
 * {@link Subscription}. Header extensions are dropped because werift would otherwise copy the
 * publisher's extension ids onto the subscriber's stream, where they mean other things (the
 * subscriber's sender writes its own mid and abs-send-time).
 */
export class PublishedTrack {
  /** Layers by rid ('' for a non-simulcast track). */
  readonly layers = new Map<string, MediaStreamTrack>()
  /** Media SSRC per layer, from the first RTP packet (simulcast tracks don't carry it). */
  private readonly ssrcs = new Map<string, number>()
  /** Time of each layer's last RTP packet (ms epoch). */
  private readonly lastLayerRtpAt = new Map<string, number>()
  readonly subscriptions = new Set<Subscription>()
  /** Time of the last RTP packet received (ms epoch), 0 before the first. */
  lastRtpAt = 0
  /** Packets received from the publisher, all layers. */
  packetsReceived = 0
  closed = false

  constructor(
    readonly sessionId: string,
    readonly trackName: string,
    readonly transceiver: RTCRtpTransceiver,
    /** rids of the simulcast offer in the publisher's order; `[]` for one layer. */
    readonly offeredRids: readonly string[],
  ) {
    transceiver.onTrack.subscribe((track) => this.addLayer(track))
    for (const track of transceiver.receiver.tracks) this.addLayer(track)
  }

  get kind(): 'audio' | 'video' {
    return this.transceiver.kind === 'audio' ? 'audio' : 'video'
  }

  get mid(): string | undefined {
    return this.transceiver.mid ?? undefined
  }

  /**
   * Layers that are flowing — RTP within the last {@link LAYER_STALE_MS} — in the publisher's
   * order; `['']` for a single-layer track; every layer ever received while none flows (a muted
   * publisher sends nothing). Not the layers negotiated: werift makes a track per offered rid,
   * and a browser may never send some of them (Chromium encodes 2 of 3 requested layers of a
   * 640×480 camera) or pause one (Chromium does, e.g. while its bandwidth estimate is low), and
   * forwarding such a layer would leave the subscriber black.
   */
  rids(now = Date.now()): string[] {
    if (this.offeredRids.length === 0) return ['']
    const received = this.offeredRids.filter((rid) => this.lastLayerRtpAt.has(rid))
    const flowing = received.filter((rid) => this.isFlowing(rid, now))
    return flowing.length > 0 ? flowing : received
  }

  /** Whether layer `rid` ('' for a single-layer track) is sending (RTP within {@link LAYER_STALE_MS}). */
  isFlowing(rid: string, now = Date.now()): boolean {
    return now - (this.lastLayerRtpAt.get(rid) ?? 0) <= LAYER_STALE_MS
  }

  /**
   * The layer to forward to a subscriber preferring `preferredRid`: that layer while it flows
   * ({@link rids}); else the flowing layer nearest to it in the publisher's order, the smaller one
   * on a tie (a small preference is about bandwidth) — so a preferred `l` that Chromium never
   * sends gets `m`, not `h`; with no preference the first layer. `undefined` while none flows.
   */
  layerFor(preferredRid: string | undefined): string | undefined {
    const arrived = this.rids()
    if (preferredRid === undefined || arrived.includes(preferredRid)) {
      return preferredRid ?? arrived[0]
    }
    const wanted = this.offeredRids.indexOf(preferredRid)
    if (wanted < 0) return arrived[0]
    const distance = (rid: string) => Math.abs(this.offeredRids.indexOf(rid) - wanted)
    return arrived.reduce<string | undefined>((best, rid) => {
      if (best === undefined) return rid
      const d = distance(rid) - distance(best)
      return d < 0 || (d === 0 && this.offeredRids.indexOf(rid) > this.offeredRids.indexOf(best))
        ? rid
        : best
    }, undefined)
  }

  private addLayer(track: MediaStreamTrack): void {
    const rid = track.rid ?? ''
    if (this.layers.has(rid)) return
    this.layers.set(rid, track)
    track.onReceiveRtp.subscribe((rtp) => this.forward(rid, rtp))
  }

  private forward(rid: string, rtp: RtpPacket): void {
    if (this.closed) return
    const now = Date.now()
    const first = !this.ssrcs.has(rid)
    const resumed = !first && !this.isFlowing(rid, now)
    this.lastLayerRtpAt.set(rid, now)
    if (first) {
      this.ssrcs.set(rid, rtp.header.ssrc)
      // The first packet of a layer: subscribers waiting on it get a keyframe now.
      this.requestKeyframe(rid)
    }
    // A layer started or came back: subscribers that prefer it (or are nearer to it) move to it.
    if (first || resumed) for (const sub of this.subscriptions) sub.selectLayer()
    this.lastRtpAt = now
    this.packetsReceived++
    let out: RtpPacket | undefined
    let keyframeStart: boolean | undefined
    const isKeyframeStart = () => {
      keyframeStart ??= startsVp8Keyframe(rtp)
      return keyframeStart
    }
    for (const sub of this.subscriptions) {
      // No layer yet, or the forwarded one paused while this one flows: move.
      if (
        sub.currentRid === undefined ||
        (sub.currentRid !== rid && !this.isFlowing(sub.currentRid, now))
      )
        sub.selectLayer(now)
      sub.onLayerPacket(rid, isKeyframeStart, now)
      if (sub.currentRid !== rid || sub.shouldDrop()) continue
      out ??= new RtpPacket(new RtpHeader({ ...rtp.header, extensions: [] }), rtp.payload)
      sub.sender.sendRtp(out).catch(() => {})
    }
  }

  /**
   * Adds a subscriber sending through `sender` (`downlinkLoss`: test hook, see {@link Subscription});
   * returns its {@link Subscription}.
   */
  subscribe(
    sender: RTCRtpSender,
    preferredRid?: string,
    downlinkLoss?: () => number,
  ): Subscription {
    const sub = new Subscription(this, sender, preferredRid, downlinkLoss)
    this.subscriptions.add(sub)
    sub.selectLayer()
    return sub
  }

  /** Sends a PLI (RFC 4585 §6.3.1) for layer `rid` to the publisher. */
  requestKeyframe(rid: string | undefined): void {
    if (this.kind !== 'video' || this.closed) return
    const ssrc = this.ssrcs.get(rid ?? '') ?? this.layers.get(rid ?? '')?.ssrc
    if (ssrc === undefined) return
    this.transceiver.receiver.sendRtcpPLI(ssrc).catch(() => {})
  }

  /**
   * Sends a REMB (draft-alvestrand-rmcat-remb) for every layer: the bitrate the publisher may
   * send in total, in bps.
   */
  sendRemb(bitrate: number): void {
    if (this.kind !== 'video' || this.closed || this.ssrcs.size === 0) return
    let mantissa = Math.max(0, Math.floor(bitrate))
    let exp = 0
    while (mantissa >= 1 << 18) {
      mantissa >>= 1
      exp++
    }
    const remb = new ReceiverEstimatedMaxBitrate({
      senderSsrc: this.transceiver.receiver.rtcpSsrc,
      mediaSsrc: 0,
      brExp: exp,
      brMantissa: mantissa,
      ssrcNum: this.ssrcs.size,
      ssrcFeedbacks: [...this.ssrcs.values()],
    })
    const packet = new RtcpPayloadSpecificFeedback({ feedback: remb })
    this.transceiver.receiver.dtlsTransport?.sendRtcp([packet]).catch(() => {})
  }

  /** Stops forwarding and detaches every subscriber (idempotent). */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const sub of [...this.subscriptions]) sub.close()
  }
}
