import { describe, expect, it, vi } from 'vitest'
import { TypedEvents } from '../typedEvents.js'

describe('TypedEvents', () => {
  it('should call listeners with the event tuple and remove them with the returned function', () => {
    const events = new TypedEvents<{ change: [string, number] }>()
    const listener = vi.fn()
    const off = events.on('change', listener)
    events.emit('change', 'a', 1)
    off()
    events.emit('change', 'b', 2)
    expect(listener.mock.calls).toEqual([['a', 1]])
  })

  it('should keep calling other listeners when one throws, and rethrow it asynchronously', async () => {
    const events = new TypedEvents<{ ping: [] }>()
    const after = vi.fn()
    const boom = new Error('listener bug')
    const reported = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask
      vi.spyOn(globalThis, 'queueMicrotask').mockImplementationOnce((fn) =>
        original(() => {
          try {
            fn()
          } catch (e) {
            resolve(e)
          }
        }),
      )
    })
    events.on('ping', () => {
      throw boom
    })
    events.on('ping', after)
    expect(() => events.emit('ping')).not.toThrow()
    expect(after).toHaveBeenCalledTimes(1)
    expect(await reported).toBe(boom)
    vi.restoreAllMocks()
  })

  it('should wait in emitAsync for promises listeners return, up to the timeout', async () => {
    const events = new TypedEvents<{ change: [string] }>()
    const log: string[] = []
    events.on('change', async (v) => {
      await new Promise((r) => setTimeout(r, 20))
      log.push(`slow ${v}`)
    })
    events.on('change', (v) => {
      log.push(`sync ${v}`)
    })
    await events.emitAsync('change', 1000, 'a')
    expect(log).toEqual(['sync a', 'slow a'])
    events.on('change', () => new Promise(() => {}))
    const t0 = Date.now()
    await events.emitAsync('change', 30, 'b')
    expect(Date.now() - t0).toBeLessThan(500)
  })
})
