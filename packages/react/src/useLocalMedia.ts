'use client'
import { useCallback, useEffect, useState } from 'react'

/** Options of {@link useLocalMedia}. */
export interface UseLocalMediaOptions {
  /** Camera: `true`, constraints, or `false`. Defaults to `true`. */
  video?: boolean | MediaTrackConstraints
  /** Microphone: `true`, constraints, or `false`. Defaults to `true`. */
  audio?: boolean | MediaTrackConstraints
}

/** Result of {@link useLocalMedia}. */
export interface UseLocalMediaResult {
  videoTrack: MediaStreamTrack | null
  audioTrack: MediaStreamTrack | null
  /** `false` while the camera is muted (the track sends black frames, no renegotiation). */
  cameraEnabled: boolean
  /** `false` while the mic is muted (the track sends silence). */
  micEnabled: boolean
  setCameraEnabled: (enabled: boolean) => void
  setMicEnabled: (enabled: boolean) => void
  /** Why `getUserMedia` failed (`NotAllowedError`, `NotFoundError`, …). */
  error: Error | undefined
}

/**
 * Opens the camera and microphone (`getUserMedia`, W3C Media Capture §10) for a preview before
 * joining and for `usePublishTrack`. Muting sets `track.enabled = false`: the sender keeps going
 * with black frames/silence, so unmuting needs no renegotiation. Tracks stop on unmount.
 * @example
 * const { videoTrack, audioTrack, cameraEnabled, setCameraEnabled } = useLocalMedia()
 */
export function useLocalMedia(options: UseLocalMediaOptions = {}): UseLocalMediaResult {
  const video = options.video ?? true
  const audio = options.audio ?? true
  const [tracks, setTracks] = useState<{
    video: MediaStreamTrack | null
    audio: MediaStreamTrack | null
  }>({ video: null, audio: null })
  const [cameraEnabled, setCamera] = useState(true)
  const [micEnabled, setMic] = useState(true)
  const [error, setError] = useState<Error>()
  const videoKey = JSON.stringify(video)
  const audioKey = JSON.stringify(audio)

  useEffect(() => {
    let cancelled = false
    let stream: MediaStream | undefined
    const constraints = {
      video: JSON.parse(videoKey),
      audio: JSON.parse(audioKey),
    } as MediaStreamConstraints
    if (!constraints.video && !constraints.audio) return
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then((s) => {
        stream = s
        if (cancelled) return s.getTracks().forEach((t) => t.stop())
        setTracks({ video: s.getVideoTracks()[0] ?? null, audio: s.getAudioTracks()[0] ?? null })
        setError(undefined)
      })
      .catch((e: Error) => !cancelled && setError(e))
    return () => {
      cancelled = true
      for (const t of stream?.getTracks() ?? []) t.stop()
    }
  }, [videoKey, audioKey])

  useEffect(() => {
    if (tracks.video) tracks.video.enabled = cameraEnabled
  }, [tracks.video, cameraEnabled])
  useEffect(() => {
    if (tracks.audio) tracks.audio.enabled = micEnabled
  }, [tracks.audio, micEnabled])

  return {
    videoTrack: tracks.video,
    audioTrack: tracks.audio,
    cameraEnabled,
    micEnabled,
    setCameraEnabled: useCallback((on: boolean) => setCamera(on), []),
    setMicEnabled: useCallback((on: boolean) => setMic(on), []),
    error,
  }
}
