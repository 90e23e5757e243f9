/**
 * Vite plugin: adds <link rel="modulepreload"> for the lazily imported chart chunk (ECharts) and
 * its imports to index.html, so the browser fetches and compiles them while the app opens its
 * database, instead of after the first chart asks for them. The chunk stays out of the initial
 * script graph, so it is not executed before the page is drawn.
 */
import type { Plugin } from 'vite'

export function preloadChartChunk(entrySuffix = 'components/BaseChart.vue'): Plugin {
  return {
    name: 'incentive-lens:preload-chart-chunk',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk')
        const entry = chunks.find((c) => c.facadeModuleId?.endsWith(entrySuffix))
        if (!entry) return html
        const files = new Set<string>()
        const visit = (file: string) => {
          if (files.has(file)) return
          files.add(file)
          const chunk = chunks.find((c) => c.fileName === file)
          chunk?.imports.forEach(visit)
        }
        visit(entry.fileName)
        // the entry's own static imports are preloaded by Vite already
        const already = new Set(html.match(/(?<=href=")[^"]+(?=")/g)?.map((h) => h.replace(/^\.\//, '')) ?? [])
        return [...files].filter((f) => !already.has(f)).map((f) => ({
          tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${f}` }, injectTo: 'head' as const,
        }))
      },
    },
  }
}
