/**
 * `calls-kit-bots --url <app url> --room <room> [--count 3] [--names "Ann,Bo"] [--audio]
 * [--no-video] [--api-base /api/calls]`: fills a room of a running app with bots (see
 * `startBots`) until Ctrl-C, then they leave. Run it from the app's folder: the bots load the
 * app's `@calls-kit/core`.
 */
import { parseArgs } from 'node:util'
import { startBots } from './startBots.js'

const USAGE = `usage: calls-kit-bots --url http://127.0.0.1:5173 --room lobby [--count 3] [--names "Ann,Bo"] [--audio] [--no-video] [--api-base /api/calls]
Bots join the room as real participants (headless Chromium, canvas camera, optional fake mic) until Ctrl-C.`

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:5173' },
    room: { type: 'string', default: 'lobby' },
    count: { type: 'string' },
    names: { type: 'string' },
    audio: { type: 'boolean', default: false },
    'no-video': { type: 'boolean', default: false },
    'api-base': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}
const count = values.count === undefined ? undefined : Number(values.count)
if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
  process.stderr.write(`--count must be a whole number above 0\n${USAGE}\n`)
  process.exit(2)
}
const t0 = performance.now()
const { bots, close } = await startBots({
  url: values.url,
  room: values.room,
  count,
  names: values.names?.split(',').map((n) => n.trim()),
  audio: values.audio,
  video: !values['no-video'],
  apiBase: values['api-base'],
})
process.stdout.write(
  `${bots.length} bot(s) in room "${values.room}" at ${values.url} after ${Math.round(performance.now() - t0)} ms: ${bots.map((b) => b.name).join(', ')}\nCtrl-C to make them leave.\n`,
)
const stop = () => close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
