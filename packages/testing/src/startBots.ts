import type { Browser, BrowserContext, Page } from 'playwright-core'
import { bundleGlobals } from './bundleGlobals.js'
import { launchChromium } from './launchChromium.js'

/** Options of {@link startBots}. */
export interface StartBotsOptions {
  /** Any URL of the app: bots run on its origin, so they reach its calls route as its pages do. */
  url: string
  /** Room the bots join. */
  room: string
  /** How many bots. Defaults to `names.length`, else `1`. */
  count?: number
  /** Their display names. Defaults to `Bot 1`, `Bot 2`, …. */
  names?: string[]
  /** The app's calls route (`createCallsHandler`'s `basePath`). Defaults to `'/api/calls'`. */
  apiBase?: string
  /**
   * Publish a camera: a 320×240 px canvas at 15 frames/s showing the bot's name and a moving bar,
   * so each bot is told apart and frozen video is visible. Defaults to `true`.
   */
  video?: boolean
  /** Publish Chromium's fake microphone (a beep every second). Defaults to `false`. */
  audio?: boolean
  /** A Chromium to open the bots in (one context each). Defaults to a new `launchChromium()`, closed by `close()`. */
  browser?: Browser
  /** Folder `@calls-kit/core` resolves from (the app's). Defaults to `process.cwd()`. */
  resolveDir?: string
}

/** One bot: a headless participant of the room. */
export interface Bot {
  name: string
  /** Its Calls session, as the roster lists it. */
  sessionId: string
  /** The Chromium page it runs in (for `readInboundTotals` and friends). */
  page: Page
  /** Sends a chat message (`CallsRoom.chat.send`) to the room. */
  sendChat(text: string): Promise<void>
  /** Sets its roster metadata (`CallsRoom.setMetadata`), e.g. `{handRaised: true}`. */
  setMetadata(metadata: Record<string, unknown>): Promise<void>
  /** Leaves the room and closes its page. */
  leave(): Promise<void>
}

/** Running bots. */
export interface Bots {
  bots: Bot[]
  /** Every bot leaves; the browser closes when {@link startBots} launched it. */
  close(): Promise<void>
}

const BOT_PATH = '/__calls-kit-bot'

/** What a bot page uses of `@calls-kit/core`'s `CallsRoom` (this package does not depend on core). */
interface BotRoom {
  publish(name: string, track: MediaStreamTrack, options: { source: string }): void
  join(): Promise<void>
  leave(): Promise<void>
  getState(): { session: { sessionId?: string } }
  setMetadata(metadata: Record<string, unknown>): void
  chat: { send(text: string): Promise<unknown> }
}
interface BotWindow {
  CallsKit: { CallsRoom: new (options: { apiBase: string; room: string; name: string }) => BotRoom }
  bot: BotRoom
}

/**
 * Fills a room with bots: each is a real participant — its own Chromium context running
 * `@calls-kit/core`'s `CallsRoom` on the app's origin, joining through the app's calls route and
 * publishing over real WebRTC — so a UI can be developed and tested with N people without N tabs.
 * The bot page is served by request interception (nothing is added to the app) and loads
 * `@calls-kit/core` bundled from `resolveDir`.
 *
 * @returns {@link Bots} once every bot has joined (its roster entry is in).
 * @throws when a bot cannot join: the route's `CallsApiError` message (e.g. `403 forbidden` from
 *   the app's `authorize`), or Chromium's launch error.
 * @example
 * const { bots, close } = await startBots({ url: 'http://127.0.0.1:5173', room: 'lobby', count: 3 })
 * await bots[0].sendChat('hello from a bot')
 * await close()
 */
export async function startBots(options: StartBotsOptions): Promise<Bots> {
  const count = options.count ?? options.names?.length ?? 1
  const names = Array.from({ length: count }, (_, i) => options.names?.[i] ?? `Bot ${i + 1}`)
  const script = await bundleGlobals({ CallsKit: '@calls-kit/core' }, options.resolveDir)
  const page = `<!doctype html><meta charset="utf-8"><title>calls-kit bot</title><script type="module" src="${BOT_PATH}.js"></script><body></body>`
  const browser = options.browser ?? (await launchChromium())
  const contexts: BrowserContext[] = []
  const origin = new URL(options.url).origin

  async function start(name: string, index: number): Promise<Bot> {
    const context = await browser.newContext()
    contexts.push(context)
    await context.route(`${origin}${BOT_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: page }),
    )
    await context.route(`${origin}${BOT_PATH}.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: script }),
    )
    const botPage = await context.newPage()
    // Bundlers that keep function names (tsx, esbuild keepNames) wrap evaluated functions in __name().
    await botPage.addInitScript('window.__name = (f) => f')
    await botPage.goto(`${origin}${BOT_PATH}`)
    await botPage.waitForFunction(() => 'CallsKit' in window)
    const sessionId = await botPage.evaluate(
      async ({ apiBase, room, name, hue, video, audio }) => {
        const { CallsRoom } = (window as unknown as BotWindow).CallsKit
        const call = new CallsRoom({ apiBase, room, name })
        if (video) {
          const canvas = document.createElement('canvas')
          canvas.width = 320
          canvas.height = 240
          const g = canvas.getContext('2d') as CanvasRenderingContext2D
          let frame = 0
          setInterval(() => {
            g.fillStyle = `hsl(${hue} 45% 30%)`
            g.fillRect(0, 0, 320, 240)
            g.fillStyle = '#fff'
            g.font = '28px sans-serif'
            g.fillText(name, 16, 120)
            g.fillRect((frame++ * 6) % 320, 200, 40, 12)
          }, 66)
          const track = canvas.captureStream(15).getVideoTracks()[0]
          if (track) call.publish('camera', track, { source: 'camera' })
        }
        if (audio) {
          const mic = (
            await navigator.mediaDevices.getUserMedia({ audio: true })
          ).getAudioTracks()[0]
          if (mic) call.publish('microphone', mic, { source: 'microphone' })
        }
        await call.join()
        Object.assign(window, { bot: call })
        return call.getState().session.sessionId ?? ''
      },
      {
        apiBase: options.apiBase ?? '/api/calls',
        room: options.room,
        name,
        hue: (index * 67) % 360,
        video: options.video ?? true,
        audio: options.audio ?? false,
      },
    )
    return {
      name,
      sessionId,
      page: botPage,
      sendChat: async (text) => {
        await botPage.evaluate((t) => (window as unknown as BotWindow).bot.chat.send(t), text)
      },
      setMetadata: async (metadata) => {
        await botPage.evaluate((m) => (window as unknown as BotWindow).bot.setMetadata(m), metadata)
      },
      leave: async () => {
        if (botPage.isClosed()) return
        await botPage.evaluate(() => (window as unknown as BotWindow).bot.leave())
        await context.close()
      },
    }
  }

  try {
    const bots: Bot[] = []
    // One after another: on a small machine, N pages negotiating at once mostly measure contention.
    for (const [i, name] of names.entries()) bots.push(await start(name, i))
    return {
      bots,
      close: async () => {
        await Promise.all(bots.map((b) => b.leave().catch(() => {})))
        if (!options.browser) await browser.close()
      },
    }
  } catch (error) {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})))
    if (!options.browser) await browser.close()
    throw error
  }
}
