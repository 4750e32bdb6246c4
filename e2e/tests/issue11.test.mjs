// End-to-end: what a new learner found trying all six lessons on a phone, a laptop and a
// projector (issue 11, section 4), each behaviour checked as a screen reader finds it:
// by role and accessible name. Screenshots of every step named in the issue are saved at
// the three sizes under e2e/artifacts/screenshots/issue11-*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, screenshot, appDistDir, appBasePath,
  openPage,
} from './lib/harness.mjs';

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

const SIZES = { laptop: [1280, 800], phone: [390, 844], projector: [1280, 720] };

/** A fresh page at `hash`, waited until the lesson is drawn; done() asserts no console errors. */
function open(hash, { size = 'laptop', ...options } = {}) {
  const [width, height] = SIZES[size];
  return openPage(browser, server, hash, { width, height, reducedMotion: 'reduce', ...options });
}

const heading = (page, name) => page.getByRole('heading', { name, exact: true }).waitFor();

test('1.6 step 8: the consumer log starts at its last line, read_committed at 9', async () => {
  for (const size of Object.keys(SIZES)) {
    const { page, done } = await open('#/lesson/1.6/step/8', { size });
    const log = page.getByRole('log', { name: 'Consumer log' });
    const last = log.getByRole('listitem').last();
    assert.match(await last.textContent(), /^\[committed\] payments\/0\/9 /);
    const inside = await last.evaluate((li) => {
      const box = li.closest('[role=log]').getBoundingClientRect();
      const r = li.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
    assert.ok(inside, `${size}: the last line is in view inside the log`);
    await done();
  }
});

test('the last step leads to the next lesson; the last lesson says it is the last', async () => {
  const { page, done } = await open('#/lesson/1.4/step/14');
  assert.equal(await page.getByRole('link', { name: 'Next lesson' }).count(), 1);
  await page.getByText('Lesson 1.5: Offset semantics').waitFor();
  await page.getByRole('link', { name: 'Next lesson', exact: true }).click();
  await heading(page, 'Six payments, and what processing does');
  assert.match(page.url(), /#\/lesson\/1\.5\/step\/1$/);
  assert.equal(await page.getByRole('link', { name: 'Next lesson' }).count(), 0, 'not before the last step');
  await page.goto(server.url + '#/lesson/2.3/step/6');
  await page.getByText('That was the last lesson written so far.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Next lesson' }).count(), 0);
  await done();
});

test('the browser\'s Back goes back a step, and Forward forward', async () => {
  const { page, done } = await open('#/lesson/1.2/step/1');
  await page.getByRole('button', { name: 'Next step' }).click();
  await heading(page, 'The formula, with real numbers');
  await page.keyboard.press('ArrowRight');
  await heading(page, 'Ten records each for user-1, user-2 and user-3');
  await page.goBack();
  await heading(page, 'The formula, with real numbers');
  assert.match(page.url(), /step\/2$/);
  await page.goBack();
  await heading(page, 'Two topics, three partitions each');
  await page.goForward();
  await heading(page, 'The formula, with real numbers');
  await done();
});

test('the theme button names what it will do and follows the theme', async () => {
  const { page, done } = await open('#/lesson/1.2/step/1', { colorScheme: 'light' });
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(await theme(), 'light');
  await page.getByRole('button', { name: 'Switch to dark theme', exact: true }).click();
  assert.equal(await theme(), 'dark');
  await page.getByRole('button', { name: 'Switch to light theme', exact: true }).waitFor();
  // The static home page (no wasm yet) says the same after a reload.
  await page.goto(server.url);
  await page.reload();
  await page.getByRole('button', { name: 'Switch to light theme', exact: true }).waitFor();
  assert.equal(await theme(), 'dark');
  await page.getByRole('button', { name: 'Switch to light theme', exact: true }).click();
  await page.getByRole('button', { name: 'Switch to dark theme', exact: true }).waitFor();
  await done();
});

test('out-of-range steps open the nearest step: step/0 the first, step/99 the last', async () => {
  const { page, done } = await open('#/lesson/1.2/step/0');
  await heading(page, 'Two topics, three partitions each');
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/1$/, 'the URL names the step shown');
  await page.goto(server.url + '#/lesson/1.2/step/99');
  await heading(page, 'Try any key');
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/9$/);
  await page.goto(server.url + '#/lesson/1.2');
  await heading(page, 'Two topics, three partitions each');
  assert.match(page.url(), /step\/1$/);
  await done();
});

