import { afterEach, describe, expect, it, vi } from 'vitest'
import { ActiveSpeakers } from '../activeSpeakers.js'

const mic = (id: string) => ({ id, kind: 'audio' }) as unknown as MediaStreamTrack

afterEach(() => {
  vi.useRealTimers()
})

describe('ActiveSpeakers', () => {
  it('should list who speaks, newest speaker first, hold them through short pauses, and change only when the list does', () => {
    let now = 0
    const levels = new Map<string, number>()
    const closed: string[] = []
    const speakers = new ActiveSpeakers({
      now: () => now,
      holdMs: 600,
      createMeter: (track) => ({
        read: () => levels.get(track.id) ?? 0,
        close: () => void closed.push(track.id),
      }),
    })
    const changes: Array<readonly string[]> = []
    speakers.subscribe((s) => changes.push(s.speakers))
    speakers.setTrack('ada', mic('ada-mic'))
    speakers.setTrack('bo', mic('bo-mic'))
    speakers.start()
    const tick = (ms: number) => {
      now += ms
      speakers.sample()
    }
    tick(100)
    expect(speakers.getState().speakers).toEqual([])
    levels.set('ada-mic', 0.1)
    tick(100)
    tick(100)
    expect(speakers.getState().speakers).toEqual(['ada'])
    levels.set('bo-mic', 0.2) // Bo starts later: first in the list
    tick(100)
    expect(speakers.getState().speakers).toEqual(['bo', 'ada'])
    levels.set('ada-mic', 0.005) // a pause shorter than holdMs keeps Ada
    tick(500)
    expect(speakers.getState().speakers).toEqual(['bo', 'ada'])
    tick(200) // … a longer one drops her
    expect(speakers.getState().speakers).toEqual(['bo'])
    expect(changes).toEqual([['ada'], ['bo', 'ada'], ['bo']])
    speakers.setTrack('bo', undefined) // Bo leaves or mutes
    expect(closed).toEqual(['bo-mic'])
    tick(100)
    expect(speakers.getState().speakers).toEqual([])
    speakers.stop()
    expect(closed).toEqual(['bo-mic', 'ada-mic'])
  })

  it('should sample on its own timer between start() and stop(), and never list a track it cannot meter', () => {
    vi.useFakeTimers()
    const speakers = new ActiveSpeakers({
      intervalMs: 100,
      createMeter: (track) => {
        if (track.id === 'broken') throw new TypeError('no Web Audio')
        return { read: () => 0.5, close: () => {} }
      },
    })
    speakers.setTrack('ok', mic('ok'))
    speakers.setTrack('broken', mic('broken'))
    vi.advanceTimersByTime(500)
    expect(speakers.getState().speakers).toEqual([]) // not started
    speakers.start()
    vi.advanceTimersByTime(100)
    expect(speakers.getState().speakers).toEqual(['ok'])
    speakers.stop()
    expect(speakers.getState().speakers).toEqual([])
  })
})
