'use client'
import {
  forwardRef,
  memo,
  type ReactNode,
  type Ref,
  useEffect,
  useRef,
  type VideoHTMLAttributes,
} from 'react'

/** Props of {@link VideoTile}: the `<video>` element's own props plus the tile's. */
export interface VideoTileProps extends VideoHTMLAttributes<HTMLVideoElement> {
  /** The track to show; without one the tile shows only the name. */
  track?: MediaStreamTrack
  /** Name shown on the tile. */
  name?: string
  /** Shown as muted (`data-muted`). Defaults to `false`. */
  muted?: boolean
  /** This tab's own preview: `data-local="true"` and mirrored unless `mirror` says otherwise. Defaults to `false`. */
  isLocal?: boolean
  /** Flip horizontally (selfie view). Defaults to `isLocal`. */
  mirror?: boolean
  /** Session id of the participant (`data-session-id`). */
  sessionId?: string
  /** Highlight as the active speaker (`data-speaking`). Defaults to `false`. */
  speaking?: boolean
  /** Connection quality badge (`data-quality`): `good`, `fair`, `poor`. Defaults to none. */
  quality?: 'good' | 'fair' | 'poor'
  /** What the video shows (`data-source`), e.g. `camera` or `screen`. Defaults to none. */
  source?: string
  /** Shown large, the others beside it (`data-focused`); see `ParticipantGrid`'s `focus`. Defaults to `false`. */
  focused?: boolean
  /**
   * Shows a Pin/Unpin button (`[data-calls-kit-pin]`, `aria-pressed` = `focused`) that calls this.
   * Pass a stable function (memoized tile). Defaults to no button.
   */
  onPin?: () => void
  /** Extra content over the video (badges, controls). */
  children?: ReactNode
}

/**
 * A participant's video with their name and mute state. Style it through stable attributes:
 * `[data-calls-kit-tile]`, `[data-local]`, `[data-muted]`, `[data-speaking]`, `[data-quality]`, `[data-source]`,
 * `[data-focused]`, `[data-session-id]`, `[data-calls-kit-name]`. The `<video>` is always `muted` (sound plays through `<RoomAudio>`).
 * The ref is the `<video>` element. Memoized: same props, no render.
 * @example
 * <VideoTile track={videoTrack} name="Ada" isLocal />
 */
export const VideoTile = memo(
  forwardRef(function VideoTile(
    {
      track,
      name,
      muted = false,
      isLocal = false,
      mirror,
      sessionId,
      speaking = false,
      quality,
      source,
      focused = false,
      onPin,
      children,
      style,
      ...videoProps
    }: VideoTileProps,
    ref: Ref<HTMLVideoElement>,
  ): ReactNode {
    const videoRef = useRef<HTMLVideoElement | null>(null)
    useEffect(() => {
      const video = videoRef.current
      if (!video) return
      video.srcObject = track ? new MediaStream([track]) : null
      if (track) video.play().catch(() => {})
    }, [track])
    const setRefs = (el: HTMLVideoElement | null) => {
      videoRef.current = el
      if (typeof ref === 'function') ref(el)
      else if (ref) ref.current = el
    }
    const flip = mirror ?? isLocal
    return (
      <div
        data-calls-kit-tile=""
        data-local={String(isLocal)}
        data-muted={String(muted)}
        data-has-video={String(Boolean(track))}
        data-session-id={sessionId}
        data-speaking={String(speaking)}
        data-quality={quality}
        data-source={source}
        data-focused={String(focused)}
      >
        <video
          ref={setRefs}
          autoPlay
          playsInline
          muted
          style={flip ? { transform: 'scaleX(-1)', ...style } : style}
          {...videoProps}
        />
        {name !== undefined && <span data-calls-kit-name="">{name}</span>}
        {onPin && (
          <button
            type="button"
            data-calls-kit-pin=""
            aria-pressed={focused}
            aria-label={`${focused ? 'Unpin' : 'Pin'} ${name ?? 'tile'}`}
            onClick={onPin}
          >
            {focused ? 'Unpin' : 'Pin'}
          </button>
        )}
        {children}
      </div>
    )
  }),
)
