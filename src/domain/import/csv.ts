/**
 * CSV reading (RFC 4180): quoted fields with embedded commas, quotes ("") and line breaks;
 * CRLF, LF or CR line ends; comma or tab separated (detected from the first line).
 * The parser is incremental, so a Web Worker can feed a large file in chunks and report
 * progress; `parseCsv` and `parseCsvImport` are the one-shot forms.
 */
import { checkImportSize, detectFormat, EMPTY_FILE_MESSAGE, MAX_IMPORT_BYTES, TOO_LARGE_MESSAGE } from './detect'
import { decodeText, type TextEncodingName } from './encoding'
import { createLongTableParser } from './longFormat'
import type { Cell, Grid, ImportFormat, ImportIssue, ParsedImport } from './types'

const FORMAT_LABELS: Record<ImportFormat, string> = {
  'csv-long': 'CSV', 'xlsx-long': 'Excel（.xlsx）', 'mhlw-xlsx': 'Excel（.xlsx）', 'backup-json': 'バックアップ（JSON）',
}

export type CsvDelimiter = ',' | '\t'

export interface CsvParseIssue {
  /** 1-based record number (as a spreadsheet numbers rows) */
  row: number
  message: string
}

export interface CsvParser {
  /** Parses a chunk of text; returns the records completed by it. */
  push(chunk: string): Grid
  /** Ends the input; returns the last record, if any. */
  end(): Grid
  /** Malformed input seen so far (an unclosed quote). */
  readonly issues: readonly CsvParseIssue[]
  /** The separator in use (null until the first line has been seen). */
  readonly delimiter: CsvDelimiter | null
}

const QUOTE = 34, COMMA = 44, TAB = 9, LF = 10, CR = 13

/** Tab when the first line (outside quotes) has tabs and no commas; comma otherwise. */
function sniffDelimiter(firstLine: string): CsvDelimiter {
  let commas = 0, tabs = 0, quoted = false
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i)
    if (c === QUOTE) quoted = !quoted
    else if (!quoted && c === COMMA) commas++
    else if (!quoted && c === TAB) tabs++
  }
  return tabs > 0 && commas === 0 ? '\t' : ','
}

/**
 * An incremental RFC 4180 reader. Empty fields (quoted or not) become null; nothing is
 * trimmed. A leading BOM is dropped. A blank line is a record with one null cell.
 */
export function createCsvParser(opts: { delimiter?: CsvDelimiter } = {}): CsvParser {
  let delimiter: CsvDelimiter | null = opts.delimiter ?? null
  let pending = '' // text held back until the delimiter is known
  let started = false
  const issues: CsvParseIssue[] = []

  // state across chunks
  let field = ''
  let fieldQuoted = false
  let inQuotes = false
  let quoteSeen = false // a quote inside a quoted field: either "" or the closing quote
  let afterCr = false // the previous chunk ended with CR: swallow an LF that starts the next one
  let record: Cell[] = []
  let recordNo = 1
  let quoteStartRow = 0
  let fieldStarted = false // the current record has content (so a final line without a newline counts)

  const endField = () => {
    record.push(field === '' ? null : field)
    field = ''
    fieldQuoted = false
    quoteSeen = false
  }

  function run(text: string, out: Grid): void {
    const d = delimiter === '\t' ? TAB : COMMA
    const dChar = delimiter === '\t' ? '\t' : ','
    let i = 0
    if (afterCr && text.charCodeAt(0) === LF) i = 1
    afterCr = false
    const n = text.length
    // The next quote, LF and CR at or after i (n when there is none), each searched for again
    // only once i has passed it, so the whole text is scanned once per character kind.
    let nextQuote = -1, nextLf = -1, nextCr = -1
    while (i < n) {
      // Fast path: a whole line without quotes, from the start of a record, complete in this
      // chunk, is split at the separator natively; everything else goes character by character.
      if (!inQuotes && record.length === 0 && field === '' && !fieldQuoted) {
        if (nextLf < i) { nextLf = text.indexOf('\n', i); if (nextLf === -1) nextLf = n }
        if (nextCr < i) { nextCr = text.indexOf('\r', i); if (nextCr === -1) nextCr = n }
        const end = nextLf < nextCr ? nextLf : nextCr
        if (end < n) {
          if (nextQuote < i) { nextQuote = text.indexOf('"', i); if (nextQuote === -1) nextQuote = n }
          if (nextQuote > end) {
            const cells: Cell[] = text.slice(i, end).split(dChar)
            for (let k = 0; k < cells.length; k++) if (cells[k] === '') cells[k] = null
            out.push(cells)
            recordNo++
            i = end
            if (text.charCodeAt(end) === CR) {
              if (end + 1 < n) { if (text.charCodeAt(end + 1) === LF) i++ } else afterCr = true
            }
            i++
            continue
          }
        }
      }
      if (inQuotes) {
        if (quoteSeen) {
          // previous char was a quote inside quotes
          quoteSeen = false
          if (text.charCodeAt(i) === QUOTE) { field += '"'; i++; continue }
          inQuotes = false // it was the closing quote; fall through to unquoted handling
          continue
        }
        const q = text.indexOf('"', i)
        if (q === -1) { field += text.slice(i); i = n; break }
        field += text.slice(i, q)
        i = q + 1
        quoteSeen = true
        continue
      }
      const c = text.charCodeAt(i)
      if (c === d) { endField(); fieldStarted = true; i++; continue }
      if (c === LF || c === CR) {
        endField()
        out.push(record)
        record = []
        recordNo++
        fieldStarted = false
        if (c === CR) {
          if (i + 1 < n) { if (text.charCodeAt(i + 1) === LF) i++ } else afterCr = true
        }
        i++
        continue
      }
      if (c === QUOTE && field === '' && !fieldQuoted) {
        inQuotes = true
        fieldQuoted = true
        fieldStarted = true
        quoteStartRow = recordNo
        i++
        continue
      }
      // unquoted run (a stray quote inside an unquoted field is kept as a character)
      let j = i + 1
      while (j < n) {
        const cj = text.charCodeAt(j)
        if (cj === d || cj === LF || cj === CR) break
        j++
      }
      field += text.slice(i, j)
      fieldStarted = true
      i = j
    }
  }

  function feed(text: string, out: Grid): void {
    if (!started) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      if (text === '') return
      started = true
    }
    run(text, out)
  }

  return {
    get issues() { return issues },
    get delimiter() { return delimiter },
    push(chunk: string): Grid {
      const out: Grid = []
      if (delimiter === null) {
        pending += chunk
        const nl = pending.search(/[\r\n]/)
        if (nl === -1) return out
        delimiter = sniffDelimiter(pending.slice(0, nl).replace(/^\uFEFF/, ''))
        chunk = pending
        pending = ''
      }
      feed(chunk, out)
      return out
    },
    end(): Grid {
      const out: Grid = []
      if (delimiter === null) {
        delimiter = sniffDelimiter(pending.replace(/^\uFEFF/, ''))
        feed(pending, out)
        pending = ''
      }
      if (inQuotes && !quoteSeen) {
        issues.push({ row: quoteStartRow, message: '引用符（"）が閉じられていません' })
      }
      inQuotes = false
      if (fieldStarted || field !== '' || record.length > 0) {
        endField()
        out.push(record)
        record = []
      }
      return out
    },
  }
}

