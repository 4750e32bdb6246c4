import { startServer, launchBrowser, collectConsoleErrors } from '/work/main/e2e/tests/lib/harness.mjs';
const server = await startServer('/work/main/dist', { basePath: '/kafka-playground/' });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = collectConsoleErrors(page);
const base = server.url ?? server.baseUrl ?? server.origin;
console.log('server', Object.keys(server), base);
const urls = process.argv.slice(2);
let i = 0;
for (const u of urls) {
  await page.goto(base + u);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-${i++}.png`, fullPage: true });
}
console.log('errors', errors);
await browser.close(); await server.close();
