'use client'
import { chooseDevice, DevicePreferences } from '@calls-kit/core'
import { useCallback, useEffect, useState } from 'react'

/** Options of {@link useLocalMedia}. */
export interface UseLocalMediaOptions {
  /** Camera: `true`, constraints, or `false`. Defaults to `true`. */
  video?: boolean | MediaTrackConstraints
  /** Microphone: `true`, constraints, or `false`. Defaults to `true`. */
  audio?: boolean | MediaTrackConstraints
  /** Where device choices persist. Defaults to `localStorage` (key `calls-kit:devices`). */
  preferences?: DevicePreferences
}

/** Result of {@link useLocalMedia}. */
export interface UseLocalMediaResult {
  /** The camera track; `null` while released (or before it opens). */
  videoTrack: MediaStreamTrack | null
  /** The microphone track; `null` while released. */
  audioTrack: MediaStreamTrack | null
  /** `false` while the camera is muted (black frames sent, or the device released). */
  cameraEnabled: boolean
  /** `false` while the mic is muted (silence sent, or the device released). */
  micEnabled: boolean
  /**
   * Mute/unmute the camera. Level 1 (default): `track.enabled = false` — the preview goes black,
   * the device stays open (the light may stay on); pass `muted: !cameraEnabled` to
   * `usePublishTrack` and the published sender carries nothing (`replaceTrack(null)`, no
   * renegotiation) while others see `muted: true` in the roster. Level 2 (`{release: true}`): the
   * track is stopped (light off) and `videoTrack` becomes `null`; unmuting opens it again.
   */
  setCameraEnabled: (enabled: boolean, options?: { release?: boolean }) => void
  /** Same as `setCameraEnabled`, for the microphone (silence instead of black). */
  setMicEnabled: (enabled: boolean, options?: { release?: boolean }) => void
  /** deviceId of the camera in use. */
  videoDeviceId: string | undefined
  /** deviceId of the microphone in use. */
  audioDeviceId: string | undefined
  /** Switch camera (persisted as the preferred one); `usePublishTrack` swaps it in with `replaceTrack`. */
  setVideoDevice: (deviceId: string) => void
  /** Switch microphone (persisted). */
  setAudioDevice: (deviceId: string) => void
  /** Why `getUserMedia` failed (`NotAllowedError`, `NotFoundError`, …). */
  error: Error | undefined
}

interface Source {
  track: MediaStreamTrack | null
  /** The device asked for (user choice, preference or hot-plug fallback); opening follows it. */
  requestedId: string | undefined
  /** The device the open track really uses. */
  activeId: string | undefined
  enabled: boolean
  released: boolean
}

const initial: Source = {
  track: null,
  requestedId: undefined,
  activeId: undefined,
  enabled: true,
  released: false,
}

function useSource(
  kind: 'video' | 'audio',
  constraints: boolean | MediaTrackConstraints,
  preferences: DevicePreferences,
) {
  const deviceKind: MediaDeviceKind = kind === 'video' ? 'videoinput' : 'audioinput'
  const [source, setSource] = useState<Source>(() => ({
    ...initial,
    requestedId: preferences.get(deviceKind),
  }))
  const [error, setError] = useState<Error>()
  const key = JSON.stringify(constraints)
  const wanted = constraints !== false && !source.released

  // Open the device (again) when the device, the constraints or the release state change.
  useEffect(() => {
    if (!wanted || typeof navigator === 'undefined' || !navigator.mediaDevices) return
    let cancelled = false
    let opened: MediaStreamTrack | undefined
    const base = JSON.parse(key) as boolean | MediaTrackConstraints
    const general = typeof base === 'object' ? base : {}
    const open = (deviceId: string | undefined) =>
      navigator.mediaDevices.getUserMedia({
        [kind]: deviceId ? { ...general, deviceId: { exact: deviceId } } : general,
      })
    // `exact`: Chromium may keep the device in use for `ideal`. A remembered device that is gone
    // (OverconstrainedError/NotFoundError) falls back to the default one.
    open(source.requestedId)
      .catch((e: Error) => {
        if (source.requestedId && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError'))
          return open(undefined)
        throw e
      })
      .then((stream) => {
        opened = (kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks())[0]
        if (cancelled || !opened) return opened?.stop()
        const deviceId = opened.getSettings().deviceId
        setSource((s) => ({ ...s, track: opened ?? null, activeId: deviceId ?? s.requestedId }))
        setError(undefined)
      })
      .catch((e: Error) => !cancelled && setError(e))
    return () => {
      cancelled = true
      opened?.stop()
    }
  }, [kind, key, source.requestedId, wanted])

  useEffect(() => {
    if (!wanted) setSource((s) => (s.track ? { ...s, track: null } : s))
  }, [wanted])

  useEffect(() => {
    if (source.track) source.track.enabled = source.enabled
  }, [source.track, source.enabled])

  // Hot-plug: when the device in use vanishes, fall back; when the preferred one returns, go back.
  useEffect(() => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
    if (!media) return
    const check = () =>
      media
        .enumerateDevices()
        .then((all) => {
          const available = all.filter((d) => d.kind === deviceKind)
          setSource((s) => {
            const next = chooseDevice(available, preferences.get(deviceKind), s.activeId)
            return next && next !== s.activeId && next !== s.requestedId
              ? { ...s, requestedId: next }
              : s
          })
        })
        .catch(() => {})
    media.addEventListener('devicechange', check)
    source.track?.addEventListener('ended', check)
    return () => {
      media.removeEventListener('devicechange', check)
      source.track?.removeEventListener('ended', check)
    }
  }, [deviceKind, preferences, source.track])

  const setEnabled = useCallback((enabled: boolean, options?: { release?: boolean }) => {
    setSource((s) => ({ ...s, enabled, released: !enabled && Boolean(options?.release) }))
  }, [])
  const setDevice = useCallback(
    (deviceId: string) => {
      preferences.set(deviceKind, deviceId)
      setSource((s) => ({ ...s, requestedId: deviceId }))
    },
    [preferences, deviceKind],
  )
  return { source, error, setEnabled, setDevice }
}

/**
 * Opens the camera and microphone (`getUserMedia`, W3C Media Capture §10) for a pre-join preview
 * and for `usePublishTrack`, with two levels of mute, device switching (persisted across
 * reloads) and hot-plug fallback. Tracks stop on unmount.
 * @example
 * const media = useLocalMedia()
 * usePublishTrack(media.videoTrack, { source: 'camera', muted: !media.cameraEnabled })
 */
export function useLocalMedia(options: UseLocalMediaOptions = {}): UseLocalMediaResult {
  const [preferences] = useState(() => options.preferences ?? new DevicePreferences())
  const video = useSource('video', options.video ?? true, preferences)
  const audio = useSource('audio', options.audio ?? true, preferences)
  return {
    videoTrack: video.source.track,
    audioTrack: audio.source.track,
    cameraEnabled: video.source.enabled,
    micEnabled: audio.source.enabled,
    setCameraEnabled: video.setEnabled,
    setMicEnabled: audio.setEnabled,
    videoDeviceId: video.source.activeId ?? video.source.requestedId,
    audioDeviceId: audio.source.activeId ?? audio.source.requestedId,
    setVideoDevice: video.setDevice,
    setAudioDevice: audio.setDevice,
    error: video.error ?? audio.error,
  }
}
