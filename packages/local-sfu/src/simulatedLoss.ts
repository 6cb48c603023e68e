/**
 * Test hook behind `Sfu.setDownlinkLoss`/`setUplinkLoss`: decides which packets to drop so that
 * exactly `ratio()` (0–1, read per packet) of them are dropped, evenly spread — no randomness, so
 * a test sees the same loss every run. The receiving side sees the gaps in sequence numbers as
 * loss (RFC 3550 §6.4.1).
 */
export class SimulatedLoss {
  /** Carried-over fraction of a packet still to drop. */
  private debt = 0

  constructor(private readonly ratio: () => number = () => 0) {}

  /** Whether to drop the next packet. */
  shouldDrop(): boolean {
    const loss = this.ratio()
    if (loss <= 0) return false
    this.debt += loss
    if (this.debt < 1) return false
    this.debt -= 1
    return true
  }
}
