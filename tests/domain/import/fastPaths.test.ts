/**
 * The shortcuts the readers take for speed on large files give exactly what the long way gives:
 * NFKC skipped only for text it would not change, plain numbers read without Number(), whole
 * lines without quotes split natively.
 */
import { describe, expect, it } from 'vitest'
import { createCsvParser, parseCsv } from '@/domain/import/csv'
import { canonicalPrefecture, normalizeHeader, normalizeKey, parseNumberCell } from '@/domain/import/longFormat'
import type { Grid } from '@/domain/import/types'

const nfkcKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

describe('normalizeKey skips NFKC only where NFKC changes nothing', () => {
  it('equals NFKC without whitespace for every BMP character, alone and between kana, letters and sound marks', () => {
    const wrong: string[] = []
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const c = String.fromCharCode(cp)
      for (const s of [c, `a${c}か`, `ア${c}`, `${c}\u3099`, `${c}\u309a`, `${c}\u0301`, `漢${c}`]) {
        if (normalizeKey(s) !== nfkcKey(s)) wrong.push(`U+${cp.toString(16)} in ${JSON.stringify(s)}`)
      }
    }
    expect(wrong.slice(0, 10)).toEqual([])
  })

  it('still normalises the Japanese texts that need it', () => {
    expect(normalizeKey('か\u3099')).toBe('が')
    expect(normalizeKey('ｶﾞｲﾄﾞ')).toBe('ガイド')
    expect(normalizeKey('目標Ⅱ')).toBe('目標II')
    expect(normalizeKey('第１号　被保険者数')).toBe('第1号被保険者数')
    expect(normalizeHeader('得点（点）')).toBe('得点')
    expect(canonicalPrefecture('宮城')).toBe('宮城県')
    expect(canonicalPrefecture(' 東京都 ')).toBe('東京都')
  })
})

describe('parseNumberCell reads plain numbers as Number() does', () => {
  it('on edge cases and on many generated numbers', () => {
    const texts = ['0', '-0', '-0.0', '007', '64', '33.3', '-5', '0.1', '0.30000000000000004', '1.10', '999999999999999', '9999999999999999',
      '12345678901234567890', '123456789012345.5', '12345678901234.55', '0.000000000000001', '4.35', '229.6', '1741']
    let seed = 20250601
    const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32 }
    for (let i = 0; i < 20000; i++) {
      const int = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 16)))
      const frac = rnd() < 0.5 ? '' : `.${String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * 8)))).padStart(Math.floor(rnd() * 4), '0')}`
      texts.push(`${rnd() < 0.2 ? '-' : ''}${int}${frac}`)
    }
    const wrong = texts.filter((t) => {
      const r = parseNumberCell(t)
      return !r.ok || !Object.is(r.value, Number(t))
    })
    expect(wrong).toEqual([])
  })

  it('leaves everything else to the full reader', () => {
    const v = (t: string) => { const r = parseNumberCell(t); return r.ok ? r.value : r.error }
    expect(v('1.')).toBe('数値ではありません（1.）')
    expect(v('-')).toBeNull()
    expect(v('--1')).toBe('数値ではありません（--1）')
    expect(v('1e3')).toBe('数値ではありません（1e3）')
    expect(v('+5')).toBe(5)
    expect(v('-.5')).toBe(-0.5)
  })
})

describe('CSV lines without quotes, split whole', () => {
  const text = '\uFEFFa,b,c\r\n1,,3\n,,\n\n"q,1",x\r\nplain,"two\nlines"\rlast,row,\r\n4,5,6\r7\t8,9'
  const expected: Grid = [
    ['a', 'b', 'c'], ['1', null, '3'], [null, null, null], [null], ['q,1', 'x'], ['plain', 'two\nlines'], ['last', 'row', null],
    ['4', '5', '6'], ['7\t8', '9'],
  ]

  it('read the same as character by character, whatever the chunk boundaries', () => {
    expect(parseCsv(text)).toEqual(expected)
    for (let size = 1; size <= text.length; size++) {
      const p = createCsvParser()
      const out: Grid = []
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)))
      out.push(...p.end())
      expect(out, `chunk size ${size}`).toEqual(expected)
    }
  })

  it('tab-separated too, and row numbers of a later unclosed quote stay right', () => {
    expect(parseCsv('a\tb\n1\t\n2\t3')).toEqual([['a', 'b'], ['1', null], ['2', '3']])
    const p = createCsvParser()
    p.push('a,b\n1,2\n3,4\n5,"open\n6,7\n')
    p.end()
    expect(p.issues).toEqual([{ row: 4, message: '引用符（"）が閉じられていません' }])
  })
})
