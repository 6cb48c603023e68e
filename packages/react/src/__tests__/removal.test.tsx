import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useCallsRoom } from '../callsContext.js'
import { useCallsSession } from '../useCallsSession.js'
import { useParticipants } from '../useParticipants.js'
import { setup } from './utils.js'

describe('removing participants', () => {
  it('should ask the route to remove another participant, and end this call with 403 removed when a moderator removes it', async () => {
    const { Wrapper, rooms } = setup()
    const { result } = renderHook(
      () => ({ room: useCallsRoom(), session: useCallsSession(), people: useParticipants() }),
      { wrapper: Wrapper },
    )
    await expect(result.current.room.removeParticipant('R1')).rejects.toMatchObject({
      name: 'InvalidStateError',
    })
    await act(() => result.current.session.join())
    act(() => rooms.setOthers([['R1', 'Ada']]))
    await act(() => result.current.room.removeParticipant('R1'))
    expect(rooms.removals).toEqual(['R1'])
    await waitFor(() => expect(result.current.people.map((p) => p.name)).toEqual(['Me']))

    act(() => rooms.kick(['R9', 'Host']))
    await waitFor(() => expect(result.current.session.joinState).toBe('idle'))
    expect(result.current.session.error).toMatchObject({
      status: 403,
      errorCode: 'removed',
      errorDescription: 'Host removed you from room test',
    })
    // It did not announce a leave of its own: the route already took it out.
    expect(rooms.members.size).toBe(1)
  })
})
