import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ParticipantGrid } from '../ParticipantGrid.js'
import { fakeTrack, renderInCall } from './utils.js'

const others = (n: number): Array<[string, string]> =>
  Array.from({ length: n }, (_, i) => [`R${i + 1}`, `P${i + 1}`])

const camerasOf = (ids: string[]) => ids.map((id) => `${id}/camera`)

describe('<ParticipantGrid pageSize>', () => {
  it('should show one page of tiles, pull only that page’s cameras, and keep a valid page as people leave', async () => {
    const local = fakeTrack()
    const { view, rooms, route } = await renderInCall(
      <ParticipantGrid localVideoTrack={local} pageSize={4} />,
      others(9),
    )
    const tiles = () =>
      [...view.container.querySelectorAll('[data-calls-kit-tile]')].map(
        (t) => t.getAttribute('data-session-id') ?? '',
      )
    const pulls = () =>
      route.calls
        .filter((c) => c.path.endsWith('/tracks/new'))
        .flatMap((c) => c.body.tracks)
        .filter((t: { location: string; trackName: string }) => t.location === 'remote')
        .map((t: { sessionId: string; trackName: string }) => `${t.sessionId}/${t.trackName}`)
    /** Cameras pulled since `since` pulls, sorted (mics are pulled for everyone: voices are heard, and metered to find speakers). */
    const pulledSince = (since: number) =>
      pulls()
        .slice(since)
        .filter((t) => t.endsWith('/camera'))
        .sort()
    const micsPulled = () => new Set(pulls().filter((t) => t.endsWith('/microphone'))).size
    await waitFor(() => expect(tiles()).toHaveLength(4)) // the local tile and R1–R3
    expect(tiles().slice(1)).toEqual(['R1', 'R2', 'R3'])
    expect(screen.getByText('1 / 3')).toBeTruthy()
    await waitFor(() => expect(pulledSince(0)).toEqual(camerasOf(['R1', 'R2', 'R3'])))
    expect(micsPulled()).toBe(9)
    const firstPage = pulls().length
    act(() => screen.getByRole('button', { name: 'Next' }).click())
    expect(tiles()).toEqual(['R4', 'R5', 'R6', 'R7'])
    await waitFor(() => expect(pulledSince(firstPage)).toEqual(camerasOf(['R4', 'R5', 'R6', 'R7'])))
    act(() => screen.getByRole('button', { name: 'Next' }).click())
    expect(tiles()).toEqual(['R8', 'R9'])
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true)
    // Five leave: two pages are left, and the grid shows the last one rather than an empty one.
    act(() => rooms.setOthers(others(4)))
    await waitFor(() => expect(screen.getByText('2 / 2')).toBeTruthy())
    expect(tiles()).toEqual(['R4'])
    act(() => rooms.setOthers(others(3)))
    await waitFor(() => expect(screen.queryByRole('navigation')).toBeNull())
    expect(tiles()).toHaveLength(4)
  })
})
