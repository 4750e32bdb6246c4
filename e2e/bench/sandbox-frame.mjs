// Redraw time of one sandbox command in headless Chromium, on a topic of 1,000
// partitions (replication factor 3, three brokers): each command is typed at the
// console and submitted, then timed until Leptos has run every effect and the browser
// has recomputed style and layout (forced), as frame-time.mjs times a lesson step. Then
// Undo and Redo are timed the same way over the history.
//
//   node bench/sandbox-frame.mjs [--dist DIR] [--partitions 1000] [--records 120] [--json]
// Budget (issue 13): median at most 10 ms, p90 within one 60 Hz frame (16.7 ms).

import { parseArgs } from 'node:util';
import { appDistDir, launchBrowser, startServer } from '../tests/lib/harness.mjs';
import { stats, timeClick, timeLine } from './redraw.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string' },
    partitions: { type: 'string', default: '1000' },
    records: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
  },
});
const partitions = Number.parseInt(opts.partitions, 10);
const records = Number.parseInt(opts.records, 10);
const server = await startServer(opts.dist || appDistDir(), { basePath: '/' });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
await page.goto(server.url + '#/sandbox');
await page.getByRole('textbox', { name: 'Command' }).waitFor();

const setup = await timeLine(page, `create-topic big partitions=${partitions} replication-factor=3`);
const samples = { produce: [], tick: [], undo: [], redo: [] };
for (let i = 0; i < records; i++) {
  samples.produce.push(await timeLine(page, `produce big key=user-${i} value=v${i}`));
  if (i % 20 === 19) samples.tick.push(await timeLine(page, 'tick 1s'));
}
for (let i = 0; i < 30; i++) samples.undo.push(await timeClick(page, 'Undo'));
for (let i = 0; i < 30; i++) samples.redo.push(await timeClick(page, 'Redo'));
const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
await browser.close();
await server.close();

const all = stats([...samples.produce, ...samples.tick, ...samples.undo, ...samples.redo]);
const result = {
  ...all,
  partitions,
  records,
  create_ms: setup,
  dom_nodes: nodes,
  produce: stats(samples.produce),
  tick: stats(samples.tick),
  undo: stats(samples.undo),
  redo: stats(samples.redo),
};
if (opts.json) {
  console.log(JSON.stringify(result));
} else {
  const f = (x) => `median ${x.median_ms.toFixed(1)} ms, p90 ${x.p90_ms.toFixed(1)} ms, max ${x.max_ms.toFixed(1)} ms (${x.n})`;
  console.log(`sandbox, ${partitions} partitions x 3 replicas, ${records} records; ${nodes} DOM nodes at the end`);
  console.log(`  create-topic: ${setup.toFixed(1)} ms`);
  for (const k of ['produce', 'tick', 'undo', 'redo']) console.log(`  ${k.padEnd(8)} ${f(result[k])}`);
  console.log(`  all      ${f(all)} (budget: median <= 10 ms, p90 <= 16.7 ms)`);
}
