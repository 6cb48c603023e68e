/**
 * `@calls-kit/react` — React hooks and components for video calls on Cloudflare Calls (or the
 * local SFU), on top of `@calls-kit/core`.
 * @module
 */
export { AudioTrack } from './AudioTrack'
export type { AudioTrackProps } from './AudioTrack'
export { CallsProvider } from './CallsProvider'
export type { CallsProviderProps } from './CallsProvider'
export { useCallsRoom, useMaybeCallsRoom } from './callsContext'
export { ParticipantGrid } from './ParticipantGrid'
export type { ParticipantGridProps } from './ParticipantGrid'
export { ParticipantTile } from './ParticipantTile'
export type { ParticipantTileProps } from './ParticipantTile'
export { RoomAudio } from './RoomAudio'
export type { RoomAudioProps } from './RoomAudio'
export { useCallsSession } from './useCallsSession'
export type { UseCallsSessionResult } from './useCallsSession'
export { useCallsStore } from './useCallsStore'
export { useLocalMedia } from './useLocalMedia'
export type { UseLocalMediaOptions, UseLocalMediaResult } from './useLocalMedia'
export { useParticipant, useParticipants, useRemoteParticipantIds } from './useParticipants'
export type { ParticipantWithLocal } from './useParticipants'
export { usePublishTrack } from './usePublishTrack'
export type { UsePublishTrackOptions, UsePublishTrackResult } from './usePublishTrack'
export { useRemoteTrack } from './useRemoteTrack'
export type { UseRemoteTrackResult } from './useRemoteTrack'
export { VideoTile } from './VideoTile'
export type { VideoTileProps } from './VideoTile'
// Types of core that the hooks mention
export type {
  CallsRoomState,
  CallsSessionStatus,
  Participant,
  PublishedTrackInfo,
  Roster,
  TrackLocator,
  TrackSource,
} from '@calls-kit/core'
