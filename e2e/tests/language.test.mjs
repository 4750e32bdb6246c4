// End-to-end: the learner's language (issue 14). The switch in the site bar, from the
// static home page and from the app; the choice remembered across reloads and carried in
// the URL (`?lang=vi`); and a lesson read in Vietnamese with no English left on the page
// but Kafka's own names (code, CLI output, config keys). Screenshots: e2e/artifacts/
// screenshots/language-*.

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

// English words that no Vietnamese sentence of ours uses: the glue of English prose and
// the app's own English chrome. Kafka's names (config keys, exceptions, CLI text) are in
// code, pre and kbd elements, which are left out, as are record keys and values; a word
// inside a hyphenated name (stop-the-world) is a name.
const ENGLISH = /(?<![\w-])(the|and|of|with|is|are|was|has|have|not|this|that|from|into|which|when|what|your|step|steps|lesson|lessons|record|records|next|previous|play|pause|loading|click|press|commands|checked|all lessons)(?![\w-])/i;

/// Every text a learner reads or hears on the page, less Kafka's own names: visible text
/// and accessible names (aria-label), each with where it is.
async function englishLeft(page) {
  return page.evaluate((source) => {
    const english = new RegExp(source, 'i');
    const skip = 'code, pre, kbd, samp, script, style, [hidden], .visually-hidden-skip';
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      const text = n.textContent.trim();
      if (text && english.test(text)) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${text}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt]')) {
      if (el.closest(skip)) continue;
      for (const a of ['aria-label', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v && english.test(v)) found.push(`[${a}] ${el.tagName.toLowerCase()}: ${v}`);
      }
    }
    return found;
  }, ENGLISH.source);
}

test('the switch in the site bar: a static home page per language, remembered, then the app in it', async () => {
  // From the static home page (no wasm yet): the link names the language in itself, and
  // leads to that language's static page.
  const { page, done } = await openPage(browser, server, '', { width: 1280, height: 800 });
  const vi = page.getByRole('link', { name: 'Tiếng Việt' });
  assert.equal(await vi.getAttribute('lang'), 'vi');
  await vi.click();
  await page.waitForURL(/index\.vi\.html/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  await page.getByText('Xem Apache Kafka thực sự vận hành ra sao', { exact: false }).waitFor();
  await page.getByRole('heading', { name: 'Module A: Kiến trúc cốt lõi' }).waitFor();
  // Static: the page as written, no app running (its static page is still there).
  assert.equal(await page.locator('#shell').count(), 1);
  assert.match(await page.locator('#shell .site-header__icon').innerText(), /^[☀☾]$/);
  assert.deepEqual(await englishLeft(page), [], 'the static Vietnamese home page');
  await screenshot(page, 'language-home-vi');
  // Remembered: the site's address opens the Vietnamese home page.
  await page.goto(server.url);
  await page.waitForURL(/index\.vi\.html/);
  await page.getByRole('heading', { name: 'Module A: Kiến trúc cốt lõi' }).waitFor();
  // A lesson from there: the app, in Vietnamese: its steps, buttons and checks.
  await page.getByRole('link', { name: /Định tuyến theo khóa/ }).click();
  await page.getByRole('heading', { name: 'Hai topic, mỗi topic ba partition' }).waitFor();
  await page.getByRole('button', { name: 'Tiến một bước' }).click();
  await page.getByRole('heading', { name: 'Công thức, với số liệu thật' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Bước 2\/\d+/);
  // Back to English from the app: the same step, in English, and that is remembered.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'The formula, with real numbers' }).waitFor();
  assert.match(page.url(), /#\/lesson\/1\.2\/step\/2$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('button', { name: 'Next step' }).waitFor();
  await page.goto(server.url + 'index.vi.html');
  await page.waitForURL(/index\.html$/);
  await page.getByRole('heading', { name: 'Module A: Core architecture' }).waitFor();
  await done();
});

test('?lang=vi in a shared link opens it in Vietnamese, and its embed code carries it', async () => {
  const { page, done } = await openPage(browser, server, '#/lesson/1.1/step/1?lang=vi');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  await page.getByRole('link', { name: 'English' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lang')), 'vi');
  // What a Vietnamese teacher copies for a class opens in Vietnamese.
  await page.getByRole('button', { name: 'Sao chép mã nhúng' }).click();
  const code = await page.getByRole('textbox', { name: /Mã nhúng cho bước này/ }).inputValue();
  assert.match(code, /#\/lesson\/1\.1\/step\/1\?embed&amp;lang=vi"/);
  await done();
});

for (const [lesson, steps] of [['1.2', [1, 2, 3, 5, 9]], ['1.5', [1, 4, 8]], ['2.1', [1, 3, 6]]]) {
  test(`lesson ${lesson} in Vietnamese has no English left but Kafka's names`, async () => {
    const { page, done } = await openPage(browser, server, `#/lesson/${lesson}/step/1?lang=vi`, { width: 1280, height: 900 });
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    for (const n of steps) {
      await page.goto(server.url + `#/lesson/${lesson}/step/${n}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForTimeout(150);
      const left = await englishLeft(page);
      assert.deepEqual(left, [], `lesson ${lesson} step ${n}`);
    }
    await screenshot(page, `language-lesson-${lesson}-vi`);
    await done();
  });
}

test('the sandbox, a challenge and the progress page in Vietnamese', async () => {
  const { page, done } = await openPage(browser, server, '#/progress?lang=vi', { width: 1280, height: 900 });
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  await page.getByRole('heading', { name: 'Tiến độ của bạn' }).waitFor();
  // Loaded: every lesson with its overlay, the modules drawn from the translated catalog.
  await page.getByRole('heading', { name: 'Module A: Kiến trúc cốt lõi' }).waitFor();
  await page.getByRole('heading', { name: /Định tuyến theo khóa/ }).first().waitFor();
  assert.deepEqual(await englishLeft(page), [], 'the progress page');
  await screenshot(page, 'language-progress-vi');
  for (const hash of ['#/sandbox?challenge=1.2/1', '#/sandbox']) {
    await page.goto(server.url + hash);
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    await page.locator('#shell').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(await englishLeft(page), [], hash);
  }
  await screenshot(page, 'language-sandbox-vi');
  await done();
});
