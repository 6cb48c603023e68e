import type { ParticipantUpdate, RoomMessage, Roster } from '../roomTypes.js'

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
  /**
   * Delivers `message` to every {@link subscribeMessages} listener of `room` — on every instance of
   * the app, for a shared store (a pub/sub channel per room). Messages are not kept.
   */
  publish(room: string, message: RoomMessage, options?: { keep?: number }): Promise<void>
  /**
   * The messages kept by {@link publish} (`keep`: the newest that many per room, across topics),
   * oldest first; they go with the room when its last participant leaves.
   */
  history(room: string): Promise<RoomMessage[]>
  /** Calls `listener` with every message published to `room`; returns the unsubscribe. */
  subscribeMessages(room: string, listener: (message: RoomMessage) => void): () => void
}
