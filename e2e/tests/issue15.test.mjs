// End-to-end: the same key across clients (issue 15), as a learner meets it: lesson 1.8
// step by step, the "Try a key" table of every client, and the two challenges solved by
// hand. Screenshots under e2e/artifacts/screenshots/issue15-*.

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

const open = (hash, size = { width: 1280, height: 800 }) =>
  openPage(browser, server, hash, { ...size, reducedMotion: 'reduce' });

/** The keys drawn in one partition. */
const keysIn = async (page, topic, partition) =>
  (await drawnRecords(page, topic, partition)).map((r) => r.key);

/** The offsets drawn in one partition. */
const offsetsIn = async (page, topic, partition) =>
  (await drawnRecords(page, topic, partition)).map((r) => r.offset);

async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

test('lesson 1.8: four clients split order-1 over four partitions; the Java-compatible settings keep it in one', async () => {
  const { page, done } = await open('#/lesson/1.8/step/1');
  const next = page.getByRole('button', { name: 'Next step' });
  await page.getByRole('heading', { name: 'One topic, four services', exact: true }).waitFor();
  assert.deepEqual(await keysIn(page, 'orders', 4), ['order-1']);
  await next.click();
  await page.getByRole('heading', { name: 'The Python service: CRC-32', exact: true }).waitFor();
  // CRC-32 sends Python's order-1 to partition 1; Java's stays in 4.
  assert.deepEqual(await keysIn(page, 'orders', 1), ['order-1']);
  await page.getByText('order-1 now sits in two partitions').waitFor();
  await next.click();
  await page.getByRole('heading', { name: 'The Go service: kafka-go ignores the key', exact: true }).waitFor();
  // Round-robin: order-1, order-19, order-4 to partitions 0, 1, 2 whatever their keys.
  assert.deepEqual(await keysIn(page, 'orders', 0), ['order-1']);
  assert.deepEqual(await keysIn(page, 'orders', 1), ['order-1', 'order-19']);
  await next.click();
  await page.getByRole('heading', { name: 'The Node service: a murmur2 that is not Java\'s', exact: true }).waitFor();
  // The hash panel names KafkaJS 1.x's own murmur2 for the last record (order-4 to 1).
  await page.getByText('KafkaJS 1.x murmur2(bytes)').first().waitFor();
  assert.deepEqual(await keysIn(page, 'orders', 0), ['order-1', 'order-19']);
  await screenshot(page, 'issue15-legacy-kafkajs');
  await next.click();
  await page.getByRole('heading', { name: 'The settings that make them agree', exact: true }).waitFor();
  assert.deepEqual(await keysIn(page, 'orders-v2', 4), ['order-1', 'order-1', 'order-1', 'order-1']);
  assert.deepEqual(await keysIn(page, 'orders-v2', 0), []);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'issue15-agree');
  await done();
});

test('Try a key: a table says where each client puts the key, and which ones do not use it', async () => {
  const { page, done } = await open('#/lesson/1.8/step/6');
  const panel = page.getByRole('region', { name: 'Try a key' });
  await panel.getByRole('textbox', { name: 'Key' }).fill('order-1');
  await panel.getByRole('spinbutton', { name: 'Partitions' }).fill('6');
  const table = panel.getByRole('table', { name: 'Where each client puts this key' });
  const row = (client, setting) => table.getByRole('row').filter({ hasText: client }).filter({ hasText: setting });
  const partitionOf = async (client, setting) => (await row(client, setting).getByRole('cell').last().textContent()).trim();
  assert.equal(await partitionOf('Java', 'partitioner.class unset'), '4');
  assert.equal(await partitionOf('librdkafka', 'consistent_random'), '1');
  assert.equal(await partitionOf('kafka-go', 'RoundRobin'), 'not from the key');
  assert.equal(await partitionOf('Sarama', 'NewHashPartitioner'), '1');
  assert.equal(await partitionOf('KafkaJS', 'LegacyPartitioner'), '1');
  assert.equal(await partitionOf('KafkaJS', 'DefaultPartitioner'), '4');
  assert.equal(await partitionOf('librdkafka', 'murmur2_random'), '4');
  assert.equal(await partitionOf('kafka-go', 'Murmur2Balancer'), '4');
  await screenshot(page, 'issue15-try-key-clients');
  // A null key: librdkafka's default and Java's do not take it from the key either.
  await panel.getByRole('checkbox', { name: 'Null key' }).check();
  assert.equal(await partitionOf('librdkafka', 'consistent_random'), 'not from the key');
  assert.equal(await partitionOf('Java', 'partitioner.class unset'), 'not from the key');
  // On a phone the table fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await table.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `table fits: ${JSON.stringify(box)}`);
  await screenshot(page, 'issue15-try-key-phone');
  await done();
});

