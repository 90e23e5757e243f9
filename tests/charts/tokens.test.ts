/**
 * One source of colour: the Digital Agency's tokens, generated into src/theme (TS for ECharts,
 * CSS custom properties for the page and the deck). No component, style sheet or chart module
 * spells a colour of its own.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PALETTE } from '@/charts/theme'
import { TOKENS } from '@/theme/tokens'

const root = resolve(__dirname, '../..')
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f)
  return statSync(p).isDirectory() ? files(p) : [p]
})
const HEX = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi

describe('design tokens', () => {
  it('the generated files are what the installed @digital-go-jp/design-tokens gives', () => {
    // exits non-zero (and the call throws) when src/theme is out of date
    execFileSync(process.execPath, [join(root, 'scripts/design-tokens.mjs'), '--check'], { cwd: root })
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@digital-go-jp/design-tokens/package.json'), 'utf8')) as { version: string }
    expect(readFileSync(join(root, 'src/theme/tokens.ts'), 'utf8')).toContain(`@digital-go-jp/design-tokens ${pkg.version}`)
  })

  it('the page, the deck and the charts read the same values', () => {
    const css = readFileSync(join(root, 'src/theme/tokens.css'), 'utf8')
    expect(css).toContain(`--il-blue: ${TOKENS.blue};`)
    expect(css).toContain(`--il-red: ${TOKENS.red};`)
    expect(TOKENS.blue).toBe('#0017c1')
    expect(PALETTE.municipality).toBe(TOKENS.blue)
    expect(PALETTE.shortfall).toBe(TOKENS.red)
    expect(PALETTE.prefectural).toBe(TOKENS.textSub)
    const styles = readFileSync(join(root, 'src/styles.css'), 'utf8')
    expect(styles.startsWith("@import './theme/tokens.css';")).toBe(true)
    expect(styles).toContain('--blue: var(--il-blue);')
  })

  it('no style sheet, component style or chart module spells a colour outside the generated tokens', () => {
    const offenders = files(join(root, 'src'))
      .filter((f) => /\.(vue|css|ts)$/.test(f) && !f.includes(`${join('src', 'theme')}`) && !f.endsWith('.d.ts'))
      .flatMap((f) => {
        let text = readFileSync(f, 'utf8')
        // .vue: only the <style> blocks and the script (templates hold no colours either)
        if (f.endsWith('.ts') && !/src[\\/](charts|composables|components)/.test(f)) return []
        text = text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
        const found = text.match(HEX) ?? []
        return found.map((h) => `${relative(root, f)}: ${h}`)
      })
    expect(offenders).toEqual([])
  })
})
