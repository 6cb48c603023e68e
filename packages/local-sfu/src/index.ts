/**
 * `@calls-kit/local-sfu` — a real SFU on werift that serves the Cloudflare Calls HTTPS API on
 * localhost.
 * @module
 */
export { DEFAULT_APPS, createLocalSfuApp } from './localSfuApp'
export { Sfu } from './sfu'
export type { SfuOptions } from './sfu'
export { SfuError } from './sfuError'
export { startLocalSfu } from './startLocalSfu'
export type { LocalSfu, StartLocalSfuOptions } from './startLocalSfu'
