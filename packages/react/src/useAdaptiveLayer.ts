'use client'
import { chooseSimulcastLayer, type SimulcastLayer, type TrackLocator } from '@calls-kit/core'
import { type RefObject, useEffect } from 'react'
import { useCallsRoom } from './callsContext.js'

/**
 * Adaptive stream: receives the simulcast layer of a pulled video that fits the element showing
 * it — the smallest layer at least as wide as the element (CSS px × `devicePixelRatio`), so a
 * thumbnail costs a thumbnail's bandwidth — and the smallest layer while nobody can see it: the
 * element scrolled out of view (`IntersectionObserver`) or the page hidden (a background tab,
 * `document.visibilityState`, W3C Page Visibility). Follows resizes (`ResizeObserver`) and asks the
 * SFU only when the choice changes (`tracks/update`, no renegotiation). Nothing happens for a track
 * without layers or where `ResizeObserver` is missing; without `IntersectionObserver` the element
 * counts as in view.
 * @param element - the `<video>` (or its box) showing the track.
 * @param locator - the pulled track (acquired elsewhere, e.g. by `useRemoteTrack`).
 * @param layers - the publisher's layers from the roster (`PublishedTrackInfo.layers`).
 * @example
 * useAdaptiveLayer(videoRef, locator, info.layers)
 */
export function useAdaptiveLayer(
  element: RefObject<HTMLElement | null>,
  locator: TrackLocator | undefined,
  layers: readonly SimulcastLayer[] | undefined,
): void {
  const room = useCallsRoom()
  const sessionId = locator?.sessionId
  const trackName = locator?.trackName
  const layersKey = layers?.map((l) => `${l.rid}:${l.width}`).join(',')
  useEffect(() => {
    const el = element.current
    if (!el || !sessionId || !trackName || !layersKey || typeof ResizeObserver === 'undefined')
      return
    const known = layersKey.split(',').map((l) => {
      const [rid = '', width = '0'] = l.split(':')
      return { rid, width: Number(width) }
    })
    let chosen: string | undefined
    let inView = true
    const choose = () => {
      const seen = inView && document.visibilityState !== 'hidden'
      const width = seen ? el.clientWidth * (globalThis.devicePixelRatio || 1) : 0
      const rid = chooseSimulcastLayer(known, width)
      if (rid && rid !== chosen) {
        chosen = rid
        room.setPreferredRid({ sessionId, trackName }, rid)
      }
    }
    const resizes = new ResizeObserver(choose)
    resizes.observe(el)
    const views =
      typeof IntersectionObserver === 'undefined'
        ? undefined
        : new IntersectionObserver((entries) => {
            inView = entries.at(-1)?.isIntersecting ?? inView
            choose()
          })
    views?.observe(el)
    document.addEventListener('visibilitychange', choose)
    return () => {
      resizes.disconnect()
      views?.disconnect()
      document.removeEventListener('visibilitychange', choose)
    }
  }, [element, room, sessionId, trackName, layersKey])
}
