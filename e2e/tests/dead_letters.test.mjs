// End-to-end: retries, backoff and the dead letter queue (issue 15), as a learner meets
// them: lesson 1.11 step by step (a poison record stops the application, a dead letter
// queue with Connect's headers, backoff through an outage, a consumer that retried past
// max.poll.interval.ms, a replay), and both challenges solved by hand after a wrong
// first try. Screenshots under e2e/artifacts/screenshots/dead-letters-*.

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

/** The lines of the error handler's log in this step. */
const handlerLog = async (page) =>
  page.getByRole('log', { name: 'What the handler did' }).getByRole('listitem').allTextContents();

test('lesson 1.11: a poison record, a dead letter queue, backoff, max.poll.interval.ms and a replay', async () => {
  const { page, done } = await open('#/lesson/1.11/step/1');
  const next = page.getByRole('button', { name: 'Next step' });
  await page.getByRole('heading', { name: 'A record the application cannot read', exact: true }).waitFor();
  const handler = page.getByRole('region', { name: 'Error handler' });
  await handler.getByText(/^c1 stopped: org\.apache\.kafka\.connect\.errors\.ConnectException: Tolerance exceeded in error handler, caused by java\.lang\.NumberFormatException: For input string: "ten"/).waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'dead-letters-poison');

  await next.click();
  await page.getByRole('heading', { name: 'Restart it: the same record, the same stop', exact: true }).waitFor();
  await handler.getByText(/^c2 stopped:/).waitFor();

  await next.click();
  await page.getByRole('heading', { name: 'Skip it, into a dead letter queue', exact: true }).waitFor();
  assert.ok((await handlerLog(page)).includes('payments-0@0 went to the dead letter queue at payments-dlq-0@0'));
  assert.deepEqual((await drawnRecords(page, 'payments-dlq', 0)).map((r) => `${r.key}@${r.offset}`), ['bob@0']);
  // The copy carries the failure in Connect's headers.
  await page.getByRole('list', { name: 'payments-dlq partition 0', exact: true })
    .getByRole('listitem', { name: 'offset 0, key bob, value balance+=ten' }).click();
  const details = page.getByRole('region', { name: 'Record: payments-dlq-0 @ offset 0' });
  await details.getByText('__connect.errors.offset=0').waitFor();
  await details.getByText('__connect.errors.exception.class.name=java.lang.NumberFormatException').waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'dead-letters-queue');

  await next.click();
  await page.getByRole('heading', { name: 'A database that is down: retry with backoff', exact: true }).waitFor();
  const waits = (await handlerLog(page)).filter((l) => l.includes('attempt')).map((l) => l.replace(/.*; /, ''));
  assert.deepEqual(waits, ['retry in 300 ms', 'retry in 600 ms', 'retry in 1200 ms']);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'dead-letters-backoff');

  await next.click();
  await page.getByRole('heading', { name: 'Retrying past max.poll.interval.ms', exact: true }).waitFor();
  await handler.getByText('c3 has not polled for max.poll.interval.ms=300000: it left its group').waitFor();
  await page.getByText('CommitFailedException', { exact: false }).first().waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'The cost: eve pays twice', exact: true }).waitFor();
  assert.equal(await page.locator('.check--failed').count(), 0);

  await next.click();
  await page.getByRole('heading', { name: 'When retries run out: the queue, then a replay', exact: true }).waitFor();
  assert.ok((await handlerLog(page)).some((l) => l.startsWith('payments-0@5, attempt') && l.endsWith('no more retries')));
  assert.deepEqual((await drawnRecords(page, 'payments-dlq', 0)).map((r) => `${r.key}@${r.offset}`), ['bob@0', 'frank@1']);
  assert.equal(await page.locator('.check--failed').count(), 0);
  await screenshot(page, 'dead-letters-replay');
  await done();
});

