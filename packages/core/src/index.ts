/**
 * `@calls-kit/core` — the browser side of calls-kit: a typed Cloudflare Calls API client, the
 * negotiation engine (`CallsSession`) and the room client. Framework-free; server code lives in
 * `@calls-kit/core/server`.
 * @module
 */
export { createAudioLevelMeter } from './audioLevelMeter'
export type { AudioLevelMeter, AudioLevelMeterOptions } from './audioLevelMeter'
export { CallsApiClient } from './callsApiClient'
export type { CallsApiClientOptions, NewSessionResult } from './callsApiClient'
export { CallsRoom } from './callsRoom'
export type { CallsRoomOptions, CallsRoomState, LocalTrackState, PublishOptions, RemoteTrackState } from './callsRoom'
export { CallsSession } from './callsSession'
export type {
  CallsSessionEvents,
  CallsSessionOptions,
  CallsSessionState,
  CallsSessionStatus,
  PullOptions,
  PushOptions,
} from './callsSession'
export { computeConnectionStats, sampleStats } from './connectionStats'
export type { ConnectionStats, StatsSample } from './connectionStats'
export { DevicePreferences, chooseDevice } from './devicePreferences'
export type { DeviceLike, StorageLike } from './devicePreferences'
export {
  CallsApiError,
  CallsError,
  InvalidStateError,
  isCallsApiError,
  isCallsError,
  isInvalidStateError,
} from './errors'
export { RoomClient } from './roomClient'
export type { RoomClientOptions } from './roomClient'
export type { Participant, ParticipantUpdate, PublishedTrackInfo, Roster, TrackSource } from './roomTypes'
export type { ReadonlyStore } from './stateStore'
export { trackKey } from './trackLocator'
export type { TrackLocator } from './trackLocator'
// Types
export type * from './api/types'
