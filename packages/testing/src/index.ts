/**
 * `@calls-kit/testing` — drive real Chromium (fake camera and mic) against calls-kit apps and read
 * what each page receives.
 * @module
 */
export { CHROMIUM_ARGS, launchChromium } from './launchChromium'
export type { LaunchChromiumOptions } from './launchChromium'
export { RECORD_PEER_CONNECTIONS, readInboundTotals, waitFor } from './mediaStats'
export type { InboundTotals } from './mediaStats'
export { startTestServer } from './startTestServer'
export type { LoggedRequest, TestServer, TestServerOptions } from './startTestServer'
export { createFakeCallsRoute, sfuOffer } from './fakeCallsRoute'
export type { FakeCallsRouteOptions, FakeRouteCall } from './fakeCallsRoute'
export { FakePeerConnection, FakeTransceiver } from './fakePeerConnection'