/** Parses a whole CSV text into rows of cells (empty cells are null). */
export function parseCsv(text: string, opts: { delimiter?: CsvDelimiter } = {}): Grid {
  const p = createCsvParser(opts)
  return [...p.push(text), ...p.end()]
}

export interface CsvImportOptions {
  /** Called after each chunk with characters done and the total; for a progress bar in a Worker. */
  onProgress?: (done: number, total: number) => void
  /** Characters per chunk (default 1,000,000). */
  chunkSize?: number
}

export interface CsvImport extends ParsedImport {
  /** the encoding the text was read in; null when it could not be decoded */
  encoding: TextEncodingName | null
}

function failed(file: string, message: string): CsvImport {
  return { format: 'csv-long', file, datasets: [], rowCount: 0, encoding: null,
    issues: [{ severity: 'error', file, row: null, column: null, message }] }
}

/**
 * Reads a long-format CSV file from its bytes: size guard, encoding detection (UTF-8 with or
 * without BOM, Shift_JIS), CSV parsing and the long-format interpretation, in chunks.
 */
export function parseCsvImport(bytes: Uint8Array, file: string, opts: CsvImportOptions = {}): CsvImport {
  const sizeIssue = checkImportSize({ name: file, size: bytes.length })
  if (sizeIssue) return failed(file, sizeIssue.message)
  // refuse a PDF, an image or a workbook that was renamed .csv, with its own reason
  const format = detectFormat(file, bytes)
  if (typeof format !== 'string') return failed(file, format.error)
  if (format !== 'csv-long') return failed(file, `CSVファイルではありません（${FORMAT_LABELS[format]}の内容です）。ファイルの種類を確かめてください`)
  const decoded = decodeText(bytes)
  if ('error' in decoded) return failed(file, decoded.error)
  const text = decoded.text
  if (text.trim() === '') return failed(file, EMPTY_FILE_MESSAGE)

  const csv = createCsvParser()
  const table = createLongTableParser(file, { format: 'csv-long' })
  const size = Math.max(1, opts.chunkSize ?? 1_000_000)
  for (let at = 0; at < text.length; at += size) {
    table.push(csv.push(text.slice(at, at + size)))
    opts.onProgress?.(Math.min(at + size, text.length), text.length)
  }
  table.push(csv.end())
  const result = table.finish()
  const csvIssues: ImportIssue[] = csv.issues.map((i) => ({
    severity: 'error', file, row: i.row, column: null, message: `${i.row}行目: ${i.message}`,
  }))
  if (csvIssues.length === 0) return { ...result, encoding: decoded.encoding }
  // An unclosed quote swallows the rest of the file: what the table reader says about the
  // rows from there on follows from it, so only the quote is reported for them.
  const from = Math.min(...csv.issues.map((i) => i.row))
  return {
    ...result,
    datasets: [],
    issues: [...result.issues.filter((i) => i.row !== null && i.row < from), ...csvIssues],
    encoding: decoded.encoding,
  }
}

export { MAX_IMPORT_BYTES, TOO_LARGE_MESSAGE }
