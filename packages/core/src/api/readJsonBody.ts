import type { z } from 'zod'

/** Why a request body was refused: a Calls-style `errorCode`/`errorDescription` for a 400. */
export interface BodyError {
  errorCode: 'invalid_json' | 'invalid_request'
  errorDescription: string
}

/**
 * Reads a request's JSON body and validates it with a zod schema — what every Calls route does
 * first (the local SFU's and `createCallsHandler`'s).
 *
 * @param request - the incoming request (its body is consumed).
 * @param schema - a zod schema of the body.
 * @param optional - an empty body counts as `{}`. Defaults to `false`.
 * @returns `{ok: true, data}` or `{ok: false, error}` with `invalid_json` (not JSON) or
 *   `invalid_request` (missing body, or the first schema issue as `path: message`).
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  optional = false,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; error: BodyError }> {
  const text = await request.text()
  if (text.trim() === '' && !optional) {
    return {
      ok: false,
      error: { errorCode: 'invalid_request', errorDescription: 'a JSON body is required' },
    }
  }
  let json: unknown = {}
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text)
    } catch {
      return {
        ok: false,
        error: { errorCode: 'invalid_json', errorDescription: 'the body is not valid JSON' },
      }
    }
  }
  const result = schema.safeParse(json)
  if (result.success) return { ok: true, data: result.data }
  const issue = result.error.issues[0]
  return {
    ok: false,
    error: {
      errorCode: 'invalid_request',
      errorDescription: `${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    },
  }
}
