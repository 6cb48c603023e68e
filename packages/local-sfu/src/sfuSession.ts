import { randomUUID } from 'node:crypto'
import type {
  CloseTracksRequest,
  CloseTracksResponse,
  GetSessionStateResponse,
  TrackObject,
  TracksRequest,
  TracksResponse,
  UpdateTracksRequest,
  UpdateTracksResponse,
} from '@calls-kit/core/api-types'
import { parse as parseSdp, write as writeSdp } from 'sdp-transform'
import {
  type PeerConfig,
  PictureLossIndication,
  RTCPeerConnection,
  RTCRtpHeaderExtensionParameters,
  type RTCRtpTransceiver,
  RtcpPayloadSpecificFeedback,
  type RtpPacket,
} from 'werift'
import { PublishedTrack, type Subscription } from './publishedTrack.js'
import { SfuError } from './sfuError.js'
import { SimulatedLoss } from './simulatedLoss.js'

/** How a session finds other sessions' published tracks. */
export interface TrackDirectory {
  findPublished(sessionId: string, trackName: string): PublishedTrack | undefined
}

type SessionDescription = { type: 'offer' | 'answer'; sdp: string }
type TrackResult = NonNullable<TracksResponse['tracks']>[number]

/** A track this session pulls (`location: "remote"`). */
interface PulledTrack {
  mid: string
  sessionId: string
  trackName: string
  transceiver: RTCRtpTransceiver
  subscription: Subscription
}

/** A published track counts as `active` while RTP arrived within this window (ms). */
const RTP_ACTIVE_MS = 2000

/**
 * One Calls session: one werift `RTCPeerConnection` with the tracks it pushes (published) and
 * pulls (subscriptions to other sessions' published tracks). Every operation runs in order, one at
 * a time, because each may change the offer/answer state (RFC 3264).
 */
export class SfuSession {
  readonly id = randomUUID().replaceAll('-', '')
  readonly pc: RTCPeerConnection
  /** Published tracks by name. */
  readonly published = new Map<string, PublishedTrack>()
  /** Pulled tracks by mid. */
  readonly pulled = new Map<string, PulledTrack>()
  closed = false
  /** Test hook: fraction (0–1) of the RTP packets forwarded to this session that the SFU drops. */
  downlinkLoss = 0
  /** Test hook: fraction (0–1) of the RTP packets this session sends that the SFU drops on arrival. */
  uplinkLoss = 0
  private queue: Promise<unknown> = Promise.resolve()
  /** Transports whose RTCP is already read (werift may hand transceivers a new one on renegotiation). */
  private readonly tapped = new WeakSet<object>()

