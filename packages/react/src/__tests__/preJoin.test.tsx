import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { PreJoin } from '../PreJoin.js'
import { useCallsSession } from '../useCallsSession.js'
import type { UseLocalMediaResult } from '../useLocalMedia.js'
import { setup } from './utils.js'

afterEach(cleanup)

/** Media with no devices open (happy-dom has no camera): what PreJoin shows before permission. */
const noMedia = {
  videoTrack: null,
  audioTrack: null,
  cameraEnabled: true,
  micEnabled: true,
  setCameraEnabled: () => {},
  setMicEnabled: () => {},
  videoDeviceId: undefined,
  audioDeviceId: undefined,
  setVideoDevice: () => {},
  setAudioDevice: () => {},
  error: undefined,
} as unknown as UseLocalMediaResult

describe('<PreJoin>', () => {
  it('should join under the typed name, or the fallback name when the field is empty', async () => {
    const { Wrapper, rooms } = setup()
    let state = { joinState: 'idle' as string }
    function Probe() {
      state = useCallsSession()
      return null
    }
    render(
      <>
        <PreJoin media={noMedia} fallbackName="Anonymous" />
        <Probe />
      </>,
      { wrapper: Wrapper },
    )
    const field = screen.getByLabelText(/Name/) as HTMLInputElement
    expect(field.value).toBe('Me') // the provider's user.name
    fireEvent.change(field, { target: { value: '   ' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    })
    await waitFor(() => expect(state.joinState).toBe('joined'))
    expect(rooms.roster().participants.map((p) => p.name)).toEqual(['Anonymous'])
  })
})
