'use client'
import type { HTMLAttributes, ReactNode } from 'react'
import { DeviceMenus } from './DeviceMenus.js'
import { useCallsSession } from './useCallsSession.js'
import type { UseLocalMediaResult } from './useLocalMedia.js'
import type { UseScreenShareResult } from './useScreenShare.js'

/** Props of {@link ControlBar}: the container `<div>`'s props plus what it controls. */
export interface ControlBarProps extends HTMLAttributes<HTMLDivElement> {
  /** From `useLocalMedia()`: mic/camera toggles and device menus. */
  media: UseLocalMediaResult
  /** From `useScreenShare()`: the share toggle; omit to hide it. */
  screenShare?: UseScreenShareResult
  /** Show camera/mic menus, and a speaker menu where the browser can choose outputs. Defaults to `true`. */
  showDevices?: boolean
  /**
   * How the camera button turns the camera off: `'disable'` (default; instant back on, the camera
   * light may stay on) or `'release'` (the device is stopped and its light goes off; turning it
   * back on opens the device again, a few hundred ms). See `useLocalMedia().setCameraEnabled`.
   */
  cameraOff?: 'disable' | 'release'
}

/**
 * Mic, camera, screen share, device menus and Leave. Buttons carry `aria-pressed` (on = `true`)
 * and `data-calls-kit-control="mic|camera|screen|leave"` for styling and tests.
 * @example
 * <ControlBar media={media} screenShare={screen} />
 */
export function ControlBar({
  media,
  screenShare,
  showDevices = true,
  cameraOff = 'disable',
  ...divProps
}: ControlBarProps): ReactNode {
  const { leave } = useCallsSession()
  return (
    <div data-calls-kit-control-bar="" {...divProps}>
      <button
        type="button"
        data-calls-kit-control="mic"
        aria-pressed={media.micEnabled}
        onClick={() => media.setMicEnabled(!media.micEnabled)}
      >
        {media.micEnabled ? 'Mic on' : 'Mic off'}
      </button>
      <button
        type="button"
        data-calls-kit-control="camera"
        aria-pressed={media.cameraEnabled}
        onClick={() =>
          media.setCameraEnabled(!media.cameraEnabled, { release: cameraOff === 'release' })
        }
      >
        {media.cameraEnabled ? 'Camera on' : 'Camera off'}
      </button>
      {screenShare && (
        <button
          type="button"
          data-calls-kit-control="screen"
          aria-pressed={screenShare.active}
          onClick={() => (screenShare.active ? screenShare.stop() : void screenShare.start())}
        >
          {screenShare.active ? 'Stop sharing' : 'Share screen'}
        </button>
      )}
      {showDevices && <DeviceMenus media={media} />}
      <button type="button" data-calls-kit-control="leave" onClick={() => void leave()}>
        Leave
      </button>
    </div>
  )
}
