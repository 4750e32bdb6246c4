// End-to-end: compaction (issue 15), as a learner meets it: lesson 1.10 step by step
// (the holes the cleaner leaves, a tombstone, the tombstone gone, a keyless record
// refused), both challenges solved by hand, and a compacted topic made in a sandbox.
// Screenshots under e2e/artifacts/screenshots/compaction-*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, screenshot, appDistDir, appBasePath, openPage, drawnRecords, drawnHoles,
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

const open = (hash, size = { width: 1280, height: 800 }) =>
  openPage(browser, server, hash, { ...size, reducedMotion: 'reduce' });

/** `key=value@offset` of every record drawn in profiles-0 (`null` for a tombstone). */
const drawn = async (page, topic = 'profiles') =>
  (await drawnRecords(page, topic, 0)).map((r) => `${r.key}=${r.value ?? 'null'}@${r.offset}`);

async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

test('lesson 1.10: the cleaner keeps the latest value per key, leaves holes, and a tombstone deletes a key', async () => {
  const { page, done } = await open('#/lesson/1.10/step/1');
  const next = page.getByRole('button', { name: 'Next step' });
  await page.getByRole('heading', { name: 'A topic that is a table', exact: true }).waitFor();
  assert.deepEqual(await drawn(page), [
    'customer-1=Hanoi@0', 'customer-2=Paris@1', 'customer-1=Lyon@2', 'customer-3=Oslo@3', 'customer-1=Rome@4',
  ]);
  assert.deepEqual(await drawnHoles(page, 'profiles', 0), []);
  await next.click();
  await page.getByRole('heading', { name: "The cleaner's first pass", exact: true }).waitFor();
  // Hanoi went; Lyon stays, Rome being in the active segment; offsets did not move.
  assert.deepEqual(await drawn(page), ['customer-2=Paris@1', 'customer-1=Lyon@2', 'customer-3=Oslo@3', 'customer-1=Rome@4']);
  assert.deepEqual(await drawnHoles(page, 'profiles', 0), [0]);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'compaction-first-pass');
  await next.click();
  await page.getByRole('heading', { name: 'A reader rebuilds the table', exact: true }).waitFor();
  await next.click();
  await page.getByRole('heading', { name: 'A tombstone deletes a key', exact: true }).waitFor();
  assert.deepEqual(await drawn(page), ['customer-3=Oslo@3', 'customer-1=Rome@4', 'customer-2=null@5', 'customer-3=Bergen@6']);
  await page.getByRole('listitem', { name: 'offset 5, key customer-2, tombstone' }).waitFor();
  assert.deepEqual(await drawnHoles(page, 'profiles', 0), [0, 1, 2]);
  await screenshot(page, 'compaction-tombstone');
  await next.click();
  await page.getByRole('heading', { name: 'The tombstone goes after delete.retention.ms', exact: true }).waitFor();
  assert.deepEqual(await drawn(page), ['customer-1=Rome@4', 'customer-3=Tromso@7', 'customer-1=Nice@8']);
  assert.deepEqual(await drawnHoles(page, 'profiles', 0), [0, 1, 2, 3, 5, 6]);
  await next.click();
  await page.getByRole('heading', { name: 'Every record needs a key', exact: true }).waitFor();
  await page.getByText('Compacted topic cannot accept message without key in topic partition profiles-0', { exact: false }).first().waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'compaction-keyless');
  // Back: the undone step's records come back exactly.
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('heading', { name: 'A tombstone deletes a key', exact: true }).waitFor();
  assert.deepEqual(await drawn(page), ['customer-3=Oslo@3', 'customer-1=Rome@4', 'customer-2=null@5', 'customer-3=Bergen@6']);
  await done();
});

test('challenge 1.10/1: a compacted topic compacts only once the last value leaves the active segment', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.10/1');
  const panel = page.getByRole('region', { name: 'Make a compacted topic compact' });
  // The last EUR price still in the active segment: the cleaner keeps 2 beside it.
  for (const line of [
    'create-topic prices partitions=1 cleanup.policy=compact segment.ms=1000',
    'produce prices key=eur value=1', 'tick 1100', 'produce prices key=eur value=2', 'tick 1100',
    'produce prices key=eur value=3', 'tick 15s',
  ]) await type(page, line);
  await panel.getByText('eur reads only 3 (not yet)').waitFor();
  assert.deepEqual(await drawn(page, 'prices'), ['eur=2@1', 'eur=3@2']);
  // One more record of another key: the dirty part (eur=3) is now exactly half the log,
  // and min.cleanable.dirty.ratio=0.5 wants more than half. A second one passes it.
  for (const line of ['produce prices key=usd value=1', 'tick 15s']) await type(page, line);
  await panel.getByText('eur reads only 3 (not yet)').waitFor();
  for (const line of ['produce prices key=usd value=2', 'tick 15s']) await type(page, line);
  await panel.getByRole('status').getByText(/^Solved in 11 lines/).waitFor();
  assert.deepEqual(await drawn(page, 'prices'), ['eur=3@2', 'usd=1@3', 'usd=2@4']);
  await screenshot(page, 'compaction-challenge-1');
  await done();
});

test('challenge 1.10/2: a tombstone, a cleaning, delete.retention.ms and another cleaning erase a key', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.10/2');
  const panel = page.getByRole('region', { name: 'Erase a customer for good' });
  for (const line of ['produce accounts key=customer-9', 'tick 1100', 'produce accounts key=customer-3 value=joined', 'tick 15s']) {
    await type(page, line);
  }
  // Cleaned once: the tombstone stays for delete.retention.ms.
  await page.getByRole('listitem', { name: /key customer-9, tombstone$/ }).waitFor();
  await panel.getByText('customer-9 has no record left (not yet)').waitFor();
  for (const line of ['tick 1m', 'produce accounts key=customer-4 value=joined', 'tick 1100', 'produce accounts key=customer-5 value=joined', 'tick 15s']) {
    await type(page, line);
  }
  await panel.getByRole('status').getByText(/^Solved in 9 lines/).waitFor();
  assert.ok(!(await drawn(page, 'accounts')).some((r) => r.startsWith('customer-9=')));
  await done();
});

test('a sandbox: kafka-topics.sh makes a compacted topic, the cleaner runs on its schedule, and a keyless record is refused', async () => {
  const { page, done } = await open('#/sandbox');
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  const output = page.getByRole('log', { name: 'Console output' });
  await type(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic users --partitions 1 --config cleanup.policy=compact --config segment.ms=1000');
  await output.getByText('Created topic users.').waitFor();
  for (const line of ['produce users key=alice value=1', 'tick 1100', 'produce users key=alice value=2', 'tick 1100', 'produce users key=bob value=1', 'tick 1100', 'produce users key=bob value=2']) {
    await type(page, line);
  }
  assert.deepEqual(await drawn(page, 'users'), ['alice=1@0', 'alice=2@1', 'bob=1@2', 'bob=2@3']);
  await type(page, 'tick 15s');
  assert.deepEqual(await drawn(page, 'users'), ['alice=2@1', 'bob=1@2', 'bob=2@3']);
  await type(page, 'produce users value=anonymous');
  await output.getByText('Compacted topic cannot accept message without key in topic partition users-0', { exact: false }).waitFor();
  await screenshot(page, 'compaction-sandbox');
  await done();
});
