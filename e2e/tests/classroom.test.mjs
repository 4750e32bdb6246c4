// End-to-end: the classroom and the blog post (issue 14). Presenter mode on a 1280x720
// projector, driven by keys alone (← → Page Up/Down, Space, F, B, N, Esc) with a pointer
// ring; embed mode with its "Copy embed code" button and the snippet it copies.
// Screenshots under e2e/artifacts/screenshots/classroom-*.

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

const stepTitle = (page) => page.locator('#step-title').innerText();

test('presenter mode: a projector-sized step, driven by keys alone', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/1.2/step/2', { width: 1280, height: 720, reducedMotion: 'reduce' });
  // P (or the Present link) enters it, on the same step.
  await page.keyboard.press('p');
  await page.getByRole('group', { name: 'Presenter mode' }).waitFor();
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/2\?present$/);
  // No site header, no button row: the step's title, large, and the picture.
  assert.equal(await page.getByRole('banner').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Next step' }).isVisible(), false);
  const title = page.locator('#step-title');
  assert.equal(await title.innerText(), 'The formula, with real numbers');
  const size = await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 30, `the step title is ${size}px, too small for a projector`);
  // The narration is hidden until N shows it as notes.
  const narration = page.getByText('The murmur2 of', { exact: false });
  assert.equal(await narration.isVisible(), false);
  await page.keyboard.press('n');
  await narration.waitFor();
  await screenshot(page, 'classroom-presenter-notes');
  await page.keyboard.press('n');
  await narration.waitFor({ state: 'hidden' });
  // The picture fits the projector: the partitions are on screen, not below it.
  const box = await page.getByRole('list', { name: 'user-events partition 2' }).boundingBox();
  assert.ok(box && box.y + box.height <= 720, `partition 2 is drawn at ${JSON.stringify(box)}`);
  // ← → and a clicker's Page Down / Page Up change step.
  await page.keyboard.press('ArrowRight');
  await page.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();
  await page.keyboard.press('PageUp');
  await page.getByRole('heading', { name: 'The formula, with real numbers' }).waitFor();
  await page.keyboard.press('PageDown');
  await page.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();
  assert.match(await page.getByRole('group', { name: 'Presenter mode' }).innerText(), /Step 3 of 9/);
  // The pointer ring follows the mouse.
  await page.mouse.move(640, 400);
  const ring = page.locator('.presenter__pointer');
  await ring.waitFor();
  const ringBox = await ring.boundingBox();
  assert.ok(Math.abs(ringBox.x + ringBox.width / 2 - 640) < 2 && Math.abs(ringBox.y + ringBox.height / 2 - 400) < 2, JSON.stringify(ringBox));
  await screenshot(page, 'classroom-presenter');
  // B blanks the screen and says so; B again brings the step back.
  await page.keyboard.press('b');
  await page.getByRole('status').filter({ hasText: 'Screen blanked' }).waitFor();
  await screenshot(page, 'classroom-presenter-blank');
  await page.keyboard.press('b');
  await page.getByRole('status').filter({ hasText: 'Screen blanked' }).waitFor({ state: 'detached' });
  // F goes full screen and back.
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement !== null);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);
  // Space plays, Space pauses: the step moves on by itself.
  await page.keyboard.press('Space');
  await page.getByRole('heading', { name: 'Same key, same partition, in order' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Space');
  // Esc leaves, on the step it is at, with the controls back.
  const at = await stepTitle(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Next step' }).waitFor();
  assert.doesNotMatch(page.url(), /present/);
  assert.equal(await stepTitle(page), at);
  await done();
});

test('presenter mode opens from its URL and from the Present link', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/2.1/step/4?present', { width: 1280, height: 720 });
  await page.getByRole('group', { name: 'Presenter mode' }).waitFor();
  await page.getByRole('button', { name: 'Leave presenter mode' }).click();
  await page.getByRole('link', { name: 'Present' }).click();
  await page.getByRole('group', { name: 'Presenter mode' }).waitFor();
  assert.match(page.url(), /step\/4\?present$/);
  await done();
});

test('embed: "Copy embed code" gives an iframe of the step, which shows it without the site chrome', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/1.2/step/3', { reducedMotion: 'reduce' });
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const box = page.getByRole('textbox', { name: 'Embed code for this step (copied):' });
  const code = await box.inputValue();
  const m = code.match(/^<iframe src="([^"]+)" title="([^"]+)" width="100%" height="640" [^>]*><\/iframe>$/);
  assert.ok(m, code);
  const src = m[1].replaceAll('&amp;', '&');
  assert.equal(src, `${server.url}#/lesson/1.2/step/3?embed`);
  assert.equal(m[2], 'Lesson 1.2: Keyed routing, step 3 · Kafka Playground');
  // The snippet works in a page of someone else's: a blog post with the iframe in it.
  const blog = await page.context().newPage();
  await blog.setContent(`<!doctype html><title>A blog post</title><h1>My post</h1>${code}`);
  const frame = blog.frameLocator('iframe');
  await frame.getByRole('heading', { name: 'Ten records each for user-1, user-2 and user-3' }).waitFor();
  assert.equal(await frame.getByRole('banner').count(), 0, 'no site header inside the frame');
  assert.equal(await frame.getByRole('contentinfo').count(), 0, 'no footer inside the frame');
  // Inside the frame: the step's controls, and a way to the whole page.
  await frame.getByRole('button', { name: 'Next step' }).click();
  await frame.getByRole('heading', { name: 'Same key, same partition, in order' }).waitFor();
  const full = frame.getByRole('link', { name: 'Open in Kafka Playground ↗' });
  assert.equal(await full.getAttribute('href'), `${server.url}#/lesson/1.2/step/4`);
  assert.equal(await full.getAttribute('target'), '_blank');
  await screenshot(blog, 'classroom-embed-blog');
  await blog.close();
  await done();
});

test('embed: a shared sandbox has its own "Copy embed code", and the frame replays it', async () => {
  const { page, done } = await openPage(browser, server, '#/sandbox', { reducedMotion: 'reduce' });
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo --partitions 3');
  await input.press('Enter');
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: /Link to this state/ }).inputValue();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(code.startsWith(`<iframe src="${link.replaceAll('&', '&amp;')}&amp;embed" title="Sandbox`), code);
  const blog = await page.context().newPage();
  await blog.setContent(`<!doctype html><title>A slide</title>${code}`);
  const frame = blog.frameLocator('iframe');
  await frame.getByRole('region', { name: /^Topic demo/ }).waitFor();
  assert.equal(await frame.getByRole('banner').count(), 0);
  await blog.close();
  await done();
});
