#!/usr/bin/env node
/**
 * npm run bench: builds the app, serves dist/ with Vite's preview server and prints one table per
 * section. Figures only: no assertions, and the exit code does not depend on any budget.
 *
 *   node bench/run.mjs [section ...] [--runs=N] [--skip-build]
 *
 * A section is a module in bench/ whose default export is
 *   { title: string, run(ctx): Promise<{ columns: string[], rows: (string|number)[][], notes?: string[] }> }
 * with ctx = { root, distDir, baseUrl, runs, skipBuild }. Add new ones (time to first chart against a bare
 * ECharts floor page, import speed, ...) to SECTIONS below.
 */
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, startPreview } from './lib/server.mjs'
import { chromiumVersion } from './lib/browser.mjs'
import { formatTable } from './lib/table.mjs'
import bundleSize from './bundle-size.mjs'
import timeToDashboard from './time-to-dashboard.mjs'
import firstChart from './first-chart.mjs'
import recompute from './recompute.mjs'
import importSection from './import.mjs'
import mhlwImport from './mhlw-import.mjs'
import singleFile from './single-file.mjs'

/** name on the command line → section; run in this order */
const SECTIONS = {
  bundle: bundleSize,
  dashboard: timeToDashboard,
  chart: firstChart,
  single: singleFile,
  import: importSection,
  mhlw: mhlwImport,
  recompute,
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const args = process.argv.slice(2)
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5)
const skipBuild = args.includes('--skip-build')
const wanted = args.filter((a) => !a.startsWith('--'))
for (const w of wanted) if (!(w in SECTIONS)) throw new Error(`unknown section ${w}; known: ${Object.keys(SECTIONS).join(', ')}`)
const chosen = Object.entries(SECTIONS).filter(([name]) => wanted.length === 0 || wanted.includes(name))

const started = performance.now()
console.log(`incentive-lens bench  ${new Date().toISOString()}`)
console.log(`node ${process.version}, ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}, ${chromiumVersion()}`)
console.log('(shared machine: compare figures within one run only)\n')

if (!skipBuild) {
  const t = performance.now()
  await buildApp(root)
  console.log(`vite build: ${((performance.now() - t) / 1000).toFixed(1)} s\n`)
}

const server = await startPreview(root)
const ctx = { root, distDir: resolve(root, 'dist'), baseUrl: server.url, runs, skipBuild }
let failed = false
try {
  for (const [name, section] of chosen) {
    console.log(`## ${section.title}`)
    try {
      const { columns, rows, notes = [] } = await section.run(ctx)
      console.log(formatTable(columns, rows))
      for (const n of notes) console.log(`note: ${n}`)
    } catch (err) {
      failed = true
      console.log(`section ${name} could not run: ${err instanceof Error ? err.message : String(err)}`)
    }
    console.log('')
  }
} finally {
  await server.close()
}
console.log(`bench done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
// Budgets never set the exit code; only a section that could not run does.
process.exitCode = failed ? 1 : 0
