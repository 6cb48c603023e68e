import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useCallsSession } from '../useCallsSession.js'
import { useLocalMetadata } from '../useLocalMetadata.js'
import { useParticipants } from '../useParticipants.js'
import { setup } from './utils.js'

describe('useLocalMetadata', () => {
  it('should put this participant’s metadata in the roster others read, and clear it', async () => {
    const { Wrapper, rooms } = setup()
    const { result } = renderHook(
      () => ({
        local: useLocalMetadata(),
        participants: useParticipants(),
        session: useCallsSession(),
      }),
      { wrapper: Wrapper },
    )
    act(() => result.current.local[1]({ handRaised: true }))
    await act(() => result.current.session.join())
    expect(rooms.roster().participants.map((p) => p.metadata)).toEqual([{ handRaised: true }])
    await waitFor(() =>
      expect(result.current.participants.map((p) => [p.isLocal, p.metadata])).toEqual([
        [true, { handRaised: true }],
      ]),
    )
    act(() => result.current.local[1]({}))
    expect(result.current.local[0]).toEqual({})
    await waitFor(() => expect(rooms.roster().participants[0]?.metadata).toBeUndefined())
  })
})
