// End-to-end: the app as a learner uses it, in headless Debian Chromium, found by roles
// and visible names. The site is served from a sub-path to prove it works from one.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, drawnRecords, launchBrowser, collectConsoleErrors, screenshot, appDistDir, appBasePath, REPO_DIR,
  openPage,
} from './lib/harness.mjs';
import { execFileSync } from 'node:child_process';
import { engineGroups, engineRecords, lessonFile, readyModules } from './lib/engine.mjs';

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

/** A fresh page that records console errors; call done() to assert there were none. */
const open = (hash = '', options = {}) => openPage(browser, server, hash, { width: 1400, height: 1000, ...options });

const stepText = (page) => page.locator('.player__progress-text');

test('the home page lists every module with its ready lessons', async () => {
  const { page, done } = await open();
  await page.getByRole('heading', { name: 'Kafka Playground', level: 1 }).waitFor();
  const modules = readyModules();
  assert.deepEqual(modules.map((m) => m.ids.length), [12, 3], 'Module A has twelve lessons, Module B three');
  for (const { title, ids } of modules) {
    await page.getByRole('heading', { name: title }).waitFor();
    for (const id of ids) {
      assert.equal(await page.getByRole('link', { name: new RegExp(`Lesson ${id.replace('.', '\\.')}(?!\\d)`) }).count(), 1, `${id} is a link`);
    }
  }
  assert.equal(await page.getByText('Coming soon').count(), 0);
  await screenshot(page, 'home');
  await done();
});

test('lesson 1.2: step with the buttons, the drawing matches the engine, step back', async () => {
  const { page, done } = await open();
  await page.getByRole('link', { name: /Lesson 1\.2/ }).click();
  await page.getByRole('heading', { name: 'Two topics, three partitions each' }).waitFor();
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/1$/);
  assert.equal(await page.getByRole('button', { name: 'Previous step' }).isDisabled(), true);

  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'The formula, with real numbers' }).waitFor();
  assert.equal(await stepText(page).textContent(), 'Step 2 of 9');
  // The hash panel shows the real murmur2 of user-1 and partition 2.
  await page.getByRole('region', { name: 'How the partition was chosen' }).getByText('1404122828 % 3 = 2', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/3$/);

  // What is drawn is what the engine holds: user-1, user-2, user-3 all in partition 2.
  const engine = engineRecords('1.2', 2);
  for (const p of [0, 1, 2]) {
    assert.deepEqual(await drawnRecords(page, 'user-events', p), engine['user-events'][p], `user-events partition ${p}`);
  }
  const p2 = await drawnRecords(page, 'user-events', 2);
  assert.deepEqual(p2.map((r) => r.offset), [...Array(30).keys()], 'offsets count up from 0');
  assert.equal(p2.filter((r) => r.key === 'user-1').length, 10, 'ten user-1 records in partition 2');
  assert.equal((await drawnRecords(page, 'user-events', 0)).length, 0);
  for (const check of ['Every user-1 record is in partition 2', 'Partitions 0 and 1 are empty']) {
    await page.getByRole('listitem').filter({ hasText: check }).filter({ hasText: 'Passed' }).waitFor();
  }

  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('heading', { name: 'The formula, with real numbers' }).waitFor();
  assert.equal((await drawnRecords(page, 'user-events', 2)).length, 1, 'stepping back removes the later records');
  await done();
});

