/**
 * The Content-Security-Policy of the built page, written into its HTML at build time: only the
 * page itself may load anything, nothing may connect anywhere, no eval. Every inline <script> and
 * <style> left in the final HTML (index.html's early IndexedDB listing; in the single file, the
 * whole app) is allowed by its SHA-256 hash, computed here from the exact text the browser parses.
 * Not applied to the dev server, whose module graph and hot reload need more.
 */
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

/** Text the HTML parser hands to the CSP check: line breaks normalized as the parser does. */
function hashOf(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n')
  return `'sha256-${createHash('sha256').update(normalized, 'utf8').digest('base64')}'`
}

/** Hashes of the inline scripts (those without src) and inline styles of an HTML document. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1] ?? '') && (m[2] ?? '').length > 0)
    .map((m) => hashOf(m[2] ?? ''))
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => hashOf(m[1] ?? ''))
  return { scripts, styles }
}

/**
 * The policy for a page with these inline hashes.
 * - no 'unsafe-inline' for styles either: Vue and ECharts set styles through the CSSOM
 *   (element.style), which a policy does not restrict; the app's tooltips carry no style="".
 * - img-src data: blob:: chart images (PNG export, slides, print) are data: URLs.
 * - worker-src blob:: the single file starts its CSV worker from an inline blob.
 */
export function contentSecurityPolicy(hashes: { scripts: string[]; styles: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.scripts.join(' ')}`.trim(),
    `style-src 'self' ${hashes.styles.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'none'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * Puts the policy right after <meta charset> (which must stay in the first 1024 bytes), before
 * any script, style or link, so that it covers all of them.
 */
export function withCsp(html: string): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) throw new Error('the HTML already has a Content-Security-Policy')
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineHashes(html))}">`
  const anchor = /<meta\s+charset\s*=[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html)
  if (!anchor) throw new Error('no <head> to put the Content-Security-Policy in')
  const end = anchor.index + anchor[0].length
  const before = html.slice(0, end)
  if (/<(script|style|link)\b/i.test(before)) throw new Error('a script, style or link comes before <meta charset>: the policy would not cover it')
  return `${before}\n    ${meta}${html.slice(end)}`
}

/**
 * Writes the policy into every HTML file of the bundle, after all other plugins (in particular
 * after vite-plugin-singlefile has inlined the scripts and styles it must hash).
 */
export function cspPlugin(): Plugin {
  return {
    name: 'incentive-lens:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue
          const html = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source)
          file.source = withCsp(html)
        }
      },
    },
  }
}
