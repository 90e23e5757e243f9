/**
 * Serves the built dist/ with Vite's preview server on a free loopback port, so that parallel
 * runs never collide, and hands its URL to the tests through `inject('baseUrl')`.
 * It does not build: `npm run test:e2e` builds first, and .ci/run has its own build step.
 */
import { existsSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** origin + base of the preview server, ending in '/', e.g. http://127.0.0.1:41234/ */
    baseUrl: string
  }
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** Asks the kernel for a free port. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => done(port))
    })
  })
}

/** Another process may take the free port before Vite binds it: try again a few times. */
async function startPreview(attempts = 3): Promise<PreviewServer> {
  for (let i = 1; ; i++) {
    try {
      return await preview({
        root,
        logLevel: 'warn',
        preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
      })
    } catch (err) {
      if (i >= attempts) throw err
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const index = resolve(root, 'dist/index.html')
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build first (npm run build), or run the whole thing with npm run test:e2e`)
  }
  console.log(`[e2e] serving dist/ built ${statSync(index).mtime.toISOString()}`)

  // The project's own vite.config.ts is loaded, so base './' and any preview headers apply as in `npm run preview`.
  const server = await startPreview()
  const url = server.resolvedUrls?.local[0]
  if (!url) {
    await server.close()
    throw new Error('vite preview started but reports no local URL')
  }
  console.log(`[e2e] preview server at ${url}`)
  project.provide('baseUrl', url.endsWith('/') ? url : `${url}/`)

  return async () => {
    await server.close()
  }
}
