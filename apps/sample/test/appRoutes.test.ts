import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findRouteFiles, matchRoute } from '../server/appRoutes'

describe('appRoutes', () => {
  it('should map Next-style folders to URL patterns, most specific first', () => {
    const app = mkdtempSync(join(tmpdir(), 'app-'))
    for (const dir of ['api/calls/[...path]', 'api/rooms/[id]', '(group)/api/health']) {
      mkdirSync(join(app, dir), { recursive: true })
      writeFileSync(join(app, dir, 'route.ts'), '')
    }
    const routes = findRouteFiles(app)
    expect(routes.map((r) => r.segments)).toEqual(
      expect.arrayContaining([
        [{ literal: 'api' }, { literal: 'calls' }, { catchAll: 'path' }],
        [{ literal: 'api' }, { literal: 'rooms' }, { param: 'id' }],
        [{ literal: 'api' }, { literal: 'health' }],
      ]),
    )
  })

  it('should match catch-all, params and literals, and refuse the rest', () => {
    const calls = [{ literal: 'api' }, { literal: 'calls' }, { catchAll: 'path' }]
    expect(matchRoute(calls, '/api/calls/sessions/new')).toEqual({ path: ['sessions', 'new'] })
    expect(matchRoute(calls, '/api/calls')).toBeUndefined()
    expect(matchRoute(calls, '/api/other/x')).toBeUndefined()
    const room = [{ literal: 'rooms' }, { param: 'id' }]
    expect(matchRoute(room, '/rooms/a%20b')).toEqual({ id: 'a b' })
    expect(matchRoute(room, '/rooms/a/b')).toBeUndefined()
  })
})
