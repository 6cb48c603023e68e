/**
 * A typed event emitter over a tuple map, e.g. `TypedEvents<{ connectionstatechange: [RTCPeerConnectionState] }>`.
 * Listener exceptions are caught and reported, so one bad listener cannot break the engine.
 */
export class TypedEvents<E extends Record<string, unknown[]>> {
  // Listener types are checked at `on`/`emit`; the map itself holds them untyped.
  readonly #listeners = new Map<keyof E, Set<(...args: unknown[]) => void>>()

  /** Adds `listener` for `event`; returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as unknown as (...args: unknown[]) => void)
    return () => {
      set.delete(listener as unknown as (...args: unknown[]) => void)
    }
  }

  /**
   * Like {@link emit}, then waits for the promises listeners returned (at most `timeoutMs`), so an
   * engine can let listeners finish work before it goes on. Rejections are reported and skipped. @internal
   */
  async emitAsync<K extends keyof E>(event: K, timeoutMs: number, ...args: E[K]): Promise<void> {
    const pending: Promise<unknown>[] = []
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        const result: unknown = listener(...args)
        if (result instanceof Promise) pending.push(result.catch(report))
      } catch (e) {
        report(e)
      }
    }
    if (pending.length === 0) return
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.all(pending),
      new Promise((r) => (timer = setTimeout(r, timeoutMs))),
    ])
    clearTimeout(timer)
  }

  /** Calls every listener of `event` with `args`; an exception in one is reported and skipped. @internal */
  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(...args)
      } catch (e) {
        report(e)
      }
    }
  }
}

/** Rethrows a listener's error outside the engine's call stack (visible in the console, harmless to us). */
function report(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}
