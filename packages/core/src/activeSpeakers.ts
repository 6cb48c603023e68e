import { type AudioLevelMeter, createAudioLevelMeter } from './audioLevelMeter.js'
import { type ReadonlyStore, StateStore } from './stateStore.js'

/** Options of {@link ActiveSpeakers}. */
export interface ActiveSpeakersOptions {
  /** Level (RMS, 0–1) above which a track counts as speech. Defaults to `0.02`. */
  threshold?: number
  /** How long (ms) someone stays a speaker after their level drops. Defaults to `600`. */
  holdMs?: number
  /** Sampling period (ms). Defaults to `100`. */
  intervalMs?: number
  /** Meter factory (tests). Defaults to {@link createAudioLevelMeter} on one shared `AudioContext`. */
  createMeter?: (track: MediaStreamTrack) => AudioLevelMeter
  /** Clock (ms), for tests. Defaults to `Date.now`. */
  now?: () => number
}

/** State of {@link ActiveSpeakers}. */
export interface ActiveSpeakersState {
  /** Who speaks now (by the key given to `setTrack`), the one who started most recently first. */
  speakers: readonly string[]
}

/**
 * Who is speaking in a room, from the audio itself: one Web Audio meter per participant's mic
 * (keys are sessionIds), sampled every `intervalMs`; a participant is a speaker while their level
 * was above `threshold` within `holdMs`. A store that changes only when the list changes, so a
 * grid can follow it without re-rendering per audio frame. Meters run only between `start()` and
 * `stop()`. Where Web Audio is missing nobody is ever a speaker.
 * @example
 * const speakers = new ActiveSpeakers()
 * speakers.setTrack(sessionId, micTrack)
 * speakers.start()
 * speakers.subscribe(({ speakers }) => console.log(speakers[0], 'is talking'))
 */
export class ActiveSpeakers implements ReadonlyStore<ActiveSpeakersState> {
  readonly #store = new StateStore<ActiveSpeakersState>({ speakers: [] })
  readonly #threshold: number
  readonly #holdMs: number
  readonly #intervalMs: number
  readonly #now: () => number
  readonly #createMeter: (track: MediaStreamTrack) => AudioLevelMeter
  readonly #tracks = new Map<string, MediaStreamTrack>()
  readonly #meters = new Map<string, { track: MediaStreamTrack; meter: AudioLevelMeter }>()
  /** Per key: when it was last loud, and when its current speaking streak began. */
  readonly #loud = new Map<string, { lastAt: number; since: number }>()
  #timer: ReturnType<typeof setInterval> | undefined
  #context: AudioContext | undefined

  constructor(options: ActiveSpeakersOptions = {}) {
    this.#threshold = options.threshold ?? 0.02
    this.#holdMs = options.holdMs ?? 600
    this.#intervalMs = options.intervalMs ?? 100
    this.#now = options.now ?? Date.now
    this.#createMeter =
      options.createMeter ??
      ((track) => {
        this.#context ??= new AudioContext()
        return createAudioLevelMeter(track, { context: this.#context })
      })
  }

  getState = (): ActiveSpeakersState => this.#store.getState()
  getInitialState = (): ActiveSpeakersState => this.#store.getInitialState()
  subscribe = (listener: (s: ActiveSpeakersState, p: ActiveSpeakersState) => void): (() => void) =>
    this.#store.subscribe(listener)

  /** Sets (or with `undefined`, removes) the mic of `key`; a muted participant is best removed. */
  setTrack(key: string, track: MediaStreamTrack | undefined): void {
    if (track) this.#tracks.set(key, track)
    else {
      this.#tracks.delete(key)
      this.#loud.delete(key)
    }
    if (this.#timer) this.#syncMeters()
  }

  /** Starts sampling every `intervalMs`. Idempotent. */
  start(): void {
    if (this.#timer) return
    this.#syncMeters()
    this.#timer = setInterval(() => this.sample(), this.#intervalMs)
  }

  /** Stops sampling, closes the meters and the audio context, and clears the speakers. */
  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
    for (const { meter } of this.#meters.values()) meter.close()
    this.#meters.clear()
    this.#loud.clear()
    void this.#context?.close().catch(() => {})
    this.#context = undefined
    this.#store.setState({ speakers: [] })
  }

  #syncMeters(): void {
    for (const [key, entry] of this.#meters)
      if (this.#tracks.get(key) !== entry.track) {
        entry.meter.close()
        this.#meters.delete(key)
      }
    for (const [key, track] of this.#tracks) {
      if (this.#meters.has(key)) continue
      try {
        this.#meters.set(key, { track, meter: this.#createMeter(track) })
      } catch {
        // No Web Audio here, or not an audio track: this key never speaks.
      }
    }
  }

  /** Reads every meter once and updates the speakers (what the timer does; public for tests). */
  sample(): void {
    const now = this.#now()
    for (const [key, { meter }] of this.#meters) {
      if (meter.read() <= this.#threshold) continue
      const loud = this.#loud.get(key)
      const streaking = loud && now - loud.lastAt <= this.#holdMs
      this.#loud.set(key, { lastAt: now, since: streaking ? loud.since : now })
    }
    const speakers = [...this.#loud]
      .filter(([, l]) => now - l.lastAt <= this.#holdMs)
      .sort(([, a], [, b]) => b.since - a.since)
      .map(([key]) => key)
    const previous = this.getState().speakers
    if (speakers.length !== previous.length || speakers.some((k, i) => k !== previous[i]))
      this.#store.setState({ speakers })
  }
}
