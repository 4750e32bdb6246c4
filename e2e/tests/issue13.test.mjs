// End-to-end: the sandbox (issue 13) as a learner uses it, by role and accessible name:
// Kafka's tools typed at the console, the brokers' buttons, undo and redo.
// Screenshots under e2e/artifacts/screenshots/issue13-*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, screenshot, appDistDir, appBasePath, openPage,
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

async function open(size = { width: 1280, height: 800 }) {
  const opened = await openPage(browser, server, '#/sandbox', { ...size, reducedMotion: 'reduce' });
  await opened.page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  return opened;
}

/** Types `line` at the console and presses Enter. */
async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

const output = (page) => page.getByRole('log', { name: 'Console output' });

test('the home page leads to the sandbox', async () => {
  const { page, done } = await openPage(browser, server, '');
  await page.getByRole('link', { name: 'Open the sandbox' }).click();
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  await done();
});

test('kafka-topics.sh creates a topic on three brokers, and --describe shows its replicas', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3');
  await output(page).getByText('Created topic demo.').waitFor();
  await page.getByRole('group', { name: /Topic demo/ }).waitFor();
  await type(page, 'kafka-topics.sh --describe --topic demo --bootstrap-server localhost:9092');
  const text = await output(page).innerText();
  assert.match(text, /Topic: demo\tTopicId: \S{22}\tPartitionCount: 3\tReplicationFactor: 3/);
  assert.match(text, /Partition: 2\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d,\d\tElr: \tLastKnownElr: /);
  await screenshot(page, 'issue13-sandbox-created');
  await done();
});

test('a wrong command gets the tool\'s message and changes nothing; Up recalls it', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic demo --partitions 0');
  await output(page).getByText('Error while executing topic command : The partitions must be greater than 0').waitFor();
  await type(page, 'produce nowhere key=a value=1');
  await output(page).getByText(/TimeoutException: Topic nowhere not present in metadata after 60000 ms\./).waitFor();
  assert.equal(await page.getByRole('group', { name: /Topic / }).count(), 0, 'no topic drawn');
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'produce nowhere key=a value=1');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'kafka-topics.sh --create --topic demo --partitions 0');
  await input.fill('kafka-topics.sh --cre');
  await input.press('Tab');
  assert.equal(await input.inputValue(), 'kafka-topics.sh --create ');
  await done();
});

