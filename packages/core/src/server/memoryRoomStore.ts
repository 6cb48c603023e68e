import type { Participant, ParticipantUpdate, RoomMessage, Roster } from '../roomTypes.js'
import type { RoomStore } from './roomStore.js'

/** Options of {@link MemoryRoomStore}. */
export interface MemoryRoomStoreOptions {
  /** A participant not seen (no join/update/heartbeat) for this long (ms) drops out. Defaults to `30000`. */
  heartbeatTimeoutMs?: number
  /** Clock (ms since epoch), for tests. Defaults to `Date.now`. */
  now?: () => number
}

/**
 * A {@link RoomStore} in this process's memory, with heartbeat expiry: a sweep every
 * `heartbeatTimeoutMs / 3` (a timer that does not keep Node alive) plus expiry on every read.
 */
export class MemoryRoomStore implements RoomStore {
  readonly #rooms = new Map<string, Map<string, { participant: Participant; seenAt: number }>>()
  readonly #listeners = new RoomListeners<Roster>()
  readonly #messageListeners = new RoomListeners<RoomMessage>()
  readonly #history = new Map<string, RoomMessage[]>()
  readonly #timeoutMs: number
  readonly #now: () => number
  #sweeper: ReturnType<typeof setInterval> | undefined

  constructor(options: MemoryRoomStoreOptions = {}) {
    this.#timeoutMs = options.heartbeatTimeoutMs ?? 30_000
    this.#now = options.now ?? Date.now
  }

  #ensureSweeper(): void {
    if (this.#sweeper) return
    this.#sweeper = setInterval(
      () => {
        for (const room of this.#rooms.keys()) this.#expire(room)
        if (this.#rooms.size === 0) {
          clearInterval(this.#sweeper)
          this.#sweeper = undefined
        }
      },
      Math.max(50, this.#timeoutMs / 3),
    )
    ;(this.#sweeper as { unref?: () => void }).unref?.()
  }

  #roster(room: string): Roster {
    const participants = [...(this.#rooms.get(room)?.values() ?? [])]
      .map((e) => e.participant)
      // Stable sort over insertion order: two joins within one ms stay in the order they came.
      .sort((a, b) => a.joinedAt - b.joinedAt)
    return { room, participants }
  }

  #notify(room: string): void {
    this.#listeners.emit(room, this.#roster(room))
  }

  /** The room is empty: it goes, with its messages. */
  #forget(room: string): void {
    this.#rooms.delete(room)
    this.#history.delete(room)
  }

  #expire(room: string): void {
    const members = this.#rooms.get(room)
    if (!members) return
    const deadline = this.#now() - this.#timeoutMs
    let changed = false
    for (const [sessionId, entry] of members) {
      if (entry.seenAt < deadline) {
        members.delete(sessionId)
        changed = true
      }
    }
    if (members.size === 0) this.#forget(room)
    if (changed) this.#notify(room)
  }

  async upsert(room: string, sessionId: string, update: ParticipantUpdate): Promise<Roster> {
    this.#expire(room)
    let members = this.#rooms.get(room)
    if (!members) {
      members = new Map()
      this.#rooms.set(room, members)
    }
    const now = this.#now()
    const existing = members.get(sessionId)
    const participant: Participant = {
      sessionId,
      name: update.name,
      joinedAt: existing?.participant.joinedAt ?? now,
      tracks: update.tracks,
      ...(update.metadata && Object.keys(update.metadata).length > 0
        ? { metadata: update.metadata }
        : {}),
    }
    const changed =
      !existing || JSON.stringify(existing.participant) !== JSON.stringify(participant)
    members.set(sessionId, {
      participant: changed ? participant : (existing?.participant ?? participant),
      seenAt: now,
    })
    this.#ensureSweeper()
    if (changed) this.#notify(room)
    return this.#roster(room)
  }

  async remove(room: string, sessionId: string): Promise<Roster> {
    const members = this.#rooms.get(room)
    if (members?.delete(sessionId)) {
      if (members.size === 0) this.#forget(room)
      this.#notify(room)
    }
    return this.#roster(room)
  }

  async get(room: string): Promise<Roster> {
    this.#expire(room)
    return this.#roster(room)
  }

  async roomsOf(sessionId: string): Promise<string[]> {
    const rooms: string[] = []
    for (const [room, members] of this.#rooms) {
      this.#expire(room)
      if (members.has(sessionId)) rooms.push(room)
    }
    return rooms
  }

  subscribe(room: string, listener: (roster: Roster) => void): () => void {
    return this.#listeners.add(room, listener)
  }

  async publish(
    room: string,
    message: RoomMessage,
    options: { keep?: number } = {},
  ): Promise<void> {
    if (options.keep && this.#rooms.has(room)) {
      const kept = [...(this.#history.get(room) ?? []), message]
      this.#history.set(room, kept.slice(-options.keep))
    }
    this.#messageListeners.emit(room, message)
  }

  async history(room: string): Promise<RoomMessage[]> {
    this.#expire(room)
    return [...(this.#history.get(room) ?? [])]
  }

  subscribeMessages(room: string, listener: (message: RoomMessage) => void): () => void {
    return this.#messageListeners.add(room, listener)
  }
}

/** Listeners by room; a room's set goes away with its last listener. */
class RoomListeners<T> {
  readonly #byRoom = new Map<string, Set<(value: T) => void>>()

  add(room: string, listener: (value: T) => void): () => void {
    let set = this.#byRoom.get(room)
    if (!set) {
      set = new Set()
      this.#byRoom.set(room, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.#byRoom.delete(room)
    }
  }

  emit(room: string, value: T): void {
    for (const listener of this.#byRoom.get(room) ?? []) {
      try {
        listener(value)
      } catch {
        // One listener's failure (a closed stream) must not stop the others.
      }
    }
  }
}
