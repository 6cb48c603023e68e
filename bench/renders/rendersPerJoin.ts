import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startVitest } from 'vitest/node'

/** Renders caused by one join in a 9-participant grid. */
export interface RendersPerJoinResult {
  participants: number
  existingTiles: number
  /** Renders of the 9 existing tiles' `<VideoTile>` caused by the 10th join, summed. */
  rendersInExistingTiles: number
  /** Renders of the new participant's tile until its video is shown. */
  rendersOfNewTile: number
}

/**
 * Runs `rendersPerJoin.measure.tsx` under Vitest (happy-dom, React 19, the real hooks over an
 * in-memory route) and returns what it counted.
 */
export async function runRendersPerJoinBench(): Promise<RendersPerJoinResult> {
  const out = join(tmpdir(), `calls-kit-renders-${process.pid}.json`)
  process.env.RENDERS_OUT = out
  const vitest = await startVitest('test', [], {
    watch: false,
    reporters: ['dot'],
    root: import.meta.dirname,
    config: join(import.meta.dirname, 'vitest.config.ts'),
  })
  await vitest.close()
  const result = JSON.parse(readFileSync(out, 'utf8')) as RendersPerJoinResult
  rmSync(out, { force: true })
  return result
}
