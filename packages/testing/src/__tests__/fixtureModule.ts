// A module bundled into the test page by startTestServer.test.ts.
export const answer = 42
