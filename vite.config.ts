import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { viteSingleFile } from 'vite-plugin-singlefile'
import { cspPlugin } from './tools/csp.ts'
import { appVersion } from './tools/appVersion.ts'

/**
 * Every module the first screen needs, found by walking static imports from the entry once the
 * graph is built. They go into one chunk: a handful of requests instead of twenty small shared
 * chunks queuing behind the browser's six connections. Lazy-only code keeps its own chunks.
 */
const initialModules = new Set<string>()
function collectInitialModules(): Plugin {
  return {
    name: 'incentive-lens:initial-modules',
    apply: 'build',
    buildEnd() {
      initialModules.clear()
      const walk = (id: string): void => {
        if (initialModules.has(id)) return
        const info = this.getModuleInfo(id)
        if (!info) return
        initialModules.add(id)
        for (const dep of info.importedIds) walk(dep)
      }
      for (const id of this.getModuleIds()) if (this.getModuleInfo(id)?.isEntry) walk(id)
    },
  }
}

const version = appVersion(fileURLToPath(new URL('./package.json', import.meta.url)))

/** The first-screen chunk of the normal build (see collectInitialModules). */
const appChunk = { name: 'app', test: (id: string) => initialModules.has(id) && !/node_modules[\\/](echarts|zrender)[\\/]/.test(id) }

/** The single file carries its icon as a data: URL: public/ is not next to it on a user's desktop. */
function inlineIcon(): Plugin {
  return {
    name: 'incentive-lens:inline-icon',
    transformIndexHtml(html) {
      const svg = readFileSync(fileURLToPath(new URL('./public/favicon.svg', import.meta.url)), 'utf8')
      return html.replace('href="./favicon.svg"', `href="data:image/svg+xml,${encodeURIComponent(svg)}"`)
    },
  }
}

/**
 * `vite build` writes dist/ for a web server; `vite build --mode single` (npm run build:single)
 * writes dist-single/incentive-lens.html, one file with everything inside (scripts, styles,
 * lazily loaded parts, the example data and the CSV worker) that opens from file://.
 */
export default defineConfig(({ mode }) => {
  const single = mode === 'single'
  return {
    plugins: [
      vue(),
      ...(single
        ? [viteSingleFile({ removeViteModuleLoader: true, outputFileName: 'incentive-lens.html' }), inlineIcon()]
        : [collectInitialModules()]),
      cspPlugin(),
    ],
    resolve: {
      alias: [
        { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
        // Chromium refuses a worker script from a file:// URL: the single file carries each worker
        // inline and starts it from a blob: URL (see src/import/startWorker.ts)
        ...(single ? [{ find: /^(.+)\?worker$/, replacement: '$1?worker&inline' }] : []),
      ],
    },
    define: {
      __APP_VERSION__: JSON.stringify(version.version),
      __BUILD_DATE__: JSON.stringify(version.buildDate),
    },
    // Relative asset paths so that dist/ can be served from any sub-path of an LGWAN file server.
    base: './',
    // the single file is handed out alone: nothing from public/ goes beside it
    publicDir: single ? false : 'public',
    build: single
      ? { outDir: 'dist-single', target: 'es2022' }
      : {
          target: 'es2022',
          // the first-screen chunk (app + Vue + Dexie + the ECharts radar) is one file of about 810 kB on purpose
          chunkSizeWarningLimit: 900,
          rolldownOptions: {
            output: {
              // ECharts is left to the default split: its radar parts join the entry, and the bar and
              // line parts (registered by lazy views only) stay in their own chunk. Grouping it here
              // would pull those in too, through the 'echarts/charts' barrel.
              codeSplitting: { groups: [appChunk] },
            },
          },
        },
    test: {
      environment: 'happy-dom',
      include: ['tests/{domain,db,charts,stores,ui,import,build}/**/*.test.ts'],
      setupFiles: ['tests/setup.ts'],
      env: { TZ: 'UTC' },
    },
  }
})
