import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCsvParser, MAX_IMPORT_BYTES, parseCsv, parseCsvImport } from '@/domain/import/csv'
import { checkImportSize } from '@/domain/import/detect'
import { decodeText } from '@/domain/import/encoding'
import type { Grid } from '@/domain/import/types'

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/csv/${name}`))

describe('parseCsv (RFC 4180)', () => {
  it('splits records and fields; empty fields are null', () => {
    expect(parseCsv('a,b,c\r\n1,,3\r\n')).toEqual([['a', 'b', 'c'], ['1', null, '3']])
  })

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'name,note\r\n"登米市, 宮城県","He said ""hi"""\r\n"two\r\nlines",x\r\n'
    expect(parseCsv(text)).toEqual([['name', 'note'], ['登米市, 宮城県', 'He said "hi"'], ['two\r\nlines', 'x']])
  })

  it('accepts CRLF, LF and lone CR line ends, and no newline at the end', () => {
    expect(parseCsv('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']])
  })

  it('does not add a record for the final line break; a blank line is one empty cell', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [null], ['b']])
    expect(parseCsv('')).toEqual([])
  })

  it('keeps whitespace and a quote inside an unquoted field; "" is an empty field', () => {
    expect(parseCsv(' a ,b"c,""\n')).toEqual([[' a ', 'b"c', null]])
  })

  it('drops a leading BOM', () => {
    expect(parseCsv('\uFEFF保険者コード,得点\n04212,14\n')).toEqual([['保険者コード', '得点'], ['04212', '14']])
  })

  it('detects tab-separated text (Excel「テキスト（タブ区切り）」) from the first line', () => {
    expect(parseCsv('保険者コード\t得点\n04212\t"1,234"\n')).toEqual([['保険者コード', '得点'], ['04212', '1,234']])
    // a comma anywhere in the first line keeps comma separation
    expect(parseCsv('a\tb,c\n')).toEqual([['a\tb', 'c']])
  })

  it('gives the same grid whatever the chunk boundaries (CR LF split, "" split, quotes split)', () => {
    const text = '\uFEFFa,"b ""q""\r\nline",c\r\n"x,y",,z\r\n\r\n"",last\r'
    const whole = parseCsv(text)
    expect(whole).toEqual([['a', 'b "q"\r\nline', 'c'], ['x,y', null, 'z'], [null], [null, 'last']])
    for (let size = 1; size <= text.length; size++) {
      const p = createCsvParser()
      const out: Grid = []
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)))
      out.push(...p.end())
      expect(out, `chunk size ${size}`).toEqual(whole)
    }
  })

  it('reports an unclosed quote with the row where it opened', () => {
    const p = createCsvParser()
    p.push('a,b\n1,"open\n2,3\n')
    p.end()
    expect(p.issues).toEqual([{ row: 2, message: '引用符（"）が閉じられていません' }])
  })
})

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeText(new TextEncoder().encode('登米市,14'))).toEqual({ text: '登米市,14', encoding: 'utf-8' })
  })

  it('reads UTF-8 with BOM and strips it', () => {
    const r = decodeText(fixture('utf8-bom.csv'))
    expect('error' in r).toBe(false)
    if ('error' in r) return
    expect(r.encoding).toBe('utf-8-bom')
    expect(r.text.startsWith('保険者コード,')).toBe(true)
  })

  it('reads Shift_JIS (CP932, including Ⅱ) when the bytes are not UTF-8', () => {
    const r = decodeText(fixture('shift-jis.csv'))
    if ('error' in r) throw new Error(r.error)
    expect(r.encoding).toBe('shift_jis')
    expect(r.text).toBe(new TextDecoder().decode(fixture('utf8-bom.csv')))
    expect(r.text).toContain('04212,登米市,宮城県,令和7年度,努力支援交付金,Ⅱ,体制・取組指標群,3,64,14,32.9,33.3')
  })

  it('reports ASCII as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('a,b\n'))).toEqual({ text: 'a,b\n', encoding: 'utf-8' })
  })

  it('refuses binary bytes (NUL, control bytes, invalid in both encodings)', () => {
    const message = 'CSVファイルとして読めません（バイナリファイルの可能性があります）'
    expect(decodeText(fixture('binary.csv'))).toEqual({ error: message })
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ error: message })
    expect(decodeText(new Uint8Array([0x41, 0x80, 0xff, 0xfd]))).toEqual({ error: message })
  })

  it('refuses UTF-16 with a hint to save as UTF-8 or Shift_JIS', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toEqual({ error: 'UTF-16のテキストには対応していません。UTF-8またはShift_JISのCSVで保存し直してください' })
  })
})

describe('parseCsvImport', () => {
  it('gives the same datasets from Shift_JIS and from UTF-8 with BOM, and says which encoding it read', () => {
    const sjis = parseCsvImport(fixture('shift-jis.csv'), 'shift-jis.csv')
    const bom = parseCsvImport(fixture('utf8-bom.csv'), 'utf8-bom.csv')
    expect(sjis.encoding).toBe('shift_jis')
    expect(bom.encoding).toBe('utf-8-bom')
    expect(sjis.rowCount).toBe(3)
    const strip = (r: typeof sjis) => r.datasets.map((d) => ({ ...d, source: null }))
    expect(strip(sjis)).toEqual(strip(bom))
    const goal = sjis.datasets[0]?.grants.doryoku?.goals[0]
    expect(goal?.goal).toBe('II')
    expect(goal?.score).toBe(20)
    expect(goal?.groups.map((g) => [g.kind, g.score, g.natAvg])).toEqual([['structure', 14, 33.3], ['activity', 6, 13.2]])
    expect(sjis.datasets[0]?.municipality).toEqual({ code: '04212', name: '登米市', prefecture: '宮城県' })
  })

  it('reports progress per chunk, ending at the total, and gives the same result as one chunk', () => {
    const bytes = fixture('valid-two-municipalities.csv')
    const calls: [number, number][] = []
    const chunked = parseCsvImport(bytes, 'v.csv', { chunkSize: 100, onProgress: (d, t) => calls.push([d, t]) })
    const whole = parseCsvImport(bytes, 'v.csv')
    expect(chunked.datasets).toEqual(whole.datasets)
    expect(chunked.issues).toEqual(whole.issues)
    expect(calls.length).toBeGreaterThan(10)
    const total = calls[0]![1]
    expect(calls.every(([, t]) => t === total)).toBe(true)
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b))
    expect(calls.at(-1)).toEqual([total, total])
  })

  it('an unclosed quote is an error at its row; the rows it swallowed are not reported again', () => {
    const r = parseCsvImport(fixture('unclosed-quote.csv'), 'unclosed-quote.csv')
    expect(r.datasets).toEqual([])
    expect(r.issues).toEqual([{ severity: 'error', file: 'unclosed-quote.csv', row: 2, column: null, message: '2行目: 引用符（"）が閉じられていません' }])
  })
})

describe('size guard', () => {
  const big = { name: 'big.csv', size: MAX_IMPORT_BYTES + 1 }

  it('is 50 MB', () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024)
  })

  it('refuses a larger file before reading it (takes a File or anything with name and size)', () => {
    expect(checkImportSize(big)).toEqual({ severity: 'error', file: 'big.csv', row: null, column: null, message: 'ファイルが大きすぎます（上限50MB）' })
    expect(checkImportSize({ name: 'ok.csv', size: MAX_IMPORT_BYTES })).toBeNull()
    expect(checkImportSize({ name: 'empty.csv', size: 0 })?.message).toBe('ファイルが空です')
  })

  it('parseCsvImport applies it to the bytes too', () => {
    const r = parseCsvImport(new Uint8Array(MAX_IMPORT_BYTES + 1), 'big.csv')
    expect(r.issues.map((i) => i.message)).toEqual(['ファイルが大きすぎます（上限50MB）'])
    expect(r.datasets).toEqual([])
  })
})
