import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import type { Plugin, ViteDevServer } from 'vite'

/** Methods a Next-style `route.ts` may export. */
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

type Segment = { literal: string } | { param: string } | { catchAll: string }

/** One `app/**\/route.ts` file and the URL pattern its folder names spell. */
interface RouteFile {
  file: string
  segments: Segment[]
}

/** What a route handler receives besides the `Request`, as in Next's App Router. */
export interface RouteContext {
  params: Promise<Record<string, string | string[]>>
}

type RouteHandler = (request: Request, context: RouteContext) => Response | Promise<Response>

/**
 * Finds Next-style route handlers: `app/api/calls/[...path]/route.ts` serves `/api/calls/*`,
 * `[id]` folders are single-segment params, `(group)` folders are skipped.
 * @see https://nextjs.org/docs/app/building-your-application/routing/route-handlers
 */
export function findRouteFiles(appDir: string): RouteFile[] {
  const files = readdirSync(appDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[/\\])route\.tsx?$/.test(f))
    .map((f) => join(appDir, f))
  return files
    .map((file) => {
      const dirs = relative(appDir, file).split(sep).slice(0, -1)
      const segments: Segment[] = dirs
        .filter((d) => !(d.startsWith('(') && d.endsWith(')')))
        .map((d) => {
          const catchAll = /^\[\.\.\.(.+)\]$/.exec(d)
          if (catchAll?.[1]) return { catchAll: catchAll[1] }
          const param = /^\[(.+)\]$/.exec(d)
          if (param?.[1]) return { param: param[1] }
          return { literal: d }
        })
      return { file, segments }
    })
    .sort((a, b) => b.segments.length - a.segments.length)
}

/** Matches a pathname against a route's segments; returns its params or `undefined`. */
export function matchRoute(
  segments: Segment[],
  pathname: string,
): Record<string, string | string[]> | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const params: Record<string, string | string[]> = {}
  for (const [i, segment] of segments.entries()) {
    if ('catchAll' in segment) {
      const rest = parts.slice(i)
      if (rest.length === 0) return undefined
      params[segment.catchAll] = rest
      return params
    }
    const part = parts[i]
    if (part === undefined) return undefined
    if ('literal' in segment && segment.literal !== part) return undefined
    if ('param' in segment) params[segment.param] = part
  }
  return parts.length === segments.length ? params : undefined
}

/**
 * Vite plugin: serves `app/**\/route.ts` handlers (Web `Request` → `Response`, one export per
 * HTTP method) in the dev server, adapted from Node's `http` by `@hono/node-server`. Route
 * files load through Vite's SSR loader, so edits apply on the next request.
 *
 * @param options.appDir - absolute path of the `app` folder.
 * @returns a Vite `Plugin`; unknown methods on a known route answer `405` JSON.
 */
export function appRoutes({ appDir }: { appDir: string }): Plugin {
  return {
    name: 'calls-kit:app-routes',
    configureServer(server: ViteDevServer) {
      const routes = findRouteFiles(appDir)
      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
        for (const route of routes) {
          const params = matchRoute(route.segments, pathname)
          if (!params) continue
          const listener = getRequestListener(async (request) => {
            const mod = (await server.ssrLoadModule(route.file)) as Partial<
              Record<(typeof METHODS)[number], RouteHandler>
            >
            const handler = mod[request.method as (typeof METHODS)[number]]
            if (!handler) {
              return Response.json(
                {
                  errorCode: 'method_not_allowed',
                  errorDescription: `${request.method} is not served by ${pathname}`,
                },
                { status: 405 },
              )
            }
            return handler(request, { params: Promise.resolve(params) })
          })
          listener(req, res).catch(next)
          return
        }
        next()
      })
    },
  }
}