test('lesson 1.2: keyboard Right, Left and Space, and the step dots', async () => {
  const { page, done } = await open('#/lesson/1.2/step/1');
  await page.keyboard.press('ArrowRight');
  await page.getByRole('heading', { name: 'The formula, with real numbers' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.getByRole('heading', { name: 'Orders: same key, same partition, in order' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();

  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();

  await page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /Step 7:/ }).click();
  await page.getByRole('heading', { name: 'Adding partitions moves keys' }).waitFor();
  const engine = engineRecords('1.2', 6);
  for (const p of [0, 1, 2, 3, 4]) {
    assert.deepEqual(await drawnRecords(page, 'user-events', p), engine['user-events'][p], `after --alter, partition ${p}`);
  }
  await done();
});

test('Play advances on its own and Pause stops it', async () => {
  const { page, done } = await open('#/lesson/1.1/step/1');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('400');
  await page.getByRole('button', { name: 'Play' }).click();
  // Step 1 has about 60 words: 18 s at 1x (pacing.rs), 4.5 s at 4x.
  await page.getByRole('heading', { name: 'A topic is a name; partitions are the logs' }).waitFor({ timeout: 9000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const at = await stepText(page).textContent();
  await page.waitForTimeout(1500);
  assert.equal(await stepText(page).textContent(), at, 'paused');
  await done();
});

test("reloading a step's URL opens that exact step", async () => {
  const { page, done } = await open('#/lesson/1.2/step/4');
  await page.getByRole('heading', { name: 'Orders: same key, same partition, in order' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Orders: same key, same partition, in order' }).waitFor();
  assert.equal(await stepText(page).textContent(), 'Step 4 of 9');
  const engine = engineRecords('1.2', 3);
  assert.deepEqual(await drawnRecords(page, 'orders', 1), engine.orders[1]);
  await done();
});

test('every step of every lesson renders, passes its checks, and is saved as a screenshot', async () => {
  for (const id of readyModules().flatMap((m) => m.ids)) {
    const lesson = lessonFile(id);
    const { page, done } = await open(`#/lesson/${id}/step/1`, { reducedMotion: 'reduce' });
    for (let i = 0; i < lesson.steps.length; i++) {
      await page.getByRole('heading', { name: lesson.steps[i].title, exact: true }).waitFor();
      assert.equal(await page.locator('.check--failed').count(), 0, `lesson ${id} step ${i + 1}: no failed check`);
      await screenshot(page, `lesson-${id}-step-${i + 1}`);
      if (i + 1 < lesson.steps.length) await page.getByRole('button', { name: 'Next step' }).click();
    }
    assert.equal(await page.getByRole('button', { name: 'Next step' }).isDisabled(), true, 'last step');
    await done();
  }
});

test('lesson 1.1 shows segments, LEO and HW, and reads that remove nothing', async () => {
  const { page, done } = await open('#/lesson/1.1/step/6');
  const log = page.getByRole('group', { name: /Topic audit-log/ });
  await log.getByText('segment 6').waitFor();
  await log.getByText('segment 12').waitFor();
  await log.getByText('HW 14').waitFor();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByText(/email-service fetched notifications-0: offsets 0 to 3 \(4 records\)/).waitFor();
  assert.equal((await drawnRecords(page, 'notifications', 0)).length, 4);
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByText(/audit fetched notifications-0: offsets 0 to 3/).waitFor();
  assert.equal((await drawnRecords(page, 'notifications', 0)).length, 4, 'still four records');
  await done();
});

test('the broker refuses bad topics with Kafka error names', async () => {
  const { page, done } = await open('#/lesson/1.1/step/4');
  for (const name of ['InvalidTopicException', 'TopicExistsException', 'InvalidPartitionsException', 'InvalidReplicationFactorException']) {
    await page.getByText(name, { exact: true }).first().waitFor();
  }
  await done();
});

test('try a key: real partitions for any key, a clear error for a bad count', async () => {
  const { page, done } = await open('#/lesson/1.2/step/9');
  const panel = page.getByRole('region', { name: 'Try a key' });
  await panel.getByRole('textbox', { name: 'Key' }).fill('order-102');
  await panel.getByRole('spinbutton', { name: 'Partitions' }).fill('3');
  await panel.getByText('1828644858 % 3 = 0').first().waitFor();
  await panel.getByRole('spinbutton', { name: 'Partitions' }).fill('0');
  await panel.getByRole('alert').getByText(/at least one partition/).waitFor();
  await panel.getByRole('spinbutton', { name: 'Partitions' }).fill('5');
  await panel.getByRole('checkbox', { name: 'Null key' }).check();
  await panel.getByText(/sticky partitioner/).waitFor();
  await done();
});

test('unknown lessons fail soft', async () => {
  const { page, done } = await open('#/lesson/9.9/step/1');
  await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
  await page.goto(server.url + '#/lesson/1.2/step/99');
  await page.reload();
  await page.getByRole('heading', { name: 'Try any key' }).waitFor();
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/9$/, 'the URL is corrected to the last step');
  await page.goto(server.url + '#/what/is/this');
  await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
  await page.getByRole('link', { name: 'All lessons' }).click();
  await page.getByRole('heading', { name: 'Kafka Playground', level: 1 }).waitFor();
  await done();
});

test('the theme switch flips light and dark; embed mode hides the site chrome', async () => {
  const { page, done } = await open('#/lesson/1.2/step/3');
  const toggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await toggle.click();
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(theme, before === 'dark' ? 'light' : 'dark');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await screenshot(page, 'lesson-1.2-step-3-dark');
  await page.goto(server.url + '#/lesson/1.2/step/3?embed');
  await page.reload();
  await page.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /theme$/ }).count(), 0, 'no header in embed mode');
  await page.getByRole('button', { name: 'Next step' }).click();
  assert.match(page.url(), /step\/4\?embed$/, 'embed mode survives stepping');
  await done();
});

test('records fly in when stepping forward, and not with reduced motion', async () => {
  const { page, done } = await open('#/lesson/1.2/step/2');
  await page.getByRole('button', { name: 'Next step' }).click();
  assert.ok((await page.locator('.cell--arrived').count()) >= 29, 'new records animate');
  await page.getByRole('button', { name: 'Previous step' }).click();
  assert.equal(await page.locator('.cell--arrived').count(), 0, 'stepping back does not replay arrivals');
  await done();
  const calm = await open('#/lesson/1.2/step/2', { reducedMotion: 'reduce' });
  await calm.page.getByRole('button', { name: 'Next step' }).click();
  assert.equal(await calm.page.locator('.cell--arrived').count(), 0);
  await calm.done();
});

test('a phone-sized screen still shows the controls and the log', async () => {
  const { page, done } = await open('#/lesson/1.2/step/3', { viewport: { width: 390, height: 844 } });
  await page.getByRole('button', { name: 'Next step' }).waitFor();
  assert.equal((await drawnRecords(page, 'user-events', 2)).length, 30);
  await screenshot(page, 'lesson-1.2-step-3-phone');
  await done();
});

test('clicking a record shows it in full, with the segment file that holds it', async () => {
  const { page, done } = await open('#/lesson/1.2/step/4');
  await page.getByRole('list', { name: 'orders partition 1', exact: true }).getByRole('listitem', { name: /^offset 3,/ }).click();
  const panel = page.getByRole('region', { name: 'Record: orders-1 @ offset 3' });
  await panel.getByText('"order-101"').waitFor();
  await panel.getByText('"paid"').waitFor();
  await panel.getByText('00000000000000000000.log').waitFor();
  await screenshot(page, 'lesson-1.2-step-4-record');
  await page.getByRole('button', { name: 'Previous step' }).click();
  assert.equal(await page.getByRole('region', { name: /^Record:/ }).count(), 0, 'a record that does not exist yet is not shown');
  await done();
});


/** The rows of a group's `kafka-consumer-groups --describe` table, cells as text. */
async function describeRows(page, group) {
  const table = page.getByRole('table', { name: `kafka-consumer-groups --describe ${group}`, exact: true });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
}

/** Asserts that the describe table of every group the engine knows matches it, row for row. */
async function assertGroupsMatch(page, id, step, groups) {
  const engine = engineGroups(id, step);
  for (const g of groups) {
    const want = engine.groups[g];
    assert.ok(want, `the engine knows group ${g} at step ${step + 1}`);
    const rows = await describeRows(page, g);
    assert.deepEqual(rows, want.rows.map((r) => [g, ...r]), `lesson ${id} step ${step + 1}: ${g} --describe`);
    await page.getByRole('region', { name: `group ${g} · generation ${want.generation}`, exact: true }).first().waitFor();
  }
  return engine;
}

test('lesson 1.3: the consumer log prints what the engine polled, in per-key order; lag 6 then 0', async () => {
  const { page, done } = await open('#/lesson/1.3/step/3');
  await page.getByRole('heading', { name: 'The first poll: join, assignment, records' }).waitFor();
  const engine = await assertGroupsMatch(page, '1.3', 2, ['user-logger']);
  const log = page.getByRole('log', { name: 'Consumer log' });
  const lines = await log.getByRole('listitem').locator('code').allTextContents();
  const records = engineRecords('1.3', 2)['user-events'];
  const expected = engine.polled.map((tpo) => {
    const [, p, o] = tpo.split('/');
    const r = records[Number(p)].find((x) => x.offset === Number(o));
    return `${tpo} ${r.key}=${r.value}`;
  });
  assert.equal(expected.length, 9);
  assert.deepEqual(lines, expected, 'topic/partition/offset key=value, as the engine returned them');
  await page.getByText('user-1: login → search → checkout', { exact: true }).waitFor();
  // Nothing committed yet: no partition has a LAG, so neither has the group.
  await page.getByText('group user-logger · Classic · Stable · generation 1 · range · total lag -').waitFor();
  // logger owns all three partitions, and its card says so.
  await page.getByRole('listitem').filter({ hasText: 'logger' }).filter({ hasText: 'owns user-events-0, user-events-1, user-events-2' }).first().waitFor();

  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'New records: lag grows' }).waitFor();
  await assertGroupsMatch(page, '1.3', 4, ['user-logger']);
  await page.getByText(/total lag 6$/).waitFor();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'Poll and commit again' }).waitFor();
  await assertGroupsMatch(page, '1.3', 5, ['user-logger']);
  await page.getByText(/total lag 0$/).waitFor();
  // Position and committed offset are drawn on each partition.
  assert.equal(await page.locator('.topic__svg .offset-mark--committed').count(), 3);
  assert.equal(await page.locator('.topic__svg .offset-mark--position').count(), 3);
  await done();
});

