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
}

/** Everyone in a room, ordered by `joinedAt`. */
export interface Roster {
  room: string
  participants: Participant[]
}

/** Body of a join/update: `PUT {apiBase}/rooms/:room/participants/:sessionId`. */
export interface ParticipantUpdate {
  name: string
  tracks: PublishedTrackInfo[]
}
