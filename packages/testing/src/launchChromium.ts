import { type Browser, chromium, type LaunchOptions } from 'playwright-core'

/**
 * Flags Chromium needs on a closed, GPU-less machine running as root, plus fake media devices:
 * a synthetic camera (a moving test pattern, 640×480 by default) and a beeping microphone.
 * @see https://peter.sh/experiments/chromium-command-line-switches/
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // Hidden pages must keep rendering and decoding at full rate in tests.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
]

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Path of the Chromium binary. Defaults to `$CHROMIUM_PATH`, else `/usr/bin/chromium` (Debian's package). */
  executablePath?: string
  /** Extra command-line switches appended to {@link CHROMIUM_ARGS}. Defaults to `[]`. */
  args?: string[]
  /** Run without a window. Defaults to `true`. */
  headless?: boolean
}

/**
 * Launches the system's Chromium through playwright-core with fake camera and mic, no download.
 *
 * @param options - see {@link LaunchChromiumOptions}.
 * @returns a playwright `Browser`; open one `browser.newContext()` per simulated user (contexts are
 *   isolated: own cookies, own storage) and close the browser when done.
 * @throws playwright's launch error when the binary is missing: install Debian's `chromium`.
 * @example
 * const browser = await launchChromium()
 * const page = await (await browser.newContext()).newPage()
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const launch: LaunchOptions = {
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  }
  return chromium.launch(launch)
}
