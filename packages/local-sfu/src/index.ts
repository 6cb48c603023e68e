/**
 * `@calls-kit/local-sfu` — a real SFU on werift that serves the Cloudflare Calls HTTPS API on
 * localhost.
 * @module
 */
export { createLocalSfuApp, DEFAULT_APPS } from './localSfuApp.js'
export type { SfuOptions } from './sfu.js'
export { Sfu } from './sfu.js'
export { SfuError } from './sfuError.js'
export type { LocalSfu, StartLocalSfuOptions } from './startLocalSfu.js'
export { startLocalSfu } from './startLocalSfu.js'
