'use client'
import {
  CallsProvider,
  useCallsRoom,
  useConnectionStats,
  useLocalMetadata,
  useParticipants,
  useParticipantVolume,
  useRoomMessages,
  VideoConference,
} from '@calls-kit/react'
import { type ReactNode, useState } from 'react'

const DEFAULT_ROOM = 'lobby'

/** `?room=…&name=…&pageSize=…` (tiles per grid page, default 9). */
function readQuery(): { room: string; name: string; pageSize: number } {
  if (typeof window === 'undefined') return { room: DEFAULT_ROOM, name: '', pageSize: 9 }
  const params = new URLSearchParams(window.location.search)
  return {
    room: params.get('room') || DEFAULT_ROOM,
    name: params.get('name') ?? '',
    pageSize: Number(params.get('pageSize')) || 9,
  }
}

/**
 * The sample: the drop-in `<VideoConference>` (pre-join preview with name and devices, then the call)
 * with a few app-specific controls built from the hooks — reactions (room messages), a raised hand
 * (participant metadata), a people list with Remove (moderation) and connection stats.
 */
export default function Page(): ReactNode {
  const [{ room, name, pageSize }] = useState(readQuery)
  return (
    <CallsProvider apiBase="/api/calls" room={room} user={{ name }}>
      <main>
        <h1>calls-kit sample · room “{room}”</h1>
        <VideoConference
          pageSize={pageSize}
          controls={
            <>
              <Reactions />
              <RaiseHand />
              <People />
              <Stats />
            </>
          }
        />
      </main>
    </CallsProvider>
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

/** Everyone in the room, with a volume slider and a Remove button (a moderator's action) for the others. */
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
            {!p.isLocal && <Volume sessionId={p.sessionId} name={p.name} />}
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

/** How loud one participant plays on this page (0–1). */
function Volume({ sessionId, name }: { sessionId: string; name: string }): ReactNode {
  const [volume, setVolume] = useParticipantVolume(sessionId)
  return (
    <input
      type="range"
      min={0}
      max={1}
      step={0.05}
      value={volume}
      aria-label={`Volume of ${name}`}
      onChange={(e) => setVolume(Number(e.target.value))}
    />
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
