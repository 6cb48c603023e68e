import { CallsSession, type CallsSessionOptions, type CallsSessionState } from './callsSession.js'
import { DevicePreferences } from './devicePreferences.js'
import { CallsApiError, InvalidStateError, isCallsApiError } from './errors.js'
import { RoomChat } from './roomChat.js'
import { RoomClient } from './roomClient.js'
import type {
  ParticipantMetadata,
  PublishedTrackInfo,
  RoomMessage,
  Roster,
  TrackSource,
} from './roomTypes.js'
import { simulcastLayers } from './simulcast.js'
import { type ReadonlyStore, StateStore } from './stateStore.js'
import { type TrackLocator, trackKey } from './trackLocator.js'

const noop = () => {}

/** Retries of a pull answered 404 (the track is listed but not pushed yet). */
const MAX_PULL_RETRIES = 5

/** A track this participant publishes, as {@link CallsRoom} tracks it. */
export interface LocalTrackState {
  /** The roster entry others see. */
  info: PublishedTrackInfo
  /** Where others pull it from; `undefined` until pushed. */
  locator: TrackLocator | undefined
  /** `idle` before joining, `publishing`, `published`, or `error`. */
  status: 'idle' | 'publishing' | 'published' | 'error'
  error: Error | undefined
}

/** A pulled track, as {@link CallsRoom} tracks it. */
export interface RemoteTrackState {
  track: MediaStreamTrack | undefined
  status: 'pulling' | 'ready' | 'error'
  error: Error | undefined
}

/** State of a {@link CallsRoom} (one object per change, fields replaced immutably). */
export interface CallsRoomState {
  room: string
  /** Display name of this participant. */
  name: string
  /** What this participant shows others in the roster besides its name and tracks (`{}` = none). */
  metadata: ParticipantMetadata
  /** Presence in the room: `idle` (not in), `joining`, `joined`, `leaving`. */
  joinState: 'idle' | 'joining' | 'joined' | 'leaving'
  /** The last join error, or 403 `removed` when a moderator removed this participant. */
  error: Error | undefined
  /** The session's state, mirrored (status, sessionId, connectionState). */
  session: CallsSessionState
  /** Tracks this participant publishes, by trackName. */
  local: Readonly<Record<string, LocalTrackState>>
  /** Pulled tracks, by `trackKey(locator)`. */
  remote: Readonly<Record<string, RemoteTrackState>>
  /**
   * The speaker the user chose for the call's audio (`deviceId` of an `audiooutput` device, W3C
   * Audio Output Devices API), remembered across reloads; `undefined` = the system default.
   */
  audioOutputId: string | undefined
  /** Playback volume chosen per participant (sessionId → 0–1; absent = 1), for this call only. */
  volumes: Readonly<Record<string, number>>
}

/** Options of {@link CallsRoom}. */
export interface CallsRoomOptions extends CallsSessionOptions {
  room: string
  name: string
  /** A room client (tests). Defaults to a {@link RoomClient} on `apiBase`. */
  rooms?: RoomClient
  /** Session factory (tests). Defaults to `new CallsSession(options)`. */
  createSession?: () => CallsSession
  /** How long (ms) an unused pulled track or unpublished track waits before closing (lets StrictMode remounts reuse it). Defaults to `50`. */
  releaseDelayMs?: number
  /** Where device choices (the speaker) persist. Defaults to `new DevicePreferences()` (localStorage). */
  preferences?: DevicePreferences
}

/** Options of {@link CallsRoom.publish}. */
export interface PublishOptions {
  source?: TrackSource
  muted?: boolean
  encodings?: readonly RTCRtpEncodingParameters[]
}

/**
 * One participant in one room: a {@link CallsSession} plus presence. Keeps the roster entry
 * (name, published tracks, mute) in sync with what is really pushed, shares and ref-counts pulled
 * tracks, follows session recovery (re-joins with the new sessionId, swaps recovered tracks in).
 * State is a store (`getState`/`subscribe`) for `useSyncExternalStore`.
 *
 * Errors: `join()` rejects with the `CallsApiError` of the failed request; per-track failures
 * land in `local[name].error` / `remote[key].error`.
 * @example
 * const room = new CallsRoom({ apiBase: '/api/calls', room: 'lobby', name: 'Ada' })
 * room.publish('camera', cameraTrack, { source: 'camera' })
 * await room.join()
 */
