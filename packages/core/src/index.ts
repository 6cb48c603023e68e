/**
 * `@calls-kit/core` — the browser side of calls-kit: a typed Cloudflare Calls API client, the
 * negotiation engine (`CallsSession`) and the room client. Framework-free; server code lives in
 * `@calls-kit/core/server`.
 * @module
 */

// Types
export type * from './api/types'
export type { AudioLevelMeter, AudioLevelMeterOptions } from './audioLevelMeter'
export { createAudioLevelMeter } from './audioLevelMeter'
export type { CallsApiClientOptions, NewSessionResult } from './callsApiClient'
export { CallsApiClient } from './callsApiClient'
export type {
  CallsRoomOptions,
  CallsRoomState,
  LocalTrackState,
  PublishOptions,
  RemoteTrackState,
} from './callsRoom'
export { CallsRoom } from './callsRoom'
export type {
  CallsSessionEvents,
  CallsSessionOptions,
  CallsSessionState,
  CallsSessionStatus,
  PullOptions,
  PushOptions,
} from './callsSession'
export { CallsSession } from './callsSession'
export type { ConnectionStats, StatsSample } from './connectionStats'
export { computeConnectionStats, sampleStats } from './connectionStats'
export type { DeviceLike, StorageLike } from './devicePreferences'
export { chooseDevice, DevicePreferences } from './devicePreferences'
export {
  CallsApiError,
  CallsError,
  InvalidStateError,
  isCallsApiError,
  isCallsError,
  isInvalidStateError,
} from './errors'
export type { RoomClientOptions } from './roomClient'
export { RoomClient } from './roomClient'
export type {
  Participant,
  ParticipantUpdate,
  PublishedTrackInfo,
  Roster,
  TrackSource,
} from './roomTypes'
export type { ReadonlyStore } from './stateStore'
export type { TrackLocator } from './trackLocator'
export { trackKey } from './trackLocator'
