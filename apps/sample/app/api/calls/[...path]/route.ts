import { createCallsHandler } from '@calls-kit/core/server'

// Configuration comes from the environment (CALLS_APP_ID, CALLS_APP_SECRET, CALLS_API_BASE); with none
// set, the handler talks to the local SFU that `pnpm dev` starts.
const handler = createCallsHandler({ basePath: '/api/calls' })

export { handler as DELETE, handler as GET, handler as POST, handler as PUT }
