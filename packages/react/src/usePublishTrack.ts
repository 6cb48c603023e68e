'use client'
import {
  type LocalTrackState,
  SIMULCAST_ENCODINGS,
  type TrackLocator,
  type TrackSource,
} from '@calls-kit/core'
import { useEffect } from 'react'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'

/** Options of {@link usePublishTrack}. */
export interface UsePublishTrackOptions {
  /** Name others pull the track by. Defaults to `source`, else `'camera'` for video and `'microphone'` for audio. */
  trackName?: string
  /** What the track is, shown in the roster. Defaults to none. */
  source?: TrackSource
  /** The roster's mute flag (disable the track yourself, e.g. with `useLocalMedia`). Defaults to `false`. */
  muted?: boolean
  /** Simulcast encodings (`sendEncodings`). Defaults to one layer, or `SIMULCAST_ENCODINGS` with `simulcast`. */
  encodings?: readonly RTCRtpEncodingParameters[]
  /**
   * Send simulcast layers `h`/`m`/`l` (full, ½, ¼ size; `SIMULCAST_ENCODINGS`) so that each
   * subscriber receives the layer its tile needs (`<ParticipantTile>` chooses by its size).
   * Defaults to `false`. Ignored when `encodings` is given.
   */
  simulcast?: boolean
}

/** Result of {@link usePublishTrack}. */
export interface UsePublishTrackResult {
  /** Where others pull the track from, once published. */
  locator: TrackLocator | undefined
  /** `idle` (not joined yet), `publishing`, `published`, or `error`. */
  status: LocalTrackState['status']
  /** Why publishing failed (`CallsApiError`). */
  error: Error | undefined
}

/**
 * Publishes `track` in the room (pushed when joined, listed in the roster with its mute flag).
 * A new `track` replaces the old one in place (`RTCRtpSender.replaceTrack`, no renegotiation);
 * `null` sends nothing but keeps the slot; unmount unpublishes it.
 * @example
 * const { videoTrack } = useLocalMedia({ video: true })
 * const { status } = usePublishTrack(videoTrack, { source: 'camera' })
 */
export function usePublishTrack(
  track: MediaStreamTrack | null | undefined,
  options: UsePublishTrackOptions = {},
): UsePublishTrackResult {
  const room = useCallsRoom()
  const name =
    options.trackName ?? options.source ?? (track?.kind === 'audio' ? 'microphone' : 'camera')
  const { source, muted } = options
  const encodings = options.encodings ?? (options.simulcast ? SIMULCAST_ENCODINGS : undefined)

  useEffect(() => {
    room.publish(name, track ?? null, { source, muted: muted ?? false, encodings })
  }, [room, name, track, source, muted, encodings])

  useEffect(() => () => room.unpublish(name), [room, name])

  return useCallsStore((s) => {
    const entry = s.local[name]
    return { locator: entry?.locator, status: entry?.status ?? 'idle', error: entry?.error }
  })
}
