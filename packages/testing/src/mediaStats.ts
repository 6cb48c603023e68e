import type { Page } from 'playwright-core'

/** Totals of inbound RTP streams of one kind, summed over every RTCPeerConnection a page registered. */
export interface InboundTotals {
  /** `framesDecoded` summed over inbound video streams (frames). */
  framesDecoded: number
  /** `packetsReceived` summed over inbound streams of the kind (packets). */
  packetsReceived: number
  /** Largest `frameWidth` seen among inbound video streams (px); 0 for audio or before the first frame. */
  frameWidth: number
  /** Largest `frameHeight` seen among inbound video streams (px). */
  frameHeight: number
}

/**
 * Script to pass to `page.addInitScript` before navigation: records every `RTCPeerConnection`
 * the page creates in `window.__callsKitPeerConnections`, so {@link readInboundTotals} can read
 * their `getStats()` without help from the app.
 */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__callsKitPeerConnections) return;
  window.__callsKitPeerConnections = [];
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args) {
      const pc = Reflect.construct(target, args);
      window.__callsKitPeerConnections.push(pc);
      return pc;
    },
  });
})();`

/**
 * Reads inbound RTP totals of every peer connection recorded by {@link RECORD_PEER_CONNECTIONS}.
 *
 * @param page - a playwright page that ran the init script before loading the app.
 * @param kind - `'audio'` or `'video'`.
 * @returns {@link InboundTotals}; all zero when the page has no connection yet.
 * Stats names per W3C webrtc-stats `RTCInboundRtpStreamStats`.
 */
export async function readInboundTotals(
  page: Page,
  kind: 'audio' | 'video',
): Promise<InboundTotals> {
  return page.evaluate(async (k) => {
    const totals = { framesDecoded: 0, packetsReceived: 0, frameWidth: 0, frameHeight: 0 }
    const pcs =
      (window as unknown as { __callsKitPeerConnections?: RTCPeerConnection[] })
        .__callsKitPeerConnections ?? []
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue
      const report = await pc.getStats()
      report.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== k) return
        totals.packetsReceived += Number(s.packetsReceived ?? 0)
        totals.framesDecoded += Number(s.framesDecoded ?? 0)
        totals.frameWidth = Math.max(totals.frameWidth, Number(s.frameWidth ?? 0))
        totals.frameHeight = Math.max(totals.frameHeight, Number(s.frameHeight ?? 0))
      })
    }
    return totals
  }, kind)
}

/**
 * Polls `probe` every `intervalMs` until `predicate` holds, and returns the last value.
 *
 * @param probe - async reader (e.g. `() => readInboundTotals(page, 'video')`).
 * @param predicate - the condition to wait for.
 * @param options - `timeoutMs` (default 15000 ms), `intervalMs` (default 100 ms).
 * @throws Error naming the last value seen when `timeoutMs` passes first.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  predicate: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last = await probe()
  while (!predicate(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `waitFor timed out after ${timeoutMs} ms; last value: ${JSON.stringify(last)}`,
      )
    }
    await new Promise((r) => setTimeout(r, intervalMs))
    last = await probe()
  }
  return last
}
