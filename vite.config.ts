import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // Relative asset paths so that dist/ can later be served from any sub-path of an LGWAN file server.
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
  test: {
    environment: 'happy-dom',
    include: ['tests/{domain,db,charts,stores,ui,import}/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    env: { TZ: 'UTC' },
  },
})
