// End-to-end: offline use and static hosting (issue 14). After one visit the service
// worker (sw.js, its file list written by scripts/write-service-worker.sh) has the whole
// build, so with the network off a lesson deep link, another lesson and the sandbox all
// load; a new deploy shows a "Reload" notice instead of swapping the build; 404.html sends
// a path-style link to the app, as GitHub Pages serves it; file:// and browsers without
// service workers still get the site. Served under $BASE_PATH like every e2e test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, collectConsoleErrors, screenshot, appDistDir, appBasePath, openPage,
} from './lib/harness.mjs';
import { lessonFile } from './lib/engine.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A server of its own for each test: what it was asked for is the test's alone. */
async function serve(options = {}, distDir = appDistDir()) {
  return startServer(distDir, { basePath: appBasePath(), ...options });
}

/** Resolves once a service worker controls `page` (sw.js claims the page it installs from). */
async function untilControlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** The lesson player is drawn: the app replaced the static page and the lesson file came. */
async function lessonDrawn(page, heading) {
  await page.getByRole('heading', { name: heading }).waitFor();
  await page.locator('#shell').waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Loading the lesson' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Next step' }).waitFor();
}

/** The line of a built sw.js that names its build: { version, files }. */
function buildOf(swSource) {
  const m = /^const BUILD = (\{.*\});$/m.exec(swSource);
  assert.ok(m, 'sw.js has its BUILD line (scripts/write-service-worker.sh)');
  return JSON.parse(m[1]);
}

const updateNotice = (page) => page.getByRole('status').filter({ hasText: 'A new version of Kafka Playground is ready.' });

test('the build lists every file of dist/ for the service worker, and 404.html is there', async () => {
  const dist = appDistDir();
  const build = buildOf(await readFile(path.join(dist, 'sw.js'), 'utf8'));
  assert.match(build.version, /^[0-9a-f]{16}$/, 'a release build, not trunk serve\'s');
  for (const want of [/^index\.html$/, /^404\.html$/, /^kafka-playground-[0-9a-f]+_bg\.wasm$/, /^kafka-playground-[0-9a-f]+\.js$/,
    /^sandbox\/kafka-playground-sandbox-[0-9a-f]+_bg\.wasm$/, /^sandbox\/kafka-playground-sandbox-[0-9a-f]+\.js$/,
    /^lessons\/1\.2-keyed-routing\.json$/, /^lessons\/catalog\.json$/, /^base-[0-9a-f]+\.css$/]) {
    assert.ok(build.files.some((f) => want.test(f)), `precached: ${want}`);
  }
  assert.ok(!build.files.includes('sw.js'), 'the worker is not in its own cache');
  // Every file of the build the page may load is listed; the loader names its files.
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  for (const [, file] of html.matchAll(/'\.\/([^']+\.(?:js|wasm))'/g)) {
    if (file === 'sw.js') continue;
    assert.ok(build.files.includes(file), `the loader's ${file} is precached`);
  }
});

