import { createCallsHandler } from '@calls-kit/core/server'

// Configuration comes from the environment (CALLS_APP_ID, CALLS_APP_SECRET, CALLS_API_BASE); with none
// set, the handler talks to the local SFU that `pnpm dev` starts.
const handler = createCallsHandler({
  basePath: '/api/calls',
  // The sample has no login, so it lets everyone do everything — including removing others from a
  // room, which calls-kit refuses unless the app allows it. A real app checks its own login here:
  // `(request, access) => access.action !== 'remove' || isHost(request, access.room)`.
  authorize: () => true,
})

export { handler as DELETE, handler as GET, handler as POST, handler as PUT }
