'use client'
import { memo, type ReactNode, useRef } from 'react'
import { useAdaptiveLayer } from './useAdaptiveLayer.js'
import { useIsSpeaking } from './useAudioLevel.js'
import { useConnectionQuality } from './useConnectionQuality.js'
import { useParticipant } from './useParticipants.js'
import { useRemoteTrack } from './useRemoteTrack.js'
import { VideoTile, type VideoTileProps } from './VideoTile.js'

/** Props of {@link ParticipantTile}. */
export interface ParticipantTileProps
  extends Omit<VideoTileProps, 'track' | 'name' | 'muted' | 'sessionId'> {
  /** The participant's session id. */
  sessionId: string
  /** Which of their video tracks to show. Defaults to the camera (else their first video track). */
  source?: 'camera' | 'screen'
}

/**
 * A remote participant's tile: pulls their camera (or screen) and shows it with their name and
 * mute state, highlighted while they speak, with a quality badge (`data-quality`) of their stream,
 * receiving the simulcast layer that fits its size (`useAdaptiveLayer`). Memoized and subscribed to
 * that participant only, so other participants joining or muting do not re-render it.
 * @example
 * <ParticipantTile sessionId={id} />
 */
export const ParticipantTile = memo(function ParticipantTile({
  sessionId,
  source = 'camera',
  ...rest
}: ParticipantTileProps): ReactNode {
  const participant = useParticipant(sessionId)
  const video =
    participant?.tracks.find((t) => t.kind === 'video' && t.source === source) ??
    (source === 'camera'
      ? participant?.tracks.find((t) => t.kind === 'video' && t.source !== 'screen')
      : undefined)
  const locator = video ? { sessionId, trackName: video.trackName } : undefined
  const { track } = useRemoteTrack(locator)
  const videoRef = useRef<HTMLVideoElement>(null)
  useAdaptiveLayer(videoRef, locator, video?.layers)
  const mic = participant?.tracks.find((t) => t.kind === 'audio' && t.source !== 'screen-audio')
  // Shares the pull <RoomAudio> makes; only a change of "speaking" re-renders the tile.
  const { track: micTrack } = useRemoteTrack(
    source === 'camera' && mic ? { sessionId, trackName: mic.trackName } : undefined,
  )
  const speaking = useIsSpeaking(mic?.muted ? undefined : micTrack)
  const shown = video && !video.muted ? track : undefined
  const quality = useConnectionQuality(shown ?? micTrack)
  return (
    <VideoTile
      {...rest}
      ref={videoRef}
      sessionId={sessionId}
      track={shown}
      name={source === 'screen' ? `${participant?.name ?? ''} (screen)` : (participant?.name ?? '')}
      muted={Boolean(mic?.muted)}
      speaking={speaking}
      quality={quality}
      source={source}
    />
  )
})
