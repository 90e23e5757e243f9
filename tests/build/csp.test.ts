/**
 * The Content-Security-Policy written into the built HTML (tools/csp.ts): its hashes are those of
 * the inline code the browser will parse, so index.html's early IndexedDB listing and the single
 * file's inlined app run while anything else inline, any eval and any connection is refused.
 * That the browser agrees is tested end to end (tests/e2e/singleFile.e2e.test.ts, subpath.e2e.test.ts).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, inlineHashes, withCsp } from '../../tools/csp'
import { buildDate } from '../../tools/appVersion'

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
const indexHtml = readFileSync('index.html', 'utf8')

function policyOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]
  if (!content) throw new Error('no policy')
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]))
}

describe('Content-Security-Policy of the built page', () => {
  it('hashes index.html\'s inline early-listing script and its boot-note style, and only them (the module script has a src)', () => {
    const early = /<script>(try \{ window\.__incentiveLensDatabases[\s\S]*?)<\/script>/.exec(indexHtml)?.[1]
    const style = /<style>(\.boot-note[\s\S]*?)<\/style>/.exec(indexHtml)?.[1]
    expect(early).toBeDefined()
    expect(style).toBeDefined()
    expect(inlineHashes(indexHtml)).toEqual({ scripts: [sha(early ?? '')], styles: [sha(style ?? '')] })
  })

  it('allows the page itself only: no connection, no eval, no unhashed inline code, no plug-ins', () => {
    const html = withCsp(indexHtml)
    const p = policyOf(html)
    expect(p.get('default-src')).toEqual(["'self'"])
    expect(p.get('connect-src')).toEqual(["'none'"])
    expect(p.get('script-src')).toEqual(["'self'", ...inlineHashes(indexHtml).scripts])
    expect(p.get('style-src')).toEqual(["'self'", ...inlineHashes(indexHtml).styles])
    expect(p.get('object-src')).toEqual(["'none'"])
    expect(p.get('base-uri')).toEqual(["'none'"])
    expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(p.get('worker-src')).toEqual(["'self'", 'blob:'])
    expect(html).not.toMatch(/unsafe-(eval|inline|hashes)|wasm-unsafe-eval/)
  })

  it('hashes inlined scripts and styles as the parser sees them (CRLF read as LF), skipping scripts with src', () => {
    const html = '<html><head><meta charset="UTF-8"><script type="module" crossorigin>let a = 1;\r\nlet b = "</scr" + "ipt>"</script>'
      + '<script src="./x.js"></script><style>body{color:red}\r\n</style></head><body></body></html>'
    expect(inlineHashes(html)).toEqual({
      scripts: [sha('let a = 1;\nlet b = "</scr" + "ipt>"')],
      styles: [sha('body{color:red}\n')],
    })
    expect(policyOf(withCsp(html)).get('style-src')).toEqual(["'self'", sha('body{color:red}\n')])
  })

  it('goes right after <meta charset>, before every script, style and link', () => {
    const html = withCsp(indexHtml)
    const at = html.indexOf('http-equiv="Content-Security-Policy"')
    expect(at).toBeGreaterThan(html.indexOf('<meta charset="UTF-8" />'))
    expect(at).toBeLessThan(html.search(/<(script|style|link)\b/))
    expect(html.indexOf('<meta charset')).toBeLessThan(1024)
  })

  it('refuses a page it cannot protect: a second policy, or code before <meta charset>', () => {
    expect(() => withCsp(withCsp(indexHtml))).toThrow(/already has/)
    expect(() => withCsp('<html><head><script>x()</script><meta charset="UTF-8"></head></html>')).toThrow(/before <meta charset>/)
  })

  it('a policy without inline code has no empty hash list', () => {
    expect(contentSecurityPolicy({ scripts: [], styles: [] })).toContain("script-src 'self';")
  })
})

describe('build date shown in the app', () => {
  it('is the date in Japan, fixed by SOURCE_DATE_EPOCH when set', () => {
    const saved = process.env.SOURCE_DATE_EPOCH
    try {
      delete process.env.SOURCE_DATE_EPOCH
      // 2026-12-01 16:30 UTC is already 2 December in Japan
      expect(buildDate(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02')
      expect(buildDate(new Date('2026-12-01T14:59:00Z'))).toBe('2026-12-01')
      process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2027, 0, 31, 15, 0) / 1000)
      expect(buildDate(new Date('2026-12-01T00:00:00Z'))).toBe('2027-02-01')
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
      else process.env.SOURCE_DATE_EPOCH = saved
    }
  })
})