test('lesson 1.4: owners, generations and lag match the engine at every step', async () => {
  const lesson = lessonFile('1.4');
  const { page, done } = await open('#/lesson/1.4/step/1', { reducedMotion: 'reduce' });
  for (let i = 0; i < lesson.steps.length - 1; i++) {
    await page.getByRole('heading', { name: lesson.steps[i].title, exact: true }).waitFor();
    const groups = i < 9 ? ['scaling'] : ['eager', 'coop'];
    const engine = await assertGroupsMatch(page, '1.4', i, groups);
    // Each running consumer's card lists exactly what the engine says it owns.
    for (const [name, c] of Object.entries(engine.consumers)) {
      if (c.liveness !== 'Running') continue;
      const owned = c.owned.length ? `owns ${c.owned.map((tp) => tp.replace(/-(\d+)$/, '-$1')).join(', ')}` : 'owns no partition';
      const card = page.locator('.consumer').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });
      assert.match(await card.textContent(), new RegExp(owned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), `step ${i + 1}: ${name}`);
    }
    // The committed-lag chart ends at the engine's LAG (steps 1-9); from step 10 the
    // charts draw how far the readers are behind (their values are checked natively).
    for (const g of groups) {
      if (i >= 9) {
        await page.getByRole('region', { name: `How far group ${g}'s readers are behind, per partition (records-lag)` }).getByRole('img', { name: /^Lag now:/ }).waitFor();
        continue;
      }
      const want = engine.groups[g].rows.map(([t, p, , , lag]) => `${t}-${p} ${lag}`).join(', ');
      await page.getByRole('region', { name: `Lag of group ${g}, per partition (from committed offsets)` }).getByRole('img', { name: new RegExp(`^Lag now: ${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) }).waitFor();
    }
    if (i === 1) {
      await page.getByText("Warning: Consumer group 'scaling' is rebalancing.").waitFor();
      // c2 waits in the barrier; c1, eager, reads on until its next poll rejoins.
      assert.equal(await page.locator('.consumer--paused').count(), 1, 'the new member waits');
    }
    if (i === 10) {
      await page.locator('.consumer--paused').filter({ hasText: 'e1' }).waitFor();
      await page.locator('.consumer--readingthroughrebalance').filter({ hasText: 'k1' }).waitFor();
    }
    await page.getByRole('button', { name: 'Next step' }).click();
  }
  await done();
});

test('lesson 1.4: the strategy picker runs the real assignors on two topics', async () => {
  const { page, done } = await open('#/lesson/1.4/step/14');
  await page.getByRole('heading', { name: 'Pick a strategy' }).waitFor();
  const rows = async (caption) => page.getByRole('table', { name: caption }).locator('tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)),
  );
  // RangeAssignor's javadoc example: C0 gets two of each topic.
  assert.deepEqual(await rows('Assignment'), [['C0', 't0-0, t0-1, t1-0, t1-1'], ['C1', 't0-2, t1-2']]);
  await page.getByRole('combobox', { name: 'partition.assignment.strategy' }).selectOption({ label: 'roundrobin' });
  assert.deepEqual(await rows('Assignment'), [['C0', 't0-0, t0-2, t1-1'], ['C1', 't0-1, t1-0, t1-2']]);
  await page.getByRole('combobox', { name: 'Members' }).selectOption('3');
  await page.getByRole('table', { name: 'After C2 leaves' }).waitFor();
  await page.getByRole('combobox', { name: 'partition.assignment.strategy' }).selectOption({ label: 'cooperative-sticky' });
  await page.getByRole('status').filter({ hasText: 'No surviving member lost a partition' }).waitFor();
  await page.getByRole('combobox', { name: 'partition.assignment.strategy' }).selectOption({ label: 'range' });
  await page.getByRole('status').filter({ hasText: /Surviving members lost \d+ partition/ }).waitFor();
  await screenshot(page, 'lesson-1.4-strategy-picker');
  await done();
});

test('the home page is static: no wasm until a lesson is opened, then the same catalog in the app', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Kafka Playground', level: 1 }).waitFor();
  const staticLinks = await page.getByRole('link', { name: /^Lesson / }).allTextContents();
  assert.equal(staticLinks.length, readyModules().flatMap((m) => m.ids).length, 'every ready lesson is a static link');
  // The theme switch works before any wasm has run, and the choice is kept.
  await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).click();
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.waitForTimeout(300);
  assert.deepEqual(wasm, [], 'the home page downloads no wasm');

  await page.getByRole('link', { name: /Lesson 1\.1(?!\d)/ }).click();
  await page.getByRole('button', { name: 'Next step' }).waitFor();
  assert.equal(wasm.length, 1, 'opening a lesson loads the app once');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, 'theme kept');
  await page.getByRole('button', { name: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme', exact: true }).waitFor();
  assert.equal(await page.locator('#shell').count(), 0, 'the static page is gone');

  await page.getByRole('link', { name: 'All lessons' }).click();
  await page.getByRole('heading', { name: /Module A/ }).waitFor();
  assert.deepEqual(await page.getByRole('link', { name: /^Lesson / }).allTextContents(), staticLinks, 'the app draws the same catalog');
  assert.equal(wasm.length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('lesson 1.5: the database and the outcome table are the engine\'s, for every crash point', async () => {
  const { page, done } = await open('#/lesson/1.5/step/4');
  await page.getByRole('heading', { name: 'The replacement processes them again' }).waitFor();
  const db = page.getByRole('table', { name: 'Application database' });
  assert.deepEqual(
    await db.locator('tbody tr').first().locator('td').allTextContents(),
    ['at-least-once', 'acct-1', '900', '-', '9', '0'],
    'three payments applied twice: 900, not 600',
  );
  await page.goto(server.url + '#/lesson/1.5/step/10');
  await page.getByRole('heading', { name: 'Pick a crash point' }).waitFor();
  const table = page.getByRole('table', { name: 'What each commit strategy processed' });
  const menu = page.getByRole('combobox', { name: 'The consumer crashes' });
  const crashes = ['none', 'after-poll', 'mid-batch', 'after-processing', 'after-commit'];
  const strategies = ['auto-commit', 'commit-before', 'commit-after', 'idempotent-consumer', 'transactional'];
  const requests = crashes.flatMap((crash) => strategies.map((strategy) => JSON.stringify({ op: 'scenario', strategy, crash })));
  const answers = execFileSync('cargo', ['run', '-q', '-p', 'kafka-sim', '--', 'eval'], { cwd: REPO_DIR, input: requests.join('\n') + '\n', encoding: 'utf8' })
    .trim().split('\n').map((l) => JSON.parse(l).ledger);
  for (const [i, crash] of crashes.entries()) {
    await menu.selectOption(String(i));
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const want = strategies.map((s, j) => {
      const l = answers[i * strategies.length + j];
      return [s, l.produced, l.processed_once, l.processed_more_than_once, l.never_processed, l.duplicates_prevented].map(String);
    });
    assert.deepEqual(rows.map((r) => r.slice(1, 6)), want.map((w) => w.slice(1)), `crash ${crash}`);
    assert.equal(rows.length, strategies.length);
  }
  await menu.selectOption('3');
  await screenshot(page, 'lesson-1.5-outcomes-after-processing');
  await done();
});

test('lesson 1.6: a retried batch is written twice without idempotence and once with it; sequences and markers are drawn', async () => {
  const { page, done } = await open('#/lesson/1.6/step/3', { reducedMotion: 'reduce' });
  await page.getByRole('heading', { name: 'A lost acknowledgement: the retry writes it twice' }).waitFor();
  const sends = page.getByRole('log', { name: 'What the producer did' });
  const three = await sends.getByRole('listitem').allTextContents();
  assert.equal(three.filter((l) => l.includes('appended at offset')).length, 2, `two appends: ${three.join(' | ')}`);
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'enable.idempotence=true: the broker recognises the retry' }).waitFor();
  const four = await sends.getByRole('listitem').allTextContents();
  assert.ok(four.some((l) => l.includes('a duplicate, answered with offset 4, nothing written')), four.join(' | '));
  assert.ok(await page.locator('.topic__svg .row-label--seq').first().isVisible(), 'sequence numbers are drawn');
  assert.equal(await page.locator('.topic__svg .row-label--seq').count(), 2, 'only the idempotent records carry one');
  const records = await drawnRecords(page, 'payments', 0);
  assert.deepEqual(records.map((r) => r.offset), [0, 1, 2, 3, 4, 5]);
  await page.goto(server.url + '#/lesson/1.6/step/7');
  await page.getByRole('heading', { name: 'A transaction commits, another aborts' }).waitFor();
  const list = page.getByRole('list', { name: 'payments partition 0', exact: true });
  await list.getByRole('listitem', { name: 'offset 10, COMMIT marker' }).waitFor();
  await list.getByRole('listitem', { name: 'offset 13, ABORT marker' }).waitFor();
  await list.getByRole('listitem', { name: /^offset 11, .*, aborted$/ }).waitFor();
  await screenshot(page, 'lesson-1.6-transactions');
  await done();
});

test('a lesson file that cannot be fetched gets a clear message, not a blank page', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route('**/lessons/*.json', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(server.url + '#/lesson/1.2/step/1');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /The lesson file could not be loaded .*reload the page/i);
  await alert.getByRole('link', { name: 'All lessons' }).waitFor();
  await context.close();
});
