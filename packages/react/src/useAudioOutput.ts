'use client'
import { chooseDevice } from '@calls-kit/core'
import { useCallsRoom } from './callsContext.js'
import { useCallsStore } from './useCallsStore.js'
import { useDevices } from './useDevices.js'

/** What {@link useAudioOutput} returns. */
export interface UseAudioOutputResult {
  /**
   * The speaker in use: the chosen one while it is plugged in, else the system default
   * (`'default'` in Chromium) or the first output; `undefined` before the outputs are listed or
   * when the browser lists none.
   */
  deviceId: string | undefined
  /** Chooses the speaker (`deviceId` of an `audiooutput`), remembered across reloads. */
  setDevice: (deviceId: string) => void
  /**
   * Whether this browser can route audio to a chosen speaker (`HTMLMediaElement.setSinkId`, W3C
   * Audio Output Devices API; Chromium and Firefox, not Safari). Hide speaker menus when `false`.
   */
  supported: boolean
}

/** `true` where `HTMLMediaElement.prototype.setSinkId` exists. */
export const canSelectAudioOutput = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype

/**
 * The call's speaker: which `audiooutput` plays remote audio, with hot-plug fallback (an unplugged
 * speaker falls back to the default and comes back when plugged in again) and the choice kept
 * across reloads. `<RoomAudio>` applies it; `<ControlBar>` shows a menu for it.
 * @example
 * const speaker = useAudioOutput()
 * speaker.supported && <DeviceSelect kind="audiooutput" value={speaker.deviceId} onChange={speaker.setDevice} />
 */
export function useAudioOutput(): UseAudioOutputResult {
  const room = useCallsRoom()
  const chosen = useCallsStore((s) => s.audioOutputId)
  const outputs = useDevices('audiooutput')
  return {
    deviceId: chooseDevice(outputs, chosen),
    setDevice: (deviceId) => room.setAudioOutput(deviceId),
    supported: canSelectAudioOutput(),
  }
}
