import type { SimulcastLayer } from './roomTypes.js'

/**
 * Three simulcast layers for a camera (`sendEncodings` of `addTransceiver`, W3C webrtc-pc §5.2):
 * rid `h` at full size (≤ 1200 kbps), `m` at half (≤ 350 kbps), `l` at a quarter (≤ 100 kbps).
 * rids per RFC 8851. A browser may send fewer: Chromium encodes only `h` and `m` of a 640×480
 * camera; the local SFU then forwards the nearest layer that is sending.
 */
export const SIMULCAST_ENCODINGS: readonly RTCRtpEncodingParameters[] = Object.freeze([
  { rid: 'h', maxBitrate: 1_200_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 350_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
])

/**
 * The layers a publisher announces in the roster: each encoding's rid and width (px) at the
 * track's current width.
 * @param encodings - the `sendEncodings` given to `push`/`publish`.
 * @param sourceWidthPx - the track's width (`getSettings().width`, px).
 * @returns the layers, highest first; `undefined` for fewer than two rids or an unknown width.
 */
export function simulcastLayers(
  encodings: readonly RTCRtpEncodingParameters[] | undefined,
  sourceWidthPx: number | undefined,
): SimulcastLayer[] | undefined {
  const withRid = (encodings ?? []).filter((e) => e.rid)
  if (withRid.length < 2 || !sourceWidthPx) return undefined
  return withRid
    .map((e) => ({
      rid: e.rid as string,
      width: Math.round(sourceWidthPx / (e.scaleResolutionDownBy ?? 1)),
    }))
    .sort((a, b) => b.width - a.width)
}

/**
 * The layer to receive for a video shown `renderedWidthPx` wide (device px: CSS width ×
 * `devicePixelRatio`): the smallest layer at least that wide, else the largest. Receiving more
 * pixels than are shown only costs bandwidth and decoding.
 * @param layers - from the roster (`PublishedTrackInfo.layers`), any order.
 * @returns a rid, or `undefined` without layers.
 */
export function chooseSimulcastLayer(
  layers: readonly SimulcastLayer[] | undefined,
  renderedWidthPx: number,
): string | undefined {
  if (!layers?.length) return undefined
  const bySize = [...layers].sort((a, b) => a.width - b.width)
  return (bySize.find((l) => l.width >= renderedWidthPx) ?? bySize[bySize.length - 1])?.rid
}
