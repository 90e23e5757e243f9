import { describe, expect, it } from 'vitest'
import { csvCell, neutraliseText, numberText, toCsv } from '@/domain/export/csvWriter'
import { parseCsv } from '@/domain/import/csv'

describe('csvCell', () => {
  it('neutralises text that a spreadsheet would run: = + - @ tab CR', () => {
    expect(['=1+1', '+81', '-登米市', '@SUM(A1)', '\tx', '\rx'].map(neutraliseText))
      .toEqual(["'=1+1", "'+81", "'-登米市", "'@SUM(A1)", "'\tx", "'\rx"])
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('-1')).toBe("'-1") // text that looks like a number is still text
  })

  it('leaves other text alone, quoting only when needed', () => {
    expect(csvCell('登米市')).toBe('登米市')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"')
    expect(csvCell(" a'=b")).toBe(" a'=b")
  })

  it('writes numbers as numbers with an ASCII minus, never neutralised', () => {
    expect(csvCell(-30.2)).toBe('-30.2')
    expect(csvCell(-0)).toBe('0')
    expect(csvCell(216.7)).toBe('216.7')
    expect(csvCell(11350000)).toBe('11350000')
    expect(numberText(1e21)).toBe('1000000000000000000000')
    expect(numberText(Number.NaN)).toBe('')
    expect(csvCell(null)).toBe('')
  })
})

describe('toCsv', () => {
  it('UTF-8 BOM, CRLF after every record, and reads back', () => {
    const grid = [['名称', '差'], ['-登米市', -26.5], [null, 3]]
    const text = toCsv(grid)
    expect(text).toBe("\uFEFF名称,差\r\n'-登米市,-26.5\r\n,3\r\n")
    expect(parseCsv(text)).toEqual([['名称', '差'], ["'-登米市", '-26.5'], [null, '3']])
  })

  it('can leave the BOM out', () => {
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n')
    expect(toCsv([])).toBe('\uFEFF')
  })
})