test('after one visit, a lesson deep link, another lesson and the sandbox work with the network off', async () => {
  const server = await serve();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  try {
    const lesson = lessonFile('1.2');
    await page.goto(server.url + '#/lesson/1.2/step/3');
    await lessonDrawn(page, lesson.steps[2].title);
    await untilControlled(page);
    // The first visit shows no update notice: there was no older build.
    assert.equal(await updateNotice(page).count(), 0);

    const asked = server.requests.length;
    await context.setOffline(true);

    // Reload the deep link: index.html, the JS, wasm, CSS and the lesson, all from the cache.
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    await lessonDrawn(page, lesson.steps[2].title);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('heading', { name: lesson.steps[3].title }).waitFor();
    await screenshot(page, 'offline-lesson-1.2');

    // A lesson not opened before: its file was precached with the build.
    const other = lessonFile('2.1');
    await page.goto(server.url + '#/lesson/2.1/step/1');
    await lessonDrawn(page, other.steps[0].title);

    // The sandbox: the loader reloads into the second build (dist/sandbox/), from the cache.
    await page.goto(server.url + '#/sandbox');
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.waitFor();
    await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
    await input.fill('kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3');
    await input.press('Enter');
    await page.getByRole('log', { name: 'Console output' }).getByText('Created topic demo.').waitFor();
    await page.getByRole('group', { name: /Topic demo/ }).waitFor();
    await screenshot(page, 'offline-sandbox');

    // A new tab, offline from the start.
    const fresh = await context.newPage();
    const freshErrors = collectConsoleErrors(fresh);
    await fresh.goto(server.url + '#/lesson/1.3');
    await lessonDrawn(fresh, lessonFile('1.3').steps[0].title);
    assert.deepEqual(freshErrors, []);

    assert.deepEqual(server.requests.slice(asked), [], 'nothing reached the server while offline');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('404.html sends a path-style deep link to the app, online and offline', async () => {
  // GitHub Pages answers a path that names no file with the site's 404.html, status 404.
  const server = await serve({ notFoundPage: '404.html' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  try {
    const lesson = lessonFile('1.2');
    await page.goto(server.url + 'lesson/1.2/step/3');
    await page.waitForURL(server.url + '#/lesson/1.2/step/3');
    await lessonDrawn(page, lesson.steps[2].title);
    assert.ok(server.requests.some((r) => r.path === server.basePath + 'lesson/1.2/step/3' && r.status === 404));

    // A query after the path goes with the route (the app reads it in the fragment).
    await page.goto(server.url + 'lesson/1.2/step/2/?embed');
    await page.waitForURL(server.url + '#/lesson/1.2/step/2?embed');
    await lessonDrawn(page, lesson.steps[1].title);

    // Offline, the service worker answers the path with the cached 404.html, which finds
    // the cached index.html.
    await untilControlled(page);
    await context.setOffline(true);
    await page.goto(server.url + 'lesson/1.3');
    await page.waitForURL(server.url + '#/lesson/1.3');
    await lessonDrawn(page, lessonFile('1.3').steps[0].title);
    // The browser reports as console errors the host's 404 status for the path itself and
    // each folder 404.html looked in and found nothing (offline, a failed fetch): the
    // search, not a fault. Anything else is one.
    const searched = new RegExp(`^console\\.error: Failed to load resource: (the server responded with a status of 404 \\(Not Found\\) \\(${server.url}lesson/|net::ERR_FAILED \\(${server.url}(lesson/)?index\\.html:)`);
    assert.deepEqual(errors.filter((e) => !searched.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new deploy: the page shows "Reload", keeps the old build until it is pressed, then runs the new one', async () => {
  // A copy of dist/ to deploy a "new build" into, served at the same address.
  const dir = await mkdtemp(path.join(tmpdir(), 'kp-deploy-'));
  const server = await serve({}, dir);
  await cp(appDistDir(), dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  try {
    const lesson = lessonFile('1.2');
    await page.goto(server.url + '#/lesson/1.2/step/2');
    await lessonDrawn(page, lesson.steps[1].title);
    await untilControlled(page);
    const buildMark = () => page.evaluate(() => document.querySelector('meta[name="test-build"]')?.content ?? 'first');

    // The next build: another index.html and so another sw.js (write-service-worker.sh
    // gives it a new version), as a deploy would write them.
    const swFile = path.join(dir, 'sw.js');
    const sw = await readFile(swFile, 'utf8');
    const { version } = buildOf(sw);
    const next = 'feedfacecafe0000';
    await writeFile(swFile, sw.replace(`"version":"${version}"`, `"version":"${next}"`));
    const indexFile = path.join(dir, 'index.html');
    const index = await readFile(indexFile, 'utf8');
    assert.ok(index.includes('</head>'));
    await writeFile(indexFile, index.replace('</head>', '<meta name="test-build" content="next"></head>'));

    // Browsers look for a new sw.js on navigation; a long-lived page asks by hand here.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = updateNotice(page);
    await notice.waitFor();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('heading', { name: lesson.steps[2].title }).waitFor();
    assert.equal(await buildMark(), 'first', 'no reload by itself: the learner is still where they were');
    await screenshot(page, 'offline-update-notice');

    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => document.querySelector('meta[name="test-build"]')?.content === 'next');
    await lessonDrawn(page, lesson.steps[2].title);
    assert.equal(await updateNotice(page).count(), 0);
    const keys = await page.evaluate(() => caches.keys());
    assert.deepEqual(keys, [`kafka-playground ${server.url} ${next}`], 'the old build\'s cache is gone');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('without service workers, and from file://, the site works as before', async () => {
  const server = await serve();
  try {
    // A browser (or a policy) without service workers: registration fails quietly.
    const blocked = await openPage(browser, server, '#/lesson/1.2/step/1', { serviceWorkers: 'block' });
    await blocked.page.getByRole('button', { name: 'Next step' }).click();
    await blocked.page.getByRole('heading', { name: lessonFile('1.2').steps[1].title }).waitFor();
    await blocked.done();
  } finally {
    await server.close();
  }
  // file:// has no service workers (nor the wasm: module imports need http): the static
  // home page, its CSS blocked by Chromium because Trunk's integrity attributes need CORS
  // there (so those errors are expected, and were there before the service worker).
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto('file://' + path.join(appDistDir(), 'index.html'));
  await page.getByRole('heading', { name: 'Kafka Playground', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => (navigator.serviceWorker ? navigator.serviceWorker.controller : null)), null);
  assert.deepEqual(errors.filter((e) => !/^console\.error: Subresource Integrity: /.test(e)), []);
  await context.close();
});
