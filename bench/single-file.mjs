/**
 * Section: the single file (npm run build:single → dist-single/incentive-lens.html) as managers
 * open it: its size (raw and gzip: what is copied around and parsed, everything included) and
 * its time from navigation to the first chart drawn, opened over file:// on a fresh profile,
 * beside the same bare-radar floor as the first-chart section (served over http: a multi-file
 * page cannot open from file://), at the same size and animation setting. The single file parses
 * all of its code up front, lazy parts included, which the looser budget allows for.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { raceTheFloor } from './first-chart.mjs'
import { kB } from './lib/table.mjs'

/** The single file may take at most this multiple of the floor's time to its first chart. */
export const BUDGET_RATIO = 1.3

export default {
  title: `Single file over file://: size, and time to first chart against the bare ECharts radar (cold loads, budget ≤ ${BUDGET_RATIO}× the floor)`,
  /** @param {{ root: string, runs: number, skipBuild: boolean }} ctx */
  async run({ root, runs, skipBuild }) {
    if (!skipBuild) await build({ root, mode: 'single', logLevel: 'warn' })
    const file = join(root, 'dist-single/incentive-lens.html')
    const bytes = await readFile(file)
    const gzip = gzipSync(bytes, { level: 9 }).length
    const { rows, notes } = await raceTheFloor({ root, appUrl: `${pathToFileURL(file).href}#/?m=04212&y=2025`, runs, budget: BUDGET_RATIO })
    return {
      columns: ['animation', 'file ms', 'floor ms', 'file ÷ floor', `budget ≤ ${BUDGET_RATIO}×`],
      rows,
      notes: [`dist-single/incentive-lens.html: ${kB(bytes.length)} kB raw, ${kB(gzip)} kB gzip (level 9)`, 'single file opened over file://, floor served over http', ...notes],
    }
  },
}
