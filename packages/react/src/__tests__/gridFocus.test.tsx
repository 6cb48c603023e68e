import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ParticipantGrid } from '../ParticipantGrid.js'
import { fakeTrack, renderInCall } from './utils.js'

const people: Array<[string, string]> = [
  ['R1', 'Ada'],
  ['R2', 'Bo'],
  ['R3', 'Cy'],
]

/** `[key, focused]` of each tile in grid order. */
const tiles = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-calls-kit-tile]')].map((t) => [
    `${t.dataset.local === 'true' ? 'local' : t.dataset.sessionId}${t.dataset.source === 'screen' ? '/screen' : ''}`,
    t.dataset.focused,
  ])

afterEach(cleanup)

describe('<ParticipantGrid> focus', () => {
  it('should pin a tile first and large with its Pin button, unpin it, and pin a screen share that starts', async () => {
    const { view, rooms } = await renderInCall(
      <ParticipantGrid localVideoTrack={fakeTrack()} />,
      people,
    )
    const grid = () => view.container.querySelector<HTMLElement>('[data-calls-kit-grid]')
    await waitFor(() => expect(tiles(view.container)).toHaveLength(4))
    expect(grid()?.dataset.layout).toBe('grid')
    act(() => screen.getByRole('button', { name: 'Pin Bo' }).click())
    expect(tiles(view.container)).toEqual([
      ['R2', 'true'],
      ['local', 'false'],
      ['R1', 'false'],
      ['R3', 'false'],
    ])
    expect(grid()?.dataset.layout).toBe('focus')
    expect(screen.getByRole('button', { name: 'Unpin Bo' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    act(() => screen.getByRole('button', { name: 'Unpin Bo' }).click())
    expect(tiles(view.container).map(([key]) => key)).toEqual(['local', 'R1', 'R2', 'R3'])
    expect(grid()?.dataset.layout).toBe('grid')

    // Cy starts sharing: the share is pinned.
    await act(async () => {
      const cy = rooms.members.get('R3')
      await rooms.join('test', 'R3', {
        name: 'Cy',
        tracks: [
          ...(cy?.tracks ?? []),
          { trackName: 'screen', kind: 'video', muted: false, source: 'screen' },
        ],
      })
    })
    await waitFor(() => expect(tiles(view.container)[0]).toEqual(['R3/screen', 'true']))
  })

  it('should leave focus to the app when controlled: Pin only asks', async () => {
    const asked = vi.fn()
    function Controlled() {
      const [focus, setFocus] = useState<string | null>('R1')
      return (
        <ParticipantGrid
          focus={focus}
          onFocusChange={(next) => {
            asked(next)
            if (next !== 'R3') setFocus(next) // this app refuses to pin Cy
          }}
        />
      )
    }
    const { view } = await renderInCall(<Controlled />, people)
    await waitFor(() => expect(tiles(view.container)[0]).toEqual(['R1', 'true']))
    act(() => screen.getByRole('button', { name: 'Pin Cy' }).click())
    expect(asked).toHaveBeenLastCalledWith('R3')
    expect(tiles(view.container)[0]).toEqual(['R1', 'true'])
    act(() => screen.getByRole('button', { name: 'Unpin Ada' }).click())
    expect(asked).toHaveBeenLastCalledWith(null)
    expect(tiles(view.container).every(([, focused]) => focused === 'false')).toBe(true)
  })
})
