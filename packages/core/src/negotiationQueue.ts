/**
 * A FIFO of negotiations: each job runs after the previous one settled, so at most one
 * offer/answer exchange (RFC 3264) is in flight on a peer connection. A failed job does not stop
 * the queue. @internal
 */
export class NegotiationQueue {
  #tail: Promise<unknown> = Promise.resolve()
  #pending = 0

  /** Runs `job` after every job enqueued before it; resolves or rejects with its result. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.#pending++
    const run = this.#tail.then(job, job).finally(() => {
      this.#pending--
    })
    this.#tail = run.catch(() => {})
    return run
  }

  /** Jobs enqueued and not yet settled. */
  get pending(): number {
    return this.#pending
  }
}
