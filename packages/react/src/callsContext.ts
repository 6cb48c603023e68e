'use client'
import type { CallsRoom } from '@calls-kit/core'
import { createContext, useContext } from 'react'

/** The {@link CallsRoom} of the nearest `<CallsProvider>`. @internal */
export const CallsContext = createContext<CallsRoom | null>(null)

/**
 * The {@link CallsRoom} of the nearest `<CallsProvider>`, or the one passed in.
 * @param room - an explicit room, which wins over context.
 * @throws Error `'No CallsSession set, use <CallsProvider> to set one'` outside a provider.
 */
export function useCallsRoom(room?: CallsRoom): CallsRoom {
  const context = useContext(CallsContext)
  const value = room ?? context
  if (!value) throw new Error('No CallsSession set, use <CallsProvider> to set one')
  return value
}

/** Like {@link useCallsRoom} but `null` outside a provider. */
export function useMaybeCallsRoom(): CallsRoom | null {
  return useContext(CallsContext)
}
