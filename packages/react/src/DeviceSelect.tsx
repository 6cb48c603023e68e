'use client'
import type { ReactNode, SelectHTMLAttributes } from 'react'
import { useDevices } from './useDevices.js'

/** Props of {@link DeviceSelect}: the `<select>` element's props plus the device kind. */
export interface DeviceSelectProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  kind: MediaDeviceKind
  /** The selected deviceId. */
  value: string | undefined
  /** Called with the chosen deviceId. */
  onChange: (deviceId: string) => void
}

/**
 * A `<select>` of the devices of one kind (hot-plug aware). Pair with `useLocalMedia`'s
 * `setVideoDevice`/`setAudioDevice`: switching goes through `replaceTrack`, no renegotiation.
 * Style with `[data-calls-kit-device-select]`.
 * @example
 * <DeviceSelect kind="videoinput" value={media.videoDeviceId} onChange={media.setVideoDevice} aria-label="Camera" />
 */
export function DeviceSelect({
  kind,
  value,
  onChange,
  ...selectProps
}: DeviceSelectProps): ReactNode {
  const devices = useDevices(kind)
  return (
    <select
      data-calls-kit-device-select={kind}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
      {...selectProps}
    >
      {devices.map((d, i) => (
        <option key={d.deviceId || i} value={d.deviceId}>
          {d.label ||
            `${kind === 'videoinput' ? 'Camera' : kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${i + 1}`}
        </option>
      ))}
    </select>
  )
}