test('try a key: what the box takes, in plain words; Kafka\'s wording only for Kafka\'s rules', async () => {
  const { page, done } = await open('#/lesson/1.2/step/9');
  const panel = page.getByRole('region', { name: 'Try a key' });
  const count = panel.getByRole('spinbutton', { name: 'Partitions' });
  const alert = panel.getByRole('alert');
  for (const [typed, says] of [
    ['0', 'A topic has at least one partition: Kafka refuses 0 or fewer (InvalidPartitionsException).'],
    ['-3', 'A topic has at least one partition: Kafka refuses 0 or fewer (InvalidPartitionsException).'],
    ['2.5', 'Type a whole number of partitions, from 1 to 2147483647.'],
    ['3000000000', 'Kafka counts partitions in a Java int: 2147483647 at most.'],
  ]) {
    await count.fill(typed);
    assert.equal(await alert.textContent(), says, typed);
  }
  // 99999999 partitions is a count Kafka could have: the box answers it.
  await count.fill('99999999');
  assert.equal(await alert.count(), 0);
  await panel.getByText('1404122828 % 99999999 = 4122842').first().waitFor();
  // A 300-character key is hashed whole, and the box says how long it is.
  const key = 'k'.repeat(300);
  await panel.getByRole('textbox', { name: 'Key' }).fill(key);
  assert.equal((await panel.getByRole('textbox', { name: 'Key' }).inputValue()).length, 300);
  await panel.getByText('(300 bytes)').first().waitFor();
  await done();
});

test('a refusal says who refused: the client for a ConfigException, the broker for topic errors', async () => {
  const { page, done } = await open('#/lesson/1.6/step/6');
  await page.getByRole('heading', { name: 'Refused by the client', exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Refused by the broker' }).count(), 0);
  await page.getByText('ConfigException', { exact: true }).waitFor();
  await page.goto(server.url + '#/lesson/1.4/step/11');
  await page.getByRole('heading', { name: 'Refused by the client', exact: true }).waitFor();
  await page.getByText('RebalanceInProgressException', { exact: true }).first().waitFor();
  await page.goto(server.url + '#/lesson/1.1/step/4');
  await page.getByRole('heading', { name: 'Refused by the broker', exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Refused by the client' }).count(), 0);
  await done();
});

/** The entries of the legend inside `scope`, as text. */
const legend = (scope) => scope.getByRole('list', { name: 'Legend' }).first().getByRole('listitem').allTextContents();

test('every picture has a legend of what it draws', async () => {
  const { page, done } = await open('#/lesson/1.6/step/7');
  const cluster = page.getByRole('region', { name: 'Cluster' });
  let items = await legend(cluster);
  for (const want of ['key acct-1', 'transaction marker', 'aborted', 'written again by a retry', 'sequence number', 'LEO', 'HW']) {
    assert.ok(items.some((i) => i.includes(want)), `1.6 step 7 legend has "${want}": ${items.join(' | ')}`);
  }
  assert.ok(!items.some((i) => i.includes('position')), 'no consumer yet, so no position entry');
  await page.goto(server.url + '#/lesson/1.3/step/4');
  await heading(page, 'Commit: the next offset to read');
  items = await legend(page.getByRole('region', { name: 'Cluster' }));
  assert.ok(items.some((i) => i.includes("a consumer's position")));
  assert.ok(items.some((i) => i.includes("a group's committed offset")));
  assert.deepEqual(items.filter((i) => i.startsWith('key ')), ['key user-8', 'key user-4', 'key user-1']);
  await page.goto(server.url + '#/lesson/1.4/step/11');
  await heading(page, 'A third member joins each group');
  for (const g of ['eager', 'coop']) {
    const chart = page.getByRole('region', { name: `How far group ${g}'s readers are behind, per partition (records-lag)` });
    assert.deepEqual(
      (await legend(chart)).map((i) => i.replace(/ lag .*/, '')),
      ['user-events-0', 'user-events-1', 'user-events-2'],
    );
  }
  await page.goto(server.url + '#/lesson/1.2/step/3');
  await heading(page, 'Ten records each for user-1, user-2 and user-3');
  items = await legend(page.getByRole('region', { name: 'Records per partition: user-events' }));
  assert.deepEqual(items, ['key user-1', 'key user-2', 'key user-3']);
  await done();
});

test('a key keeps its colour across lessons, and only keys are coloured', async () => {
  const { page, done } = await open('#/lesson/1.2/step/3');
  const colour = (p) => p.getByRole('listitem', { name: /key user-1,/ }).first().evaluate((g) => getComputedStyle(g.querySelector('rect')).fill);
  const inOneTwo = await colour(page.getByRole('list', { name: 'user-events partition 2', exact: true }));
  await page.goto(server.url + '#/lesson/1.3/step/1');
  await page.getByRole('heading', { name: 'Three users, three partitions' }).waitFor();
  assert.equal(await colour(page.getByRole('list', { name: 'user-events partition 2', exact: true })), inOneTwo);
  // The lag chart's lines are ink, not key colours.
  await page.goto(server.url + '#/lesson/1.4/step/11');
  await heading(page, 'A third member joins each group');
  const strokes = await page.locator('.lag-chart__line').evaluateAll((ls) => [...new Set(ls.map((l) => getComputedStyle(l).stroke))]);
  const ink = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.deepEqual(strokes, [ink]);
  await done();
});

test('crashed and closed consumers have no position drawn, and fold to one line', async () => {
  const { page, done } = await open('#/lesson/1.4/step/10');
  const titles = await page.locator('.offset-mark--position title').allTextContents();
  for (const gone of ['c1', 'c2', 'c3', 'c4']) {
    assert.ok(!titles.some((t) => t.startsWith(`▼${gone} `)), `no position for ${gone}: ${titles.join(', ')}`);
  }
  await page.goto(server.url + '#/lesson/1.5/step/7');
  await heading(page, 'An idempotency key stops the repeat');
  // The step's group is open with its crashed consumer folded; the other groups fold.
  const group = page.getByRole('region', { name: 'group idempotent-consumer · generation 3' });
  await group.getByText('Stopped: i1 crashed').waitFor();
  assert.equal(await group.locator('details[open]').count(), 1);
  assert.equal(await page.locator('.consumer-group > details:not([open])').count(), 3, 'three other groups folded');
  await done();
});

/** Texts of the topic pictures that are smaller than 11 px on screen, or that overlap. */
function labelProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const row of document.querySelectorAll('.topic__svg .partition')) {
      const boxes = [];
      for (const t of row.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
        if (size < 10.99) problems.push(`${t.textContent} at ${size.toFixed(1)} px`);
        if (t.closest('.cell')) continue;
        const b = t.getBoundingClientRect();
        for (const [other, o] of boxes) {
          if (b.left < o.right - 0.5 && o.left < b.right - 0.5 && b.top < o.bottom - 0.5 && o.top < b.bottom - 0.5) {
            problems.push(`"${t.textContent}" overlaps "${other}"`);
          }
        }
        boxes.push([t.textContent, b]);
      }
    }
    return problems;
  });
}

