/** Connection quality numbers derived from two `getStats()` samples. */
export interface ConnectionStats {
  /** Outgoing media bitrate (kbps), all outbound RTP streams. */
  sendKbps: number
  /** Incoming media bitrate (kbps), all inbound RTP streams. */
  receiveKbps: number
  /** Inbound packets lost over the interval, % of expected (0–100). */
  packetLossPercent: number
  /** Round-trip time of the selected ICE candidate pair (ms); `undefined` before one is measured. */
  rttMs: number | undefined
  /** `good` (loss < 2 %, RTT < 300 ms), `fair` (loss < 8 %, RTT < 600 ms) or `poor`. */
  quality: 'good' | 'fair' | 'poor'
}

/** Counters read from one `getStats()` report. @internal */
export interface StatsSample {
  atMs: number
  bytesSent: number
  bytesReceived: number
  packetsReceived: number
  packetsLost: number
  rttMs: number | undefined
}

/** The fields of a `getStats()` entry read here (W3C webrtc-stats §8); all optional. */
interface StatsEntry {
  type: string
  bytesSent?: number
  bytesReceived?: number
  packetsReceived?: number
  packetsLost?: number
  nominated?: boolean
  state?: string
  currentRoundTripTime?: number
}

/**
 * Sums the counters of a `getStats()` report (W3C webrtc-stats: `outbound-rtp.bytesSent`,
 * `inbound-rtp.bytesReceived/packetsReceived/packetsLost`, the nominated `candidate-pair`'s
 * `currentRoundTripTime` in seconds).
 */
export function sampleStats(
  report: Iterable<[string, StatsEntry]> | { forEach(cb: (s: StatsEntry) => void): void },
  atMs: number,
): StatsSample {
  const sample: StatsSample = {
    atMs,
    bytesSent: 0,
    bytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    rttMs: undefined,
  }
  const visit = (s: StatsEntry) => {
    if (s.type === 'outbound-rtp') sample.bytesSent += s.bytesSent ?? 0
    else if (s.type === 'inbound-rtp') {
      sample.bytesReceived += s.bytesReceived ?? 0
      sample.packetsReceived += s.packetsReceived ?? 0
      sample.packetsLost += Math.max(0, s.packetsLost ?? 0)
    } else if (
      s.type === 'candidate-pair' &&
      s.nominated &&
      s.state === 'succeeded' &&
      s.currentRoundTripTime !== undefined
    ) {
      sample.rttMs = s.currentRoundTripTime * 1000
    }
  }
  if ('forEach' in report) report.forEach(visit)
  else for (const [, s] of report) visit(s)
  return sample
}

/** {@link ConnectionStats} over the interval between two samples (rates need two). */
export function computeConnectionStats(
  previous: StatsSample,
  current: StatsSample,
): ConnectionStats {
  const seconds = Math.max(0.001, (current.atMs - previous.atMs) / 1000)
  const received = Math.max(0, current.packetsReceived - previous.packetsReceived)
  const lost = Math.max(0, current.packetsLost - previous.packetsLost)
  const packetLossPercent = received + lost === 0 ? 0 : (lost / (received + lost)) * 100
  const rtt = current.rttMs
  const quality =
    packetLossPercent < 2 && (rtt ?? 0) < 300
      ? 'good'
      : packetLossPercent < 8 && (rtt ?? 0) < 600
        ? 'fair'
        : 'poor'
  return {
    sendKbps: (Math.max(0, current.bytesSent - previous.bytesSent) * 8) / 1000 / seconds,
    receiveKbps: (Math.max(0, current.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds,
    packetLossPercent,
    rttMs: rtt,
    quality,
  }
}
