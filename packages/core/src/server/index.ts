/**
 * `@calls-kit/core/server` — server-only: the app's API route for calls (`createCallsHandler`)
 * and its room store. Never import this from browser code: it holds the app secret.
 * @module
 */

export { CallsApiError } from '../errors.js'
export type {
  Participant,
  ParticipantMetadata,
  ParticipantUpdate,
  PublishedTrackInfo,
  RoomMessage,
  RoomMessageRequest,
  Roster,
  TrackSource,
} from '../roomTypes.js'
export type { CallsAccess, CallsGrant, CallsHandlerOptions } from './createCallsHandler.js'
export {
  CLOUDFLARE_CALLS_API_BASE,
  createCallsHandler,
  LOCAL_SFU_DEFAULTS,
} from './createCallsHandler.js'
export type { MemoryRoomStoreOptions } from './memoryRoomStore.js'
export { MemoryRoomStore } from './memoryRoomStore.js'
export type { MessageRateLimitOptions } from './messageRateLimit.js'
export type { RoomStore } from './roomStore.js'
