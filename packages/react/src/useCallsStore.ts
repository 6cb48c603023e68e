'use client'
import type { CallsRoom, CallsRoomState } from '@calls-kit/core'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { useCallsRoom } from './callsContext.js'

/**
 * Selects a slice of the provider's {@link CallsRoomState} with zustand's `useStore` (over
 * `useSyncExternalStore`): the component re-renders only when the slice changes (shallow compare,
 * so selecting an object of fields is fine).
 * @param selector - `(state) => slice`; keep it pure.
 * @param room - an explicit room instead of context.
 */
export function useCallsStore<T>(selector: (state: CallsRoomState) => T, room?: CallsRoom): T {
  return useStore(useCallsRoom(room), useShallow(selector))
}