test('a broker killed with its button leaves the ISR; undo brings it back, redo kills it again', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic t --replica-assignment 1:2:3');
  const panel = page.getByRole('region', { name: 'Brokers and their replicas' });
  await panel.getByRole('listitem', { name: 't-0 on Broker 1: leader', exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Kill broker 1' }).click();
  await output(page).getByText('kill-broker id=1').waitFor();
  await panel.getByRole('button', { name: 'Wait 10 s' }).click();
  await panel.getByRole('listitem', { name: 't-0 on Broker 2: leader', exact: true }).waitFor();
  await type(page, 'kafka-topics.sh --describe --topic t');
  await output(page).getByText(/Partition: 0\tLeader: 2\tReplicas: 1,2,3\tIsr: 2,3\t/).waitFor();
  await screenshot(page, 'issue13-sandbox-broker-killed');
  const undo = page.getByRole('button', { name: 'Undo' });
  await undo.click();
  await undo.click();
  await undo.click();
  await panel.getByRole('listitem', { name: 't-0 on Broker 1: leader', exact: true }).waitFor();
  await page.getByText('After 1 of 4 commands').waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await panel.getByRole('listitem', { name: 'Broker 1, crashed', exact: true }).waitFor();
  await done();
});

test('the sandbox fits a phone', async () => {
  const { page, done } = await open({ width: 390, height: 844 });
  await type(page, 'kafka-topics.sh --create --topic demo --partitions 3 --replication-factor 3');
  await output(page).getByText('Created topic demo.').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scroll (${overflow}px)`);
  await screenshot(page, 'issue13-sandbox-phone', { fullPage: true });
  await done();
});

test('a share link opens the same state in a fresh browser; a damaged one says so', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic shared --replica-assignment 1:2:3');
  await type(page, 'produce shared key=a value=1');
  await type(page, 'kill-broker id=3');
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: /Link to this state/ }).inputValue();
  assert.match(link, /#\/sandbox\?s=1\.[A-Za-z0-9_-]+$/);
  await done();

  // A fresh context: no storage, nothing but the link.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  await fresh.getByText('After 3 of 3 commands').waitFor();
  await output(fresh).getByText('kill-broker id=3').waitFor();
  const panel = fresh.getByRole('region', { name: 'Brokers and their replicas' });
  await panel.getByRole('listitem', { name: 'Broker 3, crashed', exact: true }).waitFor();
  await panel.getByRole('status').filter({ hasText: '1 acknowledged' }).waitFor();

  // Cut short: the whole lines before the damage are replayed, and the notice says so.
  await fresh.goto(link.slice(0, -8));
  await fresh.reload();
  await fresh.getByRole('alert').filter({ hasText: 'This share link is damaged' }).waitFor();
  const position = await fresh.getByText(/After \d+ of \d+ commands?|Nothing typed yet/).textContent();
  assert.doesNotMatch(position, /After 3 of 3/);
  await screenshot(fresh, 'issue13-sandbox-damaged-link');

  await fresh.goto(link.replace(/s=.*$/, 's=not*base64'));
  await fresh.reload();
  await fresh.getByRole('alert').filter({ hasText: 'not a sandbox share link' }).waitFor();
  await fresh.getByText('Nothing typed yet').waitFor();

  await fresh.goto(link.replace(/s=\d+\./, 's=99.'));
  await fresh.reload();
  await fresh.getByRole('alert').filter({ hasText: 'made by a newer Kafka Playground (format 99' }).waitFor();
  await fresh.getByText('Nothing typed yet').waitFor();
  await context.close();
});

test('a session exported as a file imports back to the same state', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic saved --partitions 3 --replication-factor 3');
  await type(page, 'kafka-console-producer.sh --topic saved --property parse.key=true --property key.separator=:');
  await type(page, 'alice:1');
  await page.getByRole('button', { name: 'End input (Ctrl+D)' }).click();
  await type(page, 'kill-broker id=2');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export session' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'kafka-sandbox-session.txt');
  const file = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.match(file, /^# A Kafka Playground sandbox session \(format 1/);
  assert.match(file, /\ncluster brokers=3 controllers=3 seed=\d+\n/);
  assert.match(file, /key\.separator=:\n\| alice:1\n! kill-broker id=2\n$/);
  await done();

  const again = await open();
  await again.page.getByLabel('Import session').setInputFiles({
    name: 'mine.txt', mimeType: 'text/plain', buffer: Buffer.from(file),
  });
  await again.page.getByRole('alert').filter({ hasText: 'Imported mine.txt: 5 lines typed.' }).waitFor();
  await again.page.getByText('After 5 of 5 commands').waitFor();
  const panel = again.page.getByRole('region', { name: 'Brokers and their replicas' });
  await panel.getByRole('listitem', { name: 'Broker 2, crashed', exact: true }).waitFor();
  await again.page.getByLabel('Import session').setInputFiles({
    name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from('kafka-topics.sh --create --topic x\n| stray\n'),
  });
  await again.page.getByRole('alert').filter({ hasText: 'Replay stopped at line 2 (`| stray`)' }).waitFor();
  await again.done();
});

test('"Open in sandbox" forks a lesson step: its brokers and topics, to try things on', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/2.1/step/3', { width: 1280, height: 800, reducedMotion: 'reduce' });
  await page.getByRole('link', { name: 'Open in sandbox' }).click();
  await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
  await page.getByText('From lesson 2.1, step 3: A follower dies: the high watermark waits').waitFor();
  const panel = page.getByRole('region', { name: 'Brokers and their replicas' });
  await panel.getByRole('listitem', { name: 'Broker 3, crashed', exact: true }).waitFor();
  await type(page, 'kafka-topics.sh --describe --topic orders');
  await output(page).getByText(/Partition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\t/).waitFor();
  await type(page, 'tick 10s');
  await type(page, 'kafka-topics.sh --describe --under-replicated-partitions');
  await output(page).getByText(/Partition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2\t/).waitFor();
  await screenshot(page, 'issue13-sandbox-from-lesson');
  await done();
});

test('kafka-console-producer.sh takes one record a line until Ctrl+D, and they land where murmur2 says', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3');
  await type(page, 'kafka-console-producer.sh --topic orders --bootstrap-server localhost:9092 --reader-property parse.key=true --reader-property key.separator=:');
  const reading = page.getByText('kafka-console-producer.sh is reading: each line is one record. Ctrl+D ends it.');
  await reading.waitFor();
  await type(page, 'alice:order 1');
  await type(page, 'carol:order 2');
  await type(page, 'alice:order 3');
  await output(page).getByText('>carol:order 2').waitFor();
  await page.getByRole('textbox', { name: 'Command' }).press('Control+d');
  await reading.waitFor({ state: 'detached' });
  await type(page, 'kafka-get-offsets.sh --topic orders');
  // murmur2: alice goes to partition 0 of 3, carol to partition 2.
  await output(page).getByText(/orders:0:2\norders:1:0\norders:2:1/).waitFor();
  await type(page, 'kafka-console-consumer.sh --topic orders --partition 0 --offset earliest --max-messages 5 --timeout-ms 1000 --formatter-property print.key=true');
  await output(page).getByText('alice\torder 1\nalice\torder 3').waitFor();
  // It runs on until --timeout-ms passes on the sandbox's clock with nothing to read.
  await page.getByRole('group', { name: 'Console consumers running' }).waitFor();
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await output(page).getByText('Processed a total of 2 messages', { exact: false }).waitFor();
  await page.getByRole('group', { name: 'Console consumers running' }).waitFor({ state: 'detached' });
  await type(page, 'kafka-console-producer.sh --topic orders --property parse.key=true');
  await output(page).getByText('Warning: --property is deprecated and will be removed in a future version. Use --reader-property instead.').waitFor();
  await type(page, 'no separator');
  await output(page).getByText("org.apache.kafka.common.KafkaException: No key separator found on line number 1: 'no separator'").waitFor();
  await reading.waitFor({ state: 'detached' });
  await screenshot(page, 'issue13-sandbox-console-producer');
  await done();
});

test('a console consumer runs beside the prompt, prints records as they arrive, and Ctrl+C stops it', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3');
  await type(page, 'kafka-console-consumer.sh --topic orders --group billing --formatter-property print.key=true --formatter-property print.partition=true');
  const running = page.getByRole('group', { name: 'Console consumers running' });
  await running.getByText('[1] kafka-console-consumer.sh --topic orders --group billing').waitFor();
  // A record produced after it started is printed by it, under the line that produced it.
  await type(page, 'produce orders key=order-100 value=created');
  await output(page).getByText('Partition:1\torder-100\tcreated').waitFor();
  // The console producer, as in a second terminal: each line is printed as it is sent.
  await type(page, 'kafka-console-producer.sh --topic orders --reader-property parse.key=true --reader-property key.separator=:');
  await type(page, 'alice:paid');
  await output(page).getByText('Partition:0\talice\tpaid').waitFor();
  await page.getByRole('textbox', { name: 'Command' }).press('Control+d');
  // The clock runs; the consumer keeps its place in the group.
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await type(page, 'kafka-consumer-groups.sh --describe --group billing --members');
  await output(page).getByText(/billing\s+console-consumer-1-\S+\s+\/127\.0\.0\.1\s+console-consumer\s+3/).waitFor();
  await screenshot(page, 'issue13-sandbox-live-consumer');
  // Ctrl+C: it closes, committing what it printed, and says its total.
  await page.getByRole('textbox', { name: 'Command' }).press('Control+c');
  await output(page).getByText('Processed a total of 2 messages').waitFor();
  await running.waitFor({ state: 'detached' });
  await type(page, 'kafka-consumer-groups.sh --describe --group billing');
  await output(page).getByText(/Consumer group 'billing' has no active members\./).waitFor();
  const text = await output(page).innerText();
  assert.match(text, /billing\s+orders\s+1\s+1\s+1\s+0\s+-/);
  // Undo returns to where it ran, still running.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await running.waitFor();
  await done();
});

test('the code panel writes the producer and consumer for real clients, with the learner\'s topic and keys', async () => {
  const { page, done } = await open();
  const panel = page.getByRole('region', { name: 'Code for a real cluster' });
  await panel.getByText('Create a topic first').waitFor();
  await type(page, 'create-topic orders partitions=3');
  await type(page, 'produce orders key=order-100 value=created header.source=web');
  await type(page, 'create-consumer billing-1 group=billing enable.auto.commit=false');
  await type(page, 'subscribe billing-1 topics=orders');

  // Java first: the client the sandbox models, where murmur2 puts order-100 on partition 1.
  const java = panel.getByRole('tab', { name: /Java/ });
  assert.equal(await java.getAttribute('aria-selected'), 'true');
  const code = () => panel.getByRole('tabpanel').locator('pre').innerText();
  assert.match(await code(), /send\(producer, "order-100", "created", "source", "web"\);/);
  assert.match(await code(), /\/\/   key "order-100" -> partition 1 of 3/);
  assert.match(await code(), /consumer\.commitSync\(\);/);

  // Python: librdkafka must be told to hash as Java does, and to read uncommitted.
  await panel.getByRole('tab', { name: /Python/ }).click();
  const py = await code();
  assert.match(py, /"partitioner": "murmur2_random",/);
  assert.match(py, /"enable\.idempotence": "true",/);
  assert.match(py, /"isolation\.level": "read_uncommitted",/);
  assert.match(py, /producer\.produce\(TOPIC, key="order-100", value="created", headers=\[\("source", "web"\)\]/);
  assert.match(py, /consumer\.commit\(message=msg, asynchronous=False\)/);

  // Arrow keys move between tabs, as in any tab list.
  await page.keyboard.press('ArrowRight');
  const go = panel.getByRole('tab', { name: /Go/ });
  assert.equal(await go.getAttribute('aria-selected'), 'true');
  assert.equal(await go.evaluate((el) => el === document.activeElement), true);
  assert.match(await code(), /Balancer: +&kafka\.Murmur2Balancer\{\},/);
  assert.match(await code(), /RequiredAcks: kafka\.RequireAll,/);

  // The code follows the step shown: undo the consumer and it is gone from the program.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.doesNotMatch(await code(), /NewReader/);
  assert.match(await code(), /no consumer of "orders" yet/);
  await screenshot(page, 'issue13-client-code');
  await done();
});

test('the forms type their commands at the console: create a topic, produce with acks=1, add a consumer, poll, reset offsets', async () => {
  const { page, done } = await open();
  const actions = page.getByRole('region', { name: 'Actions' });
  const form = (name) => actions.getByRole('form', { name });

  const create = form('Create a topic');
  await create.getByLabel('Topic').fill('orders');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await output(page).getByText('Created topic orders.').waitFor();
  assert.match(await output(page).innerText(),
    /\$ kafka-topics\.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3/);

  const produce = form('Produce a record');
  await produce.getByLabel('Key (empty: none)').fill('order-100');
  await produce.getByLabel('Value', { exact: true }).fill('two words');
  await produce.getByLabel('Header (name=value)').fill('source=web');
  await produce.getByLabel('acks').selectOption('1');
  await produce.getByRole('button', { name: 'Send' }).click();
  // acks is a producer config: the form sets it first, then sends; murmur2 puts
  // order-100 on partition 1 of 3.
  await output(page).getByText('produce orders key=order-100 value="two words" header.source=web').waitFor();
  assert.match(await output(page).innerText(), /\$ set-producer acks=1/);
  await page.getByRole('list', { name: 'orders partition 1', exact: true }).getByRole('listitem', { name: /^offset 0,/ }).waitFor();

  const consumer = form('Add a consumer');
  await consumer.getByLabel('Consumer', { exact: true }).fill('billing-1');
  await consumer.getByLabel('Group', { exact: true }).fill('billing');
  await consumer.getByRole('button', { name: 'Add consumer' }).click();
  await output(page).getByText('subscribe billing-1 topics=orders').waitFor();

  const one = form('A consumer: poll, process, commit, seek, close');
  await one.getByRole('button', { name: 'Poll' }).click();
  await output(page).getByText('$ poll billing-1', { exact: true }).waitFor();
  await one.getByRole('button', { name: 'Close' }).click();
  await output(page).getByText('$ close billing-1', { exact: true }).waitFor();

  // The group is empty now, so the real tool's reset goes through and prints its table.
  const reset = form("Reset a group's offsets");
  await reset.getByRole('button', { name: 'Reset offsets' }).click();
  await output(page).getByText(/--group billing --topic orders --reset-offsets --to-earliest --execute/).waitFor();
  assert.match(await output(page).innerText(), /GROUP +TOPIC +PARTITION +NEW-OFFSET/);

  // Eight lines: set-producer, create-consumer and subscribe are a form's extra steps.
  assert.match(await page.getByText(/After \d+ of \d+ commands/).innerText(), /After 8 of 8 commands/);
  await screenshot(page, 'issue13-actions');
  await done();
});

test('the lessons\' panels can be shown in the sandbox, and the scrubber goes back to any command', async () => {
  const { page, done } = await open();
  await type(page, 'create-topic orders partitions=3');
  await type(page, 'produce orders key=order-100 value=a');
  await type(page, 'create-consumer c1 group=billing');
  await type(page, 'subscribe c1 topics=orders');
  await type(page, 'poll c1');

  // Shown by default: the brokers, the topics' and the groups' --describe.
  await page.getByRole('heading', { name: 'kafka-consumer-groups --describe' }).waitFor();
  await page.locator('summary', { hasText: 'Show panels' }).click();
  const picker = page.getByRole('group', { name: 'Show panels' });
  await picker.getByRole('checkbox', { name: 'How the partition was chosen' }).check();
  await page.getByRole('region', { name: 'How the partition was chosen' }).waitFor();
  // A panel per group and per topic the cluster has now.
  await picker.getByRole('checkbox', { name: 'Records per partition: orders' }).check();
  await page.getByRole('heading', { name: 'Records per partition: orders' }).waitFor();
  await picker.getByRole('checkbox', { name: 'kafka-consumer-groups --describe' }).uncheck();
  assert.equal(await page.getByRole('heading', { name: 'kafka-consumer-groups --describe' }).count(), 0);

  // The scrubber: every command is a position; dragging to 1 shows the topic without
  // its record, as Undo four times would.
  const scrubber = page.getByRole('slider', { name: 'Timeline: every command' });
  assert.equal(await scrubber.getAttribute('aria-valuetext'), 'After 5 of 5 commands');
  await scrubber.fill('1');
  assert.equal(await scrubber.getAttribute('aria-valuetext'), 'After 1 of 5 commands');
  const record = page.getByRole('list', { name: 'orders partition 1', exact: true })
    .getByRole('listitem', { name: /^offset 0,/ });
  await page.getByRole('group', { name: /Topic orders/ }).waitFor();
  assert.equal(await record.count(), 0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await record.waitFor();
  assert.equal(await scrubber.inputValue(), '2');
  await screenshot(page, 'issue13-panels');
  await done();
});

test('a topic of 1,000 partitions pages through them and follows the record just written', async () => {
  const { page, done } = await open();
  await type(page, 'create-topic big partitions=1000 replication-factor=3');
  const topic = page.getByRole('region', { name: /^Topic big/ });
  const pager = topic.getByRole('group', { name: 'Partitions shown' });
  await pager.getByText('P0–P15 of 1000').waitFor();
  // murmur2: order-100 goes to partition 601 of 1000; the window moves to its page.
  await type(page, 'produce big key=order-100 value=a');
  await pager.getByText('P592–P607 of 1000').waitFor();
  await page.getByRole('list', { name: 'big partition 601', exact: true })
    .getByRole('listitem', { name: /^offset 0,/ }).waitFor();
  await pager.getByRole('button', { name: 'Later partitions' }).click();
  await pager.getByText('P608–P623 of 1000').waitFor();
  await pager.getByLabel('Go to').fill('999');
  await pager.getByLabel('Go to').press('Enter');
  await pager.getByText('P984–P999 of 1000').waitFor();
  await pager.locator('button[aria-label="Later partitions"][disabled]').waitFor();

  // A consumer of all of them: its card says so in ranges, and the page stays small.
  await type(page, 'create-consumer c1 group=g');
  await type(page, 'subscribe c1 topics=big');
  await type(page, 'poll c1');
  await page.getByText('owns big-0–999 (1000 partitions)').waitFor();
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(nodes < 3000, `${nodes} DOM nodes`);
  await screenshot(page, 'issue13-thousand-partitions');
  await done();
});

test('kafka-metadata-quorum.sh describes the KRaft quorum, and a wrong subcommand gets argparse4j\'s message', async () => {
  const { page, done } = await open();
  await type(page, 'kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status');
  await output(page).getByText(/LeaderId: +101/).waitFor();
  const text = await output(page).innerText();
  assert.match(text, /CurrentVoters: +\[\{"id": 101, "directoryId": "[A-Za-z0-9_-]{22}", "endpoints": \["CONTROLLER:\/\/localhost:9093"\]\}, \{"id": 102/);
  assert.match(text, /CurrentObservers: +\[\{"id": 1, "directoryId": "[A-Za-z0-9_-]{22}"\}, \{"id": 2/);
  await type(page, 'kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --replication');
  await output(page).getByText(/^101 +\t[A-Za-z0-9_-]{22}\t.*Leader/m).waitFor();
  await type(page, 'kafka-metadata-quorum.sh --bootstrap-server localhost:9092 frob');
  await output(page).getByText("kafka-metadata-quorum:  error:   invalid   choice:   'frob'   (choose  from", { exact: false }).waitFor();
  await done();
});

test('the clock lets time pass: Step one second, Play at 10x until Pause', async () => {
  const { page, done } = await open();
  const clock = page.getByRole('group', { name: 'Clock' });
  const now = async () => Number((await clock.getByText(/^t = /).innerText()).match(/t = ([\d.]+) s/)[1]);
  const t0 = await now();
  await clock.getByRole('button', { name: 'Step 1 s' }).click();
  await output(page).getByText('$ tick 1s', { exact: true }).waitFor();
  assert.equal(await now(), t0 + 1);

  const play = clock.getByRole('button', { name: 'Play 10×' });
  await play.click();
  assert.equal(await play.getAttribute('aria-pressed'), 'true');
  await page.waitForTimeout(2300);
  await clock.getByRole('button', { name: 'Pause' }).click();
  const ticks = await output(page).getByText('$ tick 10s', { exact: true }).count();
  assert.ok(ticks >= 2 && ticks <= 4, `${ticks} ticks of 10 s in 2.3 s`);
  assert.equal(await now(), t0 + 1 + 10 * ticks);
  await page.waitForTimeout(1500);
  assert.equal(await output(page).getByText('$ tick 10s', { exact: true }).count(), ticks, 'paused');
  assert.equal(await play.getAttribute('aria-pressed'), 'false');
  await done();
});
