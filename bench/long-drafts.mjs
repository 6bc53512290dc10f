#!/usr/bin/env node
// What a long draft costs the page, in Chromium and Firefox: X's Draft.js
// composer (x.com/home, strict CSP) and X's narrow-layout textarea
// (x.com/compose), with Rapport on and with Rapport paused on the site (its
// content scripts injected and stopped), alternated in the same browser.
//
// For each draft length, a fresh page; the draft (real tweets from
// ../shared/corpora, three to a paragraph) goes in as one paste (a paste
// event the editor handles, as a user's Ctrl+V), then 10 keys are typed at
// the end. Printed per row:
//  - extra per key: the page's main-thread busy time while the keys are
//    typed and answered, (on − paused) / 10. Busy time is measured in the
//    page by a probe that posts itself a message in a loop and adds up the
//    gaps other tasks left in it (the editor's, the browser's rendering and
//    the extension's alike), the same way in both browsers;
//  - longest task: the longest gap in that probe while typing, on and
//    paused (the editor's own work is in both);
//  - Rapport's longest: the longest single piece of Rapport's own work in
//    the page (one event handler, observer callback, answer or frame pass),
//    timed inside the content script (developer setting `timing`);
//  - first hints: from the paste to the overlay drawing hints of the pasted
//    text (the whole draft, or, past the live-checking length, the part
//    around the caret), and what the gauge says is being checked;
//  - past the live-checking length, the whole check once the typing stops:
//    Rapport's longest piece of work then, and when the gauge says "whole".
// Extra per key and first hints are the median of --runs pairs (3), the
// longest pieces of work the worst of them.
//
//   node bench/long-drafts.mjs [--browsers chromium,firefox] [--lengths 3000,40000,63206,1000000] [--editors draft,textarea]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "../tests/e2e/browsers.mjs";
import { sendFromExtension } from "../tests/e2e/lib/composer.mjs";
import { ROOT, startFixtureServer } from "../tests/e2e/server.mjs";
import { buildFixtures } from "../tests/fixtures/build.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const BROWSERS = opt("browsers", "chromium,firefox").split(",");
const LENGTHS = opt("lengths", "3000,40000,63206,1000000").split(",").map(Number);
const EDITORS = opt("editors", "draft,textarea").split(",");
const KEYS = 10;
// Each row is the median of this many alternated pairs of runs (on, paused): one run's busy time is noisy.
const RUNS = Number(opt("runs", "3"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const CORPORA = path.resolve(ROOT, "..", "shared", "corpora");
const SOURCES = ["brand-tweets-yum.jsonl", "tweets-ordinary.jsonl", "brand-tweets-skincare.jsonl"];

/** Real tweets, three to a paragraph, to `chars` characters; a written stand-in when the corpora are absent (said so). */
function realText(chars) {
  const tweets = [];
  for (const f of SOURCES) {
    const file = path.join(CORPORA, f);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const t = JSON.parse(line).text?.replace(/\s+/g, " ").trim();
      if (t) tweets.push(t);
    }
  }
  if (!tweets.length) {
    console.log(`(../shared/corpora is absent: the drafts are a repeated written paragraph, not real text)`);
    tweets.push("Thanks to everyone who came to the meetup yesterday, what a room.", "Follow us for more and smash that like button!!!", "What would you add to the next one?");
  }
  const paragraphs = [];
  let length = 0;
  for (let i = 0; length < chars; i += 3) {
    const p = [0, 1, 2].map((k) => tweets[(i + k) % tweets.length]).join(" ");
    paragraphs.push(p);
    length += p.length + 1;
  }
  return paragraphs.join("\n").slice(0, chars).trimEnd();
}

const PAGES = {
  draft: { url: "https://x.com/home.html", root: '[data-testid="tweetTextarea_0"]' },
  textarea: { url: "https://x.com/compose.html", root: "#x-narrow" },
};

/** In the page: a probe that adds up the time other tasks take on the main thread. */
function installProbe() {
  const probe = { running: false, busy: 0, longest: 0, samples: 0 };
  const channel = new MessageChannel();
  let last = 0;
  channel.port1.onmessage = () => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    probe.samples += 1;
    // A loop turn takes a few microseconds: anything longer is another task.
    if (gap > 0.05) {
      probe.busy += gap;
      if (gap > probe.longest) probe.longest = gap;
    }
    if (probe.running) channel.port2.postMessage(0);
  };
  probe.start = () => {
    Object.assign(probe, { running: true, busy: 0, longest: 0, samples: 0 });
    last = performance.now();
    channel.port2.postMessage(0);
  };
  probe.stop = () => {
    probe.running = false;
    return { busy: probe.busy, longest: probe.longest, samples: probe.samples };
  };
  globalThis.__probe = probe;
}

