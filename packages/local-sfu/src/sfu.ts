import type { PeerConfig } from 'werift'
import { createPeerConfig } from './peerConfig.js'
import type { PublishedTrack } from './publishedTrack.js'
import { SfuError } from './sfuError.js'
import { SfuSession, type TrackDirectory } from './sfuSession.js'

/** Options of {@link Sfu}. */
export interface SfuOptions {
  /** Address ICE binds to. Defaults to `'127.0.0.1'`. */
  host?: string
  /** Bitrate (kbps) the SFU tells each video publisher it may send, by REMB every second. Defaults to `2500`. */
  maxPublishKbps?: number
}

/**
 * The media side of the local SFU: every session of every app, and the tracks they publish.
 * Sessions are keyed by app so that one app cannot reach another's sessions.
 */
export class Sfu {
  private readonly sessions = new Map<string, { appId: string; session: SfuSession }>()
  private readonly config: Partial<PeerConfig>
  private readonly rembTimer: NodeJS.Timeout
  private readonly maxPublishBps: number

  constructor(options: SfuOptions = {}) {
    this.config = createPeerConfig({ host: options.host })
    this.maxPublishBps = (options.maxPublishKbps ?? 2500) * 1000
    this.rembTimer = setInterval(() => this.sendRembs(), 1000)
    this.rembTimer.unref()
  }

  private sendRembs(): void {
    for (const { session } of this.sessions.values()) {
      for (const track of session.published.values()) track.sendRemb(this.maxPublishBps)
    }
  }

  /** Creates a session of `appId` with its own peer connection. */
  createSession(appId: string): SfuSession {
    const directory: TrackDirectory = {
      findPublished: (sessionId, trackName) => this.findPublished(appId, sessionId, trackName),
    }
    const session = new SfuSession(this.config, directory)
    this.sessions.set(session.id, { appId, session })
    session.pc.connectionStateChange.subscribe((state) => {
      if (state === 'closed') this.sessions.delete(session.id)
      // ICE failed: the peer is gone (a closed tab answers no consent checks, so ICE fails ~30 s
      // later, RFC 7675 §5.1). The session and its tracks go, so that nobody keeps forwarding to
      // or pulling from it; a client that comes back recovers into a new session.
      if (state === 'failed') {
        this.sessions.delete(session.id)
        void session.close()
      }
    })
    return session
  }

  /** The session `sessionId` of `appId`. @throws SfuError 404 `not_found`. */
  getSession(appId: string, sessionId: string): SfuSession {
    const entry = this.sessions.get(sessionId)
    if (!entry || entry.appId !== appId || entry.session.closed) {
      throw new SfuError(404, 'not_found', `session ${sessionId} does not exist`)
    }
    return entry.session
  }

  private findPublished(
    appId: string,
    sessionId: string,
    trackName: string,
  ): PublishedTrack | undefined {
    const entry = this.sessions.get(sessionId)
    if (!entry || entry.appId !== appId) return undefined
    const track = entry.session.published.get(trackName)
    return track && !track.closed ? track : undefined
  }

  /**
   * Test hook: closes a session's peer connection as if its network vanished, so its client sees
   * the connection fail. The session is gone afterwards (as a Calls session that timed out).
   */
  async dropSession(sessionId: string): Promise<boolean> {
    const entry = this.sessions.get(sessionId)
    if (!entry) return false
    this.sessions.delete(sessionId)
    await entry.session.close()
    return true
  }

  /**
   * Test hook: drops `ratio` (0–1) of the RTP packets the SFU forwards to a session — evenly
   * spread, every pulled track — as a lossy downlink would; 0 restores it.
   * @returns `false` when no such session is open.
   */
  setDownlinkLoss(sessionId: string, ratio: number): boolean {
    const entry = this.sessions.get(sessionId)
    if (!entry) return false
    entry.session.downlinkLoss = Math.min(1, Math.max(0, ratio))
    return true
  }

  /**
   * Test hook: drops `ratio` (0–1) of the RTP packets a session sends, on arrival at the SFU —
   * evenly spread, every published track — as a lossy uplink would: the publisher learns of it from
   * the SFU's receiver reports, subscribers see the gaps; 0 restores it.
   * @returns `false` when no such session is open.
   */
  setUplinkLoss(sessionId: string, ratio: number): boolean {
    const entry = this.sessions.get(sessionId)
    if (!entry) return false
    entry.session.uplinkLoss = Math.min(1, Math.max(0, ratio))
    return true
  }

  /** Number of open sessions. */
  get sessionCount(): number {
    return this.sessions.size
  }

  /** Closes every session. */
  async close(): Promise<void> {
    clearInterval(this.rembTimer)
    await Promise.all([...this.sessions.values()].map(({ session }) => session.close()))
    this.sessions.clear()
  }
}
