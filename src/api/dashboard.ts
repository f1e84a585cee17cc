/**
 * The dashboard's files (the Vite build in dist/web/). A path names a file below the web root or nothing:
 * `..` segments, encoded separators and links leading out of the root are refused. Paths without a file
 * extension are the dashboard's own routes (/story/abc) and get index.html, which routes on the client.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { notFound } from './errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep: dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The dashboard is not built</h1>
<p>sitrep serves the dashboard from <code>dist/web/</code>, which is not there yet. Build it in the sitrep folder with</p>
<pre>npm run build</pre>
<p>(which <code>npm install</code> also runs), then reload this page.</p>
<p>The HTTP API works without it: <a href="/api/stats">/api/stats</a>, and the whole API in <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
`;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The request path as a file below `root`, or null when it is no such path (or leaves the root). */
async function fileBelow(root: string, requestPath: string): Promise<string | null | 'outside'> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return 'outside';
  }
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return 'outside';
  const file = path.join(root, ...segments);
  if (!(await isFile(file))) return null;
  // A link inside the build must not lead out of it.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  const relative = path.relative(realRoot, realFile);
  return relative.startsWith('..') || path.isAbsolute(relative) ? 'outside' : realFile;
}

function fileResponse(c: Context, body: Buffer, file: string, immutable: boolean): Response {
  c.header('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  // Vite names built assets by content hash: they never change. index.html must be asked for again.
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return c.body(new Uint8Array(body));
}

export function dashboard(webRoot: string) {
  const root = path.resolve(webRoot);
  const index = path.join(root, 'index.html');
  return async (c: Context): Promise<Response> => {
    const requestPath = c.req.path;
    const found = await fileBelow(root, requestPath);
    if (found === 'outside') throw notFound('no such file in the dashboard');
    if (found) return fileResponse(c, await readFile(found), found, requestPath.startsWith('/assets/'));
    if (path.posix.extname(requestPath) !== '') throw notFound(`no such file in the dashboard: ${requestPath.slice(0, 200)}`);
    if (!(await isFile(index))) {
      c.header('Cache-Control', 'no-cache');
      return c.html(NOT_BUILT, 503);
    }
    return fileResponse(c, await readFile(index), index, false);
  };
}
