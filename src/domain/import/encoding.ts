/**
 * Text decoding of an imported file: UTF-8 (with or without BOM) or Shift_JIS (CP932, what
 * Japanese Excel writes as 「CSV（コンマ区切り）」), detected automatically. Pure: no file API.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

export const BINARY_FILE_ERROR = 'CSVファイルとして読めません（バイナリファイルの可能性があります）'
export const UTF16_FILE_ERROR = 'UTF-16のテキストには対応していません。UTF-8またはShift_JISのCSVで保存し直してください'

function decodeStrict(label: string, bytes: Uint8Array, stream: boolean): string | null {
  try {
    // ignoreBOM: true keeps a BOM in the text; the UTF-8 BOM is stripped by the caller.
    // stream: true tolerates a character cut at the end (for the head of a file).
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes, { stream })
  } catch {
    return null
  }
}

/** C0 control characters that never occur in a text file (tab, LF, FF, CR and the DOS EOF 0x1A do). */
function hasBinaryControls(bytes: Uint8Array, limit = bytes.length): boolean {
  const n = Math.min(limit, bytes.length)
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) return true
    if (b === 0x7f) return true
  }
  return false
}

export function isUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/**
 * UTF-8 first (strict), then Shift_JIS (strict). Pure ASCII is reported as utf-8. NUL and
 * other control bytes, or bytes invalid in both encodings, mean a binary file.
 */
export function decodeText(bytes: Uint8Array): DecodedText | { error: string } {
  return decode(bytes, false)
}

/**
 * Like decodeText for the first bytes of a longer file: a multi-byte character cut at the
 * end is not an error. For sniffing the format only.
 */
export function decodeHead(bytes: Uint8Array): DecodedText | { error: string } {
  return decode(bytes, true)
}

function decode(bytes: Uint8Array, partial: boolean): DecodedText | { error: string } {
  if (isUtf16Bom(bytes)) return { error: UTF16_FILE_ERROR }
  if (hasBinaryControls(bytes)) return { error: BINARY_FILE_ERROR }
  if (hasUtf8Bom(bytes)) {
    const text = decodeStrict('utf-8', bytes.subarray(3), partial)
    return text === null ? { error: BINARY_FILE_ERROR } : { text, encoding: 'utf-8-bom' }
  }
  const utf8 = decodeStrict('utf-8', bytes, partial)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' }
  const sjis = decodeStrict('shift_jis', bytes, partial)
  if (sjis !== null) return { text: sjis, encoding: 'shift_jis' }
  return { error: BINARY_FILE_ERROR }
}

/** Japanese name of an encoding for messages such as 「Shift_JISとして読み込みました」. */
export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（BOM付き）',
  shift_jis: 'Shift_JIS',
}
