/**
 * `@calls-kit/testing` — drive real Chromium (fake camera and mic) against calls-kit apps and read
 * what each page receives.
 * @module
 */

export type { FakeCallsRouteOptions, FakeRouteCall } from './fakeCallsRoute'
export { createFakeCallsRoute, sfuOffer } from './fakeCallsRoute'
export { FakePeerConnection, FakeTransceiver } from './fakePeerConnection'
export type { LaunchChromiumOptions } from './launchChromium'
export { CHROMIUM_ARGS, launchChromium } from './launchChromium'
export type { InboundTotals } from './mediaStats'
export { RECORD_PEER_CONNECTIONS, readInboundTotals, waitFor } from './mediaStats'
export type { LoggedRequest, TestServer, TestServerOptions } from './startTestServer'
export { startTestServer } from './startTestServer'
