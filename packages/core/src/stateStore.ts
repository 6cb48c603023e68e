/**
 * The smallest store that React's `useSyncExternalStore` (and zustand's `useStore`) can bind:
 * `getState`, `getInitialState`, `subscribe(listener) → unsubscribe`. Same contract as zustand's
 * `ReadonlyStoreApi`, without the dependency.
 */
export interface ReadonlyStore<T> {
  getState(): T
  getInitialState(): T
  subscribe(listener: (state: T, previous: T) => void): () => void
}

/** A {@link ReadonlyStore} its owner can write: `setState(partial)` merges and notifies. @internal */
export class StateStore<T extends object> implements ReadonlyStore<T> {
  #state: T
  readonly #initial: T
  readonly #listeners = new Set<(state: T, previous: T) => void>()

  constructor(initial: T) {
    this.#state = initial
    this.#initial = initial
  }

  getState = (): T => this.#state
  getInitialState = (): T => this.#initial
  subscribe = (listener: (state: T, previous: T) => void): (() => void) => {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Merges `partial` into the state; notifies only when some field changed (`Object.is`). */
  setState(partial: Partial<T>): void {
    const previous = this.#state
    const changed = (Object.keys(partial) as (keyof T)[]).some(
      (k) => !Object.is(previous[k], partial[k]),
    )
    if (!changed) return
    this.#state = { ...previous, ...partial }
    for (const listener of this.#listeners) listener(this.#state, previous)
  }
}
