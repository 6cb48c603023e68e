import type { Page } from 'playwright-core'
import { startCoreInChromium } from './coreInChromium'

/** Latency of room messages between two pages. */
export interface RoomMessagesResult {
  /** Messages timed. */
  messages: number
  /** `sendMessage()` → the other page's `onMessage` (ms): median and 90th percentile. */
  deliveryMedianMs: number
  deliveryP90Ms: number
  /** `sendMessage()` → its `201` answer on the sending page (ms), median. */
  answerMedianMs: number
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN

/**
 * Room message latency: two Chromium pages join one room as `CallsRoom`s (no media) through the
 * app route in front of the local SFU; page A sends `count` messages one after another (each once
 * the previous arrived), page B stamps each on arrival. Both pages read one clock (`Date.now()`,
 * same machine), so delivery = B's arrival time − A's send time.
 *
 * @param count - messages timed. Defaults to `50`.
 */
export async function runRoomMessagesBench(count = 50): Promise<RoomMessagesResult> {
  const stack = await startCoreInChromium({
    // The bench sends faster than a person: lift the per-session limit so it measures delivery.
    messageRateLimit: { burst: count, perSecond: 1000 },
  })
  const open = async (name: string): Promise<Page> => {
    const page = await stack.open()
    await page.evaluate(async (n) => {
      const { CallsRoom } = (window as any).CallsKit
      const room = new CallsRoom({ room: 'bench', name: n, rtcConfiguration: { iceServers: [] } })
      const arrivals: number[] = []
      room.onMessage((m: { data: { sentAt: number } }) => arrivals.push(Date.now() - m.data.sentAt))
      await room.join()
      Object.assign(window, { room, arrivals })
    }, name)
    return page
  }
  try {
    const sender = await open('A')
    const receiver = await open('B')
    // B's event stream is open once it sees A's first message; the warm-up is not timed.
    await sender.evaluate(() => (window as any).room.sendMessage('bench', { sentAt: Date.now() }))
    await receiver.waitForFunction(() => (window as any).arrivals.length === 1)
    const answers: number[] = []
    for (let i = 0; i < count; i++) {
      answers.push(
        await sender.evaluate(async () => {
          const t0 = Date.now()
          await (window as any).room.sendMessage('bench', { sentAt: t0 })
          return Date.now() - t0
        }),
      )
      await receiver.waitForFunction((n) => (window as any).arrivals.length === n, i + 2)
    }
    const delivery = (await receiver.evaluate(() => (window as any).arrivals as number[]))
      .slice(1)
      .sort((a, b) => a - b)
    answers.sort((a, b) => a - b)
    return {
      messages: delivery.length,
      deliveryMedianMs: percentile(delivery, 0.5),
      deliveryP90Ms: percentile(delivery, 0.9),
      answerMedianMs: percentile(answers, 0.5),
    }
  } finally {
    await stack.close()
  }
}
