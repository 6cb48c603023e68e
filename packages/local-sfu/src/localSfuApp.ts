import {
  closeTracksSchema,
  newSessionSchema,
  readJsonBody,
  renegotiateSchema,
  tracksRequestSchema,
  updateTracksSchema,
} from '@calls-kit/core/api-schemas'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { z } from 'zod'
import type { Sfu } from './sfu.js'
import { SfuError } from './sfuError.js'

/** Default app of the local SFU: appId `local`, secret `local-secret`. */
export const DEFAULT_APPS: Readonly<Record<string, string>> = { local: 'local-secret' }

type Env = { Variables: { appId: string } }

const error = (status: SfuError['status'], errorCode: string, errorDescription: string) =>
  new SfuError(status, errorCode, errorDescription)

async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  optional = false,
): Promise<z.infer<S>> {
  const body = await readJsonBody(request, schema, optional)
  if (!body.ok) throw error(400, body.error.errorCode, body.error.errorDescription)
  return body.data
}

/**
 * The Calls HTTPS API of the local SFU in Fetch form (`app.fetch(request) → Response`): the routes
 * of `openapi/calls-api.yaml` under `/v1/apps/{appId}/…`, bearer auth by app secret, CORS open (for
 * browsers calling it directly in tests), Calls-style `{errorCode, errorDescription}` on every error.
 *
 * @param sfu - the media side.
 * @param apps - app secrets by appId. Defaults to {@link DEFAULT_APPS}.
 * @see https://developers.cloudflare.com/calls/https-api/
 */
export function createLocalSfuApp(
  sfu: Sfu,
  apps: Record<string, string> = { ...DEFAULT_APPS },
): Hono<Env> {
  const app = new Hono<Env>()
  app.use(
    '*',
    cors({
      origin: '*',
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    }),
  )

  app.use('/v1/apps/:appId/*', async (c, next) => {
    const appId = c.req.param('appId')
    const secret = apps[appId]
    const auth = c.req.header('authorization') ?? ''
    if (!auth.startsWith('Bearer '))
      throw error(401, 'unauthorized', 'Authorization: Bearer <app secret> is required')
    if (secret === undefined || auth.slice(7) !== secret) {
      throw error(401, 'unauthorized', `invalid secret for app ${appId}`)
    }
    c.set('appId', appId)
    await next()
  })

  const base = '/v1/apps/:appId/sessions'
  app.post(`${base}/new`, async (c) => {
    const body = await readJson(c.req.raw, newSessionSchema, true)
    const session = sfu.createSession(c.get('appId'))
    try {
      const answer = await session.acceptInitialOffer(body.sessionDescription)
      return c.json(
        { sessionId: session.id, ...(answer ? { sessionDescription: answer } : {}) },
        201,
      )
    } catch (e) {
      await sfu.dropSession(session.id)
      throw e
    }
  })
  // The known path with another method: 405, as a Calls client expects.
  app.all(`${base}/new`, () => {
    throw error(405, 'method_not_allowed', 'use POST')
  })
  app.post(`${base}/:sessionId/tracks/new`, async (c) => {
    const session = sfu.getSession(c.get('appId'), c.req.param('sessionId'))
    const result = await session.newTracks(await readJson(c.req.raw, tracksRequestSchema))
    const status = result.errorCode === 'not_found' ? 404 : result.errorCode ? 400 : 200
    return c.json(result, status)
  })
  app.put(`${base}/:sessionId/renegotiate`, async (c) => {
    const session = sfu.getSession(c.get('appId'), c.req.param('sessionId'))
    const body = await readJson(c.req.raw, renegotiateSchema)
    return c.json(await session.renegotiate(body.sessionDescription))
  })
  app.put(`${base}/:sessionId/tracks/close`, async (c) => {
    const session = sfu.getSession(c.get('appId'), c.req.param('sessionId'))
    return c.json(await session.closeTracks(await readJson(c.req.raw, closeTracksSchema)))
  })
  app.put(`${base}/:sessionId/tracks/update`, async (c) => {
    const session = sfu.getSession(c.get('appId'), c.req.param('sessionId'))
    return c.json(await session.updateTracks(await readJson(c.req.raw, updateTracksSchema)))
  })
  app.get(`${base}/:sessionId`, (c) => {
    const session = sfu.getSession(c.get('appId'), c.req.param('sessionId'))
    return c.json(session.state())
  })
  app.all(`${base}/:sessionId/:op{tracks/new|renegotiate|tracks/close|tracks/update}`, (c) => {
    throw error(405, 'method_not_allowed', `method ${c.req.method} is not allowed here`)
  })
  app.all(`${base}/:sessionId`, (c) => {
    throw error(405, 'method_not_allowed', `method ${c.req.method} is not allowed here`)
  })

  app.notFound((c) =>
    c.json(
      { errorCode: 'not_found', errorDescription: `no route ${c.req.method} ${c.req.path}` },
      404,
    ),
  )
  app.onError((e, c) => {
    if (e instanceof SfuError) return c.json(e.toJSON(), e.status)
    // A bug of ours: keep the process and other sessions alive, say so without internals.
    process.stderr.write(
      `[local-sfu] unexpected error on ${c.req.method} ${c.req.path}: ${e.stack ?? e}\n`,
    )
    return c.json(
      { errorCode: 'internal_error', errorDescription: 'the local SFU failed on this request' },
      500,
    )
  })
  return app
}
