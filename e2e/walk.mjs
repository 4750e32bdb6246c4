// Ad hoc: screenshot every step of a lesson. node walk.mjs <lessonId> [width]
import { startServer, launchBrowser, screenshot, appDistDir } from './tests/lib/harness.mjs';
const id = process.argv[2] || '1.3';
const width = Number(process.argv[3] || 1400);
const server = await startServer(appDistDir(), { basePath: '/' });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width, height: 1000 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${server.url}#/lesson/${id}`);
await page.getByRole('button', { name: 'Next step' }).waitFor();
for (let i = 1; ; i++) {
  await page.waitForTimeout(900);
  await page.screenshot({ path: `/tmp/walk-${id}-${i}.png`, fullPage: true });
  const next = page.getByRole('button', { name: 'Next step' });
  if (await next.isDisabled()) break;
  await next.click();
}
await browser.close();
await server.close();
