// End-to-end: the Go platform's producer (issue 15), as a learner meets it: lesson 1.12
// step by step (the zero-value kafka-go Writer scatters a key, Async returns before it
// writes, a payment retried ten times and dropped without a word, a Completion callback,
// Async off, kafka.Murmur2Balancer{}), both challenges after a wrong first try, and the
// sandbox's Writer form. Screenshots under e2e/artifacts/screenshots/go-writer-*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, screenshot, appDistDir, appBasePath, openPage, drawnRecords,
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

const open = (hash, size = { width: 1280, height: 900 }) =>
  openPage(browser, server, hash, { ...size, reducedMotion: 'reduce' });

async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

/** The lines of the Writer's log in this step. */
const writerLog = async (page) =>
  page.getByRole('log', { name: 'What the Writer did' }).getByRole('listitem').allTextContents();

/** The Writer's tally: label → count. */
async function ledger(page) {
  const rows = page.getByRole('region', { name: 'kafka-go Writer' }).locator('.writer__ledger > div');
  const out = {};
  for (const row of await rows.all()) {
    out[await row.locator('dt').innerText()] = Number(await row.locator('dd').innerText());
  }
  return out;
}

const keysIn = async (page, topic, partition) =>
  (await drawnRecords(page, topic, partition)).map((r) => r.key);

test('lesson 1.12: round-robin keys, Async, a payment dropped without a word, and the fixes', async () => {
  const { page, done } = await open('#/lesson/1.12/step/1');
  const next = page.getByRole('button', { name: 'Next step' });
  const writer = page.getByRole('region', { name: 'kafka-go Writer' });
  await page.getByRole('heading', { name: "The seed's producer, at its zero value", exact: true }).waitFor();
  const fields = writer.getByRole('table', { name: 'kafka-go Writer' });
  await fields.getByRole('row', { name: /^Balancer nil \(&kafka\.RoundRobin\{\}\) zero value$/ }).waitFor();
  await fields.getByRole('row', { name: /^RequiredAcks kafka\.RequireNone zero value$/ }).waitFor();
  assert.deepEqual((await writerLog(page)).slice(0, 3), [
    'Writer: every field at its zero value',
    'WriteMessages put the message in batch 0 for orders-0 and waits until t = 1 s',
    'batch 0 written to orders-0 at offset 0, attempt 1, after 1000 ms: WriteMessages returned',
  ]);
  // One user-1 order in each partition: the key did not route.
  for (const p of [0, 1, 2]) assert.deepEqual(await keysIn(page, 'orders', p), ['user-1']);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'go-writer-zero-value');

  await next.click();
  await page.getByRole('heading', { name: 'RequireAll and Async, as the seed sets them', exact: true }).waitFor();
  await fields.getByRole('row', { name: /^Async true the service$/ }).waitFor();
  assert.equal((await writerLog(page))[1], 'message in batch 0 for orders-0, written at t = 4 s; WriteMessages returned nil at once');
  assert.equal(await writer.getByRole('listitem').filter({ hasText: /^batch \d for orders-\d: 1 message, next at t = 4 s/ }).count(), 3);
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'One second later, written', exact: true }).waitFor();
  assert.ok((await writerLog(page)).every((l) => l.endsWith('nobody is told')));
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'Three replicas, two of them required', exact: true }).waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'Two brokers down: retried, then dropped', exact: true }).waitFor();
  const log = await writerLog(page);
  assert.deepEqual(log.filter((l) => l.includes('retry in')).map((l) => l.replace(/.*; /, '')), [
    'retry in 100 ms', 'retry in 400 ms', 'retry in 900 ms',
    ...Array(6).fill('retry in 1000 ms'),
  ]);
  assert.match(log.at(-1), /^batch 3 given up after 10 attempts, 8400 ms: \[19\] Not Enough Replicas: .*; nobody is told$/);
  assert.equal((await ledger(page))['failed, nobody was told'], 1);
  assert.equal(await writer.locator('.writer__ledger .outcome--bad').count(), 1);
  assert.deepEqual(await keysIn(page, 'payments', 0), []);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'go-writer-dropped');

  await next.click();
  await page.getByRole('heading', { name: 'A Completion callback hears it', exact: true }).waitFor();
  assert.match((await writerLog(page)).at(-1), /; the Completion callback got it$/);
  assert.equal((await ledger(page))['failed, the Completion callback got the error'], 1);
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'Async off: WriteMessages returns the error', exact: true }).waitFor();
  assert.match((await writerLog(page)).at(-1), /^batch 0 given up after 10 attempts, 8400 ms: Kafka write errors \(1\/1\), errors: \[\[19\] Not Enough Replicas: .*\]; WriteMessages returned$/);
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'Brokers back, the payment goes through', exact: true }).waitFor();
  assert.deepEqual(await keysIn(page, 'payments', 0), ['user-5']);
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: "Keys that route, where Java's go", exact: true }).waitFor();
  assert.deepEqual((await keysIn(page, 'orders', 0)).filter((k) => k === 'user-8').length, 3);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'go-writer-murmur2');
  await done();
});

