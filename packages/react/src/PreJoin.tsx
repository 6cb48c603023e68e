'use client'
import { type FormEvent, type HTMLAttributes, type ReactNode, useState } from 'react'
import { useCallsRoom } from './callsContext.js'
import { DeviceMenus } from './DeviceMenus.js'
import { useAudioLevel } from './useAudioLevel.js'
import { useCallsSession } from './useCallsSession.js'
import { useCallsStore } from './useCallsStore.js'
import type { UseLocalMediaResult } from './useLocalMedia.js'
import { VideoTile } from './VideoTile.js'

/** Props of {@link PreJoin}: the container `<div>`'s props plus the media it previews. */
export interface PreJoinProps extends HTMLAttributes<HTMLDivElement> {
  /** From `useLocalMedia()`: the camera shown, the mic measured, the devices offered. */
  media: UseLocalMediaResult
  /** Name used when the field is left empty. Defaults to `'Guest'`. */
  fallbackName?: string
}

/**
 * The screen before a call: a name field (starting from the provider's `user.name`), camera,
 * microphone and speaker menus, a mirrored camera preview and a mic meter (`<meter>`, RMS 0–0.3),
 * and Join — which sets the name (`CallsRoom.setName`) and joins. A failed join or a device error
 * shows in a `role="alert"` paragraph. Styling hooks: `[data-calls-kit-prejoin]`,
 * `[data-calls-kit-preview]`, `[data-calls-kit-mic-level]`.
 * @example
 * const media = useLocalMedia()
 * joinState === 'joined' ? <Call /> : <PreJoin media={media} />
 */
export function PreJoin({ media, fallbackName = 'Guest', ...divProps }: PreJoinProps): ReactNode {
  const room = useCallsRoom()
  const { joinState, error, join } = useCallsSession()
  const initialName = useCallsStore((s) => s.name)
  const [name, setName] = useState(initialName)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    room.setName(name.trim() || fallbackName)
    join().catch(() => {}) // shown through `error`
  }
  const problem = error ?? media.error
  return (
    <div data-calls-kit-prejoin="" {...divProps}>
      <form onSubmit={onSubmit}>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
        <DeviceMenus media={media} />
        <button type="submit" disabled={joinState === 'joining'}>
          Join
        </button>
      </form>
      {problem && (
        <p role="alert" data-calls-kit-error="">
          {problem.message}
        </p>
      )}
      <div data-calls-kit-preview="">
        <VideoTile
          track={media.videoTrack ?? undefined}
          name={name || 'Preview'}
          isLocal
          muted={!media.micEnabled}
        />
        <MicLevel track={media.audioTrack} />
      </div>
    </div>
  )
}

/** A mic check: the level of the chosen microphone, 0–1 RMS every 100 ms, on a 0–0.3 meter. */
function MicLevel({ track }: { track: MediaStreamTrack | null }): ReactNode {
  const level = useAudioLevel(track)
  return (
    <label data-calls-kit-mic-level="">
      Mic <meter min={0} max={0.3} value={level} aria-label="Microphone level" />
    </label>
  )
}
