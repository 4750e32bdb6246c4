// End-to-end: replication as a learner meets it in lesson 2.1 (issue 12), found by role
// and accessible name. Screenshots under e2e/artifacts/screenshots/issue12-*.

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

/** A fresh laptop-sized page at `hash`, waited until the lesson and its brokers are drawn. */
async function open(hash) {
  const opened = await openPage(browser, server, hash, { width: 1280, height: 900, reducedMotion: 'reduce' });
  const panel = opened.page.getByRole('region', { name: 'Brokers and their replicas' });
  await panel.waitFor();
  return { ...opened, panel };
}

const broker = (panel, name) => panel.getByRole('listitem', { name, exact: true });
const replica = (panel, name) => panel.getByRole('listitem', { name, exact: true });

test('three brokers, each holding its replica of orders-0, broker 1 leading', async () => {
  const { page, panel, done } = await open('#/lesson/2.1/step/1');
  for (const id of [1, 2, 3]) await broker(panel, `Broker ${id}, running`).waitFor();
  await replica(panel, 'orders-0 on Broker 1: leader').waitFor();
  await replica(panel, 'orders-0 on Broker 2: follower').waitFor();
  await replica(panel, 'orders-0 on Broker 3: follower').waitFor();
  const describe = await page.getByRole('region', { name: 'kafka-topics --describe' }).innerText();
  assert.match(describe, /Partition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: \tLastKnownElr: /);
  await screenshot(page, 'issue12-three-brokers');
  await done();
});

test('killing the leader with its button: fenced after its session, the ISR shrinks, broker 2 leads', async () => {
  const { page, panel, done } = await open('#/lesson/2.1/step/2');
  await panel.getByRole('button', { name: 'Kill broker 1' }).click();
  await broker(panel, 'Broker 1, crashed').waitFor();
  await panel.getByText('Your experiment (not the lesson\'s state)').waitFor();
  // Still the leader to the controller until its session runs out.
  await replica(panel, 'orders-0 on Broker 2: follower').waitFor();
  await panel.getByRole('button', { name: 'Wait 10 s' }).click();
  await broker(panel, 'Broker 1, crashed, fenced by the controller').waitFor();
  await replica(panel, 'orders-0 on Broker 2: leader').waitFor();
  const news = panel.getByRole('list', { name: 'What happened' });
  await news.getByText('orders-0: leader 2, epoch 1, ISR 2,3, ELR none (broker fenced).').waitFor();
  // What the wait changed is marked: broker 1's replica left the ISR in it.
  const leftIsr = replica(panel, 'orders-0 on Broker 1: on disk, broker down').getByTitle('left the ISR in this step');
  await leftIsr.waitFor();
  assert.equal(await replica(panel, 'orders-0 on Broker 2: leader').getByTitle('left the ISR in this step').count(), 0);
  await screenshot(page, 'issue12-leader-killed');
  // The lesson itself is untouched: back to the step, and a new step starts afresh.
  await panel.getByRole('button', { name: 'Back to the lesson step' }).click();
  await broker(panel, 'Broker 1, running').waitFor();
  await replica(panel, 'orders-0 on Broker 1: leader').waitFor();
  await done();
});

test('acks=1 loses a record that acks=all keeps', async () => {
  const { page, panel, done } = await open('#/lesson/2.1/step/5');
  await panel.getByRole('status').filter({ hasText: '5 acknowledged, 2 of them lost' }).waitFor();
  await replica(panel, 'orders-0 on Broker 2: leader').waitFor();
  await screenshot(page, 'issue12-acks-1-lost');
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'acks=all and the same crash: nothing is lost', exact: true }).waitFor();
  await panel.getByRole('status').filter({ hasText: '6 acknowledged, 2 of them lost' }).waitFor();
  // order-1 to order-3 and order-6: broker 1 truncated order-4 and order-5 away.
  const reads = await page.getByRole('region', { name: 'Reads in this step' }).innerText();
  assert.match(reads, /reader fetched orders-0: offsets 0 to 3 \(4 records\)/);
  const truncated = panel.getByRole('list', { name: 'What happened' });
  await truncated.getByText('Broker 1 truncated orders-0 to offset 3: 2 record(s) removed, 2 of them acknowledged.').waitFor();
  await screenshot(page, 'issue12-acks-all-kept');
  await done();
});

test('min.insync.replicas=2 refuses, retried in one line, and the send fails after delivery.timeout.ms', async () => {
  const { page, panel, done } = await open('#/lesson/2.1/step/7');
  const sends = page.getByRole('region', { name: 'What the producer did' });
  await sends.getByText(/Broker 1 answered NotEnoughReplicasException \d+ times/).waitFor();
  await sends.getByText(/Expiring 1 record\(s\) for payments-0:120000 ms has passed since batch creation/).waitFor();
  await replica(panel, 'payments-0 on Broker 1: leader').waitFor();
  await screenshot(page, 'issue12-not-enough-replicas');
  await done();
});

test('the metadata log grows as brokers register and topics are created; the quorum survives its leader', async () => {
  const { page, panel, done } = await open('#/lesson/2.3/step/1');
  const log = page.getByRole('list', { name: 'The metadata log (__cluster_metadata)' });
  await log.getByText(/RegisterBrokerRecord brokerId=3/).waitFor();
  const before = await log.getByRole('listitem').count();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('heading', { name: 'A topic is records too', exact: true }).waitFor();
  await log.getByText(/TopicRecord name=orders/).waitFor();
  await log.getByText('PartitionRecord orders-0 replicas=1,2,3 isr=1,2,3 leader=1', { exact: false }).waitFor();
  assert.ok((await log.getByRole('listitem').count()) > before, 'the log grew');
  await screenshot(page, 'issue12-metadata-log');
  // Kill the active controller with its button: another is elected after the fetch timeout.
  const controllers = panel.getByRole('group', { name: 'KRaft controllers' });
  await controllers.getByRole('listitem', { name: 'Controller 101, active controller (Raft leader)' }).waitFor();
  await controllers.getByRole('button', { name: 'Kill controller 101' }).click();
  await controllers.getByRole('listitem', { name: 'Controller 101, down' }).waitFor();
  await panel.getByRole('button', { name: 'Wait 10 s' }).click();
  await panel.getByRole('list', { name: 'What happened' }).getByText(/won the election: the active controller in epoch 2/).waitFor();
  await done();
});
