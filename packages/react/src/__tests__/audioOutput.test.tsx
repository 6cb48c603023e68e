import { DevicePreferences, type StorageLike } from '@calls-kit/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RoomAudio } from '../RoomAudio.js'
import { useAudioOutput } from '../useAudioOutput.js'
import { renderInCall, setup } from './utils.js'

// happy-dom has no media devices and no setSinkId: both are stood in for here, as Chromium
// reports them (outputs 'default' plus one per speaker; `devicechange` on hot-plug).
const output = (deviceId: string) =>
  ({ deviceId, kind: 'audiooutput', label: deviceId, groupId: '' }) as MediaDeviceInfo
let plugged: MediaDeviceInfo[]
const devices = new EventTarget()
const plug = (ids: string[]) => {
  plugged = ids.map(output)
  devices.dispatchEvent(new Event('devicechange'))
}
const memoryStorage = (): StorageLike & { data: Map<string, string> } => {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

describe('useAudioOutput', () => {
  beforeEach(() => {
    plugged = ['default', 'headset', 'speakers'].map(output)
    vi.stubGlobal('navigator', {
      ...navigator,
      mediaDevices: {
        enumerateDevices: async () => plugged,
        addEventListener: devices.addEventListener.bind(devices),
        removeEventListener: devices.removeEventListener.bind(devices),
      },
    })
    HTMLMediaElement.prototype.setSinkId = vi.fn(async function (this: HTMLMediaElement) {})
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId
  })

  it('should use the chosen speaker, fall back to the default while it is unplugged, and return to it', async () => {
    const storage = memoryStorage()
    const { Wrapper } = setup({ preferences: new DevicePreferences(storage) })
    const { result } = renderHook(() => useAudioOutput(), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.deviceId).toBe('default'))
    expect(result.current.supported).toBe(true)

    act(() => result.current.setDevice('headset'))
    expect(result.current.deviceId).toBe('headset')
    expect(JSON.parse(storage.data.get('calls-kit:devices') ?? '{}')).toEqual({
      audiooutput: 'headset',
    })

    act(() => plug(['default', 'speakers']))
    await waitFor(() => expect(result.current.deviceId).toBe('default'))
    act(() => plug(['default', 'speakers', 'headset']))
    await waitFor(() => expect(result.current.deviceId).toBe('headset'))
  })

  it('should start with the speaker chosen before a reload', async () => {
    const storage = memoryStorage()
    new DevicePreferences(storage).set('audiooutput', 'speakers')
    const { Wrapper } = setup({ preferences: new DevicePreferences(storage) })
    const { result } = renderHook(() => useAudioOutput(), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.deviceId).toBe('speakers'))
  })

  it('should play the call audio on the chosen speaker (RoomAudio → setSinkId)', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    let choose: (deviceId: string) => void = () => {}
    function SpeakerMenu(): ReactNode {
      choose = useAudioOutput().setDevice
      return null
    }
    const { view } = await renderInCall(
      <>
        <RoomAudio />
        <SpeakerMenu />
      </>,
      [['R1', 'Ada']],
      { preferences: new DevicePreferences(memoryStorage()) },
    )
    const setSinkId = vi.mocked(HTMLMediaElement.prototype.setSinkId)
    await waitFor(() => expect(setSinkId.mock.lastCall).toEqual(['default']))
    act(() => choose('speakers'))
    await waitFor(() => expect(setSinkId.mock.lastCall).toEqual(['speakers']))
    expect(setSinkId.mock.contexts.at(-1)).toBe(view.container.querySelector('audio'))
  })
})
