import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat, MAX_IMPORT_BYTES } from '@/domain/import/detect'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))
const fixture = (dir: string, name: string) => new Uint8Array(readFileSync(`tests/fixtures/${dir}/${name}`))
/** the start of a zip: local file header signature, then an (uncompressed) entry name */
const zipWith = (...names: string[]) => bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0], ...names.map((n) => `${n}\u0000`))
const HINT = 'CSV（.csv）、Excel（.xlsx）またはこのアプリのバックアップ（.json）を選んでください'

describe('detectFormat by content, not by name', () => {
  it('CSV text in UTF-8, UTF-8 with BOM and Shift_JIS', () => {
    expect(detectFormat('a.csv', fixture('csv', 'valid-two-municipalities.csv'))).toBe('csv-long')
    expect(detectFormat('a.csv', fixture('csv', 'utf8-bom.csv'))).toBe('csv-long')
    expect(detectFormat('a.csv', fixture('csv', 'shift-jis.csv'))).toBe('csv-long')
    expect(detectFormat('data.txt', bytes('保険者コード\t得点\n'))).toBe('csv-long')
  })

  it('a backup JSON (also with a BOM or leading blank lines, whatever its name)', () => {
    expect(detectFormat('b.json', fixture('json', 'backup-valid.json'))).toBe('backup-json')
    expect(detectFormat('b.csv', bytes([0xef, 0xbb, 0xbf], '\r\n  {"app":1}'))).toBe('backup-json')
  })

  it('an xlsx workbook (a zip holding xl/workbook.xml)', () => {
    expect(detectFormat('a.xlsx', zipWith('[Content_Types].xml', 'xl/workbook.xml'))).toBe('xlsx-long')
    expect(detectFormat('renamed.csv', zipWith('xl/workbook.xml'))).toBe('xlsx-long')
  })

  it('other zips: Word, .xlsb, OpenDocument, plain zip', () => {
    expect(detectFormat('a.docx', zipWith('word/document.xml'))).toEqual({ error: `Wordファイルは読み込めません。${HINT}` })
    expect(detectFormat('a.xlsb', zipWith('xl/workbook.bin'))).toEqual({ error: 'Excelバイナリブック（.xlsb）には対応していません。.xlsx形式で保存し直してください' })
    expect(detectFormat('a.ods', zipWith('mimetype', 'content.xml'))).toEqual({ error: 'OpenDocument形式（.ods など）には対応していません。.xlsx形式で保存し直してください' })
    expect(detectFormat('a.zip', zipWith('data.csv'))).toEqual({ error: `ZIP圧縮ファイルは読み込めません。展開してから、${HINT}` })
  })

  it('legacy .xls', () => {
    expect(detectFormat('a.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))
      .toEqual({ error: 'Excel 97-2003形式（.xls）には対応していません。.xlsx形式で保存し直してください' })
  })

  it('PDF and images renamed .csv (committed fixtures)', () => {
    expect(detectFormat('x.csv', fixture('csv', 'pdf-renamed.csv'))).toEqual({ error: `PDFファイルは読み込めません。${HINT}` })
    expect(detectFormat('x.csv', fixture('csv', 'image-renamed.csv'))).toEqual({ error: `画像ファイル（PNG）は読み込めません。${HINT}` })
    expect(detectFormat('x.csv', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ error: `画像ファイル（JPEG）は読み込めません。${HINT}` })
    expect(detectFormat('x.csv', bytes('GIF89a', [1, 0, 1, 0]))).toEqual({ error: `画像ファイル（GIF）は読み込めません。${HINT}` })
    expect(detectFormat('x.csv', bytes([0x1f, 0x8b, 8, 0]))).toEqual({ error: `圧縮ファイル（gzip）は読み込めません。${HINT}` })
  })

  it('text that merely starts like a signature is still CSV', () => {
    expect(detectFormat('x.csv', bytes('BMI,得点\n1,2\n'))).toBe('csv-long')
  })

  it('binary, UTF-16, HTML, a JSON array, empty and too large', () => {
    expect(detectFormat('x.csv', fixture('csv', 'binary.csv'))).toEqual({ error: 'CSVファイルとして読めません（バイナリファイルの可能性があります）' })
    expect(detectFormat('x.txt', bytes([0xff, 0xfe, 0x41, 0]))).toEqual({ error: 'UTF-16のテキストには対応していません。UTF-8またはShift_JISのCSVで保存し直してください' })
    expect(detectFormat('x.csv', bytes('<!DOCTYPE html><html>'))).toEqual({ error: `HTML/XMLファイルは読み込めません（x.csv）。${HINT}` })
    expect(detectFormat('x.json', bytes('[1,2]'))).toEqual({ error: 'このアプリのバックアップ（JSON）の形式ではありません（先頭が「{」ではありません）' })
    expect(detectFormat('x.csv', new Uint8Array(0))).toEqual({ error: 'ファイルが空です' })
    expect(detectFormat('x.csv', bytes('  \r\n'))).toEqual({ error: 'ファイルが空です' })
    expect(detectFormat('x.csv', new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({ error: 'ファイルが大きすぎます（上限50MB）' })
  })

  it('a multi-byte character cut at the 4 KB head does not make text look binary (UTF-8, BOM, Shift_JIS)', () => {
    const sjis = fixture('csv', 'shift-jis.csv')
    for (let pad = 4085; pad <= 4096; pad++) {
      const a = 'a'.repeat(pad)
      expect(detectFormat('x.csv', bytes(`${a}登米市,宮城県\n`)), `utf-8 ${pad}`).toBe('csv-long')
      expect(detectFormat('x.csv', bytes([0xef, 0xbb, 0xbf], `${a}登米市,宮城県\n`)), `bom ${pad}`).toBe('csv-long')
      expect(detectFormat('x.csv', Uint8Array.from([...bytes(a), ...sjis])), `shift_jis ${pad}`).toBe('csv-long')
    }
  })
})
