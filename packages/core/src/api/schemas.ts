import { z } from 'zod'

/**
 * zod schemas of the Calls API request bodies, after `openapi/calls-api.yaml`: what the local SFU
 * and `createCallsHandler` accept. Unknown fields are stripped, as Calls ignores them.
 * Entry: `@calls-kit/core/api-schemas`.
 * @module
 */
export const sessionDescriptionSchema = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1),
})

const trackObjectSchema = z.object({
  location: z.enum(['local', 'remote']),
  mid: z.string().optional(),
  sessionId: z.string().optional(),
  trackName: z.string().min(1).max(128).optional(),
  bidirectionalMediaStream: z.boolean().optional(),
  kind: z.enum(['audio', 'video']).optional(),
  simulcast: z
    .object({
      preferredRid: z.string().optional(),
      priorityOrdering: z.enum(['none', 'asciibetical']).optional(),
      ridNotAvailable: z.enum(['none', 'asciibetical']).optional(),
    })
    .optional(),
})

export const newSessionSchema = z.object({
  sessionDescription: sessionDescriptionSchema.optional(),
})

export const tracksRequestSchema = z.object({
  sessionDescription: sessionDescriptionSchema.optional(),
  tracks: z.array(trackObjectSchema).max(64).optional(),
  autoDiscover: z.boolean().optional(),
})

export const renegotiateSchema = z.object({ sessionDescription: sessionDescriptionSchema })

export const closeTracksSchema = z.object({
  sessionDescription: sessionDescriptionSchema.optional(),
  tracks: z
    .array(z.object({ mid: z.string() }))
    .min(1)
    .max(64),
  force: z.boolean().optional(),
})

export const updateTracksSchema = z.object({ tracks: z.array(trackObjectSchema).min(1).max(64) })

export type { BodyError } from './readJsonBody.js'
export { readJsonBody } from './readJsonBody.js'
