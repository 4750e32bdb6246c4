// First render of a built Trunk app in headless Chromium, from a local server.
//
//   node bench/first-render.mjs [--dist DIR] [--base /sub/path/] [--selector 'main h1']
//                               [--runs 7] [--warmup 0] [--label NAME] [--timeout-ms 30000] [--json]
//                               [--hash '#/lesson/1.1/step/1']
//
// Each run uses a fresh browser context (empty cache and storage), loads the
// page, and records performance.now() at the moment the selector first
// matches an element (a MutationObserver installed before any page script
// runs, so the time is the page's own clock from navigation start). --warmup N
// runs N more loads first and discards them (the browser's own start-up). Prints
// every run and the median; with --json, prints one JSON line instead.
// Defaults: --dist $DIST_DIR or <repo>/dist, --base $BASE_PATH or "/".

import { parseArgs } from 'node:util';
import { appBasePath, appDistDir, launchBrowser, startServer } from '../tests/lib/harness.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string' },
    base: { type: 'string' },
    selector: { type: 'string', default: 'main h1' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '0' },
    label: { type: 'string' },
    'timeout-ms': { type: 'string', default: '30000' },
    json: { type: 'boolean', default: false },
    hash: { type: 'string', default: '' },
  },
});

const distDir = opts.dist || appDistDir();
const basePath = opts.base || appBasePath();
const selector = opts.selector;
const runs = Number.parseInt(opts.runs, 10);
const warmup = Number.parseInt(opts.warmup, 10);
const timeout = Number.parseInt(opts['timeout-ms'], 10);
const label = opts.label || distDir;
if (!(runs > 0)) throw new Error(`--runs must be a positive number, got ${opts.runs}`);
if (!(warmup >= 0)) throw new Error(`--warmup must be 0 or more, got ${opts.warmup}`);

// Runs in the page before its own scripts: note when `selector` first matches.
function watchFor(sel) {
  const mark = () => {
    if (window.__firstRenderMs === undefined && document.querySelector(sel)) {
      window.__firstRenderMs = performance.now();
      return true;
    }
    return window.__firstRenderMs !== undefined;
  };
  if (mark()) return;
  const observer = new MutationObserver(() => {
    if (mark()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const server = await startServer(distDir, { basePath });
const browser = await launchBrowser();
const times = [];
try {
  for (let i = 0; i < warmup + runs; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(watchFor, selector);
      await page.goto(server.url + opts.hash, { waitUntil: 'commit', timeout });
      try {
        await page.waitForFunction(() => window.__firstRenderMs !== undefined, null, {
          timeout,
          polling: 'raf',
        });
      } catch (e) {
        throw new Error(
          `load ${i + 1}: "${selector}" did not appear at ${server.url} within ${timeout} ms` +
            (errors.length ? `; page errors: ${errors.join(' | ')}` : ''),
          { cause: e },
        );
      }
      const ms = await page.evaluate(() => window.__firstRenderMs);
      if (i >= warmup) times.push(ms);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const result = {
  label,
  url: server.url + opts.hash,
  selector,
  warmup,
  runs: times.map((t) => Math.round(t * 10) / 10),
  median_ms: Math.round(median(times) * 10) / 10,
};
if (opts.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`first render of ${label} ("${selector}"), ${runs} runs: ${result.runs.join(', ')} ms`);
  console.log(`median: ${result.median_ms} ms`);
}
