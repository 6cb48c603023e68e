'use client'
import { useCallback, useEffect, useState } from 'react'
import { useCallsRoom } from './callsContext.js'

/** Options of {@link useScreenShare}. */
export interface UseScreenShareOptions {
  /** Ask for the shared tab's/system's audio too (Chromium offers it for tabs). Defaults to `true`. */
  audio?: boolean
}

/** Result of {@link useScreenShare}. */
export interface UseScreenShareResult {
  /** The captured screen, while sharing. */
  videoTrack: MediaStreamTrack | null
  /** The captured audio, when the browser gave one. */
  audioTrack: MediaStreamTrack | null
  active: boolean
  /** Opens the browser's picker (`getDisplayMedia`, W3C Screen Capture §5) and publishes the result as `screen`/`screen-audio`. */
  start: () => Promise<void>
  /** Stops capturing and unpublishes. */
  stop: () => void
  /** Why capture failed (`NotAllowedError` when the user cancels). */
  error: Error | undefined
}

/**
 * Screen share as a second published video track (`trackName: 'screen'`, `source: 'screen'`), shown
 * as its own tile by `<ParticipantGrid>`, plus its audio where offered. Ending the share from the
 * browser's own UI ("Stop sharing") unpublishes it.
 * @example
 * const screen = useScreenShare()
 * <button onClick={screen.active ? screen.stop : screen.start}>Share screen</button>
 */
export function useScreenShare(options: UseScreenShareOptions = {}): UseScreenShareResult {
  const room = useCallsRoom()
  const [tracks, setTracks] = useState<{
    video: MediaStreamTrack | null
    audio: MediaStreamTrack | null
  }>({ video: null, audio: null })
  const [error, setError] = useState<Error>()
  const wantAudio = options.audio ?? true

  const stop = useCallback(() => {
    setTracks((current) => {
      current.video?.stop()
      current.audio?.stop()
      return { video: null, audio: null }
    })
  }, [])

  const start = useCallback(async () => {
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: wantAudio })
      const video = stream.getVideoTracks()[0] ?? null
      video?.addEventListener('ended', stop)
      setTracks({ video, audio: stream.getAudioTracks()[0] ?? null })
      setError(undefined)
    } catch (e) {
      setError(e as Error)
    }
  }, [wantAudio, stop])

  useEffect(() => {
    if (!tracks.video) return
    room.publish('screen', tracks.video, { source: 'screen' })
    return () => room.unpublish('screen')
  }, [room, tracks.video])
  useEffect(() => {
    if (!tracks.audio) return
    room.publish('screen-audio', tracks.audio, { source: 'screen-audio' })
    return () => room.unpublish('screen-audio')
  }, [room, tracks.audio])
  useEffect(() => stop, [stop])

  return {
    videoTrack: tracks.video,
    audioTrack: tracks.audio,
    active: tracks.video !== null,
    start,
    stop,
    error,
  }
}
