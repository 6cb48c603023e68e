import { describe, expect, it } from 'vitest'
import { chooseSimulcastLayer, SIMULCAST_ENCODINGS, simulcastLayers } from '../simulcast.js'

describe('simulcastLayers', () => {
  it('should list each rid with its width at the source width, highest first', () => {
    expect(simulcastLayers([...SIMULCAST_ENCODINGS].reverse(), 1280)).toEqual([
      { rid: 'h', width: 1280 },
      { rid: 'm', width: 640 },
      { rid: 'l', width: 320 },
    ])
  })

  it('should announce nothing for one layer or an unknown width', () => {
    expect(simulcastLayers([{ maxBitrate: 1_000_000 }], 640)).toBeUndefined()
    expect(simulcastLayers(undefined, 640)).toBeUndefined()
    expect(simulcastLayers(SIMULCAST_ENCODINGS, undefined)).toBeUndefined()
  })
})

describe('chooseSimulcastLayer', () => {
  const layers = simulcastLayers(SIMULCAST_ENCODINGS, 640)
  it('should choose the smallest layer at least as wide as the video is shown (device px)', () => {
    expect(chooseSimulcastLayer(layers, 100)).toBe('l')
    expect(chooseSimulcastLayer(layers, 160)).toBe('l')
    expect(chooseSimulcastLayer(layers, 161)).toBe('m')
    expect(chooseSimulcastLayer(layers, 480)).toBe('h')
  })

  it('should choose the largest layer for a video shown larger than any, and none without layers', () => {
    expect(chooseSimulcastLayer(layers, 1920)).toBe('h')
    expect(chooseSimulcastLayer(undefined, 320)).toBeUndefined()
    expect(chooseSimulcastLayer([], 320)).toBeUndefined()
  })
})
