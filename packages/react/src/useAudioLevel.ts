'use client'
import { type AudioLevelMeter, createAudioLevelMeter } from '@calls-kit/core'
import { useEffect, useState } from 'react'

function useMeter(
  track: MediaStreamTrack | null | undefined,
  intervalMs: number,
  onLevel: (level: number) => void,
): void {
  useEffect(() => {
    if (track?.kind !== 'audio' || typeof AudioContext === 'undefined') return
    let meter: AudioLevelMeter
    try {
      meter = createAudioLevelMeter(track)
    } catch {
      return
    }
    const timer = setInterval(() => onLevel(meter.read()), intervalMs)
    return () => {
      clearInterval(timer)
      meter.close()
    }
  }, [track, intervalMs, onLevel])
}

/**
 * The level of an audio track, 0–1 (RMS), sampled every `intervalMs` (default 100 ms). Re-renders
 * the caller at that rate: use it for a level meter, and {@link useIsSpeaking} for highlights.
 * @example
 * const level = useAudioLevel(audioTrack)
 */
export function useAudioLevel(
  track: MediaStreamTrack | null | undefined,
  intervalMs = 100,
): number {
  const [level, setLevel] = useState(0)
  useMeter(track, intervalMs, setLevel)
  return level
}

/** Options of {@link useIsSpeaking}. */
export interface UseIsSpeakingOptions {
  /** Level (RMS, 0–1) above which the track counts as speech. Defaults to `0.02`. */
  threshold?: number
  /** How long (ms) speaking stays on after the level drops (avoids flicker between words). Defaults to `600`. */
  holdMs?: number
  /** Sampling period (ms). Defaults to `100`. */
  intervalMs?: number
}

/**
 * Whether an audio track carries speech now. Samples like {@link useAudioLevel} but re-renders
 * only when the answer flips, so a grid of tiles does not re-render per audio frame.
 * @example
 * const speaking = useIsSpeaking(micTrack)
 */
export function useIsSpeaking(
  track: MediaStreamTrack | null | undefined,
  options: UseIsSpeakingOptions = {},
): boolean {
  const { threshold = 0.02, holdMs = 600, intervalMs = 100 } = options
  const [speaking, setSpeaking] = useState(false)
  // Latest options and the last loud sample, read by the stable sampler below.
  const [state] = useState(() => ({ lastLoudAt: 0, threshold, holdMs }))
  const [onLevel] = useState(() => (level: number) => {
    const now = Date.now()
    if (level > state.threshold) state.lastLoudAt = now
    setSpeaking(now - state.lastLoudAt < state.holdMs)
  })
  Object.assign(state, { threshold, holdMs })
  useMeter(track, intervalMs, onLevel)
  useEffect(() => {
    if (!track) setSpeaking(false)
  }, [track])
  return speaking
}
