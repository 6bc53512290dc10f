#!/usr/bin/env node
// Runs every end-to-end spec in headless Chromium and Firefox ESR with the
// built extension loaded, and prints how many passed per browser.
//
//   node tests/e2e/run.mjs [--browser chromium|firefox] [--grep TEXT[|TEXT...]]
//
// A spec is a module in tests/e2e/specs/ whose default export is a list of
// { name, run(ctx) } (run throws to fail); ctx = { session, kind, server, fixtureUrl }.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./browsers.mjs";
import { ROOT, startFixtureServer } from "./server.mjs";
import { buildFixtures } from "../fixtures/build.mjs";

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const browsers = opt("--browser") ? [opt("--browser")] : ["chromium", "firefox"];
const grep = opt("--grep");
const TEST_TIMEOUT_MS = 90_000;

const extensionDir = path.join(ROOT, "extension");
if (!fs.existsSync(path.join(extensionDir, "pkg", "rapport_bg.wasm"))) {
  console.error("e2e: extension/pkg is missing: run `make build` first");
  process.exit(2);
}

const specDir = path.join(ROOT, "tests", "e2e", "specs");
const specs = [];
for (const file of fs.readdirSync(specDir).filter((f) => f.endsWith(".mjs")).sort()) {
  const mod = await import(pathToFileURL(path.join(specDir, file)));
  for (const test of mod.default) {
    if (!grep || grep.split("|").some((g) => `${file} ${test.name}`.includes(g))) specs.push({ file, ...test });
  }
}

const withTimeout = (promise, ms, what) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref()),
]);

console.log(`# fixture editors bundled in ${await buildFixtures()} ms`);
const server = await startFixtureServer();
const totals = {};
let failedAll = 0;
let passedAll = 0;
for (const kind of browsers) {
  totals[kind] = { passed: 0, failed: 0 };
  let session;
  try {
    session = await launch(kind, { extensionDir, hosts: server.hosts });
    console.log(`# ${kind}: started with the extension in ${session.startupMs} ms`);
  } catch (e) {
    console.log(`not ok - ${kind}: the browser did not start with the extension: ${e.stack || e}`);
    totals[kind].failed += specs.length;
    failedAll += specs.length;
    continue;
  }
  for (const spec of specs) {
    if (spec.browsers && !spec.browsers.includes(kind)) continue;
    const started = Date.now();
    const ctx = { session, kind, server, fixtureUrl: (host, p = "/") => `https://${host}${p}` };
    try {
      await withTimeout(spec.run(ctx), spec.timeout ?? TEST_TIMEOUT_MS, spec.name);
      totals[kind].passed += 1;
      passedAll += 1;
      console.log(`ok - ${kind} › ${spec.file} › ${spec.name} (${Date.now() - started} ms)`);
    } catch (e) {
      totals[kind].failed += 1;
      failedAll += 1;
      console.log(`not ok - ${kind} › ${spec.file} › ${spec.name} (${Date.now() - started} ms)\n  ${String(e.stack || e).split("\n").join("\n  ")}`);
    }
    // Close pages a test left open so the next starts clean.
    for (const p of await session.browser.pages()) {
      if (!p.url().startsWith("about:")) await p.close().catch(() => {});
    }
  }
  await session.close();
}
await server.close();

for (const [kind, t] of Object.entries(totals)) console.log(`${kind}: ${t.passed} passed, ${t.failed} failed`);
console.log(`e2e: ${passedAll} passed, ${failedAll} failed`);
process.exit(failedAll === 0 && passedAll > 0 ? 0 : 1);
