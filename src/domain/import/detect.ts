/**
 * Which importer a file needs, decided by its bytes (magic numbers and content), not by its
 * name: a PDF renamed .csv is still a PDF. Also the size guard every import goes through.
 */
import { decodeHead, isUtf16Bom, UTF16_FILE_ERROR } from './encoding'
import type { ImportFormat, ImportIssue } from './types'

/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
export const TOO_LARGE_MESSAGE = `ファイルが大きすぎます（上限${MAX_IMPORT_BYTES / 1024 / 1024}MB）`
export const EMPTY_FILE_MESSAGE = 'ファイルが空です'

/** Null when the file may be read; otherwise the issue to show. Takes a File (or anything with name and size). */
export function checkImportSize(file: { name: string; size: number }): ImportIssue | null {
  if (file.size > MAX_IMPORT_BYTES) return { severity: 'error', file: file.name, row: null, column: null, message: TOO_LARGE_MESSAGE }
  if (file.size === 0) return { severity: 'error', file: file.name, row: null, column: null, message: EMPTY_FILE_MESSAGE }
  return null
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false
  return sig.every((b, i) => bytes[at + i] === b)
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0))

/** True when the ASCII string occurs in the bytes (zip entry names are stored uncompressed). */
function containsAscii(bytes: Uint8Array, s: string): boolean {
  const needle = ascii(s)
  const first = needle[0]
  outer: for (let i = bytes.indexOf(first ?? 0); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

const UNSUPPORTED_HINT = 'CSV（.csv）、Excel（.xlsx）またはこのアプリのバックアップ（.json）を選んでください'

interface Signature { match: (b: Uint8Array) => boolean; what: string }
const sig = (bytes: readonly number[], at = 0) => (b: Uint8Array) => startsWith(b, bytes, at)
const BINARY_SIGNATURES: Signature[] = [
  { match: sig(ascii('%PDF')), what: 'PDFファイル' },
  { match: sig([0x89, 0x50, 0x4e, 0x47]), what: '画像ファイル（PNG）' },
  { match: sig([0xff, 0xd8, 0xff]), what: '画像ファイル（JPEG）' },
  { match: sig(ascii('GIF8')), what: '画像ファイル（GIF）' },
  // BMP: "BM", the file size, then four reserved zero bytes
  { match: (b) => startsWith(b, ascii('BM')) && startsWith(b, [0, 0, 0, 0], 6), what: '画像ファイル（BMP）' },
  { match: sig(ascii('II*\0')), what: '画像ファイル（TIFF）' },
  { match: sig(ascii('MM\0*')), what: '画像ファイル（TIFF）' },
  { match: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8), what: '画像ファイル（WebP）' },
  { match: sig([0x1f, 0x8b]), what: '圧縮ファイル（gzip）' },
  { match: sig([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: '圧縮ファイル（7z）' },
  { match: sig(ascii('Rar!')), what: '圧縮ファイル（RAR）' },
]

/**
 * The import format of a file, or a Japanese error. The decision is by content:
 * - `PK` zip holding `xl/workbook.xml` → 'xlsx-long' (the spreadsheet reader then tells the
 *   long format from MHLW's 全国集計結果 workbook by its headers and may report 'mhlw-xlsx');
 * - text whose first character is `{` → 'backup-json';
 * - other UTF-8 / Shift_JIS text → 'csv-long'.
 * Legacy .xls, PDF, images, other archives, HTML and binary files are refused with a reason.
 */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | { error: string } {
  if (bytes.length > MAX_IMPORT_BYTES) return { error: TOO_LARGE_MESSAGE }
  if (bytes.length === 0) return { error: EMPTY_FILE_MESSAGE }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, 'xl/workbook.xml') || containsAscii(bytes, 'xl/workbook.bin')) {
      return containsAscii(bytes, 'xl/workbook.bin')
        ? { error: `Excelバイナリブック（.xlsb）には対応していません。.xlsx形式で保存し直してください` }
        : 'xlsx-long'
    }
    if (containsAscii(bytes, 'word/')) return { error: `Wordファイルは読み込めません。${UNSUPPORTED_HINT}` }
    if (containsAscii(bytes, 'ppt/')) return { error: `PowerPointファイルは読み込めません。${UNSUPPORTED_HINT}` }
    if (containsAscii(bytes, 'content.xml')) return { error: `OpenDocument形式（.ods など）には対応していません。.xlsx形式で保存し直してください` }
    return { error: `ZIP圧縮ファイルは読み込めません。展開してから、${UNSUPPORTED_HINT}` }
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { error: 'Excel 97-2003形式（.xls）には対応していません。.xlsx形式で保存し直してください' }
  }
  for (const s of BINARY_SIGNATURES) {
    if (s.match(bytes)) return { error: `${s.what}は読み込めません。${UNSUPPORTED_HINT}` }
  }
  if (isUtf16Bom(bytes)) return { error: UTF16_FILE_ERROR }
  // Only the head is needed to classify text; a character cut at its end is tolerated.
  const decoded = decodeHead(bytes.subarray(0, 4096)) // control bytes or invalid in both encodings → binary
  if ('error' in decoded) return { error: decoded.error }
  return classifyText(decoded.text, fileName)
}

function classifyText(text: string, fileName: string): ImportFormat | { error: string } {
  const t = text.trimStart()
  if (t === '') return { error: EMPTY_FILE_MESSAGE }
  if (t.startsWith('{')) return 'backup-json'
  if (t.startsWith('[')) return { error: 'このアプリのバックアップ（JSON）の形式ではありません（先頭が「{」ではありません）' }
  if (/^<(!doctype\s+html|html|\?xml|table|head|body)/i.test(t)) {
    return { error: `HTML/XMLファイルは読み込めません（${fileName}）。${UNSUPPORTED_HINT}` }
  }
  return 'csv-long'
}
