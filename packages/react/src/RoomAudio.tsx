'use client'
import { type ReactNode, useRef, useState } from 'react'
import { AudioTrack } from './AudioTrack.js'
import { useAudioOutput } from './useAudioOutput.js'
import { useCallsStore } from './useCallsStore.js'
import { useParticipants } from './useParticipants.js'

/** Props of {@link RoomAudio}. */
export interface RoomAudioProps {
  /** Label of the unlock button shown when autoplay is blocked. Defaults to `'Click to enable audio'`. */
  unlockLabel?: string
}

/**
 * Plays every remote participant's audio tracks, on the speaker chosen with `useAudioOutput()`, each
 * at the volume chosen for that participant (`useParticipantVolume`).
 * When the browser blocks autoplay it shows one button (`[data-calls-kit-audio-unlock]`) whose
 * click starts them all.
 * @example
 * <RoomAudio />
 */
export function RoomAudio({ unlockLabel = 'Click to enable audio' }: RoomAudioProps): ReactNode {
  const participants = useParticipants()
  const speaker = useAudioOutput()
  const volumes = useCallsStore((s) => s.volumes)
  // Blocked elements by key: one element that plays must not hide the button while another is
  // still blocked, and an element that unmounts while blocked no longer counts.
  const [blocked, setBlocked] = useState<ReadonlySet<string>>(() => new Set())
  const reporters = useRef(new Map<string, (isBlocked: boolean) => void>())
  const reporterFor = (key: string) => {
    let report = reporters.current.get(key)
    if (!report) {
      report = (isBlocked: boolean) =>
        setBlocked((prev) => {
          if (prev.has(key) === isBlocked) return prev
          const next = new Set(prev)
          if (isBlocked) next.add(key)
          else next.delete(key)
          return next
        })
      reporters.current.set(key, report)
    }
    return report
  }
  const audio = participants
    .filter((p) => !p.isLocal)
    .flatMap((p) =>
      p.tracks
        .filter((t) => t.kind === 'audio')
        .map((t) => ({
          key: `${p.sessionId}/${t.trackName}`,
          locator: { sessionId: p.sessionId, trackName: t.trackName },
          volume: volumes[p.sessionId] ?? 1,
        })),
    )
  const container = useRef<HTMLDivElement>(null)
  const unlock = () => {
    const elements = container.current?.querySelectorAll<HTMLAudioElement>('audio') ?? []
    for (const el of elements) {
      // Each element reports `playing` itself; a rejection keeps it counted as blocked.
      el.play().catch(() => {})
    }
  }
  return (
    <div ref={container} data-calls-kit-room-audio="" style={{ display: 'contents' }}>
      {audio.map(({ key, locator, volume }) => (
        <AudioTrack
          key={key}
          locator={locator}
          volume={volume}
          onBlockedChange={reporterFor(key)}
          sinkId={speaker.supported ? speaker.deviceId : undefined}
        />
      ))}
      {audio.some(({ key }) => blocked.has(key)) && (
        <button type="button" data-calls-kit-audio-unlock="" onClick={unlock}>
          {unlockLabel}
        </button>
      )}
    </div>
  )
}
