'use client'
import type { Participant, Roster } from '@calls-kit/core'
import { useQuery } from '@tanstack/react-query'
import { useCallsRoom } from './callsContext.js'
import { rosterQueryKey } from './rosterQuery.js'
import { useCallsStore } from './useCallsStore.js'

/** A roster participant, flagged when it is this tab. */
export type ParticipantWithLocal = Participant & { isLocal: boolean }

function useRoster<T>(select: (roster: Roster, localId: string | undefined) => T, fallback: T): T {
  const room = useCallsRoom()
  const { roomName, joined, localId } = useCallsStore((s) => ({
    roomName: s.room,
    joined: s.joinState === 'joined',
    localId: s.session.sessionId,
  }))
  const query = useQuery({
    queryKey: rosterQueryKey(roomName),
    queryFn: () => room.rooms.getRoster(roomName),
    enabled: joined,
    // The server's event stream keeps the data fresh.
    staleTime: Number.POSITIVE_INFINITY,
    // Drop our own pre-recovery sessions, which the roster may list until their leave lands.
    select: (roster: Roster) =>
      select(
        {
          ...roster,
          participants: roster.participants.filter(
            (p) => p.sessionId === localId || !room.session.isOwnSessionId(p.sessionId),
          ),
        },
        localId,
      ),
  })
  return joined && query.data !== undefined ? query.data : fallback
}

const EMPTY: never[] = []

/**
 * Everyone in the room (this tab included, `isLocal: true`), ordered by join time, live: joins,
 * leaves, mutes and published tracks show within a second. Empty until joined. Unchanged
 * participants keep their object identity (React Query structural sharing).
 * @example
 * const participants = useParticipants()
 */
export function useParticipants(): ParticipantWithLocal[] {
  return useRoster(
    (r, localId) => r.participants.map((p) => ({ ...p, isLocal: p.sessionId === localId })),
    EMPTY,
  )
}

/**
 * Session ids of the room's participants except this tab, in join order: what a grid maps over
 * (it re-renders on join/leave only, not on a mute).
 */
export function useRemoteParticipantIds(): string[] {
  return useRoster(
    (r, localId) => r.participants.filter((p) => p.sessionId !== localId).map((p) => p.sessionId),
    EMPTY,
  )
}

/** One participant by session id, re-rendering only when that participant changes; `undefined` when absent. */
export function useParticipant(sessionId: string): Participant | undefined {
  return useRoster((r) => r.participants.find((p) => p.sessionId === sessionId), undefined)
}

/** Session ids of remote participants who share their screen (a `source: 'screen'` video track). */
export function useRemoteScreenShareIds(): string[] {
  return useRoster(
    (r, localId) =>
      r.participants
        .filter(
          (p) =>
            p.sessionId !== localId &&
            p.tracks.some((t) => t.source === 'screen' && t.kind === 'video'),
        )
        .map((p) => p.sessionId),
    EMPTY,
  )
}

/**
 * The unmuted microphones of the other participants, as one string of `sessionId\ntrackName`
 * entries joined by tabs (a string, so the caller re-renders only when the set changes, not on
 * every roster event). @internal — for `useActiveSpeakers`.
 */
export function useRemoteMicsKey(): string {
  return useRoster(
    (r, localId) =>
      r.participants
        .flatMap((p) => {
          const mic = p.tracks.find((t) => t.kind === 'audio' && t.source !== 'screen-audio')
          return p.sessionId !== localId && mic && !mic.muted
            ? [`${p.sessionId}\n${mic.trackName}`]
            : []
        })
        .join('\t'),
    '',
  )
}
