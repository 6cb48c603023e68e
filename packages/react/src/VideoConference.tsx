'use client'
import { type HTMLAttributes, type ReactNode, useState } from 'react'
import { Chat } from './Chat.js'
import { ChatToggle } from './ChatToggle.js'
import { ControlBar } from './ControlBar.js'
import { ParticipantGrid } from './ParticipantGrid.js'
import { PreJoin } from './PreJoin.js'
import { RoomAudio } from './RoomAudio.js'
import { useCallsSession } from './useCallsSession.js'
import { useConnectionState } from './useConnectionState.js'
import { useLocalMedia } from './useLocalMedia.js'
import { usePublishTrack } from './usePublishTrack.js'
import { useScreenShare } from './useScreenShare.js'

/** Props of {@link VideoConference}: the container `<div>`'s props plus the call's options. */
export interface VideoConferenceProps extends HTMLAttributes<HTMLDivElement> {
  /** Tiles per grid page (`ParticipantGrid`'s `pageSize`). Defaults to `9`. */
  pageSize?: number
  /** What the camera button does: `'release'` (default, light off) or `'disable'` (instant back on). */
  cameraOff?: 'disable' | 'release'
  /** Publish the camera with simulcast (h/m/l), so small tiles cost little. Defaults to `true`. */
  simulcast?: boolean
  /** Offer the chat (a toggle and a panel beside the grid). Defaults to `true`. */
  chat?: boolean
  /** More controls, shown after the built-in ones (reactions, a raise-hand button…). */
  controls?: ReactNode
}

/**
 * The whole call in one component, inside a `<CallsProvider>`: `<PreJoin>` until joined, then the
 * control bar (mic, camera, screen share, devices, leave, chat toggle, your `controls`, the
 * connection state in `[data-connection-state]`), a `role="status"` "Reconnecting…" banner while
 * the transport recovers, the participant grid (pages, pin, screen shares pinned on arrival), the
 * chat panel, and every remote voice through `<RoomAudio>` (with its autoplay unlock). It opens the
 * camera and mic on mount (`useLocalMedia`) and publishes them (`usePublishTrack`). Styling hooks:
 * `[data-calls-kit-conference]`, `[data-calls-kit-conference-controls]`, `[data-calls-kit-banner]`,
 * `[data-calls-kit-stage]` (grid area and chat side by side), `[data-calls-kit-grid-area]` (the grid
 * and its page buttons), and those of the components inside.
 * @example
 * <CallsProvider room="lobby" user={{ name: 'Ada' }}>
 *   <VideoConference />
 * </CallsProvider>
 */
export function VideoConference({
  pageSize = 9,
  cameraOff = 'release',
  simulcast = true,
  chat = true,
  controls,
  ...divProps
}: VideoConferenceProps): ReactNode {
  const { joinState, error } = useCallsSession()
  const connection = useConnectionState()
  const media = useLocalMedia()
  const screen = useScreenShare()
  usePublishTrack(media.videoTrack, { source: 'camera', muted: !media.cameraEnabled, simulcast })
  usePublishTrack(media.audioTrack, { source: 'microphone', muted: !media.micEnabled })
  const [chatOpen, setChatOpen] = useState(false)

  if (joinState !== 'joined')
    return (
      <div data-calls-kit-conference="" {...divProps}>
        <PreJoin media={media} />
      </div>
    )
  return (
    <div data-calls-kit-conference="" {...divProps}>
      <div data-calls-kit-conference-controls="">
        <ControlBar media={media} screenShare={screen} cameraOff={cameraOff} />
        {chat && <ChatToggle open={chatOpen} onToggle={() => setChatOpen(!chatOpen)} />}
        {controls}
        <span data-connection-state={connection}>{connection}</span>
      </div>
      {connection === 'reconnecting' && (
        <div role="status" data-calls-kit-banner="">
          Reconnecting…
        </div>
      )}
      {error && (
        <p role="alert" data-calls-kit-error="">
          {error.message}
        </p>
      )}
      <div data-calls-kit-stage="">
        <div data-calls-kit-grid-area="">
          <ParticipantGrid
            localVideoTrack={media.videoTrack}
            localMuted={!media.micEnabled}
            localScreenTrack={screen.videoTrack}
            pageSize={pageSize}
          />
        </div>
        {chat && chatOpen && <Chat />}
      </div>
      <RoomAudio />
    </div>
  )
}