/**
 * In the page: puts `text` on the clipboard (the click before gave the page
 * user activation) and starts the first-hints clock at the paste event; the
 * caller then presses Ctrl+V, so the editor takes a real, trusted paste in
 * both browsers (Firefox gives a synthetic paste event an empty clipboard).
 */
async function preparePaste(text) {
  await navigator.clipboard.writeText(text);
  globalThis.__firstHints = null;
  document.addEventListener("paste", () => { globalThis.__pastedAt = performance.now(); }, { capture: true, once: true });
  const watch = () => {
    const h = document.querySelector("rapport-overlay");
    if (!h) return requestAnimationFrame(watch);
    const check = () => {
      if (globalThis.__pastedAt !== undefined && globalThis.__firstHints === null && Number(h.dataset.hints || 0) > 0 && Number(h.dataset.analyzedChars) >= Math.min(text.length, 2000)) {
        globalThis.__firstHints = { ms: performance.now() - globalThis.__pastedAt, scope: h.dataset.scope || "whole" };
      }
    };
    new MutationObserver(check).observe(h, { attributes: true });
  };
  watch();
}

const textLength = (selector) => {
  const root = document.querySelector(selector);
  return root instanceof HTMLTextAreaElement ? root.value.length : globalThis.__fixture.getText().length;
};

async function setPaused(session, paused) {
  const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
  s.paused_sites = paused ? ["x.com"] : [];
  await sendFromExtension(session, { kind: "setSettings", settings: s });
}

async function measure(session, editor, length, on) {
  const { url, root } = PAGES[editor];
  const text = realText(length);
  const page = await session.openPage(url);
  try {
    if (editor === "draft") await page.waitForFunction(() => document.documentElement.dataset.editorReady === "true");
    await page.evaluate(installProbe);
    await page.click(root);
    await sleep(300);
    await page.evaluate(preparePaste, text);
    await page.keyboard.down("Control");
    await page.keyboard.press("KeyV");
    await page.keyboard.up("Control");
    // The editor has the draft (its own rendering of a long paste can take seconds).
    await page.waitForFunction((sel, n) => {
      const el = document.querySelector(sel);
      return (el instanceof HTMLTextAreaElement ? el.value.length : globalThis.__fixture.getText().length) >= n;
    }, { timeout: 600000, polling: 200 }, root, text.length - 5);
    let firstHints = null;
    if (on) {
      await page.waitForFunction(() => globalThis.__firstHints !== null, { timeout: 600000, polling: 100 });
      firstHints = await page.evaluate(() => globalThis.__firstHints);
    }
    await sleep(on ? 1500 : 500);
    await page.evaluate(() => document.dispatchEvent(new Event("rapport-timing-reset")));
    const before = await page.evaluate(textLength, root);
    await page.evaluate(() => globalThis.__probe.start());
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.press(i % 5 === 4 ? " " : "a");
      await sleep(60);
    }
    // Until the last key is in the editor and, with Rapport on, its analysis drawn; then a little quiet.
    await page.waitForFunction((sel, n, rapport) => {
      const el = document.querySelector(sel);
      const len = el instanceof HTMLTextAreaElement ? el.value.length : globalThis.__fixture.getText().length;
      if (len < n) return false;
      if (!rapport) return true;
      const h = document.querySelector("rapport-overlay");
      return h && Number(h.dataset.analyzedChars) === len;
    }, { timeout: 600000, polling: 50 }, root, before + KEYS, on);
    await sleep(400);
    const probe = await page.evaluate(() => globalThis.__probe.stop());
    // A long draft checked around the caret is checked whole once the typing pauses: Rapport's work then.
    let pause = null;
    if (on && (await page.evaluate(() => document.querySelector("rapport-overlay")?.dataset.scope)) === "part") {
      const own = await page.evaluate(() => document.documentElement.dataset.rapportTiming ?? "");
      await page.evaluate(() => document.dispatchEvent(new Event("rapport-timing-reset")));
      const started = Date.now();
      await page.waitForFunction(() => document.querySelector("rapport-overlay")?.dataset.scope === "whole", { timeout: 60000, polling: 50 });
      await sleep(300);
      const [longest, , , what] = ((await page.evaluate(() => document.documentElement.dataset.rapportTiming)) ?? "NaN 0 0 -").split(" ");
      pause = { ms: Date.now() - started, longest: Number(longest), what };
      // What was read before the pause stays the typing's figure.
      await page.evaluate((v) => { document.documentElement.dataset.rapportTiming = v; }, own);
    }
    const own = on ? await page.evaluate(() => {
      const [longest, total, count, what] = (document.documentElement.dataset.rapportTiming ?? "NaN NaN 0 -").split(" ");
      return { longest: Number(longest), total: Number(total), count: Number(count), what, scope: document.querySelector("rapport-overlay")?.dataset.scope || "whole" };
    }) : null;
    return { probe, firstHints, own, pause, chars: text.length };
  } finally {
    await page.close();
  }
}

