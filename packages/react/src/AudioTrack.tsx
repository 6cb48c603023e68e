'use client'
import type { TrackLocator } from '@calls-kit/core'
import { type AudioHTMLAttributes, type ReactNode, useEffect, useRef } from 'react'
import { useRemoteTrack } from './useRemoteTrack.js'

/** Props of {@link AudioTrack}: the `<audio>` element's props plus what to play. */
export interface AudioTrackProps extends AudioHTMLAttributes<HTMLAudioElement> {
  /** A track to play directly… */
  track?: MediaStreamTrack
  /** …or a remote track to pull and play. */
  locator?: TrackLocator
  /**
   * Called with `true` when the browser blocked `play()` (autoplay policy), and with `false` once
   * the element plays — whether its own `play()` succeeded or something else (a click on an unlock
   * button) started it later.
   */
  onBlockedChange?: (blocked: boolean) => void
  /**
   * The speaker to play on (`deviceId` of an `audiooutput`, applied with `setSinkId`, W3C Audio
   * Output Devices API). `undefined` leaves the element's current output; ignored where the
   * browser cannot choose outputs.
   */
  sinkId?: string
  /** Playback volume, 0 (silent) to 1 (as received; the default), set on the element (`HTMLMediaElement.volume`). */
  volume?: number
}

/**
 * Plays one audio track in a hidden `<audio>` element. Reports an autoplay block (a `play()`
 * rejected with `NotAllowedError`, HTML §4.8.11.8) through `onBlockedChange`.
 * @example
 * <AudioTrack locator={{ sessionId, trackName: 'microphone' }} />
 */
export function AudioTrack({
  track,
  locator,
  onBlockedChange,
  sinkId,
  volume = 1,
  ...audioProps
}: AudioTrackProps): ReactNode {
  const remote = useRemoteTrack(track ? undefined : locator)
  const playing = track ?? remote.track
  const ref = useRef<HTMLAudioElement>(null)
  useEffect(() => {
    const audio = ref.current
    if (!audio || !playing) return
    audio.srcObject = new MediaStream([playing])
    const onPlaying = () => onBlockedChange?.(false)
    audio.addEventListener('playing', onPlaying)
    audio.play().then(onPlaying, (e: Error) => {
      if (e.name === 'NotAllowedError') onBlockedChange?.(true)
    })
    return () => audio.removeEventListener('playing', onPlaying)
  }, [playing, onBlockedChange])
  useEffect(() => {
    const audio = ref.current
    if (!audio || sinkId === undefined || !('setSinkId' in audio) || audio.sinkId === sinkId) return
    // A speaker that vanished between listing and here rejects (NotFoundError): the element keeps
    // its current output, and the next device list brings a new choice.
    audio.setSinkId(sinkId).catch(() => {})
  }, [sinkId])
  useEffect(() => {
    if (ref.current) ref.current.volume = Math.min(1, Math.max(0, volume))
  }, [volume])
  return <audio ref={ref} autoPlay data-calls-kit-audio="" {...audioProps} />
}
