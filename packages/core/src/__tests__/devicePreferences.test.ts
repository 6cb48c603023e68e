import { describe, expect, it } from 'vitest'
import { chooseDevice, DevicePreferences } from '../devicePreferences.js'

const cams = (...ids: string[]) =>
  ids.map((deviceId) => ({ deviceId, kind: 'videoinput' as const }))

describe('chooseDevice', () => {
  it('should prefer the chosen device, then the current one, then the default, then the first', () => {
    expect(chooseDevice(cams('default', 'a', 'b'), 'b', 'a')).toBe('b')
    // The preferred camera was unplugged: keep the current one.
    expect(chooseDevice(cams('default', 'a'), 'b', 'a')).toBe('a')
    // The current one vanished too: the system default.
    expect(chooseDevice(cams('default', 'c'), 'b', 'a')).toBe('default')
    expect(chooseDevice(cams('c', 'd'), 'b', 'a')).toBe('c')
    // The preferred one came back: return to it.
    expect(chooseDevice(cams('c', 'b'), 'b', 'c')).toBe('b')
    expect(chooseDevice([], 'b', 'a')).toBeUndefined()
  })
})

describe('DevicePreferences', () => {
  it('should persist choices per kind across instances (reloads)', () => {
    const data = new Map<string, string>()
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    }
    const first = new DevicePreferences(storage)
    first.set('videoinput', 'cam-2')
    first.set('audioinput', 'mic-1')
    const second = new DevicePreferences(storage)
    expect(second.get('videoinput')).toBe('cam-2')
    expect(second.get('audioinput')).toBe('mic-1')
    expect(second.get('audiooutput')).toBeUndefined()
  })

  it('should survive corrupt or failing storage', () => {
    const broken = {
      getItem: () => '{nope',
      setItem: () => {
        throw new Error('quota')
      },
    }
    const prefs = new DevicePreferences(broken)
    prefs.set('videoinput', 'x')
    expect(prefs.get('videoinput')).toBe('x')
  })
})
