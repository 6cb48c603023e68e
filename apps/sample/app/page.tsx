'use client'
import {
  CallsProvider,
  ParticipantGrid,
  RoomAudio,
  VideoTile,
  useCallsSession,
  useLocalMedia,
  usePublishTrack,
} from '@calls-kit/react'
import { type FormEvent, type ReactNode, useState } from 'react'

const DEFAULT_ROOM = 'lobby'

function readQuery(): { room: string; name: string } {
  if (typeof window === 'undefined') return { room: DEFAULT_ROOM, name: '' }
  const params = new URLSearchParams(window.location.search)
  return { room: params.get('room') || DEFAULT_ROOM, name: params.get('name') ?? '' }
}

/** The sample: a name field, Join, then a grid of everyone in `?room=` with mute toggles and Leave. */
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

function Call({ name, onNameChange }: { name: string; onNameChange: (name: string) => void }): ReactNode {
  const { joinState, status, error, join, leave } = useCallsSession()
  const media = useLocalMedia()
  usePublishTrack(media.videoTrack, { source: 'camera', muted: !media.cameraEnabled })
  usePublishTrack(media.audioTrack, { source: 'microphone', muted: !media.micEnabled })
  const joined = joinState === 'joined'

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    join().catch(() => {})
  }

  return (
    <>
      {!joined ? (
        <form onSubmit={onSubmit}>
          <label>
            Name <input value={name} onChange={(e) => onNameChange(e.target.value)} autoComplete="name" />
          </label>
          <button type="submit" disabled={joinState === 'joining'}>
            Join
          </button>
        </form>
      ) : (
        <div className="controls">
          <button type="button" aria-pressed={media.cameraEnabled} onClick={() => media.setCameraEnabled(!media.cameraEnabled)}>
            {media.cameraEnabled ? 'Camera on' : 'Camera off'}
          </button>
          <button type="button" aria-pressed={media.micEnabled} onClick={() => media.setMicEnabled(!media.micEnabled)}>
            {media.micEnabled ? 'Mic on' : 'Mic off'}
          </button>
          <button type="button" className="leave" onClick={() => leave()}>
            Leave
          </button>
          <span data-status={status}>{status}</span>
        </div>
      )}
      {status === 'reconnecting' && <div className="banner">Reconnecting…</div>}
      {(error || media.error) && <p className="error">{(error ?? media.error)?.message}</p>}
      {joined ? (
        <>
          <ParticipantGrid localVideoTrack={media.videoTrack} localMuted={!media.micEnabled} />
          <RoomAudio />
        </>
      ) : (
        <div className="preview">
          <VideoTile track={media.videoTrack ?? undefined} name={name || 'Preview'} isLocal />
        </div>
      )}
    </>
  )
}
