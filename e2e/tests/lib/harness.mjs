// Shared helpers for the end-to-end tests and benchmarks.
//
//   startServer(distDir, { basePath })  a tiny static server for a Trunk dist/ folder
//   launchBrowser()                     headless Debian Chromium through playwright-core
//   collectConsoleErrors(page)          console errors and uncaught page errors, as strings
//   screenshot(page, name)              a PNG under e2e/artifacts/screenshots/
//
// DIST_DIR and BASE_PATH (set by scripts/test.sh) say which build to test and
// under which sub-path it is served; appDistDir() and appBasePath() read them.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The e2e/ folder. */
export const E2E_DIR = path.resolve(here, '..', '..');
/** The repository root. */
export const REPO_DIR = path.resolve(E2E_DIR, '..');

/** The dist folder under test: $DIST_DIR, else <repo>/dist. */
export function appDistDir() {
  return path.resolve(process.env.DIST_DIR || path.join(REPO_DIR, 'dist'));
}

/** The sub-path the app was built for (trunk --public-url): $BASE_PATH, else "/". */
export function appBasePath() {
  return normalizeBasePath(process.env.BASE_PATH || '/');
}

/** "/kafka-playground" or "kafka-playground/" -> "/kafka-playground/"; "" -> "/". */
export function normalizeBasePath(basePath = '/') {
  let p = String(basePath).trim();
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p.replace(/\/{2,}/g, '/');
}

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Serve the files of `distDir` on 127.0.0.1 (a free port) under `basePath`.
 *
 * GET/HEAD <basePath><file> serves <distDir>/<file>; a folder serves its
 * index.html; <basePath> without its trailing slash redirects to it; anything
 * else (outside basePath, missing, or escaping distDir) is a 404. No caching.
 *
 * Options:
 *   basePath     sub-path to serve under, default "/"
 *   spaFallback  serve <distDir>/index.html (status 200) for missing paths
 *                under basePath that have no file extension; default false
 *   notFoundPage serve <distDir>/<notFoundPage> (status 404) for missing paths
 *                under basePath, as GitHub Pages serves 404.html; default none
 *
 * Resolves to { url, origin, port, basePath, requests, close() }, where url is
 * origin + basePath and requests lists { method, path, status } of every request.
 */
export async function startServer(distDir, { basePath = '/', spaFallback = false, notFoundPage = null } = {}) {
  const root = path.resolve(distDir);
  const base = normalizeBasePath(basePath);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat || !rootStat.isDirectory()) {
    throw new Error(`startServer: ${root} is not a folder (build first: scripts/build.sh)`);
  }
  const requests = [];

  const server = createServer(async (req, res) => {
    const done = (status, headers = {}, body = '') => {
      requests.push({ method: req.method, path: req.url, status });
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => done(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n');

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return done(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return done(400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad Request\n');
    }
    if (base !== '/' && pathname === base.slice(0, -1)) {
      const search = new URL(req.url, 'http://127.0.0.1').search;
      return done(301, { Location: base + search });
    }
    if (!pathname.startsWith(base) || pathname.includes('\0')) return notFound();

    const rel = pathname.slice(base.length);
    let file = path.resolve(root, '.' + path.posix.sep + rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();

    let st = await stat(file).catch(() => null);
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        return done(301, { Location: pathname + '/' });
      }
      file = path.join(file, 'index.html');
      st = await stat(file).catch(() => null);
    }
    if ((!st || !st.isFile()) && spaFallback && path.extname(rel) === '') {
      file = path.join(root, 'index.html');
      st = await stat(file).catch(() => null);
    }
    let status = 200;
    if ((!st || !st.isFile()) && notFoundPage) {
      file = path.join(root, notFoundPage);
      st = await stat(file).catch(() => null);
      status = 404;
    }
    if (!st || !st.isFile()) return notFound();

    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    requests.push({ method: req.method, path: req.url, status });
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    port,
    basePath: base,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Where Debian's chromium lives; $CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep Chromium (as root, on a closed network) quiet and working. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch headless Debian Chromium. Close it with `await browser.close()`. */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args || [])],
  });
}

/**
 * Start collecting a page's console errors and uncaught exceptions.
 * Returns an array that fills as they happen, e.g.
 *   "console.error: ..." or "pageerror: ..."; assert it is empty at the end.
 */
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : '';
      errors.push(`console.error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err && err.message ? err.message : String(err)}`);
  });
  return errors;
}

/** The folder screenshots are saved in. */
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'artifacts', 'screenshots');

/**
 * Save a full-page PNG of `page` as e2e/artifacts/screenshots/<name>.png
 * (name is made file-safe). Resolves to the file's path.
 */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  const file = path.join(SCREENSHOT_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

/**
 * A fresh page of `browser` at `server.url + hash` (width and height, other
 * `newContext` options passed through), waited until it is drawn: for anything but home,
 * until the app has replaced the static page and the lesson file has arrived, so keys
 * and clicks reach the player. `done()` asserts no console errors and closes it.
 */
export async function openPage(browser, server, hash = '', { width = 1280, height = 800, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(server.url + hash);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (!/^#?\/?$/.test(hash)) {
    await page.locator('#shell').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Loading the lesson' }).waitFor({ state: 'detached' });
  }
  return {
    page,
    async done() {
      if (errors.length) throw new Error(`console errors: ${JSON.stringify(errors)}`);
      await context.close();
    },
  };
}

/** The records drawn in one partition, as {offset, key, value} read from accessible names. */
export async function drawnRecords(page, topic, partition) {
  const list = page.getByRole('list', { name: `${topic} partition ${partition}`, exact: true });
  const names = await list.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  return names
    .filter((n) => !/^offset \d+, removed by compaction$/.test(n))
    .map((n) => {
      const tombstone = /^offset (\d+), key (.*), tombstone$/.exec(n);
      if (tombstone) return { offset: Number(tombstone[1]), key: tombstone[2], value: null, tombstone: true };
      const m = /^offset (\d+), key (.*), value (.*)$/.exec(n);
      if (!m) return { offset: Number(/^offset (\d+)/.exec(n)?.[1]), name: n };
      return { offset: Number(m[1]), key: m[2], value: m[3] };
    })
    .sort((x, y) => x.offset - y.offset);
}

/** The offsets the log cleaner emptied in one partition, as the row marks them. */
export async function drawnHoles(page, topic, partition) {
  const list = page.getByRole('list', { name: `${topic} partition ${partition}`, exact: true });
  const names = await list.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  return names
    .map((n) => /^offset (\d+), removed by compaction$/.exec(n))
    .filter(Boolean)
    .map((m) => Number(m[1]))
    .sort((x, y) => x - y);
}
