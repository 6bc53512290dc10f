#!/usr/bin/env node
// A/B of analyser builds in one process, rounds interleaved so that a noisy
// machine weighs on every build alike:
//
//   node bench/compare.mjs DIR [DIR ...]
//
// Each DIR holds a wasm-bindgen `rapport.js` and its `rapport_bg.wasm` (for
// example a copy of extension/pkg from another commit). Prints, per build, the
// best analyze posts/s on tweets-ordinary.jsonl and the best median time for
// the 1 MB text of `make bench`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.resolve(ROOT, "..", "shared", "corpora", "tweets-ordinary.jsonl");
if (!fs.existsSync(CORPUS)) {
  console.log(`compare: ${CORPUS} is absent; nothing to compare on.`);
  process.exit(0);
}
const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error("usage: node bench/compare.mjs DIR [DIR ...]");
  process.exit(2);
}
const tweets = fs.readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).text);
const source = tweets.join(" ");
const repeatTo = (n) => { let s = source; while (s.length < n) s += " " + source; return s.slice(0, n); };
const text1m = repeatTo(1_000_000);

const builds = [];
for (const dir of dirs) {
  // The query keeps two copies of the same glue file apart in the module cache.
  const m = await import(`${path.resolve(dir, "rapport.js")}?${builds.length}`);
  const wasm = path.resolve(dir, "rapport_bg.wasm");
  await m.default({ module_or_path: fs.readFileSync(wasm) });
  // Builds made without their lexicon's data (external-lexicon) take it from beside them.
  const lexicon = path.resolve(dir, "lexicon.json");
  if (m.install_lexicon && fs.existsSync(lexicon)) m.install_lexicon(JSON.parse(fs.readFileSync(lexicon, "utf8")));
  builds.push({ dir, m, size: fs.statSync(wasm).size, posts: [], mb: [] });
}
function throughput(fn) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 1500) {
    for (let i = 0; i < 1000; i++) fn(tweets[(n + i) % tweets.length]);
    n += 1000;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}
function medianMs(fn, runs) {
  const t = [];
  for (let i = 0; i < runs; i++) { const a = performance.now(); fn(); t.push(performance.now() - a); }
  t.sort((a, b) => a - b);
  return t[runs >> 1];
}
// Round 0 warms each build up (V8 tiers wasm up over the first second) and is not counted.
for (let round = 0; round < 6; round++) {
  for (const b of builds) {
    const posts = throughput((t) => b.m.analyze(t, undefined));
    const mb = medianMs(() => b.m.analyze(text1m, undefined), 7);
    if (round > 0) { b.posts.push(posts); b.mb.push(mb); }
  }
}
for (const b of builds) {
  console.log(`${b.dir}: ${b.size.toLocaleString("en-US")} B; analyze best ${Math.round(Math.max(...b.posts)).toLocaleString("en-US")} posts/s; 1 MB best median ${Math.min(...b.mb).toFixed(1)} ms (5 rounds)`);
}
