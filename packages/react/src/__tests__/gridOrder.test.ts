import { describe, expect, it } from 'vitest'
import { orderForPage } from '../gridOrder.js'

describe('orderForPage', () => {
  const page1 = { start: 0, size: 3 }

  it('should keep the previous order, drop who left and append who joined', () => {
    expect(orderForPage(['c', 'a', 'b'], ['a', 'b', 'd'], [], page1)).toEqual(['a', 'b', 'd'])
    expect(orderForPage(['c', 'a', 'b'], ['a', 'b', 'c', 'd'], [], page1)).toEqual([
      'c',
      'a',
      'b',
      'd',
    ])
  })

  it('should swap a speaker from another page with the last quiet, movable tile of the shown page', () => {
    const keys = ['local', 'a', 'b', 'c', 'd', 'e']
    expect(orderForPage(keys, keys, ['e'], page1, new Set(['local']))).toEqual([
      'local',
      'a',
      'e',
      'c',
      'd',
      'b',
    ])
    // b speaks too: the last quiet one on the page is now a; the local tile never leaves.
    expect(
      orderForPage(['local', 'a', 'e', 'c', 'd', 'b'], keys, ['b', 'e'], page1, new Set(['local'])),
    ).toEqual(['local', 'b', 'e', 'c', 'd', 'a'])
    // Nobody to make room for a third speaker: the page stays as it is.
    expect(
      orderForPage(
        ['local', 'b', 'e', 'c', 'd', 'a'],
        keys,
        ['a', 'b', 'e'],
        page1,
        new Set(['local']),
      ),
    ).toEqual(['local', 'b', 'e', 'c', 'd', 'a'])
  })

  it('should leave a speaker already on the shown page where it is, on any page', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f']
    expect(orderForPage(keys, keys, ['b'], page1)).toEqual(keys)
    expect(orderForPage(keys, keys, ['a'], { start: 3, size: 3 })).toEqual([
      'f',
      'b',
      'c',
      'd',
      'e',
      'a',
    ])
  })
})
