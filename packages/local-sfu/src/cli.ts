/**
 * `calls-local-sfu [--port 8787] [--host 127.0.0.1]`: the local SFU on its own. Prints the Calls
 * API base URL and the default app's credentials.
 */
import { parseArgs } from 'node:util'
import { startLocalSfu } from './startLocalSfu.js'

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' } },
})
const sfu = await startLocalSfu({
  host: values.host,
  port: values.port === undefined ? undefined : Number(values.port),
})
process.stdout.write(
  `local SFU (Cloudflare Calls API) on ${sfu.url}\n  CALLS_API_BASE=${sfu.url} CALLS_APP_ID=local CALLS_APP_SECRET=local-secret\n`,
)
const stop = () => sfu.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
