// Measured by `pnpm bench` through Vitest (happy-dom): renders per tile when a 10th participant
// joins a 9-participant <ParticipantGrid>. Writes its numbers to $RENDERS_OUT as JSON.
import { writeFileSync } from 'node:fs'
import { ParticipantGrid, useCallsSession } from '@calls-kit/react'
import { act, render, waitFor } from '@testing-library/react'
import { it, vi } from 'vitest'
import { setup } from '../../packages/react/src/__tests__/utils'

const renders = vi.hoisted(() => new Map<string, number>())
vi.mock('../../packages/react/src/VideoTile.tsx', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../packages/react/src/VideoTile')>()
  // Imported here, not at the top: the factory runs while '@calls-kit/react' is being imported,
  // before the file's own imports are initialized (and import sorting puts that one first).
  const { createElement, forwardRef, memo } = await import('react')
  return {
    VideoTile: memo(
      forwardRef<HTMLVideoElement, Parameters<typeof real.VideoTile>[0]>(
        function Counted(props, ref) {
          const key = props.sessionId ?? 'local'
          renders.set(key, (renders.get(key) ?? 0) + 1)
          return createElement(real.VideoTile, { ...props, ref })
        },
      ),
    ),
  }
})

it('renders per join', async () => {
  const { Wrapper, rooms } = setup()
  let join: () => Promise<void> = async () => {}
  function App() {
    join = useCallsSession().join
    return <ParticipantGrid localVideoTrack={null} />
  }
  const view = render(<App />, { wrapper: Wrapper })
  await act(() => join())
  const nine = Array.from({ length: 8 }, (_, i) => [`R${i}`, `P${i}`] as [string, string])
  act(() => rooms.setOthers(nine))
  await waitFor(
    () =>
      view.container.querySelectorAll('[data-has-video="true"]').length === 8 || Promise.reject(),
  )
  const before = new Map(renders)
  act(() => rooms.setOthers([...nine, ['R9', 'New']]))
  await waitFor(() => (renders.get('R9') ?? 0) > 0 || Promise.reject())
  await new Promise((r) => setTimeout(r, 100))
  const existing = ['S1', ...nine.map(([id]) => id)].map(
    (id) => (renders.get(id) ?? 0) - (before.get(id) ?? 0),
  )
  writeFileSync(
    process.env.RENDERS_OUT ?? '/dev/stdout',
    JSON.stringify({
      participants: 9,
      existingTiles: existing.length,
      rendersInExistingTiles: existing.reduce((a, b) => a + b, 0),
      rendersOfNewTile: renders.get('R9') ?? 0,
    }),
  )
})
