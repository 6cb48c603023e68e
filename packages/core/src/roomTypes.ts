/**
 * Room presence types shared by the browser ({@link RoomClient}) and the server
 * (`createCallsHandler`). Calls has no rooms: these are calls-kit's.
 * @module
 */

/** Where a published track comes from. */
export type TrackSource = 'camera' | 'microphone' | 'screen' | 'screen-audio'

/** A track a participant publishes, as listed in the roster. */
export interface PublishedTrackInfo {
  /** Name others pull it by, with the participant's `sessionId` (a `TrackLocator`). */
  trackName: string
  kind: 'audio' | 'video'
  /** `true` while the publisher sends silence/black (mute without renegotiation). */
  muted: boolean
  source?: TrackSource
  /**
   * Simulcast layers the publisher asked the browser to send, highest first (absent for one
   * layer). Subscribers choose one by the size they show it at (`chooseSimulcastLayer`).
   */
  layers?: SimulcastLayer[]
}

/** One simulcast layer of a published video track. */
export interface SimulcastLayer {
  /** Its RTP stream id (RFC 8851), e.g. `'h'`. */
  rid: string
  /** Its width (px) when published. */
  width: number
}

/** One participant of a room: one Calls session (one tab). */
export interface Participant {
  sessionId: string
  /** Display name, 1–64 characters. */
  name: string
  /** When the participant joined (ms since epoch, server clock). */
  joinedAt: number
  tracks: PublishedTrackInfo[]
  /** What the participant says about itself (a raised hand, a role, a status); absent when none. */
  metadata?: ParticipantMetadata
}

/**
 * A participant's own state that others see in the roster, e.g. `{handRaised: true}`: a JSON object
 * of at most 32 keys (1–64 characters each), 2 KiB serialized. Like LiveKit's participant attributes
 * or Daily's `userData`.
 */
export type ParticipantMetadata = Record<string, unknown>

/** Everyone in a room, ordered by `joinedAt`. */
export interface Roster {
  room: string
  participants: Participant[]
}

/** Body of a join/update: `PUT {apiBase}/rooms/:room/participants/:sessionId`. */
export interface ParticipantUpdate {
  name: string
  tracks: PublishedTrackInfo[]
  /** Replaces the participant's metadata; absent or `{}` clears it. */
  metadata?: ParticipantMetadata
}

/**
 * A message sent to a room through the app route (`POST {apiBase}/rooms/:room/messages`) and
 * delivered over the room's event stream (`event: message`): chat, reactions, app state — anything
 * JSON. The server stamps `id`, `from` (the sender's roster entry, so nobody can pose as someone
 * else) and `sentAt`.
 * @typeParam T - the shape of `data` the app agreed on for `topic`.
 */
export interface RoomMessage<T = unknown> {
  /** Unique per message (server-assigned UUID). */
  id: string
  room: string
  /** What the message is about, 1–64 characters of `A–Z a–z 0–9 . _ : -`, e.g. `'chat'`. */
  topic: string
  /** The sender as the roster shows it. */
  from: { sessionId: string; name: string }
  /** The sessionIds it was addressed to; absent when sent to everyone in the room. */
  to?: string[]
  /** The payload, as sent (JSON; at most 16 KiB serialized). */
  data: T
  /** When the server accepted it (ms since epoch, server clock). */
  sentAt: number
}

/** Body of `POST {apiBase}/rooms/:room/messages`. */
export interface RoomMessageRequest {
  topic: string
  data: unknown
  /** Send only to these sessionIds of the room (at most 64); everyone when absent. */
  to?: string[]
}
