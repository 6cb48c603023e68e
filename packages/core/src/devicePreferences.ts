/** The part of `MediaDeviceInfo` device choice needs. */
export interface DeviceLike {
  deviceId: string
  kind: MediaDeviceKind
  label?: string
}

/**
 * Which device to use: the preferred one when it is plugged in; else the one in use when it is
 * still there; else the system default (`deviceId: 'default'`, Chromium); else the first of the
 * kind. `undefined` when none is available.
 * @param available - `navigator.mediaDevices.enumerateDevices()` filtered to one kind.
 * @see W3C Media Capture and Streams §9.2 (enumerateDevices), §9.4 (devicechange)
 */
export function chooseDevice(
  available: readonly DeviceLike[],
  preferredId?: string,
  currentId?: string,
): string | undefined {
  const has = (id: string | undefined) =>
    id !== undefined && available.some((d) => d.deviceId === id)
  if (has(preferredId)) return preferredId
  if (has(currentId)) return currentId
  if (has('default')) return 'default'
  return available[0]?.deviceId
}

/** The part of `Storage` preferences need (`localStorage` fits). */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * The user's chosen device per kind, persisted across reloads (in `localStorage` by default, as
 * JSON `{audioinput?: id, videoinput?: id, audiooutput?: id}` under `key`). Storage failures
 * (private mode, quota) are ignored: the choice then lasts for the page only.
 */
export class DevicePreferences {
  readonly #memory: Partial<Record<MediaDeviceKind, string>> = {}

  constructor(
    private readonly storage: StorageLike | undefined = typeof localStorage === 'undefined'
      ? undefined
      : localStorage,
    private readonly key = 'calls-kit:devices',
  ) {
    try {
      Object.assign(this.#memory, JSON.parse(this.storage?.getItem(this.key) ?? '{}'))
    } catch {
      // A corrupt entry is replaced on the next set().
    }
  }

  /** The preferred deviceId of `kind`, if the user chose one. */
  get(kind: MediaDeviceKind): string | undefined {
    return this.#memory[kind]
  }

  /** Remembers `deviceId` as the preferred device of `kind`. */
  set(kind: MediaDeviceKind, deviceId: string): void {
    this.#memory[kind] = deviceId
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.#memory))
    } catch {
      // Not persisted; still used for this page.
    }
  }
}
