/** Options of {@link createAudioLevelMeter}. */
export interface AudioLevelMeterOptions {
  /** `AudioContext` to use (share one across meters). Defaults to a new one. */
  context?: AudioContext
}

/** Reads the level of an audio track. */
export interface AudioLevelMeter {
  /** Current level, RMS of the last ~21 ms (1024 samples at 48 kHz), 0 (silence) to 1 (full scale). */
  read(): number
  /** Disconnects the analyser (and closes the context if the meter made it). */
  close(): void
}

/**
 * Measures an audio track's level with Web Audio (`MediaStreamAudioSourceNode` → `AnalyserNode`,
 * W3C Web Audio API §1.28). Pure reading, no timers: poll `read()` at the rate you need.
 * @throws `TypeError` when `track` is not an audio track; the `AudioContext` error where Web Audio is missing.
 */
export function createAudioLevelMeter(
  track: MediaStreamTrack,
  options: AudioLevelMeterOptions = {},
): AudioLevelMeter {
  if (track?.kind !== 'audio')
    throw new TypeError('createAudioLevelMeter: an audio track is required')
  const context = options.context ?? new AudioContext()
  const source = context.createMediaStreamSource(new MediaStream([track]))
  const analyser = context.createAnalyser()
  analyser.fftSize = 1024
  source.connect(analyser)
  const samples = new Float32Array(analyser.fftSize)
  return {
    read() {
      analyser.getFloatTimeDomainData(samples)
      let sum = 0
      for (const v of samples) sum += v * v
      return Math.min(1, Math.sqrt(sum / samples.length))
    },
    close() {
      source.disconnect()
      analyser.disconnect()
      if (!options.context) void context.close().catch(() => {})
    },
  }
}
