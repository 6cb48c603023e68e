/**
 * `@calls-kit/core` — the browser side of calls-kit: a typed Cloudflare Calls API client, the
 * negotiation engine (`CallsSession`) and the room client. Framework-free; server code lives in
 * `@calls-kit/core/server`.
 * @module
 */

export type { ActiveSpeakersOptions, ActiveSpeakersState } from './activeSpeakers.js'
export { ActiveSpeakers } from './activeSpeakers.js'
// Types
export type * from './api/types.js'
export type { AudioLevelMeter, AudioLevelMeterOptions } from './audioLevelMeter.js'
export { createAudioLevelMeter } from './audioLevelMeter.js'
export type { CallsApiClientOptions, NewSessionResult } from './callsApiClient.js'
export { CallsApiClient } from './callsApiClient.js'
export type {
  CallsRoomOptions,
  CallsRoomState,
  LocalTrackState,
  PublishOptions,
  RemoteTrackState,
} from './callsRoom.js'
export { CallsRoom } from './callsRoom.js'
export type {
  CallsSessionEvents,
  CallsSessionOptions,
  CallsSessionState,
  CallsSessionStatus,
  PullOptions,
  PushOptions,
} from './callsSession.js'
export { CallsSession } from './callsSession.js'
export type { ConnectionStats, StatsSample } from './connectionStats.js'
export { computeConnectionStats, sampleStats } from './connectionStats.js'
export type { DeviceLike, StorageLike } from './devicePreferences.js'
export { chooseDevice, DevicePreferences } from './devicePreferences.js'
export {
  CallsApiError,
  CallsError,
  InvalidStateError,
  isCallsApiError,
  isCallsError,
  isInvalidStateError,
} from './errors.js'
export type { ChatMessage, ChatRoom, RoomChatState } from './roomChat.js'
export { CHAT_TOPIC, MAX_CHAT_TEXT_LENGTH, RoomChat } from './roomChat.js'
export type { RoomClientOptions, RoomSubscription } from './roomClient.js'
export { RoomClient } from './roomClient.js'
export type {
  Participant,
  ParticipantMetadata,
  ParticipantUpdate,
  PublishedTrackInfo,
  RoomMessage,
  RoomMessageRequest,
  Roster,
  SimulcastLayer,
  TrackSource,
} from './roomTypes.js'
export { chooseSimulcastLayer, SIMULCAST_ENCODINGS, simulcastLayers } from './simulcast.js'
export type { ReadonlyStore } from './stateStore.js'
export type { TrackLocator } from './trackLocator.js'
export { trackKey } from './trackLocator.js'
