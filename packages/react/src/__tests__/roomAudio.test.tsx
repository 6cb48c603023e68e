import { act, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RoomAudio } from '../RoomAudio.js'
import { useParticipantVolume } from '../useParticipantVolume.js'
import { renderInCall } from './utils.js'

// happy-dom plays nothing: `play()` is stubbed per element to model the autoplay policy, and
// `playing` is dispatched by hand, as the browser does when an element starts.
const audioSelector = 'audio[data-calls-kit-audio]'
const unlockSelector = '[data-calls-kit-audio-unlock]'

describe('RoomAudio', () => {
  let allowed: boolean
  beforeEach(() => {
    allowed = false
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (
      this: HTMLMediaElement,
    ) {
      if (!allowed) return Promise.reject(new DOMException('blocked', 'NotAllowedError'))
      this.dispatchEvent(new Event('playing'))
      return Promise.resolve()
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('should keep the unlock button while any element is still blocked, and drop it once all play', async () => {
    const { view, rooms } = await renderInCall(<RoomAudio />, [
      ['R1', 'Ada'],
      ['R2', 'Bob'],
    ])
    await waitFor(() => expect(view.container.querySelector(unlockSelector)).not.toBeNull())
    const [first, second] = view.container.querySelectorAll<HTMLAudioElement>(audioSelector)
    expect(second).toBeDefined()

    // One element starts (say, the user clicked it elsewhere): the other is still silent.
    act(() => first?.dispatchEvent(new Event('playing')))
    expect(view.container.querySelector(unlockSelector)).not.toBeNull()

    // Its participant leaves while still blocked: nothing blocked is left.
    act(() => rooms.setOthers([['R1', 'Ada']]))
    await waitFor(() => expect(view.container.querySelector(unlockSelector)).toBeNull())
  })

  it('should start every element on one click of the unlock button', async () => {
    const { view } = await renderInCall(<RoomAudio unlockLabel="Enable audio" />, [
      ['R1', 'Ada'],
      ['R2', 'Bob'],
    ])
    await waitFor(() => expect(view.getByText('Enable audio')).toBeDefined())
    expect(view.container.querySelectorAll(audioSelector)).toHaveLength(2)

    allowed = true // a user gesture: the browser now lets play() start
    await act(async () => view.getByText('Enable audio').click())
    await waitFor(() => expect(view.container.querySelector(unlockSelector)).toBeNull())
    expect(HTMLMediaElement.prototype.play).toHaveBeenCalledTimes(4) // 2 blocked + 2 on click
  })

  it('should play each participant at the volume chosen for them, clamped to 0–1', async () => {
    allowed = true
    let setAda: (v: number) => void = () => {}
    function AdaVolume() {
      setAda = useParticipantVolume('R1')[1]
      return null
    }
    const { view } = await renderInCall(
      <>
        <RoomAudio />
        <AdaVolume />
      </>,
      [
        ['R1', 'Ada'],
        ['R2', 'Bob'],
      ],
    )
    // Each participant has a camera and a mic: the mic's element is the only audio one.
    const volumes = () =>
      [...view.container.querySelectorAll<HTMLAudioElement>(audioSelector)].map((a) => a.volume)
    await waitFor(() => expect(volumes()).toEqual([1, 1]))
    act(() => setAda(0.25))
    expect(volumes()).toEqual([0.25, 1])
    act(() => setAda(7))
    expect(volumes()).toEqual([1, 1])
    act(() => setAda(-1))
    expect(volumes()).toEqual([0, 1])
  })
})
