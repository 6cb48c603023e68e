import { launchChromium } from '@calls-kit/testing'
import { startSample } from '../apps/sample/server/startSample'

/** Distribution of join → first remote frame over repeated joins (ms). */
export interface JoinFirstFrameResult {
  /** Joins measured. */
  joins: number
  /** Median (ms). */
  medianMs: number
  /** 90th percentile, nearest-rank (ms). */
  p90Ms: number
  /** Every sample (ms), in run order. */
  samplesMs: number[]
  /** Joins that showed no remote frame within 20 s (left out of the distribution). */
  timeouts: number
}

/** Nearest-rank percentile of `values` (`p` in 0–100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? Number.NaN
}

/**
 * Join → first remote frame in the sample app, as a user sees it: tab A sits in the room
 * publishing camera and mic; a fresh tab B loads, clicks **Join** at t0, and t1 is the first
 * animation frame where A's tile on B has a decoded frame (`videoWidth > 0`). Measured inside the
 * page with `performance.now()` (±1 frame, ~16 ms). Each join uses a new browser context (a new
 * session, a new RTCPeerConnection).
 *
 * @param joins - how many joins to measure. Defaults to `10`.
 */
export async function runJoinFirstFrameBench(joins = 10): Promise<JoinFirstFrameResult> {
  const sample = await startSample({ port: 0, sfuPort: 0 })
  const browser = await launchChromium()
  // tsx (esbuild keepNames) wraps functions passed to evaluate in __name(): give every page one.
  const newPage = async () => {
    const page = await (await browser.newContext()).newPage()
    await page.addInitScript('window.__name = (f) => f')
    return page
  }
  const samplesMs: number[] = []
  let timeouts = 0
  try {
    const host = await newPage()
    await host.goto(`${sample.url}?room=bench&name=Host`)
    await host.getByRole('button', { name: 'Join' }).click()
    await host.locator('[data-calls-kit-tile][data-local="true"]').waitFor()
    for (let i = 0; i < joins; i++) {
      const page = await newPage()
      const context = page.context()
      await page.goto(`${sample.url}?room=bench&name=Guest${i}`)
      await page.getByRole('button', { name: 'Join' }).waitFor()
      const ms = await page
        .evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const join = [...document.querySelectorAll('button')].find(
                (b) => b.textContent === 'Join',
              )
              if (!join) return reject(new Error('no Join button'))
              const t0 = performance.now()
              join.click()
              const check = () => {
                const video = document.querySelector<HTMLVideoElement>(
                  '[data-calls-kit-tile][data-local="false"] video',
                )
                if (video && video.videoWidth > 0) resolve(performance.now() - t0)
                else if (performance.now() - t0 > 20_000)
                  reject(new Error('no remote frame in 20 s'))
                else requestAnimationFrame(check)
              }
              check()
            }),
        )
        .catch(() => undefined)
      if (ms === undefined) timeouts++
      else samplesMs.push(ms)
      await context.close()
    }
  } finally {
    await browser.close()
    await sample.close()
  }
  return {
    joins: samplesMs.length,
    medianMs: percentile(samplesMs, 50),
    p90Ms: percentile(samplesMs, 90),
    samplesMs,
    timeouts,
  }
}
