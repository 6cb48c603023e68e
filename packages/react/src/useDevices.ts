'use client'
import { useEffect, useState } from 'react'

/**
 * The media devices of one kind, kept current on `devicechange` (hot-plug). Labels are empty
 * until the page has camera/mic permission (W3C Media Capture §9.2).
 * @param kind - `'videoinput'`, `'audioinput'` or `'audiooutput'`.
 * @returns `MediaDeviceInfo[]` of that kind; `[]` during server rendering and before the first read.
 * @example
 * const cameras = useDevices('videoinput')
 */
export function useDevices(kind: MediaDeviceKind): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([])
  useEffect(() => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
    if (!media) return
    let live = true
    const read = () =>
      media
        .enumerateDevices()
        .then((all) => live && setDevices(all.filter((d) => d.kind === kind)))
        .catch(() => {})
    void read()
    media.addEventListener('devicechange', read)
    return () => {
      live = false
      media.removeEventListener('devicechange', read)
    }
  }, [kind])
  return devices
}
