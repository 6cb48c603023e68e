/**
 * What an app writes against the published packages, type-checked (never run) by
 * `publishedPackages.test.ts` under `moduleResolution` `bundler` and `nodenext`. The
 * `@ts-expect-error` lines must fail to compile: they prove the types resolved rather than
 * falling back to `any`, which would accept anything.
 */
import { CallsSession, type CallsSessionStatus, type TrackLocator } from '@calls-kit/core'
import { tracksRequestSchema } from '@calls-kit/core/api-schemas'
import type { NewSessionRequest } from '@calls-kit/core/api-types'
import { createCallsHandler } from '@calls-kit/core/server'
import { type LocalSfu, startLocalSfu } from '@calls-kit/local-sfu'
import { type ConnectionState, useCallsSession, usePublishTrack } from '@calls-kit/react'
import { launchChromium } from '@calls-kit/testing'

export const handler: (request: Request) => Promise<Response> = createCallsHandler({
  basePath: '/api/calls',
})
export const locator: TrackLocator = { sessionId: 'S1', trackName: 'camera' }
export const state: ConnectionState = 'reconnecting' satisfies CallsSessionStatus
export const request: NewSessionRequest = {}
export const sfu: () => Promise<LocalSfu> = () => startLocalSfu({ port: 0 })
export const exported = [
  CallsSession,
  tracksRequestSchema,
  useCallsSession,
  usePublishTrack,
  launchChromium,
]

// @ts-expect-error a trackName is a string
export const badLocator: TrackLocator = { sessionId: 'S1', trackName: 1 }
// @ts-expect-error not a connection state
export const badState: ConnectionState = 'sleeping'
// @ts-expect-error startLocalSfu takes options, not a port number
export const badSfu = () => startLocalSfu(8787)
// @ts-expect-error the handler answers a Request, not a URL string
export const badCall = () => handler('/api/calls/sessions/new')
