/**
 * `pnpm dev`: the local SFU (when no Cloudflare credentials are set) and the sample app.
 * Flags: `--port N` (app, default 5173), `--sfu-port N` (default 8787).
 */
import { parseArgs } from 'node:util'
import { startSample } from './server/startSample'

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'sfu-port': { type: 'string' }, host: { type: 'string' } },
})
const sample = await startSample({
  host: values.host,
  port: values.port ? Number(values.port) : undefined,
  sfuPort: values['sfu-port'] ? Number(values['sfu-port']) : undefined,
})
process.stdout.write(
  [
    '',
    `  calls-kit sample   ${sample.url}`,
    sample.sfuUrl
      ? `  local SFU (Calls API)   ${sample.sfuUrl}`
      : `  Cloudflare Calls   app ${process.env.CALLS_APP_ID}`,
    '',
    '  Open the app in two tabs, join the same room, and talk.',
    '',
  ].join('\n'),
)
const stop = () => sample.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
