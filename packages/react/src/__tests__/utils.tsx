import type {
  CallsRoomOptions,
  ParticipantUpdate,
  RoomClient,
  RoomMessage,
  RoomMessageRequest,
  RoomSubscription,
  Roster,
} from '@calls-kit/core'
import { createFakeCallsRoute, FakePeerConnection } from '@calls-kit/testing'
import { QueryClient } from '@tanstack/react-query'
import { act, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { CallsProvider } from '../CallsProvider.js'
import { useCallsSession } from '../useCallsSession.js'

/**
 * A RoomClient stand-in whose roster and messages the test controls (`setOthers`, `deliver`), as
 * the SSE stream would push them. `sendMessage` answers like the route unless `refuseMessages` is set.
 */
export class FakeRooms {
  readonly listeners = new Set<(r: Roster) => void>()
  readonly messageListeners = new Set<(m: RoomMessage) => void>()
  readonly removedListeners = new Set<NonNullable<RoomSubscription['onRemoved']>>()
  readonly removals: string[] = []
  readonly sent: RoomMessageRequest[] = []
  refuseMessages: Error | undefined
  readonly members = new Map<string, Roster['participants'][number]>()
  joins = 0
  constructor(readonly room = 'test') {}
  roster(): Roster {
    return {
      room: this.room,
      participants: [...this.members.values()].sort((a, b) => a.joinedAt - b.joinedAt),
    }
  }
  #emit() {
    const r = this.roster()
    for (const l of this.listeners) l(r)
  }
  async join(_room: string, sessionId: string, update: ParticipantUpdate) {
    this.joins++
    this.members.set(sessionId, {
      sessionId,
      joinedAt: this.members.get(sessionId)?.joinedAt ?? 0,
      ...update,
    })
    this.#emit()
    return this.roster()
  }
  update = this.join.bind(this)
  async leave(_room: string, sessionId: string) {
    this.members.delete(sessionId)
    this.#emit()
    return this.roster()
  }
  async getRoster() {
    return this.roster()
  }
  subscribe(_room: string, { onRoster, onMessage, onRemoved }: RoomSubscription) {
    this.listeners.add(onRoster)
    if (onMessage) this.messageListeners.add(onMessage)
    if (onRemoved) this.removedListeners.add(onRemoved)
    return () => {
      this.listeners.delete(onRoster)
      if (onMessage) this.messageListeners.delete(onMessage)
      if (onRemoved) this.removedListeners.delete(onRemoved)
    }
  }
  async remove(_room: string, sessionId: string) {
    this.removals.push(sessionId)
    this.members.delete(sessionId)
    this.#emit()
    return this.roster()
  }
  /** A moderator removes this page's participant: its stream gets `event: removed`. */
  kick(by: [string, string] = ['R1', 'Ada']) {
    for (const l of this.removedListeners)
      l({ room: this.room, by: { sessionId: by[0], name: by[1] } })
  }
  async sendMessage(room: string, sessionId: string, request: RoomMessageRequest) {
    if (this.refuseMessages) throw this.refuseMessages
    this.sent.push(request)
    const name = this.members.get(sessionId)?.name ?? '?'
    return {
      ...request,
      id: `M${this.sent.length}`,
      room,
      from: { sessionId, name },
      sentAt: Date.now(),
    }
  }
  /** Someone else's message arrives on the event stream. */
  deliver(topic: string, data: unknown, from: [string, string] = ['R1', 'Ada']) {
    const message = {
      id: crypto.randomUUID(),
      room: this.room,
      topic,
      from: { sessionId: from[0], name: from[1] },
      data,
      sentAt: Date.now(),
    }
    for (const l of this.messageListeners) l(message)
  }
  dispose() {}
  /** Other participants arrive/leave: `[sessionId, name][]` with a camera and mic each. */
  setOthers(others: Array<[string, string]>, joinedAtBase = 1000) {
    for (const id of [...this.members.keys()]) if (id.startsWith('R')) this.members.delete(id)
    for (const [i, [sessionId, name]] of others.entries()) {
      this.members.set(sessionId, {
        sessionId,
        name,
        joinedAt: joinedAtBase + i,
        tracks: [
          { trackName: 'camera', kind: 'video', muted: false, source: 'camera' },
          { trackName: 'microphone', kind: 'audio', muted: false, source: 'microphone' },
        ],
      })
    }
    this.#emit()
  }
}

/** Everything a hook test needs: a provider wired to an in-memory route, fake peer connections and rooms. */
export function setup(overrides: Partial<CallsRoomOptions> = {}) {
  FakePeerConnection.instances.length = 0
  const route = createFakeCallsRoute()
  const rooms = new FakeRooms()
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const roomOptions = {
    fetch: route.fetch,
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
    rooms: rooms as unknown as RoomClient,
    releaseDelayMs: 10,
    ...overrides,
  }
  function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <CallsProvider
        room="test"
        user={{ name: 'Me' }}
        roomOptions={roomOptions}
        queryClient={queryClient}
      >
        {children}
      </CallsProvider>
    )
  }
  return { route, rooms, queryClient, Wrapper, roomOptions }
}

/** A stand-in MediaStreamTrack. */
export const fakeTrack = (kind: 'audio' | 'video' = 'video') =>
  ({ kind, id: crypto.randomUUID(), enabled: true, stop() {} }) as unknown as MediaStreamTrack

/**
 * Renders `ui` inside a provider (room options `overrides`), joins the call and lets `others` (`[sessionId, name][]`, each
 * with a camera and a mic) into the room, as a component test's starting point.
 */
export async function renderInCall(
  ui: ReactNode,
  others: Array<[string, string]>,
  overrides: Partial<CallsRoomOptions> = {},
) {
  const ctx = setup(overrides)
  let join: () => Promise<void> = async () => {}
  function InCall(): ReactNode {
    join = useCallsSession().join
    return ui
  }
  const view = render(<InCall />, { wrapper: ctx.Wrapper })
  await act(() => join())
  act(() => ctx.rooms.setOthers(others))
  return { ...ctx, view }
}
