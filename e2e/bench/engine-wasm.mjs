// The engine compiled to wasm (bench/engine-wasm, the app's release profile and
// wasm-opt -Oz), appending keyed records in headless Chromium: nanoseconds a record,
// best of three, the workload `kafka-sim bench` times natively (kafka_sim::bench).
//
//   node bench/engine-wasm.mjs --pkg ../bench/engine-wasm/pkg [--records 1000000] [--json]
// scripts/bench.sh builds the package and compares the rate with the native one
// (budget: at least 0.7 of it).

import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from '../tests/lib/harness.mjs';

const { values: opts } = parseArgs({
  options: {
    pkg: { type: 'string' },
    records: { type: 'string', default: '1000000' },
    json: { type: 'boolean', default: false },
  },
});
const records = Number.parseInt(opts.records, 10);
const server = await startServer(opts.pkg, { basePath: '/' });
const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(server.url);
const ns = await page.evaluate(async (n) => {
  const m = await import('/engine_wasm.js');
  await m.default({ module_or_path: '/engine_wasm_bg.wasm' });
  return m.ns_per_record(n);
}, records);
await browser.close();
await server.close();
if (opts.json) {
  console.log(JSON.stringify({ records, ns_per_record: ns, records_per_s: Math.round(1e9 / ns) }));
} else {
  console.log(`wasm engine in Chromium: ${Math.round(1e9 / ns)} records/s (${ns.toFixed(1)} ns/record, ${records} records, best of 3)`);
}