test('labels are readable and apart at 30 records, on a projector, on a phone', async () => {
  for (const size of Object.keys(SIZES)) {
    for (const step of ['1.2/step/3', '1.5/step/8', '1.6/step/4', '1.1/step/6', '1.4/step/13', '1.3/step/7']) {
      const { page, done } = await open(`#/lesson/${step}`, { size });
      assert.deepEqual(await labelProblems(page), [], `${step} at ${size}`);
      await done();
    }
  }
});

test('Play stays on a step as long as its narration takes to read', async () => {
  const { page, done } = await open('#/lesson/1.4/step/1');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  assert.equal(await page.locator('.player__progress-text').textContent(), 'Step 1 of 14', 'about 90 words: not gone after 4 s');
  await page.getByRole('button', { name: 'Pause' }).click();
  await done();
});

test('on a phone the step controls stay in reach and tables fit or show they scroll', async () => {
  const { page, done } = await open('#/lesson/1.4/step/11', { size: 'phone' });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const next = page.getByRole('button', { name: 'Next step' });
  const box = await next.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `Next step in view at the bottom: ${JSON.stringify(box)}`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page itself never scrolls sideways');
  // Every control of the bar fits on the screen, on the last step too (Next lesson).
  const fitsBar = () => page.evaluate(() => [...document.querySelectorAll('.player__controls > *')]
    .filter((e) => e.offsetParent !== null)
    .every((e) => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }));
  assert.ok(await fitsBar(), 'the bar fits');
  // Stepping on brings the new step's title back into view.
  await next.click();
  await heading(page, 'The slow members come back');
  const title = await page.locator('#step-title').boundingBox();
  // Scrolled to the top edge, give or take a sub-pixel of layout rounding.
  assert.ok(title.y > -1 && title.y < 844, `the new step's title is in view: ${title.y}`);
  await page.goto(server.url + '#/lesson/1.4/step/14');
  await heading(page, 'Pick a strategy');
  await page.getByRole('link', { name: 'Next lesson' }).waitFor();
  assert.ok(await fitsBar(), 'the bar fits on the last step');
  await page.goto(server.url + '#/lesson/1.3/step/5');
  await page.reload();
  const table = page.getByRole('table', { name: 'kafka-consumer-groups --describe user-logger' });
  const lag = table.getByRole('columnheader', { name: 'LAG' });
  const lagBox = await lag.boundingBox();
  // Whatever is left over (CONSUMER-ID) scrolls, in a box that says so.
  assert.equal(await table.evaluate((t) => getComputedStyle(t.parentElement).overflowX), 'auto');
  assert.ok(lagBox.x + lagBox.width <= 390, `LAG is in view on a phone: ${JSON.stringify(lagBox)}`);
  await done();
});

test('screenshots of every step issue 11 names, at laptop, phone and projector sizes', async () => {
  const steps = ['1.6/8', '1.4/10', '1.4/11', '1.4/13', '1.4/14', '1.5/7', '1.5/8', '1.6/4', '1.6/6', '1.2/3', '1.2/9', '1.3/5'];
  for (const [size] of Object.entries(SIZES)) {
    const { page, done } = await open('#/lesson/1.1/step/1', { size });
    for (const s of steps) {
      const [id, n] = s.split('/');
      await page.goto(server.url + `#/lesson/${id}/step/${n}`);
      await page.locator('.player__progress-text').filter({ hasText: `Step ${n} of` }).waitFor();
      await page.locator('#lesson-title').filter({ hasText: `Lesson ${id}` }).waitFor();
      await screenshot(page, `issue11-${id}-step-${n}-${size}`, { fullPage: false });
      await screenshot(page, `issue11-${id}-step-${n}-${size}-full`);
    }
    await done();
  }
});
