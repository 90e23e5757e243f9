/**
 * Section: the production bundle's initial JS + CSS, i.e. what a first visit downloads before the
 * app can run: the files dist/index.html references (module script, modulepreload, stylesheet)
 * and, transitively, their static imports and CSS. Lazily loaded chunks (dynamic import()) are
 * listed apart and not counted. Sizes raw and gzip (node:zlib, level 9), kB = 1000 bytes.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { kB } from './lib/table.mjs'

export const BUDGET_GZIP_KB = 300

/** Every src/href of a <script type=module>, <link rel=modulepreload> or <link rel=stylesheet>. */
export function htmlRefs(html) {
  const refs = []
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i'))?.[1]
    const isScript = /^<script/i.test(tag)
    const rel = attr('rel')?.toLowerCase()
    const ref = isScript ? attr('src') : attr('href')
    if (!ref || /^(data|blob|https?):/i.test(ref)) continue
    if (isScript ? attr('type') === 'module' : rel === 'modulepreload' || rel === 'stylesheet') refs.push(ref.replace(/^\.?\//, ''))
  }
  return refs
}

/** Follows the Vite manifest's static `imports` (not `dynamicImports`) from index.html. */
export function initialFromManifest(manifest) {
  const byKey = manifest
  const entryKey = Object.keys(byKey).find((k) => byKey[k].isEntry && k.endsWith('index.html')) ?? 'index.html'
  const files = new Set()
  const seen = new Set()
  const walk = (key) => {
    if (seen.has(key) || !byKey[key]) return
    seen.add(key)
    const chunk = byKey[key]
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const dep of chunk.imports ?? []) walk(dep)
  }
  walk(entryKey)
  return files
}

async function listAssets(dir, prefix = '') {
  const out = []
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name
    if (e.isDirectory()) { if (e.name !== '.vite') out.push(...(await listAssets(dir, rel))) }
    else if (/\.(m?js|css)$/.test(e.name)) out.push(rel)
  }
  return out
}

export default {
  title: 'Initial bundle (JS + CSS loaded by dist/index.html and its static imports)',
  /** @param {{ distDir: string }} ctx */
  async run({ distDir }) {
    const html = await readFile(join(distDir, 'index.html'), 'utf8')
    const fromHtml = htmlRefs(html)
    let manifest = null
    try { manifest = JSON.parse(await readFile(join(distDir, '.vite/manifest.json'), 'utf8')) } catch { /* no manifest */ }
    if (!manifest) throw new Error('dist/.vite/manifest.json is missing: run without --skip-build')
    const initial = new Set([...fromHtml, ...initialFromManifest(manifest)])

    const size = async (f) => {
      const buf = await readFile(join(distDir, f))
      return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length }
    }
    const files = await Promise.all([...initial].sort().map(size))
    const lazy = await Promise.all((await listAssets(distDir)).filter((f) => !initial.has(f)).sort().map(size))

    const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0)
    const raw = sum(files, 'raw'), gzip = sum(files, 'gzip')
    const rows = files.map((f) => [f.file, kB(f.raw), kB(f.gzip), ''])
    rows.push(['-'])
    const within = gzip / 1000 <= BUDGET_GZIP_KB
    rows.push(['initial total', kB(raw), kB(gzip), `${within ? 'within' : 'OVER'} budget ≤ ${BUDGET_GZIP_KB} kB gzip (${((gzip / 1000 / BUDGET_GZIP_KB) * 100).toFixed(1)}%)`])
    if (lazy.length) rows.push([`lazy chunks, not counted (${lazy.length})`, kB(sum(lazy, 'raw')), kB(sum(lazy, 'gzip')), ''])

    const notes = []
    const missed = [...initialFromManifest(manifest)].filter((f) => !fromHtml.includes(f))
    if (missed.length) notes.push(`static imports not preloaded by index.html: ${missed.join(', ')}`)
    return { columns: ['file', 'raw kB', 'gzip kB', ''], rows, notes }
  },
}
