/** Options of {@link MessageRateLimit}. */
export interface MessageRateLimitOptions {
  /** Messages a sender may send at once after being quiet (the bucket's size). Defaults to `20`. */
  burst?: number
  /** Messages per second a sender may keep sending (the refill rate). Defaults to `5`. */
  perSecond?: number
  /** Clock (ms), for tests. Defaults to `Date.now`. */
  now?: () => number
}

/**
 * A token bucket per sender: room messages go to everyone in the room, so one chatty or hostile
 * tab must not flood the others' event streams. In memory, per instance of the app.
 */
export class MessageRateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>()
  readonly #burst: number
  readonly #perMs: number
  readonly #now: () => number

  constructor(options: MessageRateLimitOptions = {}) {
    this.#burst = options.burst ?? 20
    this.#perMs = (options.perSecond ?? 5) / 1000
    this.#now = options.now ?? Date.now
  }

  /**
   * Takes one message's token for `sender`.
   * @returns `0` when the message may go, else how long (ms) until the next token.
   */
  take(sender: string): number {
    const now = this.#now()
    const bucket = this.#buckets.get(sender) ?? { tokens: this.#burst, at: now }
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs)
    bucket.at = now
    this.#buckets.set(sender, bucket)
    if (this.#buckets.size > 1000) this.#forgetFull(now)
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / this.#perMs)
    bucket.tokens -= 1
    return 0
  }

  /** Drops buckets that have refilled: a sender not seen is the same as a full bucket. */
  #forgetFull(now: number): void {
    for (const [sender, b] of this.#buckets)
      if (b.tokens + (now - b.at) * this.#perMs >= this.#burst) this.#buckets.delete(sender)
  }
}
