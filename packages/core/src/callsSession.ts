import { CallsApiClient } from './callsApiClient.js'
import { CallsApiError, InvalidStateError } from './errors.js'
import { NegotiationQueue } from './negotiationQueue.js'
import { type ReadonlyStore, StateStore } from './stateStore.js'
import { type TrackLocator, trackKey } from './trackLocator.js'
import { TypedEvents } from './typedEvents.js'

/**
 * Lifecycle of a {@link CallsSession}: `idle` (nothing asked yet) → `connecting` (creating the
 * Calls session) → `connected` (session open; see `connectionState` for the media transport) →
 * `reconnecting` (ICE restart or a new session after the transport failed) → back to `connected`,
 * or `failed` (recovery gave up) / `closed` (after `destroy()`).
 */
export type CallsSessionStatus =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'failed'
  | 'closed'

/** State of a {@link CallsSession}, readable through its store (`getState()`/`subscribe()`). */
export interface CallsSessionState {
  /** The Calls session id; changes when recovery had to open a new session. */
  sessionId: string | undefined
  status: CallsSessionStatus
  /** The peer connection's `connectionState` (W3C webrtc-pc §4.3.3); `'new'` before any media. */
  connectionState: RTCPeerConnectionState
  /** The error that made `status` `failed`, if any. */
  error: Error | undefined
}

/** Events of a {@link CallsSession}, as listener argument tuples. */
export type CallsSessionEvents = {
  /** The peer connection's `connectionState` changed. */
  connectionstatechange: [RTCPeerConnectionState]
  /**
   * Recovery opened a new Calls session: every pushed track now has a locator with `sessionId`.
   * A listener may return a promise: recovery waits for it (at most 5 s) before re-pushing and
   * re-pulling, so a room can re-join with the new sessionId first (an app route such as
   * `createCallsHandler` allows pulls only to room members).
   */
  sessionchange: [sessionId: string, previousSessionId: string]
  /** Recovery re-pulled `locator`: play `track` instead of the track `pull()` gave before. */
  trackreplaced: [locator: TrackLocator, track: MediaStreamTrack]
}

/** Options of {@link CallsSession}. */
export interface CallsSessionOptions {
  /** The app's API route (see `createCallsHandler`). Defaults to `'/api/calls'`. */
  apiBase?: string
  /** A ready client (overrides `apiBase`/`fetch`). Defaults to a {@link CallsApiClient} on `apiBase`. */
  client?: CallsApiClient
  /** `fetch` for the default client. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /**
   * Peer connection configuration. Defaults to `{bundlePolicy: 'max-bundle', iceServers:
   * [{urls: 'stun:stun.cloudflare.com:3478'}]}` (Calls needs no TURN in most cases: Calls doc
   * "Connection API", STUN and TURN).
   */
  rtcConfiguration?: RTCConfiguration
  /** `RTCPeerConnection` constructor (for tests). Defaults to `globalThis.RTCPeerConnection`. */
  RTCPeerConnection?: typeof RTCPeerConnection
  /** How long (ms) a `disconnected` transport may last before recovery starts. Defaults to `3000`. */
  disconnectedTimeoutMs?: number
}

/** Options of {@link CallsSession.push}. */
export interface PushOptions {
  /** Name others pull the track by. Defaults to `crypto.randomUUID()`. */
  trackName?: string
  /** Simulcast/bitrate encodings (`sendEncodings` of `addTransceiver`), e.g. rids `h`/`m`/`l`. Defaults to one encoding. */
  encodings?: readonly RTCRtpEncodingParameters[]
}

/** Options of {@link CallsSession.pull}. */
export interface PullOptions {
  /** Simulcast layer (RFC 8851 rid) to receive. Defaults to the SFU's choice. */
  preferredRid?: string
}

