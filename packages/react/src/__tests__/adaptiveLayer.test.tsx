import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useCallsRoom } from '../callsContext.js'
import { useAdaptiveLayer } from '../useAdaptiveLayer.js'
import { setup } from './utils.js'

// happy-dom lays nothing out: the observers are stood in for, and the test says what they see.
class FakeObserver {
  static resize: FakeObserver | undefined
  static intersection: FakeObserver | undefined
  constructor(readonly callback: (entries: Array<{ isIntersecting: boolean }>) => void) {}
  observe() {}
  disconnect() {}
}
class FakeResizeObserver extends FakeObserver {
  override observe() {
    FakeObserver.resize = this
    this.callback([])
  }
}
class FakeIntersectionObserver extends FakeObserver {
  override observe() {
    FakeObserver.intersection = this
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('useAdaptiveLayer', () => {
  it('should ask for the layer that fits the element, and the smallest while it is out of view or the page is hidden', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver)
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
    vi.stubGlobal('devicePixelRatio', 1)
    let visibility: DocumentVisibilityState = 'visible'
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
    let width = 600
    const el = document.createElement('div')
    Object.defineProperty(el, 'clientWidth', { get: () => width })
    const { Wrapper } = setup()
    const layers = [
      { rid: 'h', width: 640 },
      { rid: 'm', width: 320 },
      { rid: 'l', width: 160 },
    ]
    const asked: string[] = []
    renderHook(
      () => {
        const room = useCallsRoom()
        room.setPreferredRid = (_locator, rid) => void asked.push(rid)
        useAdaptiveLayer({ current: el }, { sessionId: 'R1', trackName: 'camera' }, layers)
      },
      { wrapper: Wrapper },
    )
    const resize = (px: number) => {
      width = px
      FakeObserver.resize?.callback([])
    }
    const intersect = (isIntersecting: boolean) =>
      FakeObserver.intersection?.callback([{ isIntersecting }])
    expect(asked).toEqual(['h'])
    act(() => resize(300))
    act(() => intersect(false)) // scrolled out of view
    act(() => resize(250)) // still out of view: no change
    act(() => intersect(true))
    act(() => {
      visibility = 'hidden'
      document.dispatchEvent(new Event('visibilitychange'))
    })
    act(() => {
      visibility = 'visible'
      document.dispatchEvent(new Event('visibilitychange'))
    })
    expect(asked).toEqual(['h', 'm', 'l', 'm', 'l', 'm'])
  })
})