  constructor(
    private readonly config: Partial<PeerConfig>,
    private readonly directory: TrackDirectory,
  ) {
    this.pc = new RTCPeerConnection(config)
    this.dropOnArrival(new SimulatedLoss(() => this.uplinkLoss))
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        this.tapRtcp()
        // A (re)connected subscriber gets a keyframe at once.
        for (const pulled of this.pulled.values()) {
          pulled.subscription.track.requestKeyframe(pulled.subscription.currentRid)
        }
      }
    })
  }

  /**
   * Drops incoming RTP before werift's receivers see it, as a lossy uplink would: the receivers'
   * RTCP receiver reports then tell the publisher (`remote-inbound-rtp.packetsLost`), and
   * subscribers see the gaps. werift routes every packet through `router.routeRtp`, looked up per
   * packet, so wrapping it on this connection is enough.
   */
  private dropOnArrival(loss: SimulatedLoss): void {
    const router = (this.pc as unknown as { router: { routeRtp(packet: RtpPacket): void } }).router
    const route = router.routeRtp
    router.routeRtp = (packet) => {
      if (!loss.shouldDrop()) route(packet)
    }
  }

  /** Runs `op` after every earlier operation of this session (a FIFO). */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op)
    this.queue = run.catch(() => {})
    return run
  }

  private async applyRemote(description: SessionDescription): Promise<void> {
    const parsed = parseSdp(description.sdp)
    if (!description.sdp.startsWith('v=0') || !Array.isArray(parsed.media)) {
      throw new SfuError(400, 'invalid_sdp', 'sessionDescription.sdp is not an SDP (RFC 8866)')
    }
    try {
      await this.pc.setRemoteDescription(description)
    } catch (e) {
      throw new SfuError(400, 'invalid_sdp', `sessionDescription rejected: ${(e as Error).message}`)
    }
  }

  private async localDescription(kind: 'offer' | 'answer'): Promise<SessionDescription> {
    const description =
      kind === 'offer' ? await this.pc.createOffer() : await this.pc.createAnswer()
    await this.pc.setLocalDescription(description)
    if (this.pc.iceGatheringState !== 'complete') {
      await this.pc.iceGatheringStateChange.watch((s) => s === 'complete')
    }
    const sdp = this.pc.localDescription?.sdp ?? description.sdp
    this.tapRtcp()
    return { type: kind, sdp: kind === 'offer' ? this.withSimulcastRecv(sdp) : sdp }
  }

  /**
   * werift's offers drop the simulcast of m-sections it already receives (no `a=rid`/`a=simulcast`
   * on them), and a browser answering such an offer pauses every layer but the first
   * (`a=simulcast:send h;~m;~l`, RFC 8853 §5.1) — so each renegotiation (a pull, a close) of a
   * simulcast publisher cut it to one layer. This restores `a=rid:<id> recv` and
   * `a=simulcast:recv` (RFC 8851, RFC 8853) for every simulcast track this session publishes.
   */
  private withSimulcastRecv(sdp: string): string {
    const layersByMid = new Map<string, readonly string[]>()
    for (const track of this.published.values()) {
      if (track.mid !== undefined && track.offeredRids.length > 1)
        layersByMid.set(track.mid, track.offeredRids)
    }
    if (layersByMid.size === 0) return sdp
    const parsed = parseSdp(sdp)
    for (const media of parsed.media) {
      const rids = layersByMid.get(String(media.mid))
      if (!rids || media.simulcast) continue
      media.rids = rids.map((id) => ({ id, direction: 'recv' }))
      media.simulcast = { dir1: 'recv', list1: rids.join(';') }
    }
    return writeSdp(parsed)
  }

  /**
   * Relays subscribers' PLI/FIR to the publishers, read off the session's transport. werift's RTCP
   * router hands a PSFB packet to whoever owns its *sender* SSRC first — for a client that also
   * publishes, that is the receiver of its own track — so `sender.onPictureLossIndication` misses
   * them; the media SSRC names the SFU sender the feedback is about.
   */
  private tapRtcp(): void {
    for (const t of this.pc.getTransceivers()) {
      for (const transport of [t.receiver.dtlsTransport, t.sender.dtlsTransport]) {
        if (!transport || this.tapped.has(transport)) continue
        this.tapped.add(transport)
        transport.onRtcp.subscribe((packet) => this.onRtcp(packet))
      }
    }
  }

  private onRtcp(packet: unknown): void {
    if (!(packet instanceof RtcpPayloadSpecificFeedback)) return
    const feedback = packet.feedback
    let ssrcs: number[]
    if (feedback instanceof PictureLossIndication) ssrcs = [feedback.mediaSsrc]
    else if ('fir' in feedback) ssrcs = (feedback.fir as { ssrc: number }[]).map((f) => f.ssrc)
    else return
    for (const pulled of this.pulled.values()) {
      if (ssrcs.includes(pulled.transceiver.sender.ssrc)) pulled.subscription.keyframeRequested()
    }
  }

  /**
   * Gives transceivers the SFU adds the RTP header extension ids already negotiated in this
   * session for the same URI, and unused ids for new URIs: in a BUNDLE group an id must mean one
   * extension across all m-lines (RFC 8843 §9.2; Chromium refuses the offer otherwise), and the
   * client may have chosen other ids than werift's defaults in an earlier offer.
   */
  private alignHeaderExtensions(added: RTCRtpTransceiver[]): void {
    const fresh = new Set(added)
    const byUri = new Map<string, number>()
    for (const t of this.pc.getTransceivers()) {
      if (fresh.has(t)) continue
      for (const ext of t.headerExtensions) if (!byUri.has(ext.uri)) byUri.set(ext.uri, ext.id)
    }
    const used = new Set(byUri.values())
    let next = 1
    const freeId = () => {
      while (used.has(next)) next++
      used.add(next)
      return next
    }
    for (const t of added) {
      const wanted = this.config.headerExtensions?.[t.kind === 'audio' ? 'audio' : 'video'] ?? []
      t.headerExtensions = wanted.map((ext) => {
        let id = byUri.get(ext.uri)
        if (id === undefined) {
          id = freeId()
          byUri.set(ext.uri, id)
        }
        return new RTCRtpHeaderExtensionParameters({ uri: ext.uri, id })
      })
    }
  }

  /** Answers an optional client offer given at session creation. */
  acceptInitialOffer(
    offer: SessionDescription | undefined,
  ): Promise<SessionDescription | undefined> {
    return this.serial(async () => {
      if (!offer) return undefined
      if (offer.type !== 'offer') {
        throw new SfuError(400, 'invalid_request', 'sessionDescription.type must be "offer"')
      }
      await this.applyRemote(offer)
      return this.localDescription('answer')
    })
  }

  /** `POST …/tracks/new`: push local tracks (client offer) or pull remote ones (SFU offer). */
  newTracks(body: TracksRequest): Promise<TracksResponse> {
    return this.serial(async () => {
      const tracks = body.tracks ?? []
      const local = tracks.filter((t) => t.location === 'local')
      const remote = tracks.filter((t) => t.location === 'remote')
      const offer = body.sessionDescription
      if (offer) {
        if (offer.type !== 'offer') {
          throw new SfuError(400, 'invalid_request', 'sessionDescription.type must be "offer"')
        }
        if (remote.length > 0) {
          throw new SfuError(
            400,
            'invalid_request',
            'remote tracks cannot come with a client offer: pull them in a request of their own',
          )
        }
        if (!body.autoDiscover && local.length === 0) {
          throw new SfuError(400, 'invalid_request', 'an offer needs local tracks or autoDiscover')
        }
        return this.push(offer as SessionDescription, local, body.autoDiscover ?? false)
      }
      if (local.some((t) => !t.kind)) {
        throw new SfuError(400, 'invalid_request', 'local tracks without an offer need a "kind"')
      }
      if (tracks.length === 0) {
        throw new SfuError(400, 'invalid_request', 'tracks must not be empty')
      }
      return this.offerTracks(local, remote)
    })
  }

  private async push(
    offer: SessionDescription,
    local: TrackObject[],
    autoDiscover: boolean,
  ): Promise<TracksResponse> {
    const before = new Set(this.pc.getTransceivers())
    await this.applyRemote(offer)
    const media = parseSdp(offer.sdp).media
    const results: TrackResult[] = []
    const publish = (transceiver: RTCRtpTransceiver, trackName: string): TrackResult => {
      if (this.published.has(trackName)) {
        return {
          trackName,
          mid: transceiver.mid ?? undefined,
          errorCode: 'track_exists',
          errorDescription: `trackName "${trackName}" is already published by this session`,
        }
      }
      const m = media.find((x) => String(x.mid) === transceiver.mid)
      const rids = (m?.rids ?? []).filter((r) => r.direction === 'send').map((r) => String(r.id))
      transceiver.setDirection('recvonly')
      this.published.set(trackName, new PublishedTrack(this.id, trackName, transceiver, rids))
      return { location: 'local', trackName, mid: transceiver.mid ?? undefined }
    }
    for (const t of local) {
      const transceiver = this.pc.getTransceivers().find((x) => x.mid === t.mid)
      if (!t.trackName || !t.mid || !transceiver) {
        results.push({
          ...t,
          errorCode: 'invalid_track',
          errorDescription: !t.trackName
            ? 'trackName is required'
            : `no m-line with mid "${t.mid}" in the offer`,
        })
        continue
      }
      results.push(publish(transceiver, t.trackName))
    }
    if (autoDiscover) {
      const taken = new Set([...this.published.values()].map((p) => p.transceiver))
      for (const transceiver of this.pc.getTransceivers()) {
        if (taken.has(transceiver) || before.has(transceiver)) continue
        const m = media.find((x) => String(x.mid) === transceiver.mid)
        if (!m || !(m.direction === 'sendonly' || m.direction === 'sendrecv')) continue
        results.push(publish(transceiver, randomUUID()))
      }
    }
    const answer = await this.localDescription('answer')
    return { requiresImmediateRenegotiation: false, sessionDescription: answer, tracks: results }
  }

  private async offerTracks(local: TrackObject[], remote: TrackObject[]): Promise<TracksResponse> {
    const results: TrackResult[] = []
    for (const t of local) {
      const name = t.trackName ?? randomUUID()
      if (this.published.has(name)) {
        results.push({
          ...t,
          errorCode: 'track_exists',
          errorDescription: `trackName "${name}" is already published`,
        })
        continue
      }
      const transceiver = this.pc.addTransceiver(t.kind === 'audio' ? 'audio' : 'video', {
        direction: 'recvonly',
      })
      this.published.set(name, new PublishedTrack(this.id, name, transceiver, []))
      results.push({ location: 'local', trackName: name, transceiver } as TrackResult & {
        transceiver: RTCRtpTransceiver
      })
    }
    const added: PulledTrack[] = []
    for (const t of remote) {
      if (!t.sessionId || !t.trackName) {
        results.push({
          ...t,
          errorCode: 'invalid_track',
          errorDescription: 'remote tracks need sessionId and trackName',
        })
        continue
      }
      if (t.mid) {
        results.push({
          ...t,
          errorCode: 'not_supported',
          errorDescription:
            'pulling into an existing transceiver (mid) is not supported by the local SFU',
        })
        continue
      }
      const source = this.directory.findPublished(t.sessionId, t.trackName)
      if (!source) {
        results.push({
          ...t,
          errorCode: 'not_found',
          errorDescription: `session ${t.sessionId} publishes no track "${t.trackName}"`,
        })
        continue
      }
      const transceiver = this.pc.addTransceiver(source.kind, { direction: 'sendonly' })
      const subscription = source.subscribe(
        transceiver.sender,
        t.simulcast?.preferredRid,
        () => this.downlinkLoss,
      )
      const pulled = {
        mid: '',
        sessionId: t.sessionId,
        trackName: t.trackName,
        transceiver,
        subscription,
      }
      added.push(pulled)
      results.push({
        location: 'remote',
        sessionId: t.sessionId,
        trackName: t.trackName,
        transceiver,
      } as TrackResult & { transceiver: RTCRtpTransceiver })
    }
    const ok = results.filter((r) => !r.errorCode)
    if (ok.length === 0) {
      const first = results[0]
      return {
        errorCode: first?.errorCode ?? 'invalid_request',
        errorDescription: first?.errorDescription ?? 'no track could be added',
        tracks: results,
      }
    }
    this.alignHeaderExtensions(
      results.flatMap((r) => {
        const t = (r as { transceiver?: RTCRtpTransceiver }).transceiver
        return t ? [t] : []
      }),
    )
    const offer = await this.localDescription('offer')
    for (const pulled of added) {
      pulled.mid = pulled.transceiver.mid ?? ''
      this.pulled.set(pulled.mid, pulled)
    }
    const tracks = results.map((r) => {
      const { transceiver, ...rest } = r as TrackResult & { transceiver?: RTCRtpTransceiver }
      return transceiver ? { ...rest, mid: transceiver.mid ?? undefined } : rest
    })
    return { requiresImmediateRenegotiation: true, sessionDescription: offer, tracks }
  }

  /** `PUT …/renegotiate`: the client's answer to an SFU offer (or a client offer, answered). */
  renegotiate(
    description: SessionDescription,
  ): Promise<{ sessionDescription?: SessionDescription }> {
    return this.serial(async () => {
      if (description.type === 'answer') {
        if (this.pc.signalingState !== 'have-local-offer') {
          throw new SfuError(409, 'invalid_state', 'no SFU offer is waiting for an answer')
        }
        await this.applyRemote(description)
        for (const pulled of this.pulled.values()) {
          pulled.subscription.track.requestKeyframe(pulled.subscription.currentRid)
        }
        return {}
      }
      await this.applyRemote(description)
      return { sessionDescription: await this.localDescription('answer') }
    })
  }

  /** `PUT …/tracks/close`: stops forwarding from/to the given mids. */
  closeTracks(body: CloseTracksRequest): Promise<CloseTracksResponse> {
    return this.serial(async () => {
      const results: NonNullable<CloseTracksResponse['tracks']> = []
      const transceivers: RTCRtpTransceiver[] = []
      for (const { mid } of body.tracks ?? []) {
        const published = [...this.published.values()].find((p) => p.mid === mid)
        const pulled = mid === undefined ? undefined : this.pulled.get(mid)
        if (published) {
          published.close()
          this.published.delete(published.trackName)
          transceivers.push(published.transceiver)
          results.push({ mid })
        } else if (pulled && mid !== undefined) {
          pulled.subscription.close()
          this.pulled.delete(mid)
          transceivers.push(pulled.transceiver)
          results.push({ mid })
        } else {
          results.push({
            mid,
            errorCode: 'not_found',
            errorDescription: `no open track with mid "${mid}"`,
          })
        }
      }
      if (body.force) return { requiresImmediateRenegotiation: false, tracks: results }
      for (const t of transceivers) t.setDirection('inactive')
      const offer = body.sessionDescription
      if (offer) {
        if (offer.type !== 'offer') {
          throw new SfuError(400, 'invalid_request', 'sessionDescription.type must be "offer"')
        }
        await this.applyRemote(offer as SessionDescription)
        const answer = await this.localDescription('answer')
        return {
          requiresImmediateRenegotiation: false,
          sessionDescription: answer,
          tracks: results,
        }
      }
      if (transceivers.length === 0)
        return { requiresImmediateRenegotiation: false, tracks: results }
      const sfuOffer = await this.localDescription('offer')
      return { requiresImmediateRenegotiation: true, sessionDescription: sfuOffer, tracks: results }
    })
  }

  /** `PUT …/tracks/update`: e.g. the simulcast layer a pulled track forwards. */
  updateTracks(body: UpdateTracksRequest): Promise<UpdateTracksResponse> {
    return this.serial(async () => {
      const tracks = (body.tracks ?? []).map((t) => {
        const pulled = [...this.pulled.values()].find(
          (p) =>
            (t.mid && p.mid === t.mid) ||
            (p.sessionId === t.sessionId && p.trackName === t.trackName),
        )
        if (!pulled) {
          return {
            ...t,
            errorCode: 'not_found',
            errorDescription: 'this session pulls no such track',
          }
        }
        if (t.simulcast?.preferredRid !== undefined) {
          pulled.subscription.preferredRid = t.simulcast.preferredRid
          pulled.subscription.selectLayer()
        }
        return { ...t, mid: pulled.mid }
      })
      return { requiresImmediateRenegotiation: false, tracks }
    })
  }

  /** `GET …/sessions/{id}`: every open track with `status` active (RTP within 2 s), waiting or inactive. */
  state(): GetSessionStateResponse {
    const now = Date.now()
    const status = (p: PublishedTrack): 'active' | 'inactive' | 'waiting' =>
      p.closed
        ? 'inactive'
        : p.lastRtpAt === 0
          ? 'waiting'
          : now - p.lastRtpAt < RTP_ACTIVE_MS
            ? 'active'
            : 'inactive'
    return {
      tracks: [
        ...[...this.published.values()].map((p) => ({
          location: 'local' as const,
          mid: p.mid,
          trackName: p.trackName,
          kind: p.kind,
          status: status(p),
        })),
        ...[...this.pulled.values()].map((p) => ({
          location: 'remote' as const,
          mid: p.mid,
          sessionId: p.sessionId,
          trackName: p.trackName,
          status: status(p.subscription.track),
        })),
      ],
    }
  }

  /** Closes the peer connection and every track of the session (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const p of this.published.values()) p.close()
    for (const p of this.pulled.values()) p.subscription.close()
    this.published.clear()
    this.pulled.clear()
    await this.pc.close().catch(() => {})
  }
}