test("challenge 1.12/1: &kafka.Hash{} keeps user-1 together but not where Java puts it; Murmur2Balancer does", async () => {
  const { page, done } = await open('#/sandbox?challenge=1.12/1');
  const panel = page.getByRole('region', { name: "Keep each user's orders in order" });
  const lines = ['produce orders key=user-1 value=created', 'produce orders key=user-1 value=paid', 'produce orders key=user-1 value=shipped'];
  for (const line of ['set-writer Balancer=&kafka.Hash{} RequiredAcks=kafka.RequireAll', ...lines]) await type(page, line);
  await panel.getByText("user-1 is in the Java client's partition, 2 (not yet)").waitFor();
  assert.deepEqual(await keysIn(page, 'orders', 0), ['user-1', 'user-1', 'user-1']);
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Undo' }).click();
  for (const line of ['set-writer Balancer=kafka.Murmur2Balancer{} RequiredAcks=kafka.RequireAll', ...lines]) await type(page, line);
  await panel.getByRole('status').getByText(/^Solved in 4 lines/).waitFor();
  assert.deepEqual(await keysIn(page, 'orders', 2), ['user-1', 'user-1', 'user-1']);
  await screenshot(page, 'go-writer-challenge-1');
  await done();
});

test('challenge 1.12/2: the seed\'s Writer drops the payment; Async off returns the error', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.12/2');
  const panel = page.getByRole('region', { name: 'No payment lost without a word' });
  for (const line of ['produce payments key=user-7 value=charged', 'tick 10s']) await type(page, line);
  await panel.getByText('the service heard of the failure (not yet)').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  for (const line of ['set-writer RequiredAcks=kafka.RequireAll', 'produce payments key=user-7 value=charged']) await type(page, line);
  await panel.getByRole('status').getByText(/^Solved in 2 lines/).waitFor();
  await page.getByRole('log', { name: 'Console output' }).getByText(/Kafka write errors \(1\/1\)/).first().waitFor();
  await done();
});

test('a sandbox: the Writer form makes the producer a kafka-go Writer, and back', async () => {
  const { page, done } = await open('#/sandbox');
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  await type(page, 'create-topic orders partitions=3');
  const actions = page.getByRole('region', { name: 'Actions' });
  const form = actions.getByRole('form', { name: "A Go service's producer (kafka-go Writer)" });
  await form.getByRole('combobox', { name: 'Balancer' }).selectOption('kafka.Murmur2Balancer{}');
  await form.getByRole('button', { name: 'Use this Writer' }).click();
  const output = page.getByRole('log', { name: 'Console output' });
  await output.getByText('set-writer Balancer=kafka.Murmur2Balancer{} RequiredAcks=kafka.RequireAll Async=true').waitFor();
  // The Writer panel appears with the Writer; the send form drops Java's acks.
  const writer = page.getByRole('region', { name: 'kafka-go Writer' });
  await writer.getByRole('row', { name: /^Balancer kafka\.Murmur2Balancer\{\} the service$/ }).waitFor();
  const send = actions.getByRole('form', { name: 'Produce a record' });
  assert.equal(await send.getByRole('combobox', { name: 'acks' }).count(), 0);
  await send.getByRole('button', { name: 'Send' }).click();
  await output.getByText('$ produce orders key=user-1 value=hello', { exact: true }).waitFor();
  await writer.getByText(/WriteMessages returned nil at once/).waitFor();
  await type(page, 'tick 1s');
  // Murmur2 puts user-1 where Java's default partitioner does: partition 2 of 3.
  assert.deepEqual(await keysIn(page, 'orders', 2), ['user-1']);
  await screenshot(page, 'go-writer-sandbox');
  await form.getByRole('button', { name: 'Back to the Java client' }).click();
  await output.getByText('$ set-producer acks=all', { exact: true }).waitFor();
  await writer.getByText('The producer is Kafka\'s Java client: no kafka-go Writer is set (set-writer).').waitFor();
  await send.getByRole('combobox', { name: 'acks' }).waitFor();
  await done();
});
