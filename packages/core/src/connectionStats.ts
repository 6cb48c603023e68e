/** Connection quality numbers derived from two `getStats()` samples. */
export interface ConnectionStats {
  /** Outgoing media bitrate (kbps), all outbound RTP streams. */
  sendKbps: number
  /** Incoming media bitrate (kbps), all inbound RTP streams. */
  receiveKbps: number
  /** Inbound packets lost over the interval, % of expected (0–100). */
  packetLossPercent: number
  /**
   * Outbound packets lost on the way to the SFU over the interval, % of those sent (0–100), as the
   * SFU reports it in RTCP receiver reports (`remote-inbound-rtp`, RFC 3550 §6.4.1); `0` before a
   * report arrives.
   */
  sendPacketLossPercent: number
  /** Round-trip time of the selected ICE candidate pair (ms); `undefined` before one is measured. */
  rttMs: number | undefined
  /**
   * `good` (loss < 2 %, RTT < 300 ms), `fair` (loss < 8 %, RTT < 600 ms) or `poor`, where loss is
   * the worse of the two directions.
   */
  quality: 'good' | 'fair' | 'poor'
}

/** Counters read from one `getStats()` report. @internal */
export interface StatsSample {
  atMs: number
  bytesSent: number
  bytesReceived: number
  packetsReceived: number
  packetsLost: number
  packetsSent: number
  /** Packets the SFU reports lost of what this side sent (`remote-inbound-rtp.packetsLost`). */
  remotePacketsLost: number
  rttMs: number | undefined
}

/** The fields of a `getStats()` entry read here (W3C webrtc-stats §8); all optional. */
interface StatsEntry {
  type: string
  bytesSent?: number
  bytesReceived?: number
  packetsReceived?: number
  packetsLost?: number
  packetsSent?: number
  nominated?: boolean
  state?: string
  currentRoundTripTime?: number
}

/**
 * Sums the counters of a `getStats()` report (W3C webrtc-stats: `outbound-rtp.bytesSent/packetsSent`,
 * `inbound-rtp.bytesReceived/packetsReceived/packetsLost`, `remote-inbound-rtp.packetsLost`, the nominated `candidate-pair`'s
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
    packetsSent: 0,
    remotePacketsLost: 0,
    rttMs: undefined,
  }
  const visit = (s: StatsEntry) => {
    if (s.type === 'outbound-rtp') {
      sample.bytesSent += s.bytesSent ?? 0
      sample.packetsSent += s.packetsSent ?? 0
    } else if (s.type === 'remote-inbound-rtp') {
      sample.remotePacketsLost += Math.max(0, s.packetsLost ?? 0)
    } else if (s.type === 'inbound-rtp') {
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
  const sent = Math.max(0, current.packetsSent - previous.packetsSent)
  const sendLost = Math.max(0, current.remotePacketsLost - previous.remotePacketsLost)
  // Receiver reports come about every second and count up to their own moment: clamp to 100 %.
  const sendPacketLossPercent = sent === 0 ? 0 : Math.min(100, (sendLost / sent) * 100)
  const loss = Math.max(packetLossPercent, sendPacketLossPercent)
  const rtt = current.rttMs
  const quality =
    loss < 2 && (rtt ?? 0) < 300 ? 'good' : loss < 8 && (rtt ?? 0) < 600 ? 'fair' : 'poor'
  return {
    sendKbps: (Math.max(0, current.bytesSent - previous.bytesSent) * 8) / 1000 / seconds,
    receiveKbps: (Math.max(0, current.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds,
    packetLossPercent,
    sendPacketLossPercent,
    rttMs: rtt,
    quality,
  }
}
