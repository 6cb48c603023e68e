'use client'
import { type ReactNode, useCallback, useState } from 'react'
import { AudioTrack } from './AudioTrack'
import { useParticipants } from './useParticipants'

/** Props of {@link RoomAudio}. */
export interface RoomAudioProps {
  /** Label of the unlock button shown when autoplay is blocked. Defaults to `'Click to enable audio'`. */
  unlockLabel?: string
}

/**
 * Plays every remote participant's audio tracks. When the browser blocks autoplay it shows one
 * button (`[data-calls-kit-audio-unlock]`) whose click starts them all.
 * @example
 * <RoomAudio />
 */
export function RoomAudio({ unlockLabel = 'Click to enable audio' }: RoomAudioProps): ReactNode {
  const participants = useParticipants()
  const [blocked, setBlocked] = useState(false)
  const onBlockedChange = useCallback((b: boolean) => setBlocked(b), [])
  const unlock = () => {
    for (const el of document.querySelectorAll<HTMLAudioElement>('audio[data-calls-kit-audio]')) {
      el.play().then(
        () => setBlocked(false),
        () => {},
      )
    }
  }
  return (
    <div data-calls-kit-room-audio="" style={{ display: 'contents' }}>
      {participants
        .filter((p) => !p.isLocal)
        .flatMap((p) =>
          p.tracks
            .filter((t) => t.kind === 'audio')
            .map((t) => (
              <AudioTrack
                key={`${p.sessionId}/${t.trackName}`}
                locator={{ sessionId: p.sessionId, trackName: t.trackName }}
                onBlockedChange={onBlockedChange}
              />
            )),
        )}
      {blocked && (
        <button type="button" data-calls-kit-audio-unlock="" onClick={unlock}>
          {unlockLabel}
        </button>
      )}
    </div>
  )
}
