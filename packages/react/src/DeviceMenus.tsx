'use client'
import type { ReactNode } from 'react'
import { DeviceSelect } from './DeviceSelect.js'
import { useAudioOutput } from './useAudioOutput.js'
import type { UseLocalMediaResult } from './useLocalMedia.js'

/** Props of {@link DeviceMenus}. */
export interface DeviceMenusProps {
  /** From `useLocalMedia()`: the camera and mic in use and their setters. */
  media: UseLocalMediaResult
}

/**
 * The three device menus of a call: camera and microphone (switched with `replaceTrack`, no
 * renegotiation) and, where the browser can choose outputs, the speaker (`useAudioOutput`). Each
 * is a {@link DeviceSelect} labelled `Camera`, `Microphone`, `Speaker`; every choice is remembered
 * across reloads. For a pre-join screen as well as inside `<ControlBar>`.
 * @example
 * <DeviceMenus media={useLocalMedia()} />
 */
export function DeviceMenus({ media }: DeviceMenusProps): ReactNode {
  const speaker = useAudioOutput()
  return (
    <>
      <DeviceSelect
        kind="videoinput"
        value={media.videoDeviceId}
        onChange={media.setVideoDevice}
        aria-label="Camera"
      />
      <DeviceSelect
        kind="audioinput"
        value={media.audioDeviceId}
        onChange={media.setAudioDevice}
        aria-label="Microphone"
      />
      {speaker.supported && (
        <DeviceSelect
          kind="audiooutput"
          value={speaker.deviceId}
          onChange={speaker.setDevice}
          aria-label="Speaker"
        />
      )}
    </>
  )
}
