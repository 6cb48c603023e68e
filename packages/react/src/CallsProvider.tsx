'use client'
import { CallsRoom, type CallsRoomOptions } from '@calls-kit/core'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, useContext, useEffect, useState } from 'react'
import { CallsContext } from './callsContext.js'
import { rosterQueryKey } from './rosterQuery.js'

/** Props of {@link CallsProvider}. */
export interface CallsProviderProps {
  /** The app's calls route (`createCallsHandler`'s `basePath`). Defaults to `'/api/calls'`. */
  apiBase?: string
  /** Room to join. Changing it needs a new provider (`key={room}`). */
  room: string
  /** This participant: `name` is shown to others (1–64 characters). */
  user: { name: string }
  /** Peer connection configuration. Defaults to Calls' STUN server and `max-bundle`. */
  rtcConfiguration?: RTCConfiguration
  /** A ready room (tests, or sharing one outside React). Defaults to a new `CallsRoom` per provider. */
  callsRoom?: CallsRoom
  /**
   * More options of the `CallsRoom` the provider creates (e.g. `fetch` to add your own auth
   * headers, `RTCPeerConnection` or `rooms` for tests). Read once, at mount. Defaults to none.
   */
  roomOptions?: Partial<Omit<CallsRoomOptions, 'room' | 'name'>>
  /** React Query client for the roster. Defaults to the one in context, else a new one. */
  queryClient?: QueryClient
  children?: ReactNode
}

/**
 * Provides one {@link CallsRoom} (one Calls session + presence in `room`) to the hooks below it.
 * Created once per provider (never a module global: safe for SSR), nothing touches WebRTC until
 * `join()`, StrictMode's double mount keeps one session, and unmount leaves and closes it.
 * The roster is React Query data (`['calls-kit', 'roster', room]`) kept live by the server's
 * event stream.
 * @example
 * <CallsProvider room="lobby" user={{ name: 'Ada' }}>
 *   <Call />
 * </CallsProvider>
 */
export function CallsProvider(props: CallsProviderProps): ReactNode {
  const [room] = useState(
    () =>
      props.callsRoom ??
      new CallsRoom({
        ...props.roomOptions,
        apiBase: props.apiBase,
        room: props.room,
        name: props.user.name,
        rtcConfiguration: props.rtcConfiguration,
      }),
  )
  const contextClient = useContext(QueryClientContext)
  const [ownClient] = useState(() => props.queryClient ?? contextClient ?? new QueryClient())
  const queryClient = props.queryClient ?? contextClient ?? ownClient

  useEffect(() => room.setName(props.user.name), [room, props.user.name])

  useEffect(() => {
    const key = rosterQueryKey(room.getState().room)
    return room.onRoster((roster) => queryClient.setQueryData(key, roster))
  }, [room, queryClient])

  // Destroy on real unmount only: StrictMode's simulated unmount is followed by a remount at once.
  const [teardown] = useState(() => ({
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  }))
  useEffect(() => {
    clearTimeout(teardown.timer)
    return () => {
      teardown.timer = setTimeout(() => {
        if (!props.callsRoom) room.destroy()
      }, 0)
    }
  }, [room, teardown, props.callsRoom])

  const tree = <CallsContext.Provider value={room}>{props.children}</CallsContext.Provider>
  return contextClient === queryClient ? (
    tree
  ) : (
    <QueryClientProvider client={queryClient}>{tree}</QueryClientProvider>
  )
}
