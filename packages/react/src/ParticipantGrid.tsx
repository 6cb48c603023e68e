'use client'
import type { HTMLAttributes, ReactNode } from 'react'
import { ParticipantTile } from './ParticipantTile.js'
import { useCallsStore } from './useCallsStore.js'
import { useConnectionQuality } from './useConnectionQuality.js'
import { useRemoteParticipantIds, useRemoteScreenShareIds } from './useParticipants.js'
import { VideoTile } from './VideoTile.js'

/** Props of {@link ParticipantGrid}: the container `<div>`'s props plus the local preview. */
export interface ParticipantGridProps extends HTMLAttributes<HTMLDivElement> {
  /** This tab's camera for its own (mirrored) tile; omit to hide the local tile. */
  localVideoTrack?: MediaStreamTrack | null
  /** Whether this tab shows as muted. Defaults to `false`. */
  localMuted?: boolean
  /** This tab's screen share, shown as its own tile. Defaults to none. */
  localScreenTrack?: MediaStreamTrack | null
}

/**
 * Your own tile (its quality badge rates the whole connection), one tile per remote participant, and one per screen share, in join order (stable as people come and
 * go). Only the id list is read here, and each tile subscribes to its own participant: a join
 * re-renders the grid and mounts one tile, the existing tiles do not render.
 * Style with `[data-calls-kit-grid]`.
 * @example
 * <ParticipantGrid localVideoTrack={videoTrack} />
 */
export function ParticipantGrid({
  localVideoTrack,
  localMuted = false,
  localScreenTrack,
  ...divProps
}: ParticipantGridProps): ReactNode {
  const ids = useRemoteParticipantIds()
  const screens = useRemoteScreenShareIds()
  const quality = useConnectionQuality()
  const { name, sessionId } = useCallsStore((s) => ({
    name: s.name,
    sessionId: s.session.sessionId,
  }))
  return (
    <div data-calls-kit-grid="" {...divProps}>
      {localVideoTrack !== undefined && (
        <VideoTile
          track={localVideoTrack ?? undefined}
          name={name}
          isLocal
          muted={localMuted}
          sessionId={sessionId}
          quality={quality}
        />
      )}
      {localScreenTrack && (
        <VideoTile
          track={localScreenTrack}
          name={`${name} (screen)`}
          isLocal
          mirror={false}
          source="screen"
        />
      )}
      {ids.map((id) => (
        <ParticipantTile key={id} sessionId={id} />
      ))}
      {screens.map((id) => (
        <ParticipantTile key={`${id}/screen`} sessionId={id} source="screen" />
      ))}
    </div>
  )
}
