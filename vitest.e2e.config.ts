/**
 * End-to-end tests in Debian's Chromium against the production build (dist/), served by Vite's
 * preview server from the global setup. Separate from the unit tests configured in vite.config.ts.
 * Run with `npm run test:e2e`, which builds first.
 */
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The tests import the domain (and the chart tables built on it) to check what the browser shows.
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // A real browser on a shared 2-core machine: be patient, and run one file at a time.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
})
