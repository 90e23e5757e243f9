/**
 * A plain static file server, as an intranet web server would be: serves a folder under a
 * sub-path (e.g. /kaigo/incentive-lens/), redirects the sub-path without its slash as IIS and
 * Apache do, answers 404 for anything else, and records every path asked for.
 */
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

export interface StaticServer {
  /** http://127.0.0.1:PORT/prefix/ */
  url: string
  /** every path requested, with its status */
  log: { path: string; status: number }[]
  close(): Promise<void>
}

export async function serveStatic(dir: string, prefix: string): Promise<StaticServer> {
  const base = `/${prefix.replace(/^\/|\/$/g, '')}/`
  const log: { path: string; status: number }[] = []
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      const answer = (status: number, headers: Record<string, string> = {}, body: Buffer | string = '') => {
        log.push({ path, status })
        res.writeHead(status, headers).end(body)
      }
      if (`${path}/` === base) return answer(301, { location: base })
      if (!path.startsWith(base)) return answer(404)
      const rel = path.slice(base.length) || 'index.html'
      const file = normalize(join(dir, rel))
      if (!file.startsWith(dir + sep)) return answer(404)
      try {
        if (!(await stat(file)).isFile()) return answer(404)
        answer(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }, await readFile(file))
      } catch {
        answer(404)
      }
    })()
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}${base}`,
    log,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
