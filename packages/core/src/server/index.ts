/**
 * `@calls-kit/core/server` — server-only: the app's API route for calls (`createCallsHandler`)
 * and its room store. Never import this from browser code: it holds the app secret.
 * @module
 */
export { CLOUDFLARE_CALLS_API_BASE, LOCAL_SFU_DEFAULTS, createCallsHandler } from './createCallsHandler'
export type { CallsHandlerOptions } from './createCallsHandler'
export { MemoryRoomStore } from './memoryRoomStore'
export type { MemoryRoomStoreOptions } from './memoryRoomStore'
export type { RoomStore } from './roomStore'
export type { Participant, ParticipantUpdate, PublishedTrackInfo, Roster, TrackSource } from '../roomTypes'
