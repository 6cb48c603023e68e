'use client'
import { Fragment, type HTMLAttributes, type ReactNode, useState } from 'react'
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
  /**
   * Tiles per page; beyond it the grid pages (Previous/Next) and the tiles of other pages are not
   * mounted, so their videos are not pulled at all. Defaults to `Infinity` (one page).
   */
  pageSize?: number
}

/**
 * Your own tile (its quality badge rates the whole connection), one tile per remote participant,
 * and one per screen share, in join order (stable as people come and go). Only the id list is read
 * here, and each tile subscribes to its own participant: a join re-renders the grid and mounts one
 * tile, the existing tiles do not render. With `pageSize`, one page of tiles at a time: a
 * `<nav data-calls-kit-grid-pagination>` with Previous/Next and "page of pages" shows when there is
 * more than one page, and only the page's remote videos are pulled (audio is `<RoomAudio>`'s, so
 * everyone is still heard). Style with `[data-calls-kit-grid]` (the tiles' container).
 * @example
 * <ParticipantGrid localVideoTrack={videoTrack} pageSize={9} />
 */
export function ParticipantGrid({
  localVideoTrack,
  localMuted = false,
  localScreenTrack,
  pageSize = Number.POSITIVE_INFINITY,
  ...divProps
}: ParticipantGridProps): ReactNode {
  const ids = useRemoteParticipantIds()
  const screens = useRemoteScreenShareIds()
  const quality = useConnectionQuality()
  const { name, sessionId } = useCallsStore((s) => ({
    name: s.name,
    sessionId: s.session.sessionId,
  }))
  const [requestedPage, setPage] = useState(0)
  const tiles: Array<{ key: string; render: () => ReactNode }> = []
  if (localVideoTrack !== undefined)
    tiles.push({
      key: 'local',
      render: () => (
        <VideoTile
          track={localVideoTrack ?? undefined}
          name={name}
          isLocal
          muted={localMuted}
          sessionId={sessionId}
          quality={quality}
        />
      ),
    })
  if (localScreenTrack)
    tiles.push({
      key: 'local/screen',
      render: () => (
        <VideoTile
          track={localScreenTrack}
          name={`${name} (screen)`}
          isLocal
          mirror={false}
          source="screen"
        />
      ),
    })
  for (const id of ids) tiles.push({ key: id, render: () => <ParticipantTile sessionId={id} /> })
  for (const id of screens)
    tiles.push({
      key: `${id}/screen`,
      render: () => <ParticipantTile sessionId={id} source="screen" />,
    })
  const size = Math.max(1, Math.floor(pageSize))
  const pages = Math.max(1, Math.ceil(tiles.length / size))
  // People leaving can empty the last page: show the last one there is.
  const page = Math.min(requestedPage, pages - 1)
  const shown = Number.isFinite(size) ? tiles.slice(page * size, (page + 1) * size) : tiles
  // One shape whether or not it pages, so the tiles do not remount when a page is added.
  return (
    <>
      <div data-calls-kit-grid="" {...divProps}>
        {shown.map((t) => (
          <Fragment key={t.key}>{t.render()}</Fragment>
        ))}
      </div>
      {pages > 1 && (
        <nav data-calls-kit-grid-pagination="" aria-label="Participant pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span aria-live="polite">
            {page + 1} / {pages}
          </span>
          <button type="button" disabled={page === pages - 1} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </>
  )
}
