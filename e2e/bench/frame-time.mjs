// Redraw time of one lesson step in headless Chromium: the unlisted benchmark scene
// (#/lesson/bench: three topics of five partitions, up to 300 records) is stepped
// forward and back, and each step is timed from the click until every effect has run and
// style and layout are recomputed (redraw.mjs).
//
//   node bench/frame-time.mjs [--dist DIR] [--rounds 5] [--json] [--lesson 2.1]
// Budget (issue 13, scripts/bench.sh): median at most 10 ms, p90 within one 60 Hz frame
// (16.7 ms). With --lesson ID, a written
// lesson is stepped instead, through all its steps forward and back (issue 12: a step of
// the replication lesson, with its brokers panel, redrawn within one frame).

import { parseArgs } from 'node:util';
import { appDistDir, launchBrowser, startServer } from '../tests/lib/harness.mjs';
import { stats, timeClick } from './redraw.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    lesson: { type: 'string' },
  },
});
const rounds = Number.parseInt(opts.rounds, 10);
const server = await startServer(opts.dist || appDistDir(), { basePath: '/' });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, reducedMotion: 'reduce' });
const lesson = opts.lesson || 'bench';
await page.goto(server.url + `#/lesson/${lesson}/step/1`);
if (opts.lesson) {
  await page.locator('#shell').waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Loading the lesson' }).waitFor({ state: 'detached' });
  await page.locator('#step-title').waitFor();
} else {
  await page.getByRole('heading', { name: 'Three topics of five partitions' }).waitFor();
}
const steps = opts.lesson ? await page.locator('.player__step-dot').count() : 6;

const samples = [];
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i + 1 < steps; i++) samples.push(await timeClick(page, 'Next step'));
  for (let i = 0; i + 1 < steps; i++) samples.push(await timeClick(page, 'Previous step'));
}
const cells = await page.locator('[role=listitem][aria-label^="offset"]').count();
await browser.close();
await server.close();

const { median_ms: median, p90_ms: p90, max_ms: max } = stats(samples);
if (opts.json) {
  console.log(JSON.stringify({ median_ms: median, p90_ms: p90, max_ms: max, steps: samples.length }));
} else {
  const scene = opts.lesson ? `lesson ${lesson}` : 'three topics x five partitions, up to 300 records';
  console.log(`steps timed: ${samples.length} (${scene}; ${cells} cells at the end)`);
  console.log(`median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${max.toFixed(1)} ms (budget: median <= 10 ms, p90 <= 16.7 ms)`);
}
