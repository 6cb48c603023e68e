import { launchChromium } from '@calls-kit/testing'
import { startSample } from '../apps/sample/server/startSample'
const TRACE = `(() => {
  window.__name = (f) => f
  const log = (window.__trace = [])
  const t = () => Math.round(performance.now() - (window.__t0 ?? 0))
  const f = window.fetch
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href)
    const m = (init && init.method) || 'GET'
    log.push(t() + ' > ' + m + ' ' + url.pathname.replace(/[0-9a-f]{32}/g, ':id'))
    const r = await f(input, init)
    log.push(t() + ' < ' + m + ' ' + url.pathname.replace(/[0-9a-f]{32}/g, ':id') + ' ' + r.status)
    return r
  }
  const P = window.RTCPeerConnection
  window.RTCPeerConnection = function (...a) { const pc = new P(...a)
    pc.addEventListener('connectionstatechange', () => log.push(t() + ' pc ' + pc.connectionState))
    pc.addEventListener('track', (e) => log.push(t() + ' ontrack ' + e.track.kind))
    const srd = pc.setRemoteDescription.bind(pc); pc.setRemoteDescription = async (d) => { log.push(t() + ' sRD ' + d.type); const r = await srd(d); log.push(t() + ' sRD done'); return r }
    return pc }
  window.RTCPeerConnection.prototype = P.prototype
  const ES = window.EventSource
  window.EventSource = function (u, o) { const es = new ES(u, o); log.push(t() + ' SSE open'); es.addEventListener('message', () => log.push(t() + ' SSE msg')); es.addEventListener('roster', () => log.push(t() + ' SSE roster')); return es }
})()`
const sample = await startSample({ port: 0, sfuPort: 0 })
const browser = await launchChromium()
const host = await (await browser.newContext()).newPage()
await host.goto(`${sample.url}?room=bench&name=Host`)
await host.getByRole('button', { name: 'Join' }).click()
await host.locator('[data-calls-kit-tile][data-local="true"]').waitFor()
for (let i = 0; i < 3; i++) {
  const page = await (await browser.newContext()).newPage()
  await page.addInitScript(TRACE)
  await page.goto(`${sample.url}?room=bench&name=G${i}`)
  await page.getByRole('button', { name: 'Join' }).waitFor()
  await page.waitForTimeout(500)
  const r = await page.evaluate(() => new Promise<any>((resolve) => {
    const w = window as any
    w.__trace.length = 0
    w.__t0 = performance.now()
    ;[...document.querySelectorAll('button')].find((b) => b.textContent === 'Join')!.click()
    const check = () => {
      const v = document.querySelector<HTMLVideoElement>('[data-calls-kit-tile][data-local="false"] video')
      if (v && v.videoWidth > 0) { w.__trace.push(Math.round(performance.now() - w.__t0) + ' FIRST FRAME'); resolve(w.__trace) }
      else requestAnimationFrame(check)
    }
    check()
  }))
  console.log(r.join('\n'), '\n---')
  await page.context().close()
}
await browser.close(); await sample.close(); process.exit(0)
