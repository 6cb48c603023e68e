/**
 * An error the local SFU answers with: HTTP `status` plus the Calls API's
 * `{errorCode, errorDescription}` body.
 * @see https://developers.cloudflare.com/calls/https-api/
 */
export class SfuError extends Error {
  override name = 'SfuError'
  constructor(
    /** HTTP status (4xx). */
    readonly status: 400 | 401 | 404 | 405 | 409 | 415 | 500 | 501,
    /** Machine-readable code, e.g. `not_found`. */
    readonly errorCode: string,
    /** Human-readable description. */
    readonly errorDescription: string,
  ) {
    super(`${errorCode}: ${errorDescription}`)
  }

  /** The JSON body `{errorCode, errorDescription}`. */
  toJSON(): { errorCode: string; errorDescription: string } {
    return { errorCode: this.errorCode, errorDescription: this.errorDescription }
  }
}
