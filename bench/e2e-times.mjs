#!/usr/bin/env node
// Compares the end-to-end suite's time between two runs, from their logs
// (the output of tests/e2e/run.mjs, one "ok - browser › file › name (N ms)"
// line per test). Tests are matched by browser, file and name; the figures
// that compare like with like are the sums over the tests both runs have.
//
//   node bench/e2e-times.mjs OLD.log NEW.log
//
// To compare with an older commit in the same conditions: build it in a
// worktree, then run both suites one after the other on a quiet machine
// (`node tests/e2e/run.mjs > run.log` in each tree).
// Prints figures, asserts nothing.
import fs from "node:fs";

const [oldPath, newPath] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node bench/e2e-times.mjs OLD.log NEW.log");
  process.exit(2);
}

const LINE = /^(ok|not ok) - (\w+) › (\S+) › (.*) \((\d+) ms\)$/;

function read(file) {
  const tests = new Map();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = LINE.exec(line);
    if (m) tests.set(`${m[2]} › ${m[3]} › ${m[4]}`, { browser: m[2], passed: m[1] === "ok", ms: Number(m[5]) });
  }
  if (!tests.size) throw new Error(`${file}: no test lines (is it the output of tests/e2e/run.mjs?)`);
  return tests;
}

const older = read(oldPath);
const newer = read(newPath);
const seconds = (ms) => (ms / 1000).toFixed(1);

const rows = [];
for (const browser of [...new Set([...older.values(), ...newer.values()].map((t) => t.browser))].sort()) {
  const inOld = [...older].filter(([, t]) => t.browser === browser);
  const inNew = [...newer].filter(([, t]) => t.browser === browser);
  const common = inNew.filter(([key]) => older.has(key));
  const sum = (list, from) => list.reduce((total, [key]) => total + from.get(key).ms, 0);
  rows.push({
    browser,
    oldAll: sum(inOld, older), oldCount: inOld.length,
    newAll: sum(inNew, newer), newCount: inNew.length,
    commonCount: common.length, commonOld: sum(common, older), commonNew: sum(common, newer),
    failed: [...inOld, ...inNew].filter(([, t]) => !t.passed).length,
  });
}

console.log("| browser | tests in both | old (s) | new (s) | new/old | all tests old | all tests new |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.browser} | ${r.commonCount} | ${seconds(r.commonOld)} | ${seconds(r.commonNew)} | ${(r.commonNew / r.commonOld).toFixed(3)} `
    + `| ${r.oldCount} in ${seconds(r.oldAll)} s | ${r.newCount} in ${seconds(r.newAll)} s |`);
}
const total = (k) => rows.reduce((s, r) => s + r[k], 0);
console.log(`\nTests in both runs: ${total("commonCount")}, ${seconds(total("commonOld"))} s against ${seconds(total("commonNew"))} s `
  + `(new/old ${(total("commonNew") / total("commonOld")).toFixed(3)}).`);
console.log(`Only in the old run: ${[...older.keys()].filter((k) => !newer.has(k)).length}; only in the new run: ${[...newer.keys()].filter((k) => !older.has(k)).length}.`);
const failed = total("failed");
if (failed) console.log(`${failed} test lines are failures: their times are not comparable.`);