interface Deferred<T> {
  resolve(value: T): void
  reject(error: unknown): void
  /** Order in which the caller asked (same-tick requests keep their order). */
  seq?: number
}
interface PushRequest extends Deferred<TrackLocator> {
  /** `null` when recovery re-pushes a track that was replaced by nothing: `kind` makes the m-line. */
  track: MediaStreamTrack | null
  kind: string
  trackName: string
  encodings: readonly RTCRtpEncodingParameters[] | undefined
}
interface PullRequest extends Deferred<MediaStreamTrack> {
  locator: TrackLocator
  preferredRid: string | undefined
}
interface CloseRequest extends Deferred<void> {
  locator: TrackLocator
}
interface PushedTrack {
  trackName: string
  track: MediaStreamTrack | null
  kind: string
  encodings: readonly RTCRtpEncodingParameters[] | undefined
  transceiver: RTCRtpTransceiver
}
interface PulledTrack {
  locator: TrackLocator
  preferredRid: string | undefined
  transceiver: RTCRtpTransceiver
}

const DEFAULT_RTC_CONFIGURATION: RTCConfiguration = {
  bundlePolicy: 'max-bundle',
  iceServers: [{ urls: 'stun:stun.cloudflare.com:3478' }],
}

const trackError = (t: { errorCode?: string; errorDescription?: string }) =>
  new CallsApiError(
    t.errorCode === 'not_found' ? 404 : t.errorCode === 'forbidden' ? 403 : 400,
    t.errorCode ?? 'track_error',
    t.errorDescription ?? 'the track was refused',
  )

/**
 * The negotiation engine of one Calls session: one `RTCPeerConnection`, pushing (publishing) and
 * pulling (subscribing) tracks through the Calls API or an app route that speaks it.
 *
 * - One negotiation in flight at a time (a FIFO).
 * - Everything asked in the same tick is batched: N pushes → one `tracks/new`; N pulls → one
 *   `tracks/new` + one `renegotiate`; N closes → one `tracks/close`.
 * - When the transport fails it tries an ICE restart (RFC 8445 §2.4), then a new session that
 *   re-pushes and re-pulls every track (`sessionchange`/`trackreplaced` events).
 *
 * Errors: API failures reject with {@link CallsApiError} (per track when the API says so);
 * calls after `destroy()` reject with {@link InvalidStateError}; bad arguments throw `TypeError`.
 * @see seeds/000 (client flow) and seeds/003 (session lifecycle); https://developers.cloudflare.com/calls/
 * @example
 * const session = new CallsSession({ apiBase: '/api/calls' })
 * const locator = await session.push(cameraTrack, { trackName: 'camera' })
 * const remote = await other.pull(locator) // a MediaStreamTrack
 */
