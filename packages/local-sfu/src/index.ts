/**
 * `@calls-kit/local-sfu` — a real SFU on werift that serves the Cloudflare Calls HTTPS API on
 * localhost.
 * @module
 */
export { createLocalSfuApp, DEFAULT_APPS } from './localSfuApp'
export type { SfuOptions } from './sfu'
export { Sfu } from './sfu'
export { SfuError } from './sfuError'
export type { LocalSfu, StartLocalSfuOptions } from './startLocalSfu'
export { startLocalSfu } from './startLocalSfu'
