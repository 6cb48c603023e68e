/**
 * The order of a paged grid's tiles, kept stable as people come and go, with speakers brought onto
 * the page being shown: each speaker (newest first) who is on another page takes the place of the
 * last tile of the shown page that is neither speaking nor `fixed` (e.g. your own tile), which
 * moves to the speaker's old place — the least movement that puts every voice in view (what
 * LiveKit's grid calls a visually stable update).
 * @param previous - the order last shown (keys).
 * @param keys - the tiles now, in their natural (join) order: new keys go last, missing ones drop.
 * @param speakers - keys speaking now, newest first.
 * @param page - the shown page: `{start, size}` (indices into the order).
 * @param fixed - keys never moved off the page to make room. Defaults to none.
 * @returns the new order (a new array; `previous` is not changed).
 */
export function orderForPage(
  previous: readonly string[],
  keys: readonly string[],
  speakers: readonly string[],
  page: { start: number; size: number },
  fixed: ReadonlySet<string> = new Set(),
): string[] {
  const present = new Set(keys)
  const order = previous.filter((k) => present.has(k))
  const known = new Set(order)
  for (const k of keys) if (!known.has(k)) order.push(k)
  const end = Math.min(order.length, page.start + page.size)
  const speaking = new Set(speakers)
  for (const speaker of speakers) {
    const from = order.indexOf(speaker)
    if (from < 0 || (from >= page.start && from < end)) continue
    let to = -1
    for (let i = end - 1; i >= page.start; i--) {
      const k = order[i] as string
      if (!speaking.has(k) && !fixed.has(k)) {
        to = i
        break
      }
    }
    if (to < 0) break // the page is all speakers (and fixed tiles)
    order[from] = order[to] as string
    order[to] = speaker
  }
  return order
}
