/**
 * The merged ranges of every sheet of an .xlsx, by sheet name. The spreadsheet library gives cell values
 * only, and MHLW's header labels are merged cells whose value sits in the top-left cell: without
 * the ranges a label cannot be filled across its own columns and no further.
 *
 * The sheet XML is unzipped with fflate (the library's own unzipper) and only its tail is
 * decoded: <mergeCells> follows <sheetData>, so the 100 MB of cells are never turned into text.
 */
import { unzipSync } from 'fflate'
import { parseRange, type MergeRange } from '@/domain/import/mhlw'

const decoder = new TextDecoder()

function textOf(files: Record<string, Uint8Array>, path: string): string {
  const bytes = files[path]
  return bytes ? decoder.decode(bytes) : ''
}

/** Sheet name → path inside the zip, from xl/workbook.xml and its relationships. */
function sheetPaths(files: Record<string, Uint8Array>): Map<string, string> {
  const rels = new Map<string, string>()
  for (const m of textOf(files, 'xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1], target = /\bTarget="([^"]+)"/.exec(m[0])?.[1]
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const out = new Map<string, string>()
  for (const m of textOf(files, 'xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1], id = /\br:id="([^"]+)"/.exec(m[0])?.[1]
    const path = id ? rels.get(id) : undefined
    if (name !== undefined && path) out.set(unescapeXml(name), path)
  }
  return out
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}

const OPEN = new TextEncoder().encode('<mergeCells')

/** Index of the last occurrence of `needle` in `hay`, or -1. */
function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer
    return i
  }
  return -1
}

/** The <mergeCell ref="…"/> ranges of one sheet's XML bytes. */
export function mergesOfSheetXml(xml: Uint8Array): MergeRange[] {
  const at = lastIndexOf(xml, OPEN)
  if (at < 0) return []
  const tail = decoder.decode(xml.subarray(at))
  const out: MergeRange[] = []
  for (const m of tail.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
    const r = parseRange(m[1] ?? '')
    if (r) out.push(r)
  }
  return out
}

/** Every sheet's merged ranges, by sheet name; an unreadable zip gives an empty map. */
export function readXlsxMerges(bytes: Uint8Array): Map<string, MergeRange[]> {
  try {
    const index = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' })
    const paths = sheetPaths(index)
    const wanted = new Set(paths.values())
    const sheets = unzipSync(bytes, { filter: (f) => wanted.has(f.name) })
    const out = new Map<string, MergeRange[]>()
    for (const [name, path] of paths) {
      const xml = sheets[path]
      if (xml) out.set(name, mergesOfSheetXml(xml))
    }
    return out
  } catch {
    return new Map()
  }
}
