import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pidusage from 'pidusage'
import { RawCallsApi } from './callsApi'
import { CountingSubscriber, SyntheticPublisher } from './headlessPeer'

/** One step of the fan-out ramp. */
export interface FanoutStep {
  /** Subscribers pulling the one published track. */
  subscribers: number
  /** SFU process CPU over the window, % of one core. */
  cpuPercent: number
  /** SFU process resident set size at the end of the window (MB). */
  rssMb: number
  /** RTP packets forwarded per second, summed over subscribers (packets/s). */
  forwardedPerSecond: number
  /** Packets the subscribers did not get, % of sent × subscribers. */
  lossPercent: number
  /** RTP packets the publisher actually sent per second (it shares the bench process with the subscribers). */
  sentPerSecond: number
}

/** Options of {@link runFanoutBench}. */
export interface FanoutBenchOptions {
  /** Subscriber counts to ramp through. Defaults to `[1, 5, 10, 25, 50, 100]`. */
  steps?: number[]
  /** Publisher bitrate (kbps). Defaults to `1000`. */
  kbps?: number
  /** Measurement window per step (ms). Defaults to `5000`. */
  windowMs?: number
}

async function startSfuProcess(): Promise<{ child: ChildProcess; url: string }> {
  const cli = fileURLToPath(new URL('../../packages/local-sfu/src/cli.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--conditions=@calls-kit/source', '--import', 'tsx', cli, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`SFU did not start: ${out}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[0])
      }
    })
    child.on('exit', (code) => reject(new Error(`SFU exited with ${code}: ${out}`)))
  })
  return { child, url }
}

/**
 * SFU fan-out: one synthetic ~1 Mbps video publisher and N headless werift subscribers (in this
 * process), the SFU in a child process so that its CPU and memory are its own.
 *
 * @returns one {@link FanoutStep} per N; a step whose subscribers fail to connect stops the ramp.
 */
export async function runFanoutBench(options: FanoutBenchOptions = {}): Promise<FanoutStep[]> {
  const steps = options.steps ?? [1, 5, 10, 25, 50, 100]
  const windowMs = options.windowMs ?? 5000
  const { child, url } = await startSfuProcess()
  const pid = child.pid ?? 0
  const api = new RawCallsApi(`${url}/apps/local`, 'local-secret')
  const publisher = new SyntheticPublisher()
  const subscribers: CountingSubscriber[] = []
  const results: FanoutStep[] = []
  try {
    await publisher.publish(api, 'video')
    publisher.start(options.kbps ?? 1000)
    for (const n of steps) {
      try {
        while (subscribers.length < n) {
          const sub = new CountingSubscriber()
          subscribers.push(sub)
          await sub.subscribe(api, { sessionId: publisher.sessionId, trackName: 'video' })
        }
      } catch (e) {
        process.stderr.write(`[fanout] stopped at ${subscribers.length} subscribers: ${e}\n`)
        break
      }
      await new Promise((r) => setTimeout(r, 1000)) // settle after the joins
      await pidusage(pid) // primes the CPU sample
      const sent0 = publisher.sent
      const recv0 = subscribers.reduce((s, x) => s + x.received, 0)
      const t0 = performance.now()
      await new Promise((r) => setTimeout(r, windowMs))
      const usage = await pidusage(pid)
      const seconds = (performance.now() - t0) / 1000
      const sent = publisher.sent - sent0
      const received = subscribers.reduce((s, x) => s + x.received, 0) - recv0
      const expected = sent * subscribers.length
      results.push({
        subscribers: subscribers.length,
        cpuPercent: usage.cpu,
        rssMb: usage.memory / 1024 / 1024,
        forwardedPerSecond: received / seconds,
        lossPercent: expected > 0 ? Math.max(0, (1 - received / expected) * 100) : 100,
        sentPerSecond: sent / seconds,
      })
    }
  } finally {
    await Promise.allSettled([publisher.close(), ...subscribers.map((s) => s.close())])
    pidusage.clear()
    child.kill('SIGTERM')
  }
  return results
}