export class CallsSession implements ReadonlyStore<CallsSessionState> {
  readonly client: CallsApiClient
  readonly #store = new StateStore<CallsSessionState>({
    sessionId: undefined,
    status: 'idle',
    connectionState: 'new',
    error: undefined,
  })
  readonly #events = new TypedEvents<CallsSessionEvents>()
  readonly #queue = new NegotiationQueue()
  readonly #options: CallsSessionOptions
  #pc: RTCPeerConnection | undefined
  /** Session tokens by sessionId: the current one, and older ones (recovery) for leaving rooms. */
  readonly #tokens = new Map<string, string>()
  #connecting: Promise<string> | undefined
  #pushes: PushRequest[] = []
  #pulls: PullRequest[] = []
  #closes: CloseRequest[] = []
  #flushScheduled = false
  #seq = 0
  /** Every request not yet settled (queued or in a negotiation), so `destroy()` can reject them. */
  readonly #inflight = new Set<Deferred<unknown>>()
  readonly #pushed = new Map<string, PushedTrack>()
  readonly #pulled = new Map<string, PulledTrack>()
  #recovering = false
  /** Every sessionId this engine has had: locators from before a recovery still name our tracks. */
  readonly #ownSessionIds = new Set<string>()
  #disconnectedTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: CallsSessionOptions = {}) {
    this.#options = options
    this.client =
      options.client ??
      new CallsApiClient({
        baseUrl: options.apiBase ?? '/api/calls',
        fetch: options.fetch,
        headers: (sessionId): Record<string, string> => {
          const token = sessionId && this.#tokens.get(sessionId)
          return token ? { 'calls-session-token': token } : {}
        },
      })
  }

  // Store contract (zustand's ReadonlyStoreApi): bind with useSyncExternalStore / useStore.
  getState = (): CallsSessionState => this.#store.getState()
  getInitialState = (): CallsSessionState => this.#store.getInitialState()
  subscribe = (
    listener: (state: CallsSessionState, previous: CallsSessionState) => void,
  ): (() => void) => this.#store.subscribe(listener)

  /** Adds a listener; returns the function that removes it. See {@link CallsSessionEvents}. */
  on<K extends keyof CallsSessionEvents>(
    event: K,
    listener: (...args: CallsSessionEvents[K]) => void,
  ): () => void {
    return this.#events.on(event, listener)
  }

  /** The current Calls session id, `undefined` before `connect()` resolves. */
  get sessionId(): string | undefined {
    return this.#store.getState().sessionId
  }

  /**
   * The app route's proof of ownership (`Calls-Session-Token`) of the current session, or of
   * `sessionId` when given (also a session this engine had before a recovery), if it issued one.
   */
  getSessionToken(sessionId?: string): string | undefined {
    const id = sessionId ?? this.sessionId
    return id === undefined ? undefined : this.#tokens.get(id)
  }

  /**
   * `true` when `sessionId` is this engine's session, now or before a recovery. A roster can list
   * an old session of yours for a moment after a recovery: never pull your own tracks.
   */
  isOwnSessionId(sessionId: string): boolean {
    return this.#ownSessionIds.has(sessionId)
  }

  /** The underlying peer connection (for `getStats()`), `undefined` before `connect()`. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#pc
  }

  /**
   * Creates the Calls session (`POST sessions/new`) and its peer connection. Idempotent: every
   * call before it settles shares one request.
   * @returns the sessionId.
   * @throws {@link CallsApiError} when the API refuses; {@link InvalidStateError} after `destroy()`.
   */
  connect(): Promise<string> {
    if (this.#store.getState().status === 'closed')
      return Promise.reject(new InvalidStateError('the session is closed'))
    this.#connecting ??= this.#openSession().catch((error: unknown) => {
      this.#connecting = undefined
      this.#store.setState({ status: 'failed', error: error as Error })
      throw error
    })
    return this.#connecting
  }

  /**
   * Publishes `track` (`location: "local"`). Batched with every push of the same tick.
   * @returns the {@link TrackLocator} others pull it by.
   * @throws `TypeError` for a missing track; {@link CallsApiError} when the API refuses it.
   */
  push(track: MediaStreamTrack, options: PushOptions = {}): Promise<TrackLocator> {
    if (!track || typeof track.kind !== 'string')
      throw new TypeError('push: a MediaStreamTrack is required')
    return this.#request<TrackLocator>((d) =>
      this.#pushes.push({
        ...d,
        track,
        kind: track.kind,
        trackName: options.trackName ?? crypto.randomUUID(),
        encodings: options.encodings,
      }),
    )
  }

  /**
   * Subscribes to a track another session pushed (`location: "remote"`). Batched: N pulls in one
   * tick cost one `tracks/new` and one `renegotiate`.
   * @returns the receiving `MediaStreamTrack` (it may stay muted until the first packet arrives).
   * @throws `TypeError` for a bad locator; {@link CallsApiError} e.g. 404 `not_found` per track.
   */
  pull(locator: TrackLocator, options: PullOptions = {}): Promise<MediaStreamTrack> {
    if (!locator?.sessionId || !locator.trackName)
      throw new TypeError('pull: {sessionId, trackName} is required')
    return this.#request<MediaStreamTrack>((d) =>
      this.#pulls.push({ ...d, locator, preferredRid: options.preferredRid }),
    )
  }

  /**
   * Closes pushed or pulled tracks (`tracks/close`, with renegotiation). Closing a track that is
   * not open is a no-op. Locators from before a recovery (old sessionId) still name our pushes.
   * Same-tick order holds: `pull(x); close(x)` pulls then closes; `close(x); pull(x)` re-pulls.
   */
  async close(...locators: TrackLocator[]): Promise<void> {
    await Promise.all(
      locators.map((locator) => this.#request<void>((d) => this.#closes.push({ ...d, locator }))),
    )
  }

  /**
   * Sends `track` (or nothing, with `null`) on a pushed track's sender without renegotiation
   * (`RTCRtpSender.replaceTrack`, W3C webrtc-pc §5.2). Others keep pulling the same locator.
   * @throws {@link InvalidStateError} when `locator` is not a track this session pushed.
   */
  async replaceTrack(locator: TrackLocator, track: MediaStreamTrack | null): Promise<void> {
    const pushed = this.#pushed.get(locator.trackName)
    if (!pushed || !this.#ownSessionIds.has(locator.sessionId)) {
      throw new InvalidStateError(
        `replaceTrack: ${trackKey(locator)} is not pushed by this session`,
      )
    }
    await pushed.transceiver.sender.replaceTrack(track)
    pushed.track = track
  }

  /**
   * Asks the SFU for another simulcast layer of a pulled track (`tracks/update`, no renegotiation).
   * @throws {@link InvalidStateError} when the track is not pulled; {@link CallsApiError}.
   */
  async setPreferredRid(locator: TrackLocator, preferredRid: string): Promise<void> {
    const pulled = this.#pulled.get(trackKey(locator))
    const sessionId = this.sessionId
    if (!pulled || !sessionId)
      throw new InvalidStateError(`setPreferredRid: ${trackKey(locator)} is not pulled`)
    const res = await this.client.updateTracks(sessionId, {
      tracks: [{ location: 'remote', ...locator, simulcast: { preferredRid } }],
    })
    const failed = res.tracks?.find((t) => t.errorCode)
    if (failed) throw trackError(failed)
    pulled.preferredRid = preferredRid
  }

  /**
   * Ends the session: closes its tracks on the SFU (best effort, `force`), the peer connection,
   * and rejects pending work with {@link InvalidStateError}. Idempotent. Caller-owned
   * `MediaStreamTrack`s (camera, mic) are not stopped.
   */
  destroy(): void {
    if (this.#store.getState().status === 'closed') return
    const closed = new InvalidStateError('the session was destroyed')
    this.#pushes.length = 0
    this.#pulls.length = 0
    this.#closes.length = 0
    // Queued and in-flight work alike: a negotiation still running settles nothing after this.
    for (const r of [...this.#inflight]) r.reject(closed)
    const sessionId = this.sessionId
    const mids = [...this.#pushed.values(), ...this.#pulled.values()].flatMap((t) =>
      t.transceiver.mid ? [t.transceiver.mid] : [],
    )
    if (sessionId && mids.length > 0) {
      this.client
        .closeTracks(sessionId, { tracks: mids.map((mid) => ({ mid })), force: true })
        .catch(() => {})
    }
    this.#pushed.clear()
    this.#pulled.clear()
    clearTimeout(this.#disconnectedTimer)
    this.#pc?.close()
    this.#store.setState({ status: 'closed', connectionState: 'closed' })
  }

  /**
   * After `destroy()` a push or pull already answered by the API would stay open at the SFU
   * (forwarding to nobody): its mids are closed (force, keepalive) and `true` is returned.
   */
  #closeIfDestroyed(sessionId: string, tracks: Array<{ mid?: string }> | undefined): boolean {
    if (this.#store.getState().status !== 'closed') return false
    const mids = (tracks ?? []).flatMap((t) => (t.mid ? [{ mid: t.mid }] : []))
    if (mids.length > 0)
      this.client.closeTracks(sessionId, { tracks: mids, force: true }).catch(() => {})
    return true
  }

  #request<T>(enqueue: (deferred: Deferred<T>) => void): Promise<T> {
    if (this.#store.getState().status === 'closed')
      return Promise.reject(new InvalidStateError('the session is closed'))
    return new Promise<T>((resolve, reject) => {
      const deferred: Deferred<T> = {
        seq: this.#seq++,
        resolve: (value) => {
          this.#inflight.delete(deferred as Deferred<unknown>)
          resolve(value)
        },
        reject: (error) => {
          this.#inflight.delete(deferred as Deferred<unknown>)
          reject(error)
        },
      }
      this.#inflight.add(deferred as Deferred<unknown>)
      enqueue(deferred)
      this.#scheduleFlush()
    })
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    // Everything asked in this tick goes out in one negotiation.
    queueMicrotask(() => {
      this.#flushScheduled = false
      this.#queue.enqueue(() => this.#negotiate()).catch(() => {})
    })
  }

  async #negotiate(): Promise<void> {
    const pushes = this.#pushes.splice(0)
    const pulls = this.#pulls.splice(0)
    // A batch runs closes first (so "close X, pull X" re-subscribes). A close asked *after* a push
    // or pull of the same track in this tick waits for the next negotiation, keeping call order.
    const closes: CloseRequest[] = []
    const later: CloseRequest[] = []
    for (const c of this.#closes.splice(0)) {
      const seq = c.seq ?? 0
      const afterPull = pulls.some(
        (p) => (p.seq ?? 0) < seq && trackKey(p.locator) === trackKey(c.locator),
      )
      const afterPush = pushes.some(
        (p) =>
          (p.seq ?? 0) < seq &&
          p.trackName === c.locator.trackName &&
          this.#ownSessionIds.has(c.locator.sessionId),
      )
      ;(afterPull || afterPush ? later : closes).push(c)
    }
    if (later.length) {
      this.#closes.unshift(...later)
      this.#scheduleFlush()
    }
    if (closes.length + pushes.length + pulls.length === 0) return
    try {
      await this.connect()
    } catch (error) {
      for (const r of [...closes, ...pushes, ...pulls]) r.reject(error)
      return
    }
    // A failure of the whole batch (HTTP error, SDP refused) rejects each of its requests.
    if (closes.length) await this.#closeBatch(closes).catch((e) => rejectAll(closes, e))
    if (pushes.length) await this.#pushBatch(pushes).catch((e) => rejectAll(pushes, e))
    if (pulls.length) await this.#pullBatch(pulls).catch((e) => rejectAll(pulls, e))
  }

  async #openSession(): Promise<string> {
    this.#store.setState({
      status: this.#recovering ? 'reconnecting' : 'connecting',
      error: undefined,
    })
    const PC = this.#options.RTCPeerConnection ?? globalThis.RTCPeerConnection
    if (!PC)
      throw new InvalidStateError('RTCPeerConnection is not available here (server rendering?)')
    const pc = new PC(this.#options.rtcConfiguration ?? DEFAULT_RTC_CONFIGURATION)
    const res = await this.client.newSession()
    if (this.#store.getState().status === 'closed') {
      pc.close()
      throw new InvalidStateError('the session was destroyed while connecting')
    }
    this.#pc = pc
    if (res.sessionToken) this.#tokens.set(res.sessionId, res.sessionToken)
    this.#ownSessionIds.add(res.sessionId)
    pc.addEventListener('connectionstatechange', () => this.#onConnectionState(pc))
    this.#store.setState({
      sessionId: res.sessionId,
      status: this.#recovering ? 'reconnecting' : 'connected',
      connectionState: pc.connectionState,
    })
    return res.sessionId
  }

  #onConnectionState(pc: RTCPeerConnection): void {
    if (pc !== this.#pc) return
    const state = pc.connectionState
    this.#store.setState({ connectionState: state })
    this.#events.emit('connectionstatechange', state)
    clearTimeout(this.#disconnectedTimer)
    if (state === 'failed') void this.#recover()
    if (state === 'disconnected') {
      this.#disconnectedTimer = setTimeout(() => {
        if (pc === this.#pc && pc.connectionState === 'disconnected') void this.#recover()
      }, this.#options.disconnectedTimeoutMs ?? 3000)
    }
  }

  #requirePc(): { pc: RTCPeerConnection; sessionId: string } {
    const pc = this.#pc
    const sessionId = this.sessionId
    if (!pc || !sessionId) throw new InvalidStateError('the session is not connected')
    return { pc, sessionId }
  }

  async #pushBatch(requests: PushRequest[]): Promise<void> {
    const { pc, sessionId } = this.#requirePc()
    const transceivers = requests.map((r) =>
      pc.addTransceiver(r.track ?? r.kind, {
        direction: 'sendonly',
        sendEncodings: r.encodings && [...r.encodings],
      }),
    )
    let res: Awaited<ReturnType<CallsApiClient['newTracks']>>
    try {
      const offer = await pc.createOffer()
      await pc.setLocalDescription(offer)
      res = await this.client.newTracks(sessionId, {
        sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp ?? offer.sdp ?? '' },
        tracks: requests.map((r, i) => ({
          location: 'local',
          trackName: r.trackName,
          mid: transceivers[i]?.mid ?? undefined,
        })),
      })
    } catch (error) {
      await pc.setLocalDescription({ type: 'rollback' }).catch(() => {})
      for (const t of transceivers) t.stop()
      throw error
    }
    if (this.#closeIfDestroyed(sessionId, res.tracks)) return
    if (res.sessionDescription)
      await pc.setRemoteDescription(res.sessionDescription as RTCSessionDescriptionInit)
    requests.forEach((r, i) => {
      const transceiver = transceivers[i] as RTCRtpTransceiver
      const result = res.tracks?.find((t) => t.trackName === r.trackName) ?? res.tracks?.[i]
      if (result?.errorCode) {
        transceiver.direction = 'inactive'
        r.reject(trackError(result))
        return
      }
      this.#pushed.set(r.trackName, {
        trackName: r.trackName,
        track: r.track,
        kind: r.kind,
        encodings: r.encodings,
        transceiver,
      })
      r.resolve({ sessionId, trackName: r.trackName })
    })
  }

  async #pullBatch(requests: PullRequest[]): Promise<void> {
    const { pc, sessionId } = this.#requirePc()
    // A track pulled twice (now or before) shares one transceiver.
    const twins = new Map<string, PullRequest[]>()
    const fresh = requests.filter((r) => {
      const key = trackKey(r.locator)
      const existing = this.#pulled.get(key)
      if (existing) {
        r.resolve(existing.transceiver.receiver.track)
        return false
      }
      const same = twins.get(key)
      if (same) same.push(r)
      else twins.set(key, [])
      return !same
    })
    if (fresh.length === 0) return
    const settle = (r: PullRequest, settleOne: (x: PullRequest) => void) => {
      settleOne(r)
      for (const twin of twins.get(trackKey(r.locator)) ?? []) settleOne(twin)
    }
    const res = await this.client.newTracks(sessionId, {
      tracks: fresh.map((r) => ({
        location: 'remote',
        sessionId: r.locator.sessionId,
        trackName: r.locator.trackName,
        ...(r.preferredRid ? { simulcast: { preferredRid: r.preferredRid } } : {}),
      })),
    })
    if (this.#closeIfDestroyed(sessionId, res.tracks)) return
    if (res.sessionDescription?.type === 'offer') {
      await pc.setRemoteDescription(res.sessionDescription as RTCSessionDescriptionInit)
      const answer = await pc.createAnswer()
      await pc.setLocalDescription(answer)
      await this.client.renegotiate(sessionId, {
        sessionDescription: { type: 'answer', sdp: pc.localDescription?.sdp ?? answer.sdp ?? '' },
      })
    }
    for (const r of fresh) {
      const result = res.tracks?.find(
        (t) => t.sessionId === r.locator.sessionId && t.trackName === r.locator.trackName,
      )
      if (!result || result.errorCode) {
        const error = trackError(
          result ?? {
            errorCode: 'track_error',
            errorDescription: 'the SFU did not answer for this track',
          },
        )
        settle(r, (x) => x.reject(error))
        continue
      }
      const transceiver = pc.getTransceivers().find((t) => t.mid === result.mid)
      if (!transceiver) {
        const error = new CallsApiError(
          502,
          'invalid_response',
          `no transceiver for mid ${result.mid}`,
        )
        settle(r, (x) => x.reject(error))
        continue
      }
      this.#pulled.set(trackKey(r.locator), {
        locator: r.locator,
        preferredRid: r.preferredRid,
        transceiver,
      })
      settle(r, (x) => x.resolve(transceiver.receiver.track))
    }
  }

  async #closeBatch(requests: CloseRequest[]): Promise<void> {
    const { pc, sessionId } = this.#requirePc()
    const mids: string[] = []
    const done: Array<() => void> = []
    for (const r of requests) {
      const own = this.#ownSessionIds.has(r.locator.sessionId)
      const record = own
        ? this.#pushed.get(r.locator.trackName)
        : this.#pulled.get(trackKey(r.locator))
      if (!record?.transceiver.mid) continue
      mids.push(record.transceiver.mid)
      record.transceiver.direction = 'inactive'
      done.push(() =>
        own ? this.#pushed.delete(r.locator.trackName) : this.#pulled.delete(trackKey(r.locator)),
      )
    }
    if (mids.length > 0) {
      const offer = await pc.createOffer()
      await pc.setLocalDescription(offer)
      const res = await this.client.closeTracks(sessionId, {
        tracks: mids.map((mid) => ({ mid })),
        sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp ?? offer.sdp ?? '' },
        force: false,
      })
      if (res.sessionDescription?.type === 'answer') {
        await pc.setRemoteDescription(res.sessionDescription as RTCSessionDescriptionInit)
      }
      for (const d of done) d()
    }
    for (const r of requests) r.resolve()
  }

  async #recover(): Promise<void> {
    if (this.#recovering || this.#store.getState().status === 'closed') return
    this.#recovering = true
    this.#store.setState({ status: 'reconnecting' })
    try {
      const restarted = await this.#queue.enqueue(() => this.#iceRestart())
      if (!restarted) await this.#queue.enqueue(() => this.#reopen())
      if (this.#store.getState().status === 'reconnecting')
        this.#store.setState({ status: 'connected' })
    } catch (error) {
      if (this.#store.getState().status !== 'closed')
        this.#store.setState({ status: 'failed', error: error as Error })
    } finally {
      this.#recovering = false
    }
  }

  /** ICE restart through `renegotiate` with a client offer; `true` when the transport came back. */
  async #iceRestart(): Promise<boolean> {
    const { pc, sessionId } = this.#requirePc()
    try {
      const offer = await pc.createOffer({ iceRestart: true })
      await pc.setLocalDescription(offer)
      const res = await this.client.renegotiate(sessionId, {
        sessionDescription: { type: 'offer', sdp: pc.localDescription?.sdp ?? offer.sdp ?? '' },
      })
      if (res.sessionDescription?.type !== 'answer') throw new Error('no answer to the ICE restart')
      await pc.setRemoteDescription(res.sessionDescription as RTCSessionDescriptionInit)
      return await waitForConnected(pc, 5000)
    } catch {
      if (pc.signalingState === 'have-local-offer')
        await pc.setLocalDescription({ type: 'rollback' }).catch(() => {})
      return false
    }
  }

  /** Opens a new Calls session and re-pushes and re-pulls every track. */
  async #reopen(): Promise<void> {
    const previousId = this.sessionId ?? ''
    const pushed = [...this.#pushed.values()]
    const pulled = [...this.#pulled.values()]
    this.#pushed.clear()
    this.#pulled.clear()
    this.#pc?.close()
    this.#pc = undefined
    this.#connecting = undefined
    const sessionId = await this.connect()
    await this.#events.emitAsync('sessionchange', 5000, sessionId, previousId)
    const settle = <T>(onValue: (value: T) => void): Deferred<T> => ({
      resolve: onValue,
      reject: () => {},
    })
    const repush = pushed.map((p) => ({
      ...settle<TrackLocator>(() => {}),
      track: p.track,
      kind: p.kind,
      trackName: p.trackName,
      encodings: p.encodings,
    }))
    if (repush.length) await this.#pushBatch(repush)
    const repull = pulled.map((p) => ({
      ...settle<MediaStreamTrack>((track) => this.#events.emit('trackreplaced', p.locator, track)),
      locator: p.locator,
      preferredRid: p.preferredRid,
    }))
    if (repull.length) await this.#pullBatch(repull)
  }
}

function rejectAll(
  requests: ReadonlyArray<{ reject(error: unknown): void }>,
  error: unknown,
): void {
  for (const r of requests) r.reject(error)
}

function waitForConnected(pc: RTCPeerConnection, timeoutMs: number): Promise<boolean> {
  if (pc.connectionState === 'connected') return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pc.removeEventListener('connectionstatechange', check)
      resolve(false)
    }, timeoutMs)
    function check() {
      if (
        pc.connectionState === 'connected' ||
        pc.connectionState === 'failed' ||
        pc.connectionState === 'closed'
      ) {
        clearTimeout(timer)
        pc.removeEventListener('connectionstatechange', check)
        resolve(pc.connectionState === 'connected')
      }
    }
    pc.addEventListener('connectionstatechange', check)
  })
}
