'use client'
import { chooseSimulcastLayer, type SimulcastLayer, type TrackLocator } from '@calls-kit/core'
import { type RefObject, useEffect } from 'react'
import { useCallsRoom } from './callsContext.js'

/**
 * Adaptive stream: receives the simulcast layer of a pulled video that fits the element showing
 * it — the smallest layer at least as wide as the element (CSS px × `devicePixelRatio`), so a
 * thumbnail costs a thumbnail's bandwidth. Follows resizes (`ResizeObserver`) and asks the SFU
 * only when the choice changes (`tracks/update`, no renegotiation). Nothing happens for a track
 * without layers or where `ResizeObserver` is missing.
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
    const observer = new ResizeObserver(() => {
      const rid = chooseSimulcastLayer(known, el.clientWidth * (globalThis.devicePixelRatio || 1))
      if (rid && rid !== chosen) {
        chosen = rid
        room.setPreferredRid({ sessionId, trackName }, rid)
      }
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [element, room, sessionId, trackName, layersKey])
}
