import { startServer, launchBrowser, appDistDir } from './tests/lib/harness.mjs';
const server = await startServer(appDistDir(), { basePath: '/' });
const browser = await launchBrowser();
for (const [name, w, dark, hash] of [['phone', 390, false, '#/lesson/1.4/step/11'], ['dark', 1400, true, '#/lesson/1.4/step/7'], ['home', 1400, false, ''], ['l13', 1400, false, '#/lesson/1.3/step/3']]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
  await page.goto(server.url + hash);
  await page.waitForTimeout(1500);
  if (name === 'dark') await page.locator('.chip').first().hover();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/w2-${name}.png`, fullPage: name !== 'phone' });
  await ctx.close();
}
await browser.close(); await server.close();