test('challenge 1.11/1: a dead letter queue the cluster cannot replicate is refused, then one it can keeps the line moving', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.11/1');
  const panel = page.getByRole('region', { name: 'Keep the line moving' });
  const output = page.getByRole('log', { name: 'Console output' });
  // Connect's default replication factor for the queue is 3; this cluster has one broker.
  await type(page, 'set-app shipping errors.tolerance=all errors.deadletterqueue.topic.name=orders-dlq errors.deadletterqueue.context.headers.enable=true');
  await output.getByText(/ConnectException: Could not initialize dead letter queue with topic=orders-dlq/).waitFor();
  await type(page, 'set-app shipping errors.tolerance=all errors.deadletterqueue.topic.name=orders-dlq errors.deadletterqueue.context.headers.enable=true errors.deadletterqueue.topic.replication.factor=1');
  for (const line of ['poll s1', 'process s1']) await type(page, line);
  await panel.getByText('shipping committed offset 4 (not yet)').waitFor();
  await type(page, 'commit s1');
  await panel.getByRole('status').getByText(/^Solved in 5 lines/).waitFor();
  await screenshot(page, 'dead-letters-challenge-1');
  await done();
});

test('challenge 1.11/2: no retries stops at the first failure; retrying longer than the outage processes every payment once', async () => {
  const { page, done } = await open('#/sandbox?challenge=1.11/2');
  const panel = page.getByRole('region', { name: 'Ride out a database restart' });
  for (const line of ['poll c1', 'process c1']) await type(page, line);
  // errors.retry.timeout=0: no retry, and errors.tolerance=none stops the application.
  await page.getByText(/c1 stopped: .*RetriableException/).first().waitFor();
  await panel.getByText('all three processed once (not yet)').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  for (const line of ['set-app billing errors.retry.timeout=30000', 'poll c1', 'process c1', 'commit c1']) await type(page, line);
  await panel.getByRole('status').getByText(/^Solved in 4 lines/).waitFor();
  await done();
});

test('a sandbox: the application form sets a dead letter queue, and the consumer buttons process into it', async () => {
  const { page, done } = await open('#/sandbox');
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  for (const line of [
    'create-topic orders partitions=1 replication-factor=3',
    'produce orders key=o-1 value=balance+=one', 'produce orders key=o-2 value=balance+=2',
    'create-consumer consumer-1 group=group-1 auto.offset.reset=earliest enable.auto.commit=false',
    'subscribe consumer-1 topics=orders',
  ]) await type(page, line);
  const actions = page.getByRole('region', { name: 'Actions' });
  const app = actions.getByRole('form', { name: 'An application: its database and error handler' });
  await app.getByRole('button', { name: 'Set the handler' }).click();
  const output = page.getByRole('log', { name: 'Console output' });
  await output.getByText('set-app group-1 errors.retry.timeout=10000 errors.tolerance=all errors.deadletterqueue.topic.name=dead-letters errors.deadletterqueue.context.headers.enable=true').waitFor();
  const one = actions.getByRole('form', { name: 'A consumer: poll, process, commit, seek, close' });
  await one.getByRole('button', { name: 'Poll' }).click();
  await output.getByText('$ poll consumer-1', { exact: true }).waitFor();
  await one.getByRole('button', { name: 'Process' }).click();
  await output.getByText('$ process consumer-1', { exact: true }).waitFor();
  // The handler panel appeared with the first application, and tells what it did.
  await page.getByRole('region', { name: 'Error handler' })
    .getByText('orders-0@0 went to the dead letter queue at dead-letters-0@0').waitFor();
  assert.deepEqual((await drawnRecords(page, 'dead-letters', 0)).map((r) => `${r.key}@${r.offset}`), ['o-1@0']);
  // A database outage from the form: the next record waits it out.
  await app.getByRole('button', { name: 'Stop the database' }).click();
  await output.getByText('$ stop-database group-1 for=30s', { exact: true }).waitFor();
  await type(page, 'produce orders key=o-3 value=balance+=3');
  await one.getByRole('button', { name: 'Poll' }).click();
  await one.getByRole('button', { name: 'Process' }).click();
  await page.getByRole('region', { name: 'Error handler' })
    .getByText(/^orders-0@2, attempt 1: org\.apache\.kafka\.connect\.errors\.RetriableException/).waitFor();
  await screenshot(page, 'dead-letters-sandbox');
  await done();
});
