import type { ParticipantUpdate, Roster } from '../roomTypes.js'

/**
 * Where `createCallsHandler` keeps rooms. Async so that a shared store (Redis, a Durable Object,
 * a database) can implement it when the app runs on several instances; {@link MemoryRoomStore}
 * is the single-process default.
 */
export interface RoomStore {
  /** Adds or updates `sessionId` in `room` and marks it seen now (a heartbeat). Returns the roster. */
  upsert(room: string, sessionId: string, update: ParticipantUpdate): Promise<Roster>
  /** Removes `sessionId` from `room`. Returns the roster. */
  remove(room: string, sessionId: string): Promise<Roster>
  /** The roster of `room` (empty when nobody is in it). */
  get(room: string): Promise<Roster>
  /** Rooms `sessionId` is in. */
  roomsOf(sessionId: string): Promise<string[]>
  /** Calls `listener` with the new roster after every change of `room`; returns the unsubscribe. */
  subscribe(room: string, listener: (roster: Roster) => void): () => void
}
