/**
 * The project's own TypeScript modules (src/, tests/support/) loaded in Node through Vite's
 * ssrLoadModule, with the project's config (the '@' alias), so that a bench section can run the
 * real parser, writers and generators without a separate build. No server is listened on.
 */
import { createServer } from 'vite'

/**
 * @template T
 * @param {string} root
 * @param {(load: (path: string) => Promise<Record<string, any>>) => Promise<T>} fn  path from the root, e.g. '/src/domain/import/csv.ts'
 * @returns {Promise<T>}
 */
export async function withProjectModules(root, fn) {
  const server = await createServer({
    root,
    logLevel: 'warn',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  try {
    return await fn((path) => server.ssrLoadModule(path))
  } finally {
    await server.close()
  }
}
