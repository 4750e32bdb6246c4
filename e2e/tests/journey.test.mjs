// End-to-end: the learner's journey (issue 14) as a learner goes through it, by role and
// accessible name: a challenge solved by hand and marked, "Show solution", the quiz at a
// lesson's end, progress kept over a reload, exported and imported, and damaged stored
// progress reported in a notice instead of a broken page.
// Screenshots under e2e/artifacts/screenshots/journey-*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

const CHALLENGE = '#/sandbox?challenge=1.2/1';

test('a challenge solved by hand is marked, counted and kept in the progress', async () => {
  const { page, done } = await openPage(browser, server, CHALLENGE, { reducedMotion: 'reduce' });
  await page.getByRole('heading', { name: 'Challenge 1: Land order-100 in partition 1', level: 1 }).waitFor();
  const panel = page.getByRole('region', { name: 'Land order-100 in partition 1' });
  // A failed attempt: what the engine found, and the hint.
  await panel.getByRole('button', { name: 'Check my cluster' }).click();
  const status = panel.getByRole('status');
  await status.getByText('Not yet. The engine found:').waitFor();
  await status.getByText(/topic orders does not exist/i).first().waitFor();
  await status.getByText('Hint:').waitFor();
  // A line the challenge does not allow is refused, and stays in the input.
  await type(page, 'kill-broker id=1');
  await page.getByText('kill-broker is not part of this challenge.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Command' }).inputValue(), 'kill-broker id=1');
  // A first try with the wrong count, then the right one.
  await type(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 7');
  await type(page, 'produce orders key=order-100 value=created');
  await panel.getByText('every order-100 record is in partition 1 (not yet)').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await type(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 5');
  await panel.getByText('orders has 5 partitions (met)').waitFor();
  await type(page, 'produce orders key=order-100 value=created');
  await status.getByText('Solved in 2 lines: as short as the shortest known solution.').waitFor();
  await screenshot(page, 'journey-challenge-solved');
  // The lesson's closing section shows it solved.
  await page.goto(server.url + '#/lesson/1.2/step/9');
  const section = page.getByRole('region', { name: 'Check yourself' });
  await section.getByText('Solved in 2 lines').waitFor();
  await done();
});

test('Show solution plays the known solution line by line, and it does not count as solved', async () => {
  const { page, done } = await openPage(browser, server, '#/sandbox?challenge=1.2/2', { reducedMotion: 'reduce' });
  const panel = page.getByRole('region', { name: 'Split a key across partitions' });
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await panel.getByRole('status').getByText(/Playing the solution: line 1 of 3/).waitFor();
  await panel.getByRole('status').getByText(/That is the shortest known solution, 3 lines/).waitFor({ timeout: 10_000 });
  const log = await page.getByRole('log', { name: 'Console output' }).innerText();
  assert.match(log, /--alter --topic orders --partitions 5/);
  assert.match(log, /tick 300s/);
  await panel.getByText('order-101 sits in more than one partition (met)').waitFor();
  await page.goto(server.url + '#/lesson/1.2/step/9');
  await page.getByRole('region', { name: 'Check yourself' }).getByText('Not solved yet').first().waitFor();
  await done();
});

test('the quiz checks answers with the engine, and progress survives a reload', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/1.2/step/9', { reducedMotion: 'reduce' });
  const section = page.getByRole('region', { name: 'Check yourself' });
  const first = section.getByRole('listitem').filter({ hasText: 'key order-100 go to in a topic of 7 partitions' });
  await first.getByRole('textbox', { name: 'Your answer' }).fill('2');
  await first.getByRole('button', { name: 'Check answer' }).click();
  await first.getByRole('status').getByText(/^Not quite\. murmur2 gives -?\d+; toPositive makes it \d+; \d+ % 7 = 3\.$/).waitFor();
  await first.getByRole('textbox', { name: 'Your answer' }).fill('3');
  await first.getByRole('button', { name: 'Check answer' }).click();
  await first.getByRole('status').getByText(/^Right\./).waitFor();
  const item = section.getByRole('listitem').filter({ hasText: 'records with a null key go' });
  await item.getByRole('group', { name: /null key go/ }).getByRole('radio', { name: /sticky partitioner/ }).check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await section.getByText(/^Right\. Since KIP-480/).waitFor();
  await screenshot(page, 'journey-quiz');
  await page.reload();
  await page.getByRole('link', { name: 'Your progress' }).first().click();
  await page.getByRole('heading', { name: 'Your progress', level: 1 }).waitFor();
  const row = page.getByRole('row', { name: /1\.2 Keyed routing/ });
  await row.getByRole('cell', { name: 'In progress' }).waitFor();
  await screenshot(page, 'journey-progress', { fullPage: true });
  await done();
});

test('progress is exported to a file and imported back; an unlocked interview question compares answers', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/1.1/step/1', { reducedMotion: 'reduce' });
  // See every step of 1.1 with the Next step button.
  const next = page.getByRole('button', { name: 'Next step' });
  while (await next.isEnabled()) await next.click();
  await page.goto(server.url + '#/progress');
  const lesson = page.getByRole('region', { name: /^1\.1 Topics/ });
  const question = lesson.getByRole('listitem').filter({ has: page.getByRole('textbox') }).first();
  await question.getByRole('textbox', { name: 'Your answer, in your own words' }).fill('Append-only logs with offsets.');
  await question.getByRole('textbox').blur();
  await question.getByRole('button', { name: 'Compare with the model answer' }).click();
  await question.getByText('Model answer', { exact: true }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export progress' }).click();
  const file = path.join(os.tmpdir(), `progress-${process.pid}.json`);
  await (await download).saveAs(file);
  const exported = JSON.parse(await fs.readFile(file, 'utf8'));
  assert.equal(exported.version, 1);
  assert.ok(exported.lessons['1.1'].seen.length >= 5, JSON.stringify(exported));
  assert.match(Object.values(exported.lessons['1.1'].answers)[0], /Append-only/);
  // Reset, then import the file: everything is back.
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Yes, forget my progress' }).click();
  await page.getByRole('row', { name: /1\.1 Topics/ }).getByRole('cell', { name: 'Not started' }).waitFor();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('alert').getByText(/Imported your progress from progress-/).waitFor();
  await page.getByRole('row', { name: /1\.1 Topics/ }).getByRole('cell', { name: /In progress|Complete/ }).waitFor();
  // A damaged file is refused and changes nothing.
  await fs.writeFile(file, '{"version":1,"lessons":');
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('alert').getByText(/Could not import .*damaged.*Your progress is unchanged/).waitFor();
  await page.getByRole('row', { name: /1\.1 Topics/ }).getByRole('cell', { name: /In progress|Complete/ }).waitFor();
  await fs.rm(file);
  await done();
});

test('damaged or foreign stored progress is reported in a notice, set aside, and the page works', async () => {
  for (const [stored, why] of [['{"version":1,"lessons":{"1.1":{"seen":["x"', /damaged/], ['{"version":9,"lessons":{}}', /format 9/]]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((s) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('kafka-playground.progress', s);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
    const page = await context.newPage();
    await page.goto(server.url + '#/lesson/1.2/step/1');
    const notice = page.getByRole('alert').filter({ hasText: 'Your saved progress could not be read' });
    await notice.waitFor();
    assert.match(await notice.innerText(), why);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('heading', { name: /The formula, with real numbers/ }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('kafka-playground.progress.unreadable')), stored);
    await screenshot(page, 'journey-damaged-notice');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await context.close();
  }
});
