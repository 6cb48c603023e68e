/**
 * `@calls-kit/testing` — drive real Chromium (fake camera and mic) against calls-kit apps and read
 * what each page receives.
 * @module
 */

export { bundleGlobals } from './bundleGlobals.js'
export type { FakeCallsRouteOptions, FakeRouteCall } from './fakeCallsRoute.js'
export { createFakeCallsRoute, sfuOffer } from './fakeCallsRoute.js'
export { FakePeerConnection, FakeTransceiver } from './fakePeerConnection.js'
export type { LaunchChromiumOptions } from './launchChromium.js'
export { CHROMIUM_ARGS, launchChromium } from './launchChromium.js'
export type { InboundTotals } from './mediaStats.js'
export { RECORD_PEER_CONNECTIONS, readInboundTotals, waitFor } from './mediaStats.js'
export type { Bot, Bots, StartBotsOptions } from './startBots.js'
export { startBots } from './startBots.js'
export type { LoggedRequest, TestServer, TestServerOptions } from './startTestServer.js'
export { startTestServer } from './startTestServer.js'
