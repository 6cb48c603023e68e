/**
 * What you share so that others can pull your track: the Calls session that pushed it and the
 * track's name in that session.
 * @see https://developers.cloudflare.com/calls/https-api/ (TrackObject: `sessionId`, `trackName`)
 */
export interface TrackLocator {
  sessionId: string
  trackName: string
}

/** A stable string key of a {@link TrackLocator}: `"<sessionId>/<trackName>"`. */
export function trackKey(locator: TrackLocator): string {
  return `${locator.sessionId}/${locator.trackName}`
}
