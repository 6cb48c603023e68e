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
export { ControlBar } from './ControlBar'
export type { ControlBarProps } from './ControlBar'
export { DeviceSelect } from './DeviceSelect'
export type { DeviceSelectProps } from './DeviceSelect'
export { ParticipantGrid } from './ParticipantGrid'
export type { ParticipantGridProps } from './ParticipantGrid'
export { ParticipantTile } from './ParticipantTile'
export type { ParticipantTileProps } from './ParticipantTile'
export { RoomAudio } from './RoomAudio'
export type { RoomAudioProps } from './RoomAudio'
export { useAudioLevel, useIsSpeaking } from './useAudioLevel'
export type { UseIsSpeakingOptions } from './useAudioLevel'
export { useCallsSession } from './useCallsSession'
export type { UseCallsSessionResult } from './useCallsSession'
export { useCallsStore } from './useCallsStore'
export { useConnectionState, useConnectionStats } from './useConnectionState'
export type { ConnectionState } from './useConnectionState'
export { useDevices } from './useDevices'
export { useLocalMedia } from './useLocalMedia'
export type { UseLocalMediaOptions, UseLocalMediaResult } from './useLocalMedia'
export { useParticipant, useParticipants, useRemoteParticipantIds, useRemoteScreenShareIds } from './useParticipants'
export type { ParticipantWithLocal } from './useParticipants'
export { usePublishTrack } from './usePublishTrack'
export type { UsePublishTrackOptions, UsePublishTrackResult } from './usePublishTrack'
export { useRemoteTrack } from './useRemoteTrack'
export { useScreenShare } from './useScreenShare'
export type { UseScreenShareOptions, UseScreenShareResult } from './useScreenShare'
export type { UseRemoteTrackResult } from './useRemoteTrack'
export { VideoTile } from './VideoTile'
export type { VideoTileProps } from './VideoTile'
// Types of core that the hooks mention
export type {
  CallsRoomState,
  ConnectionStats,
  CallsSessionStatus,
  Participant,
  PublishedTrackInfo,
  Roster,
  TrackLocator,
  TrackSource,
} from '@calls-kit/core'
