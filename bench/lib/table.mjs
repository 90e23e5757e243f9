/** Plain-text tables for the terminal: numbers right-aligned, text left-aligned. */

/** Display width, counting CJK and full-width characters as two columns. */
function width(s) {
  let w = 0
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return w
}

const isNumeric = (s) => /^[-+−]?[\d.,]+( ?[%a-zA-Zµ]*)?$/.test(s)

/**
 * @param {string[]} columns
 * @param {(string | number)[][]} rows  a row of a single '-' draws a rule
 * @returns {string}
 */
export function formatTable(columns, rows) {
  const cells = rows.map((r) => r.map((c) => String(c)))
  const widths = columns.map((h, i) => Math.max(width(h), ...cells.map((r) => (r[i] === undefined ? 0 : width(r[i])))))
  const pad = (s, i, right) => (right ? ' '.repeat(widths[i] - width(s)) + s : s + ' '.repeat(widths[i] - width(s)))
  const rule = widths.map((w) => '─'.repeat(w)).join('──')
  const line = (r) => r.map((c, i) => pad(c, i, i > 0 && isNumeric(c))).join('  ').trimEnd()
  const out = [line(columns.map((h, i) => (i > 0 ? pad(h, i, true) : h))), rule]
  for (const r of cells) out.push(r.length === 1 && r[0] === '-' ? rule : line(r))
  return out.join('\n')
}

/** 1234 → '1.23' (kB = 1000 bytes, as Vite reports) */
export const kB = (bytes) => (bytes / 1000).toFixed(2)

/** 123.456 → '123' ms */
export const ms = (x) => (x === null || x === undefined ? '—' : Math.round(x).toString())

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
