/** React Query key of a room's roster. @internal */
export function rosterQueryKey(room: string): readonly ['calls-kit', 'roster', string] {
  return ['calls-kit', 'roster', room] as const
}
