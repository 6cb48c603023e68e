import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The packages as an app installs them: `dist/` built by `pnpm build` (turbo runs it before this
 * package's tasks), resolved through each `exports` map without the workspace's
 * `@calls-kit/source` condition.
 */
const run = promisify(execFile)
const here = fileURLToPath(new URL('..', import.meta.url))
const PACKAGES = ['core', 'react', 'local-sfu', 'testing'] as const

interface PackageJson {
  name: string
  exports: Record<string, { default?: string }>
}
const packageDir = (name: string) =>
  fileURLToPath(new URL(`../../packages/${name}`, import.meta.url))
const readPackage = (name: string): PackageJson =>
  JSON.parse(readFileSync(`${packageDir(name)}/package.json`, 'utf8'))

/** Sorted export names of `specifier` as Node imports it, with extra Node flags. */
async function exportNames(specifier: string, nodeArgs: string[] = []): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      ...nodeArgs,
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()))`,
    ],
    { cwd: here },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]')
}

describe('published packages', () => {
  for (const name of PACKAGES) {
    it(`should pass publint (strict) for @calls-kit/${name}`, async () => {
      const pkg = readPackage(name)
      const { messages } = await publint({ pkgDir: packageDir(name), strict: true })
      expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`)).toEqual([])
    })

    it(`should export from dist/ exactly what @calls-kit/${name}'s source exports, under plain Node`, async () => {
      const pkg = readPackage(name)
      const runtimeEntries = Object.entries(pkg.exports).filter(([, target]) => target.default)
      expect(runtimeEntries.length).toBeGreaterThan(0)
      for (const [subpath] of runtimeEntries) {
        const specifier = `${pkg.name}${subpath.slice(1)}`
        const built = await exportNames(specifier)
        const source = await exportNames(specifier, [
          '--conditions=@calls-kit/source',
          '--import',
          'tsx',
        ])
        expect(source.length, specifier).toBeGreaterThan(0)
        expect(built, specifier).toEqual(source)
      }
    })
  }

  for (const moduleResolution of ['bundler', 'nodenext'] as const) {
    it(`should type-check an app against the published types under moduleResolution ${moduleResolution}`, () => {
      const options: ts.CompilerOptions = {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        target: ts.ScriptTarget.ES2022,
        ...(moduleResolution === 'bundler'
          ? { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }
          : { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }),
      }
      const program = ts.createProgram([`${here}test/consumer.fixture.ts`], options)
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      expect(diagnostics).toEqual([])
    })
  }

  it('should run the calls-kit-bots CLI from its bin (bin → dist/botsCli.js)', async () => {
    const cli = spawn(`${here}node_modules/.bin/calls-kit-bots`, ['--help'], { cwd: here })
    let out = ''
    cli.stdout.on('data', (chunk: Buffer) => {
      out += chunk
    })
    const code = await new Promise((resolve) => cli.on('exit', resolve))
    expect(code).toBe(0)
    expect(out).toContain('usage: calls-kit-bots --url')
    const refused = spawn(`${here}node_modules/.bin/calls-kit-bots`, ['--count', 'many'], {
      cwd: here,
    })
    expect(await new Promise((resolve) => refused.on('exit', resolve))).toBe(2)
  })

  it('should serve the Calls API from the calls-local-sfu CLI (bin → dist/cli.js)', async () => {
    const cli = spawn(`${here}node_modules/.bin/calls-local-sfu`, ['--port', '0'], { cwd: here })
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = ''
        cli.stdout.on('data', (chunk: Buffer) => {
          out += chunk
          const url = /on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out)?.[1]
          if (url) resolve(url)
        })
        cli.on('exit', (code) => reject(new Error(`calls-local-sfu exited (${code}): ${out}`)))
      })
      const created = await fetch(`${base}/apps/local/sessions/new`, {
        method: 'POST',
        headers: { authorization: 'Bearer local-secret' },
      })
      expect(created.status).toBe(201)
      expect(await created.json()).toMatchObject({ sessionId: expect.any(String) })
      const refused = await fetch(`${base}/apps/local/sessions/new`, { method: 'POST' })
      expect(refused.status).toBe(401)
    } finally {
      cli.kill('SIGTERM')
    }
  })
})