await buildFixtures();
const server = await startFixtureServer();
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
let allOk = true;
try {
  for (const kind of BROWSERS) {
    const session = await launch(kind, { extensionDir: path.join(ROOT, "extension"), hosts: server.hosts, recordRequests: false, devSetting: { mirrorState: "counts", timing: !args.includes("--no-timing"), ...(args.includes("--boxes") ? { overlayPaint: "boxes" } : {}) } });
    try {
      for (const editor of EDITORS) {
        console.log(`\n${kind}, ${editor === "draft" ? "Draft.js composer (x.com/home)" : "textarea (x.com/compose)"}, ${KEYS} keys after a paste; load ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`);
        console.log("| draft length | extra per key | longest task on / paused | Rapport's longest while typing | first hints after the paste | checked while typing | whole check at the pause: Rapport's longest |");
        console.log("|---|---|---|---|---|---|---|");
        for (const length of LENGTHS) {
          const pairs = [];
          for (let run = 0; run < RUNS; run++) {
            await setPaused(session, true);
            const off = await measure(session, editor, length, false);
            await setPaused(session, false);
            const on = await measure(session, editor, length, true);
            pairs.push({ on, off, extra: (on.probe.busy - off.probe.busy) / KEYS });
          }
          const middle = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
          const extra = middle(pairs.map((p) => p.extra));
          const { on, off } = pairs.find((p) => p.extra === extra);
          const longestOwn = Math.max(...pairs.map((p) => p.on.own.longest));
          const worst = pairs.find((p) => p.on.own.longest === longestOwn).on.own;
          const firstHints = middle(pairs.map((p) => p.on.firstHints.ms));
          const pauses = pairs.map((p) => p.on.pause).filter(Boolean);
          const pauseLongest = pauses.length ? Math.max(...pauses.map((p) => p.longest)) : null;
          const limit = length <= 3000 ? 8 : length <= 63206 ? 16 : Infinity;
          const ok = extra <= limit && (length > 63206 ? longestOwn <= 50 && (pauseLongest ?? 0) <= 50 : firstHints <= 1000);
          allOk &&= ok;
          const pauseCell = pauseLongest === null ? "(checked whole live)" : `${fmt(pauseLongest)} ms (${pauses.find((p) => p.longest === pauseLongest).what}), whole after ${fmt(middle(pauses.map((p) => p.ms)), 0)} ms`;
          console.log(`| ${on.chars.toLocaleString("en")} | ${fmt(extra)} ms | ${fmt(on.probe.longest)} / ${fmt(off.probe.longest)} ms | ${fmt(longestOwn)} ms (${worst.what}) | ${fmt(firstHints, 0)} ms | ${on.firstHints.scope} | ${pauseCell}${ok ? "" : " (OUTSIDE target)"} |`);
        }
      }
    } finally {
      await session.close();
    }
  }
  console.log(allOk ? "\nlong drafts: within targets (≤ 8 ms per key at 3,000 chars, ≤ 16 ms to 63,206, first hints ≤ 1 s; at 1,000,000 no piece of Rapport's work over 50 ms)" : "\nlong drafts: OUTSIDE targets");
  process.exitCode = allOk ? 0 : 1;
} finally {
  await server.close();
}
