import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

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

export default defineConfig({
  plugins: [vue(), collectInitialModules()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // Relative asset paths so that dist/ can later be served from any sub-path of an LGWAN file server.
  base: './',
  build: {
    target: 'es2022',
    // the first-screen chunk (app + Vue + Dexie + the ECharts radar) is one file of about 810 kB on purpose
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // ECharts is left to the default split: its radar parts join the entry, and the bar and
        // line parts (registered by lazy views only) stay in their own chunk. Grouping it here
        // would pull those in too, through the 'echarts/charts' barrel.
        codeSplitting: { groups: [{ name: 'app', test: (id) => initialModules.has(id) && !/node_modules[\\/](echarts|zrender)[\\/]/.test(id) }] },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/{domain,db,charts,stores,ui,import}/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    env: { TZ: 'UTC' },
  },
})
