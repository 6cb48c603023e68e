'use client'
import {
  CallsProvider,
  Chat,
  ControlBar,
  DeviceMenus,
  ParticipantGrid,
  RoomAudio,
  useAudioLevel,
  useCallsRoom,
  useCallsSession,
  useChat,
  useConnectionState,
  useConnectionStats,
  useLocalMedia,
  useLocalMetadata,
  useParticipants,
  usePublishTrack,
  useRoomMessages,
  useScreenShare,
  VideoTile,
} from '@calls-kit/react'
import { type FormEvent, type ReactNode, useEffect, useState } from 'react'

const DEFAULT_ROOM = 'lobby'

function readQuery(): { room: string; name: string } {
  if (typeof window === 'undefined') return { room: DEFAULT_ROOM, name: '' }
  const params = new URLSearchParams(window.location.search)
  return { room: params.get('room') || DEFAULT_ROOM, name: params.get('name') ?? '' }
}

/** The sample: a pre-join preview with name and devices, then a call grid with controls. */
export default function Page(): ReactNode {
  const [{ room, name: initialName }] = useState(readQuery)
  const [name, setName] = useState(initialName)
  return (
    <CallsProvider apiBase="/api/calls" room={room} user={{ name: name.trim() || 'Guest' }}>
      <main>
        <h1>calls-kit sample · room “{room}”</h1>
        <Call name={name} onNameChange={setName} />
      </main>
    </CallsProvider>
  )
}

function Call({
  name,
  onNameChange,
}: {
  name: string
  onNameChange: (name: string) => void
}): ReactNode {
  const { joinState, error, join } = useCallsSession()
  const connection = useConnectionState()
  const media = useLocalMedia()
  const screen = useScreenShare()
  usePublishTrack(media.videoTrack, {
    source: 'camera',
    muted: !media.cameraEnabled,
    simulcast: true,
  })
  usePublishTrack(media.audioTrack, { source: 'microphone', muted: !media.micEnabled })
  const joined = joinState === 'joined'
  const [chatOpen, setChatOpen] = useState(false)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    join().catch(() => {})
  }

  if (!joined) {
    return (
      <>
        <form onSubmit={onSubmit}>
          <label>
            Name{' '}
            <input
              value={name}
              onChange={(e) => onNameChange(e.target.value)}
              autoComplete="name"
            />
          </label>
          <DeviceMenus media={media} />
          <button type="submit" disabled={joinState === 'joining'}>
            Join
          </button>
        </form>
        {(error || media.error) && <p className="error">{(error ?? media.error)?.message}</p>}
        <div className="preview">
          <VideoTile
            track={media.videoTrack ?? undefined}
            name={name || 'Preview'}
            isLocal
            muted={!media.micEnabled}
          />
          <MicLevel track={media.audioTrack} />
        </div>
      </>
    )
  }
  return (
    <>
      <div className="controls">
        <ControlBar media={media} screenShare={screen} cameraOff="release" />
        <ChatToggle open={chatOpen} onToggle={() => setChatOpen(!chatOpen)} />
        <Reactions />
        <RaiseHand />
        <People />
        <Stats />
        <span data-connection-state={connection}>{connection}</span>
      </div>
      {connection === 'reconnecting' && (
        <div className="banner" role="status">
          Reconnecting…
        </div>
      )}
      {error && <p className="error">{error.message}</p>}
      <div className="call">
        <div className="stage">
          <ParticipantGrid
            localVideoTrack={media.videoTrack}
            localMuted={!media.micEnabled}
            localScreenTrack={screen.videoTrack}
            pageSize={9}
          />
        </div>
        {chatOpen && <Chat />}
      </div>
      <RoomAudio />
    </>
  )
}

/** Opens and closes the chat panel; shows how many messages came in while it was closed. */
function ChatToggle({ open, onToggle }: { open: boolean; onToggle: () => void }): ReactNode {
  const { messages } = useChat()
  const [seen, setSeen] = useState(0)
  useEffect(() => {
    if (open) setSeen(messages.length)
  }, [open, messages.length])
  const unread = open ? 0 : messages.length - seen
  return (
    <button type="button" aria-pressed={open} onClick={onToggle} data-unread={unread}>
      Chat{unread > 0 ? ` (${unread})` : ''}
    </button>
  )
}

