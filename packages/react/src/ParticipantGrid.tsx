'use client'
import { Fragment, type HTMLAttributes, type ReactNode, useEffect, useRef, useState } from 'react'
import { orderForPage } from './gridOrder.js'
import { ParticipantTile } from './ParticipantTile.js'
import { useActiveSpeakers } from './useActiveSpeakers.js'
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
  /**
   * The tile shown large, the others beside it (a spotlight / pinned layout): `'local'`,
   * `'local/screen'`, a participant's sessionId, or `'<sessionId>/screen'`; `null` for none. When
   * set, the grid is controlled: a tile's Pin button calls `onFocusChange` and nothing else.
   * When left `undefined` the grid decides: Pin pins a tile (Unpin unpins it), and a screen share
   * someone starts is pinned.
   */
  focus?: string | null
  /** Called with the tile key a Pin button asks for, or `null` for Unpin. */
  onFocusChange?: (focus: string | null) => void
}

/** Your own tiles stay where they are when a speaker is brought onto the page. */
const FIXED_TILES: ReadonlySet<string> = new Set(['local', 'local/screen'])

/**
 * Your own tile (its quality badge rates the whole connection), one tile per remote participant,
 * and one per screen share, in join order (stable as people come and go). Only the id list is read
 * here, and each tile subscribes to its own participant: a join re-renders the grid and mounts one
 * tile, the existing tiles do not render.
 * - Pages: with `pageSize`, one page of tiles at a time; a `<nav data-calls-kit-grid-pagination>`
 *   with Previous/Next and "page / pages" shows when there is more than one page, and only the
 *   page's remote videos are pulled (audio is `<RoomAudio>`'s, so everyone is still heard).
 *   Whoever speaks (`useActiveSpeakers`) is brought onto the page shown, in place of its last quiet
 *   tile (never your own), so the order otherwise stays put.
 * - Focus: one tile pinned large (`data-focused="true"`, first in the grid, always shown) with the
 *   grid's `data-layout="focus"`; each tile's Pin button pins or unpins it, and a screen share
 *   that starts is pinned (see `focus`). Small tiles receive small simulcast layers by themselves.
 * Style with `[data-calls-kit-grid]` (the tiles' container) and `[data-layout]`.
 * @example
 * <ParticipantGrid localVideoTrack={videoTrack} pageSize={9} />
 */
export function ParticipantGrid({
  localVideoTrack,
  localMuted = false,
  localScreenTrack,
  pageSize = Number.POSITIVE_INFINITY,
  focus: controlledFocus,
  onFocusChange,
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
  // Paged: who speaks is brought onto the page shown (metering everyone's mic costs only then).
  const speakers = useActiveSpeakers({ enabled: Number.isFinite(pageSize) })
  const order = useRef<string[]>([])
  const [ownFocus, setOwnFocus] = useState<string | null>(null)
  const focus = controlledFocus === undefined ? ownFocus : controlledFocus
  // Uncontrolled: a screen share that starts is pinned (the newest one), and unpinned when it ends.
  const sharedBefore = useRef<readonly string[]>([])
  useEffect(() => {
    if (controlledFocus !== undefined) return
    const started = screens.filter((id) => !sharedBefore.current.includes(id)).at(-1)
    sharedBefore.current = screens
    if (started) setOwnFocus(`${started}/screen`)
  }, [screens, controlledFocus])
  // One stable Pin handler per tile (tiles are memoized), acting on the latest focus.
  const latest = useRef({ focus, controlled: controlledFocus !== undefined, onFocusChange })
  latest.current = { focus, controlled: controlledFocus !== undefined, onFocusChange }
  const [pinHandlers] = useState(() => new Map<string, () => void>())
  const pin = (key: string) => {
    let handler = pinHandlers.get(key)
    if (!handler) {
      handler = () => {
        const { focus, controlled, onFocusChange } = latest.current
        const next = key === focus ? null : key
        onFocusChange?.(next)
        if (!controlled) setOwnFocus(next)
      }
      pinHandlers.set(key, handler)
    }
    return handler
  }
  const tiles: Array<{ key: string; render: (focused: boolean) => ReactNode }> = []
  if (localVideoTrack !== undefined)
    tiles.push({
      key: 'local',
      render: (focused) => (
        <VideoTile
          track={localVideoTrack ?? undefined}
          name={name}
          isLocal
          muted={localMuted}
          sessionId={sessionId}
          quality={quality}
          focused={focused}
          onPin={pin('local')}
        />
      ),
    })
  if (localScreenTrack)
    tiles.push({
      key: 'local/screen',
      render: (focused) => (
        <VideoTile
          track={localScreenTrack}
          name={`${name} (screen)`}
          isLocal
          mirror={false}
          source="screen"
          focused={focused}
          onPin={pin('local/screen')}
        />
      ),
    })
  for (const id of ids)
    tiles.push({
      key: id,
      render: (focused) => <ParticipantTile sessionId={id} focused={focused} onPin={pin(id)} />,
    })
  for (const id of screens)
    tiles.push({
      key: `${id}/screen`,
      render: (focused) => (
        <ParticipantTile
          sessionId={id}
          source="screen"
          focused={focused}
          onPin={pin(`${id}/screen`)}
        />
      ),
    })
  // The pinned tile comes first and is always shown; the others page beside it.
  const pinned = tiles.find((t) => t.key === focus)
  const others = pinned ? tiles.filter((t) => t !== pinned) : tiles
  const size = Math.max(1, Math.floor(pageSize))
  const pages = Math.max(1, Math.ceil(others.length / size))
  // People leaving can empty the last page: show the last one there is.
  const page = Math.min(requestedPage, pages - 1)
  let shown = others
  if (Number.isFinite(size)) {
    order.current = orderForPage(
      order.current,
      others.map((t) => t.key),
      speakers,
      { start: page * size, size },
      FIXED_TILES,
    )
    const byKey = new Map(others.map((t) => [t.key, t]))
    shown = order.current
      .slice(page * size, (page + 1) * size)
      .flatMap((key) => byKey.get(key) ?? [])
  }
  // One shape whether or not it pages, so the tiles do not remount when a page is added.
  return (
    <>
      <div data-calls-kit-grid="" data-layout={pinned ? 'focus' : 'grid'} {...divProps}>
        {(pinned ? [pinned, ...shown] : shown).map((t) => (
          <Fragment key={t.key}>{t.render(t === pinned)}</Fragment>
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
