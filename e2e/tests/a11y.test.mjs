// End-to-end: axe-core (npm) finds no violation on any page, in the light and the dark
// theme (issue 14): the home page, every step of every lesson in the catalogue, a page
// that does not exist, and a sandbox with a topic, a running console consumer, a killed
// broker and every panel shown, a challenge after a failed check, the progress page with
// an interview answer compared, presenter mode with its notes, and a step embedded with
// its embed code shown. A failure lists each rule, its help and the elements. And the
// pages at 200 % zoom: nothing cut off sideways, the step controls in reach.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, appDistDir, appBasePath } from './lib/harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every lesson the build ships, with its number of steps (the unlisted bench scene aside). */
function lessons() {
  const dir = path.join(appDistDir(), 'lessons');
  return readdirSync(dir)
    .filter((f) => /^\d+\.\d+-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    .map((l) => ({ id: l.id, steps: l.steps.length }));
}

let server;
let browser;

before(async () => {
  server = await startServer(appDistDir(), { basePath: appBasePath() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations on the page as it is, one line per element. */
async function violations(page, where) {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`) }));
  });
  return found.flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} (${v.help}) ${n}`));
}

async function themed(theme) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  // The same preference the theme switch saves (browser.rs, index.html).
  await context.addInitScript((t) => localStorage.setItem('theme', t), theme);
  return { context, page: await context.newPage() };
}

for (const theme of ['light', 'dark']) {
  test(`no axe violation on the home page and every lesson step (${theme} theme)`, async () => {
    const { context, page } = await themed(theme);
    const found = [];
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    found.push(...await violations(page, 'home'));
    const all = lessons();
    assert.ok(all.length >= 10, `lessons found: ${all.length}`);
    for (const { id, steps } of all) {
      for (let n = 1; n <= steps; n++) {
        await page.goto(server.url + `#/lesson/${id}/step/${n}`);
        await page.locator('#step-title').waitFor();
        await page.getByRole('status').filter({ hasText: 'Loading the lesson' }).waitFor({ state: 'detached' });
        found.push(...await violations(page, `lesson ${id} step ${n}`));
      }
    }
    await page.goto(server.url + '#/no/such/page');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    found.push(...await violations(page, 'not found'));
    assert.deepEqual(found, []);
    await context.close();
  });

  test(`no axe violation in a busy sandbox with every panel shown (${theme} theme)`, async () => {
    const { context, page } = await themed(theme);
    await page.goto(server.url + '#/sandbox');
    const input = page.getByRole('textbox', { name: 'Command' });
    await input.waitFor();
    for (const line of [
      'kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3',
      'kafka-console-consumer.sh --topic orders --group billing',
      'produce orders key=alice value=paid',
      'create-consumer audit-1 group=audit',
      'subscribe audit-1 topics=orders',
      'poll audit-1',
      'kill-broker id=2',
      'tick 1s',
      'kafka-consumer-groups.sh --describe --group billing',
    ]) {
      await input.fill(line);
      await input.press('Enter');
    }
    await page.getByRole('group', { name: 'Console consumers running' }).waitFor();
    await page.locator('summary', { hasText: 'Show panels' }).click();
    const boxes = page.getByRole('checkbox');
    for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).check();
    const found = await violations(page, 'sandbox');
    assert.deepEqual(found, []);
    await context.close();
  });
}

for (const theme of ['light', 'dark']) {
  test(`no axe violation on a challenge, the progress page, presenter mode and an embedded step (${theme} theme)`, async () => {
    const { context, page } = await themed(theme);
    const found = [];
    // A challenge after a failed check: the engine's findings and the hint are shown.
    await page.goto(server.url + '#/sandbox?challenge=1.2/1');
    const panel = page.getByRole('region', { name: 'Land order-100 in partition 1' });
    await panel.getByRole('button', { name: 'Check my cluster' }).click();
    await panel.getByRole('status').getByText('Hint:').waitFor();
    found.push(...await violations(page, 'challenge'));
    // The progress page, with what the challenge left and an interview answer compared.
    await page.goto(server.url + '#/lesson/1.2/step/9');
    await page.locator('#step-title').waitFor();
    await page.goto(server.url + '#/progress');
    await page.getByRole('heading', { name: 'Module A: Core architecture' }).waitFor();
    found.push(...await violations(page, 'progress'));
    // Presenter mode, with its notes and the blank screen.
    await page.goto(server.url + '#/lesson/1.4/step/5?present');
    await page.getByRole('group', { name: 'Presenter mode' }).waitFor();
    found.push(...await violations(page, 'presenter'));
    await page.keyboard.press('n');
    found.push(...await violations(page, 'presenter notes'));
    // An embedded step, and a step with its embed code shown.
    await page.goto(server.url + '#/lesson/2.1/step/3?embed');
    await page.locator('#step-title').waitFor();
    found.push(...await violations(page, 'embed'));
    await page.goto(server.url + '#/lesson/2.1/step/3');
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await page.getByRole('textbox', { name: /Embed code for this step/ }).waitFor();
    found.push(...await violations(page, 'embed code'));
    assert.deepEqual(found, []);
    await context.close();
  });
}

test('at 200 % zoom nothing is cut off sideways and the step controls stay in reach', async () => {
  // 200 % zoom of a 1280x800 window: a 640x400 CSS viewport at twice the pixels.
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const wide = [];
  for (const hash of ['', '#/lesson/1.2/step/3', '#/lesson/2.1/step/5', '#/sandbox?challenge=1.2/1', '#/progress']) {
    await page.goto(server.url + hash);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('status').filter({ hasText: /Loading/ }).waitFor({ state: 'detached' });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over > 1) wide.push(`${hash || 'home'}: ${over}px wider than the window`);
  }
  assert.deepEqual(wide, []);
  await page.goto(server.url + '#/lesson/1.2/step/3');
  const next = page.getByRole('button', { name: 'Next step' });
  await next.waitFor();
  const box = await next.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 400, `Next step at ${JSON.stringify(box)}`);
  await next.click();
  await page.getByRole('heading', { name: 'Same key, same partition, in order' }).waitFor();
  await page.screenshot({ path: 'artifacts/screenshots/a11y-zoom-200.png' });
  await context.close();
});

for (const theme of ['light', 'dark']) {
  test(`no axe violation in Vietnamese: the static home page, two lessons and the progress page (${theme} theme)`, async () => {
    const { context, page } = await themed(theme);
    await context.addInitScript(() => localStorage.setItem('lang', 'vi'));
    const found = [];
    // The site's address: the Vietnamese static page (index.vi.html), no wasm.
    await page.goto(server.url);
    await page.waitForURL(/index\.vi\.html/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    found.push(...await violations(page, 'vi home'));
    for (const { id, steps } of lessons().filter((l) => ['1.5', '2.1'].includes(l.id))) {
      for (let n = 1; n <= steps; n++) {
        await page.goto(server.url + `#/lesson/${id}/step/${n}`);
        await page.locator('#step-title').waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
        found.push(...await violations(page, `vi lesson ${id} step ${n}`));
      }
    }
    await page.goto(server.url + '#/progress');
    await page.getByRole('heading', { name: 'Module A: Kiến trúc cốt lõi' }).waitFor();
    found.push(...await violations(page, 'vi progress'));
    assert.deepEqual(found, []);
    await context.close();
  });
}