export class CallsRoom implements ReadonlyStore<CallsRoomState> {
  session: CallsSession
  readonly rooms: RoomClient
  /** The room's text chat (messages on topic `'chat'`), kept from construction on. */
  readonly chat: RoomChat
  readonly #options: CallsRoomOptions
  readonly #store: StateStore<CallsRoomState>
  readonly #preferences: DevicePreferences
  readonly #tracks = new Map<string, MediaStreamTrack | null>()
  readonly #refs = new Map<
    string,
    {
      count: number
      locator: TrackLocator
      preferredRid?: string
      timer?: ReturnType<typeof setTimeout>
    }
  >()
  readonly #unpublishTimers = new Map<string, ReturnType<typeof setTimeout>>()
  #unwireSession: () => void = () => {}
  #stopRoster: () => void = () => {}
  #unwatchPageHide: () => void = noop
  #rosterListeners = new Set<(roster: Roster) => void>()
  #messageListeners = new Set<(message: RoomMessage) => void>()
  /** Roster events received from the live stream (to order the join's answer against them). */
  #rosterEvents = 0

  constructor(options: CallsRoomOptions) {
    this.#options = options
    this.#preferences = options.preferences ?? new DevicePreferences()
    this.session = options.createSession?.() ?? new CallsSession(options)
    this.rooms =
      options.rooms ??
      new RoomClient({
        apiBase: options.apiBase,
        fetch: options.fetch,
        getSessionToken: (id) => this.session.getSessionToken(id),
      })
    this.#store = new StateStore<CallsRoomState>({
      room: options.room,
      name: options.name,
      metadata: {},
      joinState: 'idle',
      error: undefined,
      session: this.session.getState(),
      local: {},
      remote: {},
      audioOutputId: this.#preferences.get('audiooutput'),
      volumes: {},
    })
    this.#wireSession()
    this.chat = new RoomChat(this)
  }

  getState = (): CallsRoomState => this.#store.getState()
  getInitialState = (): CallsRoomState => this.#store.getInitialState()
  subscribe = (listener: (s: CallsRoomState, p: CallsRoomState) => void): (() => void) =>
    this.#store.subscribe(listener)

  #wireSession(): void {
    const session = this.session
    const offState = session.subscribe((s) => this.#store.setState({ session: s }))
    const offReplaced = session.on('trackreplaced', (locator, track) => {
      const key = trackKey(locator)
      if (this.getState().remote[key])
        this.#setRemote(key, { track, status: 'ready', error: undefined })
    })
    const offChange = session.on('sessionchange', (sessionId, previous) => {
      const local = Object.fromEntries(
        Object.entries(this.getState().local).map(([name, t]) => [
          name,
          { ...t, locator: t.locator && { sessionId, trackName: name } },
        ]),
      )
      this.#store.setState({ local })
      if (this.getState().joinState !== 'joined') return
      this.rooms.leave(this.getState().room, previous).catch(() => {})
      this.#followRoster()
      // Returned so the session re-pulls only after the new sessionId is in the room (pull authorization).
      return this.#syncRoster()
    })
    this.#unwireSession = () => {
      offState()
      offReplaced()
      offChange()
    }
    this.#store.setState({ session: session.getState() })
  }

  #setLocal(name: string, patch: Partial<LocalTrackState> | undefined): void {
    const local = { ...this.getState().local }
    if (patch === undefined) delete local[name]
    else local[name] = { ...(local[name] as LocalTrackState), ...patch }
    this.#store.setState({ local })
  }

  #setRemote(key: string, value: RemoteTrackState | undefined): void {
    const remote = { ...this.getState().remote }
    if (value === undefined) delete remote[key]
    else remote[key] = value
    this.#store.setState({ remote })
  }

  /** This participant's roster entry as the route takes it. */
  #participantUpdate() {
    const { name, metadata } = this.getState()
    return {
      name,
      tracks: this.#publishedInfos(),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    }
  }

  #publishedInfos(): PublishedTrackInfo[] {
    return Object.values(this.getState().local)
      .filter((t) => t.status === 'published')
      .map((t) => t.info)
  }

  async #syncRoster(): Promise<void> {
    const { room, joinState, session } = this.getState()
    if (joinState !== 'joined' || !session.sessionId) return
    await this.rooms.update(room, session.sessionId, this.#participantUpdate()).catch(() => {})
  }

  #followRoster(): void {
    this.#stopRoster()
    this.#stopRoster = this.rooms.subscribe(this.getState().room, {
      onRoster: (roster) => {
        this.#rosterEvents++
        for (const listener of this.#rosterListeners) listener(roster)
      },
      onMessage: (message) => {
        for (const listener of this.#messageListeners) listener(message)
      },
      onRemoved: ({ room, by }) =>
        void this.#exit(
          false,
          new CallsApiError(403, 'removed', `${by.name} removed you from room ${room}`),
        ),
    })
  }

  /** Calls `listener` with every roster the server pushes while joined. @returns the unsubscribe. */
  onRoster(listener: (roster: Roster) => void): () => void {
    this.#rosterListeners.add(listener)
    return () => this.#rosterListeners.delete(listener)
  }

  /**
   * Calls `listener` with every message others send to the room (or to this participant) while
   * joined — not with this participant's own ({@link sendMessage} returns those).
   * @returns the unsubscribe.
   */
  onMessage(listener: (message: RoomMessage) => void): () => void {
    this.#messageListeners.add(listener)
    return () => this.#messageListeners.delete(listener)
  }

  /**
   * Sends `data` (JSON, at most 16 KiB serialized) on `topic` to everyone in the room, or to the
   * sessionIds in `options.to`. Delivered through the app route's event stream, not the SFU, so it
   * works the same on Cloudflare and on the local SFU; a message sent while a receiver's stream is
   * reconnecting is not replayed to it.
   * @param topic - 1–64 characters of `A–Z a–z 0–9 . _ : -`, e.g. `'reaction'`.
   * @returns the delivered message (`id`, `from`, `sentAt` stamped by the server).
   * @throws InvalidStateError before {@link join} has finished; `CallsApiError` from the route
   *   (403 not in the room, 413 too large, 429 `rate_limited`: see `RoomClient.sendMessage`).
   */
  async sendMessage<T>(
    topic: string,
    data: T,
    options: { to?: string[] } = {},
  ): Promise<RoomMessage<T>> {
    const { joinState, room, session } = this.getState()
    if (joinState !== 'joined' || !session.sessionId)
      throw new InvalidStateError('join the room before sending messages')
    return this.rooms.sendMessage(room, session.sessionId, {
      topic,
      data,
      ...(options.to ? { to: options.to } : {}),
    })
  }

  /**
   * Chooses the speaker for the call's audio and remembers it across reloads. Audio elements apply
   * it with `HTMLMediaElement.setSinkId` (W3C Audio Output Devices API); `<RoomAudio>` does.
   * @param deviceId - an `audiooutput` device's `deviceId` (`enumerateDevices()`).
   */
  setAudioOutput(deviceId: string): void {
    this.#preferences.set('audiooutput', deviceId)
    this.#store.setState({ audioOutputId: deviceId })
  }

  /**
   * Replaces what this participant shows others in the roster (e.g. `{handRaised: true}`; `{}`
   * clears it): sent with the join, or at once when joined. At most 32 keys, 2 KiB as JSON — the
   * route refuses more (400 `invalid_request`).
   */
  setMetadata(metadata: ParticipantMetadata): void {
    this.#store.setState({ metadata })
    void this.#syncRoster()
  }

  /**
   * Sets how loud one participant plays here (0 silent – 1 as received; clamped), e.g. to turn
   * down someone with a loud mic. Only this page hears the difference; `<RoomAudio>` applies it.
   */
  setVolume(sessionId: string, volume: number): void {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(volume) ? volume : 1))
    this.#store.setState({ volumes: { ...this.getState().volumes, [sessionId]: clamped } })
  }

  /** Changes the display name (in the roster too when joined). */
  setName(name: string): void {
    if (name === this.getState().name) return
    this.#store.setState({ name })
    void this.#syncRoster()
  }

  /**
   * Joins the room: creates the session, pushes every track given to {@link publish} so far (one
   * batch), then enters the roster and follows it live. Idempotent while joining/joined.
   * @throws `CallsApiError` from the session or room route.
   */
  async join(): Promise<void> {
    if (this.getState().joinState === 'joining' || this.getState().joinState === 'joined') return
    this.#store.setState({ joinState: 'joining', error: undefined })
    try {
      const sessionId = await this.session.connect()
      await Promise.all(Object.keys(this.getState().local).map((name) => this.#push(name)))
      const { room } = this.getState()
      const joinedAs = this.#participantUpdate()
      this.#followRoster()
      // The roster the join answers with is what the UI starts from (no extra roster read), and
      // 'joined' — which lets pulls start — waits for it: pulls are authorized by room membership.
      // The live stream wins over it: an event that came while the PUT was in flight may be newer
      // (someone joining at the same time), and the stream is ordered, the PUT answer is not.
      const eventsBefore = this.#rosterEvents
      const roster = await this.rooms.join(room, sessionId, joinedAs)
      if (this.#rosterEvents === eventsBefore)
        for (const listener of this.#rosterListeners) listener(roster)
      this.#store.setState({ joinState: 'joined' })
      this.#watchPageHide()
      // A rename, mute, publish or metadata change while the join was in flight.
      if (JSON.stringify(this.#participantUpdate()) !== JSON.stringify(joinedAs))
        void this.#syncRoster()
      // A track that became ready while the join was in flight (publish() before 'joined' only
      // records it) is pushed now.
      for (const [name, entry] of Object.entries(this.getState().local))
        if (entry.status === 'idle' && this.#tracks.get(name))
          void this.#push(name).then(() => this.#syncRoster())
      // Remote tracks still wanted from before a leave() are pulled again (after the join: pulls are room-authorized).
      for (const [key, ref] of this.#refs)
        if (ref.count > 0) this.#pull(key, ref.locator, ref.preferredRid)
    } catch (error) {
      this.#stopRoster()
      this.#stopRoster = () => {}
      this.#store.setState({ joinState: 'idle', error: error as Error })
      throw error
    }
  }

  /**
   * Leaves: stops following the roster, leaves it, closes every pushed and pulled track with the
   * session, and prepares a fresh session for a later {@link join}. Caller-owned tracks keep running.
   */
  leave(): Promise<void> {
    return this.#exit(true)
  }

  /**
   * Removes another participant from the room (a moderator's action): the route takes them out of
   * the roster, closes every track of their session at the SFU (they stop receiving too) and
   * refuses their session back into the room; their page's room ends with `error` 403 `removed`.
   * @param sessionId - the participant to remove.
   * @throws InvalidStateError when not joined; `CallsApiError` 403 `forbidden` unless the app's
   *   `authorize` allows `{action: 'remove'}` (refused by default), 404 `not_found` when they are
   *   not in the room, 502 when the SFU could not close their tracks (nothing changed then).
   */
  async removeParticipant(sessionId: string): Promise<void> {
    const { joinState, room, session } = this.getState()
    if (joinState !== 'joined' || !session.sessionId)
      throw new InvalidStateError('join the room before removing participants')
    await this.rooms.remove(room, sessionId)
  }

  /** Out of the room: by {@link leave} (`tellRoom`), or removed by someone (`error`). */
  async #exit(tellRoom: boolean, error?: Error): Promise<void> {
    const { joinState, room, session } = this.getState()
    if (joinState === 'idle' || joinState === 'leaving') return
    this.#store.setState({ joinState: 'leaving' })
    this.#stopRoster()
    this.#stopRoster = () => {}
    this.#unwatchPageHide()
    // The leave and the track closes (in the session's destroy) start together, so both are on
    // their way (keepalive) even when this runs from a `pagehide`.
    const left =
      tellRoom && session.sessionId
        ? this.rooms.leave(room, session.sessionId).catch(() => {})
        : undefined
    this.rooms.dispose()
    this.#onSender.clear()
    this.#replaceSession()
    await left
    const local = Object.fromEntries(
      Object.entries(this.getState().local).map(([n, t]) => [
        n,
        { ...t, locator: undefined, status: 'idle' as const, error: undefined },
      ]),
    )
    const remote = Object.fromEntries(
      Object.entries(this.getState().remote).map(([k]) => [
        k,
        { track: undefined, status: 'pulling' as const, error: undefined },
      ]),
    )
    this.#store.setState({ joinState: 'idle', local, remote, ...(error ? { error } : {}) })
  }

  /**
   * A page that goes away (tab closed, reload, navigation) leaves at once: others see it gone now
   * rather than after the heartbeat timeout, and the SFU stops forwarding its tracks now rather
   * than when ICE consent expires (~30 s, RFC 7675). Pages with a peer connection do not enter
   * the back/forward cache in Chromium, so `pagehide` is the last event they get.
   */
  #watchPageHide(): void {
    const target = globalThis as { addEventListener?: typeof addEventListener }
    if (this.#unwatchPageHide !== noop || typeof target.addEventListener !== 'function') return
    const onPageHide = () => void this.leave()
    target.addEventListener('pagehide', onPageHide)
    this.#unwatchPageHide = () => {
      globalThis.removeEventListener('pagehide', onPageHide)
      this.#unwatchPageHide = noop
    }
  }

  #replaceSession(): void {
    this.#unwireSession()
    this.session.destroy()
    this.session = this.#options.createSession?.() ?? new CallsSession(this.#options)
    this.#wireSession()
  }

  async #push(name: string): Promise<void> {
    const track = this.#tracks.get(name)
    const entry = this.getState().local[name]
    if (!track || !entry || entry.status === 'publishing' || entry.status === 'published') return
    this.#setLocal(name, { status: 'publishing', error: undefined })
    try {
      const locator = await this.session.push(track, {
        trackName: name,
        encodings: this.#encodings.get(name),
      })
      if (!this.getState().local[name]) {
        await this.session.close(locator)
        return
      }
      this.#onSender.set(name, track)
      this.#setLocal(name, { locator, status: 'published' })
      // The track may have been replaced or muted while the push was in flight.
      this.#syncSender(name)
    } catch (error) {
      this.#setLocal(name, { status: 'error', error: error as Error })
    }
  }
  readonly #encodings = new Map<string, readonly RTCRtpEncodingParameters[] | undefined>()
  /** What each published track's sender carries now (`null` while muted). */
  readonly #onSender = new Map<string, MediaStreamTrack | null>()

  /**
   * Puts on the sender what should be sent: the track, or nothing while muted — a mute that stops
   * the media at the SFU and at every receiver without renegotiation (`RTCRtpSender.replaceTrack`,
   * W3C webrtc-pc §5.2); the device stays open (the camera light may stay on).
   */
  #syncSender(name: string): void {
    const entry = this.getState().local[name]
    if (entry?.status !== 'published' || !entry.locator) return
    const wanted = entry.info.muted ? null : (this.#tracks.get(name) ?? null)
    if (this.#onSender.get(name) === wanted) return
    this.#onSender.set(name, wanted)
    this.session
      .replaceTrack(entry.locator, wanted)
      .catch((error) => this.#setLocal(name, { status: 'error', error }))
  }

  /**
   * Publishes `track` as `name` (pushed now when joined, else at join). Calling again with another
   * track replaces it in place (`replaceTrack`, no renegotiation); with `null` it sends nothing.
   */
  publish(name: string, track: MediaStreamTrack | null, options: PublishOptions = {}): void {
    clearTimeout(this.#unpublishTimers.get(name))
    this.#unpublishTimers.delete(name)
    this.#tracks.set(name, track)
    this.#encodings.set(name, options.encodings)
    const existing = this.getState().local[name]
    const layers =
      track?.kind === 'video'
        ? simulcastLayers(options.encodings, track.getSettings?.().width)
        : existing?.info.layers
    const info: PublishedTrackInfo = {
      trackName: name,
      kind: (track?.kind ?? existing?.info.kind ?? 'video') as 'audio' | 'video',
      muted: options.muted ?? existing?.info.muted ?? false,
      ...(options.source
        ? { source: options.source }
        : existing?.info.source
          ? { source: existing.info.source }
          : {}),
      ...(layers ? { layers } : {}),
    }
    if (!existing) {
      this.#store.setState({
        local: {
          ...this.getState().local,
          [name]: { info, locator: undefined, status: 'idle', error: undefined },
        },
      })
    } else if (JSON.stringify(existing.info) !== JSON.stringify(info)) {
      this.#setLocal(name, { info })
      void this.#syncRoster()
    }
    const joined = this.getState().joinState === 'joined'
    if (!joined) return
    const current = this.getState().local[name]
    if (current?.status === 'published') {
      this.#syncSender(name)
    } else if (current?.status === 'idle' || current?.status === 'error') {
      void this.#push(name).then(() => this.#syncRoster())
    }
  }

  /**
   * Mutes or unmutes `name`: while muted the sender sends nothing (no renegotiation) and the
   * roster shows `muted: true`.
   */
  setMuted(name: string, muted: boolean): void {
    const entry = this.getState().local[name]
    if (!entry || entry.info.muted === muted) return
    this.#setLocal(name, { info: { ...entry.info, muted } })
    this.#syncSender(name)
    void this.#syncRoster()
  }

  /** Stops publishing `name` (after `releaseDelayMs`, so a quick re-publish keeps the transceiver). */
  unpublish(name: string): void {
    clearTimeout(this.#unpublishTimers.get(name))
    this.#unpublishTimers.set(
      name,
      setTimeout(() => {
        this.#unpublishTimers.delete(name)
        const entry = this.getState().local[name]
        this.#tracks.delete(name)
        this.#setLocal(name, undefined)
        if (entry?.locator) this.session.close(entry.locator).catch(() => {})
        void this.#syncRoster()
      }, this.#options.releaseDelayMs ?? 50),
    )
  }

  /** Starts (or shares) a pull of `locator`; pair with {@link releaseRemoteTrack}. */
  acquireRemoteTrack(locator: TrackLocator, preferredRid?: string): void {
    // One's own (possibly pre-recovery) session is not a remote: pulling it would alias our pushes.
    if (this.session.isOwnSessionId(locator.sessionId)) return
    const key = trackKey(locator)
    const ref = this.#refs.get(key)
    if (ref) {
      ref.count++
      clearTimeout(ref.timer)
      return
    }
    this.#refs.set(key, { count: 1, locator, preferredRid })
    this.#pull(key, locator, preferredRid)
  }

  /**
   * Asks for another simulcast layer of a pulled track (`tracks/update`, no renegotiation), e.g.
   * as its tile is resized; a pull still in flight gets it once it lands. A no-op for a track not
   * acquired ({@link acquireRemoteTrack}) or already at `rid`.
   * @param rid - an RFC 8851 rid the publisher sends (see `PublishedTrackInfo.layers`).
   */
  setPreferredRid(locator: TrackLocator, rid: string): void {
    const key = trackKey(locator)
    const ref = this.#refs.get(key)
    if (!ref || ref.preferredRid === rid) return
    ref.preferredRid = rid
    if (this.getState().remote[key]?.status === 'ready') {
      this.session.setPreferredRid(locator, rid).catch(() => {})
    }
  }

  #pull(key: string, locator: TrackLocator, preferredRid: string | undefined, attempt = 0): void {
    this.#setRemote(key, { track: undefined, status: 'pulling', error: undefined })
    const session = this.session
    session
      .pull(locator, { preferredRid })
      .then((track) => {
        const ref = this.#refs.get(key)
        if (!ref || session !== this.session) return
        this.#setRemote(key, { track, status: 'ready', error: undefined })
        // A layer chosen while the pull was in flight.
        if (ref.preferredRid && ref.preferredRid !== preferredRid)
          session.setPreferredRid(locator, ref.preferredRid).catch(() => {})
      })
      .catch((error) => {
        if (!this.#refs.has(key) || session !== this.session) return
        // The roster can list a track a moment before its publisher has pushed it (e.g. while the
        // publisher recovers into a new session): 404 is retried with backoff, 0.3 s to ~5 s.
        if (isCallsApiError(error) && error.status === 404 && attempt < MAX_PULL_RETRIES) {
          const timer = setTimeout(
            () => {
              if (this.#refs.has(key) && session === this.session)
                this.#pull(key, locator, preferredRid, attempt + 1)
            },
            300 * 2 ** attempt,
          )
          ;(timer as { unref?: () => void }).unref?.()
          return
        }
        this.#setRemote(key, { track: undefined, status: 'error', error })
      })
  }

  /** Releases one {@link acquireRemoteTrack}; the last release closes the pull (after `releaseDelayMs`). */
  releaseRemoteTrack(locator: TrackLocator): void {
    const key = trackKey(locator)
    const ref = this.#refs.get(key)
    if (!ref) return
    ref.count--
    if (ref.count > 0) return
    ref.timer = setTimeout(() => {
      this.#refs.delete(key)
      this.#setRemote(key, undefined)
      this.session.close(locator).catch(() => {})
    }, this.#options.releaseDelayMs ?? 50)
  }

  /** Leaves (best effort) and destroys the session. Idempotent. */
  destroy(): void {
    const { joinState, room, session } = this.getState()
    this.#stopRoster()
    this.#unwatchPageHide()
    if (joinState !== 'idle' && session.sessionId)
      this.rooms.leave(room, session.sessionId).catch(() => {})
    this.rooms.dispose()
    for (const t of this.#unpublishTimers.values()) clearTimeout(t)
    for (const r of this.#refs.values()) clearTimeout(r.timer)
    this.#unwireSession()
    this.session.destroy()
    this.#store.setState({ joinState: 'idle', session: this.session.getState() })
  }
}
