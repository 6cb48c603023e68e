/**
 * `@calls-kit/react` — React hooks and components for video calls on Cloudflare Calls (or the
 * local SFU), on top of `@calls-kit/core`.
 * @module
 */

// Types of core that the hooks mention
export type {
  CallsRoomState,
  CallsSessionStatus,
  ChatMessage,
  ConnectionStats,
  Participant,
  ParticipantMetadata,
  PublishedTrackInfo,
  RoomMessage,
  Roster,
  SimulcastLayer,
  TrackLocator,
  TrackSource,
} from '@calls-kit/core'
export type { AudioTrackProps } from './AudioTrack.js'
export { AudioTrack } from './AudioTrack.js'
export type { CallsProviderProps } from './CallsProvider.js'
export { CallsProvider } from './CallsProvider.js'
export type { ChatProps } from './Chat.js'
export { Chat } from './Chat.js'
export type { ChatToggleProps } from './ChatToggle.js'
export { ChatToggle } from './ChatToggle.js'
export type { ControlBarProps } from './ControlBar.js'
export { ControlBar } from './ControlBar.js'
export { useCallsRoom, useMaybeCallsRoom } from './callsContext.js'
export type { DeviceMenusProps } from './DeviceMenus.js'
export { DeviceMenus } from './DeviceMenus.js'
export type { DeviceSelectProps } from './DeviceSelect.js'
export { DeviceSelect } from './DeviceSelect.js'
export type { ParticipantGridProps } from './ParticipantGrid.js'
export { ParticipantGrid } from './ParticipantGrid.js'
export type { ParticipantTileProps } from './ParticipantTile.js'
export { ParticipantTile } from './ParticipantTile.js'
export type { PreJoinProps } from './PreJoin.js'
export { PreJoin } from './PreJoin.js'
export type { RoomAudioProps } from './RoomAudio.js'
export { RoomAudio } from './RoomAudio.js'
export { useAdaptiveLayer } from './useAdaptiveLayer.js'
export type { UseIsSpeakingOptions } from './useAudioLevel.js'
export { useAudioLevel, useIsSpeaking } from './useAudioLevel.js'
export type { UseAudioOutputResult } from './useAudioOutput.js'
export { canSelectAudioOutput, useAudioOutput } from './useAudioOutput.js'
export type { UseCallsSessionResult } from './useCallsSession.js'
export { useCallsSession } from './useCallsSession.js'
export { useCallsStore } from './useCallsStore.js'
export type { UseChatResult } from './useChat.js'
export { useChat } from './useChat.js'
export { useConnectionQuality } from './useConnectionQuality.js'
export type { ConnectionState } from './useConnectionState.js'
export { useConnectionState, useConnectionStats } from './useConnectionState.js'
export { useDevices } from './useDevices.js'
export type { UseLocalMediaOptions, UseLocalMediaResult } from './useLocalMedia.js'
export { useLocalMedia } from './useLocalMedia.js'
export { useLocalMetadata } from './useLocalMetadata.js'
export type { ParticipantWithLocal } from './useParticipants.js'
export {
  useParticipant,
  useParticipants,
  useRemoteParticipantIds,
  useRemoteScreenShareIds,
} from './useParticipants.js'
export { useParticipantVolume } from './useParticipantVolume.js'
export type { UsePublishTrackOptions, UsePublishTrackResult } from './usePublishTrack.js'
export { usePublishTrack } from './usePublishTrack.js'
export type { UseRemoteTrackResult } from './useRemoteTrack.js'
export { useRemoteTrack } from './useRemoteTrack.js'
export type { UseRoomMessagesResult } from './useRoomMessages.js'
export { useRoomMessages } from './useRoomMessages.js'
export type { UseScreenShareOptions, UseScreenShareResult } from './useScreenShare.js'
export { useScreenShare } from './useScreenShare.js'
export type { VideoConferenceProps } from './VideoConference.js'
export { VideoConference } from './VideoConference.js'
export type { VideoTileProps } from './VideoTile.js'
export { VideoTile } from './VideoTile.js'
