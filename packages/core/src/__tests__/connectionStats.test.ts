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

/** A sender's view: what it sent, and what the SFU's receiver reports say was lost of it. */
const senderReport = (packetsSent: number, remotePacketsLost: number) =>
  new Map<string, any>([
    ['o', { type: 'outbound-rtp', bytesSent: packetsSent * 1000, packetsSent }],
    ['r', { type: 'remote-inbound-rtp', packetsLost: remotePacketsLost, roundTripTime: 0.01 }],
    [
      'p',
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.01 },
    ],
  ])

describe('computeConnectionStats', () => {
  it('should rate a lossy uplink by the loss the SFU reports (remote-inbound-rtp)', () => {
    const a = sampleStats(senderReport(1000, 10), 0)
    const clean = computeConnectionStats(a, sampleStats(senderReport(2000, 10), 2000))
    expect(clean).toMatchObject({ packetLossPercent: 0, sendPacketLossPercent: 0, quality: 'good' })
    const lossy = computeConnectionStats(a, sampleStats(senderReport(2000, 210), 2000))
    expect(lossy).toMatchObject({
      packetLossPercent: 0,
      sendPacketLossPercent: 20,
      quality: 'poor',
    })
    const fair = computeConnectionStats(a, sampleStats(senderReport(2000, 60), 2000))
    expect(fair).toMatchObject({ sendPacketLossPercent: 5, quality: 'fair' })
  })

  it('should turn two samples into kbps, loss % and RTT ms', () => {
    const a = sampleStats(report(0, 0, 0, 0, 0.02), 0)
    const b = sampleStats(report(250_000, 125_000, 980, 20, 0.04), 2000)
    expect(computeConnectionStats(a, b)).toEqual({
      sendKbps: 1000,
      receiveKbps: 500,
      packetLossPercent: 2,
      sendPacketLossPercent: 0,
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
