/** Vite's production build and preview server, on a free loopback port. */
import { createServer } from 'node:net'
import { build, preview } from 'vite'

export function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => done(port))
    })
  })
}

/**
 * `vite build` with the project's own vite.config.ts, plus a manifest (dist/.vite/manifest.json)
 * so that the bundle section can tell initial chunks from lazy ones.
 */
export async function buildApp(root) {
  await build({ root, logLevel: 'warn', build: { manifest: true } })
}

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} */
export async function startPreview(root) {
  let server
  // Another process may take the free port before Vite binds it: try again a few times.
  for (let i = 1; !server; i++) {
    try {
      server = await preview({
        root,
        logLevel: 'warn',
        preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
      })
    } catch (err) {
      if (i >= 3) throw err
    }
  }
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview reports no local URL')
  return { url, close: () => server.close() }
}
