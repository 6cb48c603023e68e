import { describe, expect, it } from 'vitest'
import { NegotiationQueue } from '../negotiationQueue.js'

describe('NegotiationQueue', () => {
  it('should run jobs one at a time in order, and keep going after a failure', async () => {
    const queue = new NegotiationQueue()
    const log: string[] = []
    let running = 0
    const job =
      (name: string, fail = false) =>
      async () => {
        running++
        expect(running).toBe(1)
        log.push(`start ${name}`)
        await new Promise((r) => setTimeout(r, 5))
        log.push(`end ${name}`)
        running--
        if (fail) throw new Error(name)
        return name
      }
    const results = await Promise.allSettled([
      queue.enqueue(job('a')),
      queue.enqueue(job('b', true)),
      queue.enqueue(job('c')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(queue.pending).toBe(0)
  })
})
