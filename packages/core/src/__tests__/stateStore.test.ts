import { describe, expect, it, vi } from 'vitest'
import { StateStore } from '../stateStore.js'

describe('StateStore', () => {
  it('should merge partial updates, notify with (state, previous), and keep the initial state', () => {
    const store = new StateStore({ a: 1, b: 'x' })
    const listener = vi.fn()
    const off = store.subscribe(listener)
    store.setState({ a: 2 })
    expect(store.getState()).toEqual({ a: 2, b: 'x' })
    expect(listener).toHaveBeenCalledWith({ a: 2, b: 'x' }, { a: 1, b: 'x' })
    expect(store.getInitialState()).toEqual({ a: 1, b: 'x' })
    off()
    store.setState({ a: 3 })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('should keep the same snapshot object and not notify when nothing changed', () => {
    const store = new StateStore({ a: 1 })
    const before = store.getState()
    const listener = vi.fn()
    store.subscribe(listener)
    store.setState({ a: 1 })
    expect(store.getState()).toBe(before)
    expect(listener).not.toHaveBeenCalled()
  })
})
