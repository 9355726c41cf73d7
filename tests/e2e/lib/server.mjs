// A plain static file server for the built site, behaving like GitHub Pages or an object store:
// files as they are, a folder answered by its index.html (after a redirect to the slash form),
// unknown paths answered by 404.html with status 404. No single-page-app fallback: deep links
// must work from the per-route copies the build makes. With `{ gzip: true }` it compresses
// responses for clients that accept it, as GitHub Pages and CDNs do (the performance figures
// use that; the journeys do not need it).
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.toml': 'text/plain; charset=utf-8',
};
const gzipped = new Map();
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.toml']);

/** Serves `root` under the URL prefix `mount` ("/" or "/course/scaling/") on 127.0.0.1. */
export async function serveStatic(root, mount = '/', { gzip = false } = {}) {
  const server = http.createServer((req, res) => {
    res.gzip = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(mount)) {
      return notFound(res, root);
    }
    const rel = pathname.slice(mount.length);
    const file = path.join(root, rel);
    if (!file.startsWith(path.resolve(root))) return notFound(res, root);
    let stat = null;
    try { stat = fs.statSync(file); } catch { /* missing */ }
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: pathname + '/' + url.search });
        return res.end();
      }
      return sendFile(res, path.join(file, 'index.html'), 200, root);
    }
    if (stat && stat.isFile()) return sendFile(res, file, 200, root);
    return notFound(res, root);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, base: `http://127.0.0.1:${port}${mount}`, close: () => new Promise((r) => server.close(r)) };
}

function sendFile(res, file, status, root) {
  fs.readFile(file, (err, data) => {
    if (err) return notFound(res, root);
    const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' };
    if (res.gzip && COMPRESSIBLE.has(path.extname(file))) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
      const cached = gzipped.get(file);
      if (!cached || cached.raw !== data.length) gzipped.set(file, { raw: data.length, gz: zlib.gzipSync(data, { level: 9 }) });
      data = gzipped.get(file).gz;
    }
    res.writeHead(status, headers);
    res.end(data);
  });
}

function notFound(res, root) {
  const page = path.join(root, '404.html');
  fs.readFile(page, (err, data) => {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(err ? 'Not found' : data);
  });
}