test('challenge 1.8/1: the Node service on KafkaJS\'s legacy partitioner splits orders until it switches to the default', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.8/1');
  await page.getByRole('heading', { name: 'Challenge 1: Bring the Node service in line', level: 1 }).waitFor();
  const panel = page.getByRole('region', { name: 'Bring the Node service in line' });
  // As set up, the producer is KafkaJS 1.x's: order-7 goes to 5, away from Java's 1.
  await type(page, 'produce payments key=order-7 value=captured');
  await panel.getByText('every order-7 record is in partition 1 (not yet)').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await type(page, 'set-producer partitioner=kafkajs:default');
  await type(page, 'produce payments key=order-7 value=captured');
  await type(page, 'produce payments key=order-8 value=captured');
  await panel.getByRole('status').getByText(/^Solved in 3 lines/).waitFor();
  await screenshot(page, 'issue15-challenge-1-solved');
  await done();
});

test('challenge 1.8/2: librdkafka agrees with Sarama only with fnv1a', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.8/2');
  const panel = page.getByRole('region', { name: 'Agree with a Sarama service' });
  // CRC-32 agrees on order-1 by chance, not on order-4.
  await type(page, 'produce invoices key=order-1 value=paid');
  await type(page, 'produce invoices key=order-4 value=paid');
  await panel.getByText('every order-1 record is in partition 1 (met)').waitFor();
  await panel.getByText('every order-4 record is in partition 0 (not yet)').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await type(page, 'set-producer partitioner=fnv1a_random');
  await type(page, 'produce invoices key=order-1 value=paid');
  await type(page, 'produce invoices key=order-4 value=paid');
  await panel.getByRole('status').getByText(/^Solved in 3 lines/).waitFor();
  await done();
});

test('lesson 1.9: retention deletes whole segments, the log starts at 3 then 9, and the reporter resumes at 9', async () => {
  const { page, done } = await open('#/lesson/1.9/step/3');
  const next = page.getByRole('button', { name: 'Next step' });
  await page.getByRole('heading', { name: 'More clicks, more segments', exact: true }).waitFor();
  assert.deepEqual(await offsetsIn(page, 'clicks', 0), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  await next.click();
  await page.getByRole('heading', { name: 'The retention task deletes a whole segment', exact: true }).waitFor();
  // Offsets are not renumbered: the first drawn record is offset 3.
  assert.deepEqual(await offsetsIn(page, 'clicks', 0), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  await screenshot(page, 'issue15-retention-start-3');
  await next.click();
  await page.getByRole('heading', { name: 'Two more segments go', exact: true }).waitFor();
  assert.deepEqual(await offsetsIn(page, 'clicks', 0), [9, 10, 11]);
  await next.click();
  await page.getByRole('heading', { name: 'The reporter comes back too late', exact: true }).waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'issue15-retention-reporter');
  // Back a step: the deleted records do not come back on their own, but undo brings the
  // earlier state back exactly.
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('heading', { name: 'The retention task deletes a whole segment', exact: true }).waitFor();
  assert.deepEqual(await offsetsIn(page, 'clicks', 0), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  await done();
});

test('challenge 1.9/1: retention.ms chosen so that one segment goes and the next stays', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.9/1');
  const panel = page.getByRole('region', { name: 'Make retention delete the first segment' });
  // Too short a retention deletes both bursts.
  for (const line of [
    'create-topic events partitions=1 retention.ms=60000 segment.ms=60000',
    'produce events key=a value=1', 'produce events key=b value=2', 'produce events key=c value=3',
    'tick 2m',
    'produce events key=a value=4', 'produce events key=b value=5', 'produce events key=c value=6',
    'tick 4m',
  ]) await type(page, line);
  await panel.getByText('events-0 starts at offset 3 (not yet)').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  for (const line of [
    'create-topic events partitions=1 retention.ms=300000 segment.ms=60000',
    'produce events key=a value=1', 'produce events key=b value=2', 'produce events key=c value=3',
    'tick 2m',
    'produce events key=a value=4', 'produce events key=b value=5', 'produce events key=c value=6',
    'tick 4m',
  ]) await type(page, line);
  await panel.getByRole('status').getByText(/^Solved in 9 lines/).waitFor();
  await screenshot(page, 'issue15-retention-challenge-solved');
  await done();
});

test('a sandbox opened at lesson 1.9 step 5: kafka-get-offsets.sh says the log starts at 9, and a fetch below it is out of range', async () => {
  const { page, done } = await open('#/lesson/1.9/step/5');
  await page.getByRole('heading', { name: 'Two more segments go', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Open in sandbox' }).click();
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  const output = page.getByRole('log', { name: 'Console output' });
  await type(page, 'kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic clicks --time earliest');
  await output.getByText('clicks:0:9').waitFor();
  await type(page, 'fetch clicks partition=0 offset=3');
  await output.getByText('Received request for offset 3 for partition clicks-0, but we only have log segments starting from offset: 9.', { exact: false }).waitFor();
  // The refused fetch changed nothing: the log still starts at 9.
  assert.deepEqual(await offsetsIn(page, 'clicks', 0), [9, 10, 11]);
  await screenshot(page, 'issue15-retention-sandbox');
  await done();
});
