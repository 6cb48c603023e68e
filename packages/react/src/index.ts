/**
 * `@calls-kit/react` — React hooks and components for video calls on Cloudflare Calls (or the
 * local SFU), on top of `@calls-kit/core`.
 * @module
 */

// Types of core that the hooks mention
export type {
  CallsRoomState,
  CallsSessionStatus,
  ConnectionStats,
  Participant,
  PublishedTrackInfo,
  Roster,
  TrackLocator,
  TrackSource,
} from '@calls-kit/core'
export type { AudioTrackProps } from './AudioTrack'
export { AudioTrack } from './AudioTrack'
export type { CallsProviderProps } from './CallsProvider'
export { CallsProvider } from './CallsProvider'
export type { ControlBarProps } from './ControlBar'
export { ControlBar } from './ControlBar'
export { useCallsRoom, useMaybeCallsRoom } from './callsContext'
export type { DeviceSelectProps } from './DeviceSelect'
export { DeviceSelect } from './DeviceSelect'
export type { ParticipantGridProps } from './ParticipantGrid'
export { ParticipantGrid } from './ParticipantGrid'
export type { ParticipantTileProps } from './ParticipantTile'
export { ParticipantTile } from './ParticipantTile'
export type { RoomAudioProps } from './RoomAudio'
export { RoomAudio } from './RoomAudio'
export type { UseIsSpeakingOptions } from './useAudioLevel'
export { useAudioLevel, useIsSpeaking } from './useAudioLevel'
export type { UseCallsSessionResult } from './useCallsSession'
export { useCallsSession } from './useCallsSession'
export { useCallsStore } from './useCallsStore'
export { useConnectionQuality } from './useConnectionQuality'
export type { ConnectionState } from './useConnectionState'
export { useConnectionState, useConnectionStats } from './useConnectionState'
export { useDevices } from './useDevices'
export type { UseLocalMediaOptions, UseLocalMediaResult } from './useLocalMedia'
export { useLocalMedia } from './useLocalMedia'
export type { ParticipantWithLocal } from './useParticipants'
export {
  useParticipant,
  useParticipants,
  useRemoteParticipantIds,
  useRemoteScreenShareIds,
} from './useParticipants'
export type { UsePublishTrackOptions, UsePublishTrackResult } from './usePublishTrack'
export { usePublishTrack } from './usePublishTrack'
export type { UseRemoteTrackResult } from './useRemoteTrack'
export { useRemoteTrack } from './useRemoteTrack'
export type { UseScreenShareOptions, UseScreenShareResult } from './useScreenShare'
export { useScreenShare } from './useScreenShare'
export type { VideoTileProps } from './VideoTile'
export { VideoTile } from './VideoTile'
