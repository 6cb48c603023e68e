/**
 * `pnpm bench`: runs every benchmark once, prints one table (each row a number, its unit and how
 * it was measured) and writes it to `bench/RESULTS.md` with the date and machine.
 * Benchmarks print; they never fail on a time. `--only name,name` runs a subset
 * (bundle, renders, join, pull, fanout).
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { measureBundleSize } from './bundleSize'
import { runFanoutBench } from './fanout/fanoutBench'
import { runJoinFirstFrameBench } from './joinFirstFrame'
import { runPullTracksBench } from './pullTracks'
import { runRendersPerJoinBench } from './renders/rendersPerJoin'
import { runRoomMessagesBench } from './roomMessages'

/** One row of the results table. */
interface Row {
  metric: string
  value: string
  unit: string
  how: string
}

const { values } = parseArgs({ options: { only: { type: 'string' } } })
const only = values.only?.split(',')
const wanted = (name: string) => !only || only.includes(name)
const rows: Row[] = []
const log = (line: string) => process.stdout.write(`${line}\n`)
const fmt = (n: number, digits = 0) => n.toFixed(digits)

async function step(name: string, run: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return
  const t0 = performance.now()
  log(`▶ ${name} …`)
  try {
    await run()
  } catch (e) {
    rows.push({ metric: name, value: 'failed', unit: '', how: String(e).slice(0, 200) })
  }
  log(`  ${name} took ${fmt((performance.now() - t0) / 1000, 1)} s`)
}

await step('bundle', async () => {
  for (const entry of ['@calls-kit/core', '@calls-kit/react']) {
    const size = await measureBundleSize(entry)
    rows.push({
      metric: `bundle ${entry}`,
      value: `${size.gzipBytes} (${size.minBytes} min)`,
      unit: 'B min+gzip',
      how: 'esbuild, browser ESM, minified, peers (react, react-dom, zustand, react-query) external; gzip -9',
    })
  }
})

await step('renders', async () => {
  const r = await runRendersPerJoinBench()
  rows.push({
    metric: 'renders per join (9 → 10 participants)',
    value: `${r.rendersInExistingTiles / r.existingTiles} per existing tile (${r.rendersInExistingTiles} in ${r.existingTiles}); new tile ${r.rendersOfNewTile}`,
    unit: 'renders',
    how: '<ParticipantGrid> with 9 participants (local + 8), a 10th joins via the roster; <VideoTile> renders counted (Vitest, happy-dom, React 19)',
  })
})

await step('join', async () => {
  const r = await runJoinFirstFrameBench(10)
  rows.push({
    metric: 'join → first remote frame',
    value: `${fmt(r.medianMs)} median, ${fmt(r.p90Ms)} p90`,
    unit: 'ms',
    how: `sample app + local SFU, Chromium fake devices, ${r.joins} joins (${r.timeouts} more showed no frame in 20 s); click Join → remote <video> videoWidth>0 (in-page performance.now)`,
  })
})

await step('pull', async () => {
  for (const r of await runPullTracksBench()) {
    rows.push({
      metric: `pull ${r.tracks} track${r.tracks > 1 ? 's' : ''} at once`,
      value: `${r.requests} requests, ${fmt(r.msToAllFrames)} ms`,
      unit: 'HTTP requests, ms',
      how: 'CallsSession.pull ×N in one tick (Chromium, app route, local SFU); requests counted at the route; time until every track decoded a frame, median of 3',
    })
  }
})

await step('messages', async () => {
  const r = await runRoomMessagesBench()
  rows.push({
    metric: 'room message send → delivered',
    value: `${fmt(r.deliveryMedianMs)} median, ${fmt(r.deliveryP90Ms)} p90 (201 answer ${fmt(r.answerMedianMs)} median)`,
    unit: 'ms',
    how: `CallsRoom.sendMessage on one Chromium page → onMessage on another (app route POST, Server-Sent Events), ${r.messages} messages one at a time, Date.now() on one machine`,
  })
})

await step('fanout', async () => {
  const steps = await runFanoutBench()
  for (const s of steps) {
    rows.push({
      metric: `SFU fan-out, 1 → ${s.subscribers}`,
      value: `${fmt(s.cpuPercent, 1)} CPU, ${fmt(s.rssMb)} RSS, ${fmt(s.forwardedPerSecond)} pkt/s out (${fmt(s.sentPerSecond)} in), ${fmt(s.lossPercent, 2)} loss`,
      unit: '% core, MB, packets/s, %',
      how: '1 synthetic ~1 Mbps VP8-shaped RTP publisher, N werift subscribers in the bench process, SFU in its own process (pidusage over 5 s)',
    })
  }
  const ok = steps.filter((s) => s.lossPercent < 0.1).map((s) => s.subscribers)
  rows.push({
    metric: 'SFU max fan-out with < 0.1% loss',
    value: ok.length ? String(Math.max(...ok)) : 'none',
    unit: 'subscribers',
    how: `largest N of ${steps.map((s) => s.subscribers).join('/')} tried`,
  })
})

function chromiumVersion(): string {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
    }).trim()
  } catch {
    return 'chromium not found'
  }
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${chromiumVersion()}`
const table = [
  '| metric | value | unit | how it was measured |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.metric} | ${r.value} | ${r.unit} | ${r.how} |`),
].join('\n')
log(`\n${table}\n`)
if (!only) {
  writeFileSync(
    new URL('./RESULTS.md', import.meta.url),
    `# Benchmark results\n\nRun by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.\n\n${table}\n`,
  )
  // Formatted the way `pnpm test`'s `biome check` expects (padded table columns), so a fresh
  // RESULTS.md never turns CI red.
  execFileSync(
    fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
    ['format', '--write', fileURLToPath(new URL('./RESULTS.md', import.meta.url))],
    { stdio: 'ignore' },
  )
  log('written to bench/RESULTS.md')
}
// Everything is measured and written. A helper process of a step (esbuild's service, a Chromium
// helper) can keep a stdio pipe open after its step closed everything it started, which kept one
// full run alive for minutes after the table was written: a CLI ends here.
process.exit(0)