const REACTIONS = ['👍', '🎉', '👏', '❤️'] as const
type Reaction = (typeof REACTIONS)[number]

/** Emoji reactions over room messages (topic `reaction`): each shows for 4 s on every page. */
function Reactions(): ReactNode {
  const [shown, setShown] = useState<Array<{ id: string; who: string; emoji: Reaction }>>([])
  const show = (id: string, who: string, emoji: unknown) => {
    // Other clients may send anything on this topic: only the known emojis are shown.
    if (!REACTIONS.includes(emoji as Reaction)) return
    setShown((list) => [...list, { id, who, emoji: emoji as Reaction }])
    setTimeout(() => setShown((list) => list.filter((r) => r.id !== id)), 4000)
  }
  const { send } = useRoomMessages<Reaction>('reaction', (m) => show(m.id, m.from.name, m.data))
  return (
    <span className="reactions">
      {REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={`React ${emoji}`}
          onClick={() =>
            send(emoji).then(
              (m) => show(m.id, 'You', m.data),
              () => {},
            )
          }
        >
          {emoji}
        </button>
      ))}
      <span role="log" aria-label="Reactions">
        {shown.map((r) => (
          <span key={r.id} data-reaction={r.emoji}>
            {r.who} {r.emoji}
          </span>
        ))}
      </span>
    </span>
  )
}

/**
 * Raise/lower a hand: participant metadata (`{handRaised}`) in the roster, so people who join later
 * see it too — unlike a reaction, which is a one-off room message.
 */
function RaiseHand(): ReactNode {
  const [metadata, setMetadata] = useLocalMetadata()
  const raised = metadata.handRaised === true
  const hands = useParticipants().filter((p) => p.metadata?.handRaised === true)
  return (
    <>
      <button
        type="button"
        aria-pressed={raised}
        onClick={() => setMetadata({ ...metadata, handRaised: !raised })}
      >
        {raised ? 'Lower hand' : 'Raise hand'}
      </button>
      {hands.length > 0 && (
        <span role="status" aria-label="Raised hands">
          ✋ {hands.map((p) => (p.isLocal ? 'You' : p.name)).join(', ')}
        </span>
      )}
    </>
  )
}

/** Everyone in the room, with a Remove button for the others (a moderator's action). */
function People(): ReactNode {
  const room = useCallsRoom()
  const participants = useParticipants()
  const [error, setError] = useState<string>()
  return (
    <details className="people">
      <summary>People ({participants.length})</summary>
      <ul>
        {participants.map((p) => (
          <li key={p.sessionId}>
            {p.isLocal ? `${p.name} (you)` : p.name}
            {!p.isLocal && (
              <button
                type="button"
                aria-label={`Remove ${p.name}`}
                onClick={() =>
                  room.removeParticipant(p.sessionId).then(
                    () => setError(undefined),
                    (e: Error) => setError(e.message),
                  )
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
    </details>
  )
}

/** A mic check before joining: the level of the chosen microphone, 0–1 (RMS, every 100 ms). */
function MicLevel({ track }: { track: MediaStreamTrack | null }): ReactNode {
  const level = useAudioLevel(track)
  return (
    <label className="mic-level">
      Mic <meter min={0} max={0.3} value={level} aria-label="Microphone level" />
    </label>
  )
}

function Stats(): ReactNode {
  const stats = useConnectionStats()
  if (!stats) return null
  return (
    <span data-quality={stats.quality} title="send / receive bitrate, packet loss, round-trip time">
      ↑{stats.sendKbps.toFixed(0)} ↓{stats.receiveKbps.toFixed(0)} kbps · loss ↑
      {stats.sendPacketLossPercent.toFixed(1)}% ↓{stats.packetLossPercent.toFixed(1)}% ·{' '}
      {stats.rttMs === undefined ? '–' : `${stats.rttMs.toFixed(0)} ms`}
    </span>
  )
}
