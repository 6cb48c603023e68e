/**
 * Error classes of calls-kit. Each sets `name`, accepts ES2022 `{ cause }`, and has a guard that
 * works across bundles/realms without `instanceof`.
 * @module
 */
import type { CallsErrorBody } from './api/types.js'

/** Base class of every calls-kit error. */
export class CallsError extends Error {
  override name = 'CallsError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/**
 * An error answered by the Calls API (or by an app route / local SFU speaking its error shape):
 * HTTP `status` plus the body's `errorCode` and `errorDescription`.
 * `getResponse()` turns it back into a JSON `Response` with the same status and body, so a server
 * handler can rethrow it as is.
 * @see https://developers.cloudflare.com/calls/https-api/ (error responses carry errorCode/errorDescription)
 */
export class CallsApiError extends CallsError {
  override name = 'CallsApiError'
  /** HTTP status code (4xx/5xx). */
  readonly status: number
  /** Machine-readable code, e.g. `'not_found'`, `'invalid_request'`. */
  readonly errorCode: string
  /** Human-readable description. */
  readonly errorDescription: string

  constructor(
    status: number,
    errorCode: string,
    errorDescription: string,
    options?: { cause?: unknown },
  ) {
    super(`${status} ${errorCode}: ${errorDescription}`, options)
    this.status = status
    this.errorCode = errorCode
    this.errorDescription = errorDescription
  }

  /** The Calls-style JSON body `{ errorCode, errorDescription }`. */
  toJSON(): CallsErrorBody {
    return { errorCode: this.errorCode, errorDescription: this.errorDescription }
  }

  /** A `Response` with this error's status and JSON body (`content-type: application/json`). */
  getResponse(): Response {
    return Response.json(this.toJSON(), { status: this.status })
  }
}

/**
 * An operation was called in a state that does not allow it (e.g. `push()` after `close()`).
 * Named after the WebRTC spec's `InvalidStateError`.
 */
export class InvalidStateError extends CallsError {
  override name = 'InvalidStateError'
}

/** `true` when `e` is a {@link CallsError} (or subclass), from any bundle copy. */
export function isCallsError(e: unknown): e is CallsError {
  return (
    e instanceof Error && (e.name === 'CallsError' || isCallsApiError(e) || isInvalidStateError(e))
  )
}

/** `true` when `e` is a {@link CallsApiError}, from any bundle copy. */
export function isCallsApiError(e: unknown): e is CallsApiError {
  return e instanceof Error && e.name === 'CallsApiError' && 'errorCode' in e && 'status' in e
}

/** `true` when `e` is an {@link InvalidStateError}. */
export function isInvalidStateError(e: unknown): e is InvalidStateError {
  return e instanceof Error && e.name === 'InvalidStateError'
}
