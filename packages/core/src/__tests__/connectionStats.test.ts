import { describe, expect, it } from 'vitest'
import { computeConnectionStats, sampleStats } from '../connectionStats.js'

const report = (
  bytesSent: number,
  bytesReceived: number,
  packetsReceived: number,
  packetsLost: number,
  rtt?: number,
) =>
  new Map<string, any>([
    ['o', { type: 'outbound-rtp', bytesSent }],
    ['i', { type: 'inbound-rtp', bytesReceived, packetsReceived, packetsLost }],
    [
      'p',
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
    ],
  ])

describe('computeConnectionStats', () => {
  it('should turn two samples into kbps, loss % and RTT ms', () => {
    const a = sampleStats(report(0, 0, 0, 0, 0.02), 0)
    const b = sampleStats(report(250_000, 125_000, 980, 20, 0.04), 2000)
    expect(computeConnectionStats(a, b)).toEqual({
      sendKbps: 1000,
      receiveKbps: 500,
      packetLossPercent: 2,
      rttMs: 40,
      quality: 'fair',
    })
  })

  it('should rate a clean link good and a lossy one poor', () => {
    const a = sampleStats(report(0, 0, 0, 0, 0.01), 0)
    expect(computeConnectionStats(a, sampleStats(report(1, 1, 1000, 0, 0.01), 1000)).quality).toBe(
      'good',
    )
    expect(computeConnectionStats(a, sampleStats(report(1, 1, 800, 200, 0.01), 1000)).quality).toBe(
      'poor',
    )
  })
})
