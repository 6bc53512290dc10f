#!/usr/bin/env node
// `make bench` (after bench.mjs): the background's wake time, in Chromium and
// Firefox, with the built extension on the Lexical fixture (www.facebook.com).
//
// A short draft is typed and its hints drawn; then, --runs times (15):
//  - the background is stopped and the stop checked: Chromium's service worker
//    through CDP (ServiceWorker.stopAllWorkers, then its version reports
//    runningStatus "stopped" and its target is gone), Firefox's event page
//    from the browser's chrome scope (Extension.terminateBackground(), the
//    call its idle timeout makes, then backgroundState "stopped"); just before
//    the key the state is read again, and a sample counts as a wake only if
//    the background is seen starting again after that key;
//  - one key is typed, and the clock runs from its keydown (the event's
//    timestamp, in the page) to the overlay's first pass that draws the
//    analysis of the text after that key (the host's data-drawn changes while
//    its data-analyzed-chars is the editor's new length: overlay.mjs's
//    criterion);
//  - then a few more keys with the background left running: the warm
//    per-key latency, measured the same way in the same run.
// The wake is broken down where it can be seen without touching the
// extension: in Chromium the content script's port (wrapped in its isolated
// world: the new port opened, the request posted, the answer received) and
// the worker's status (CDP events, timed in Node on arrival, so approximate);
// in Firefox the parent's wake request and the event page loaded (chrome
// scope, its own clock mapped through performance.timeOrigin, approximate).
// Last, from an extension page: a stopped background's first ping (started,
// wasm instantiated, lexicon installed), the first analyzeOnce after it (the
// analyser prepared for the options, then the analysis) and a warm one.
//
// Prints figures, asserts nothing; a browser that is not installed is skipped.
//   node bench/wake.mjs [--runs N] [--warm N] [--browsers chromium,firefox]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM, FIREFOX, GECKO_ID, evaluateInFirefoxChrome, launch, waitFor } from "../tests/e2e/browsers.mjs";
import { ROOT, startFixtureServer } from "../tests/e2e/server.mjs";
import { buildFixtures } from "../tests/fixtures/build.mjs";
import { FIXTURES } from "../tests/e2e/lib/fixtures.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(flag("--runs", 15)) || 15;
const WARM = Number(flag("--warm", 3)) || 3;
const BROWSERS = String(flag("--browsers", "chromium,firefox")).split(",");
const TARGET_MS = 50;
const DRAFT = "Thanks to Maria for the idea, and to everyone who came. Follow us for more!!!";
// Typed one key at a time after the draft, wake keys and warm keys alike.
const KEYS = " what would you add next time";
const SAMPLE_TIMEOUT_MS = 20000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const epochNow = () => performance.timeOrigin + performance.now();

const fixture = FIXTURES.find((f) => f.adapter === "facebook");

function stats(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return {
    n: v.length,
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2,
    p90: v[Math.min(v.length - 1, Math.ceil(0.9 * v.length) - 1)],
    min: v[0],
    max: v[v.length - 1],
  };
}
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "n/a");
const line = (s) => (s ? `median ${ms(s.median)}, p90 ${ms(s.p90)}, min ${ms(s.min)}, max ${ms(s.max)} (n=${s.n})` : "no sample");
const medianOf = (values) => stats(values)?.median ?? NaN;

/** The fixture server wants 127.0.0.1:443, which an e2e run or another bench may hold for a while. */
async function startServer() {
  const end = Date.now() + 180000;
  for (let said = false; ; said = true) {
    try {
      return await startFixtureServer();
    } catch (e) {
      if (e.code !== "EADDRINUSE" || Date.now() > end) throw e;
      if (!said) console.log("wake: 127.0.0.1:443 is in use (another e2e run or bench?); waiting for it, up to 3 min");
      await sleep(2000);
    }
  }
}

// ---------------------------------------------------------------- Chromium

let stopsReissued = 0;
/**
 * Asks for the stop, then waits until `isStopped`; asks again every 3 s (a
 * stop can be declined, e.g. Firefox's while a listener's promise is pending,
 * as the idle timer would be) and gives up after 20 s, saying what it saw.
 */
async function stopAndCheck(ask, isStopped, describe) {
  const end = Date.now() + 20000;
  for (;;) {
    await ask();
    try {
      await waitFor(isStopped, { timeout: 3000, what: "the background to stop" });
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${e.message} (${await describe()})`);
      stopsReissued += 1;
    }
  }
}

/**
 * The service worker, watched through the ServiceWorker domain on a page's
 * CDP session; stopped with stopAllWorkers. Puppeteer auto-attaches to every
 * new service worker with waitForDebuggerOnStart and resumes it from Node (a
 * round trip through this process on every wake, which a real browser never
 * waits for): service workers are taken out of its auto-attach first, and
 * no DevTools session stays on the worker (recordRequests: false).
 */
async function chromiumBackground(session, page) {
  const root = session.browser._connection;
  await root.send("Target.setAutoAttach", {
    autoAttach: true, waitForDebuggerOnStart: true, flatten: true,
    filter: [{ type: "page", exclude: true }, { type: "service_worker", exclude: true }, {}],
  });
  const cdp = await page.createCDPSession();
  const scopes = new Map();
  const status = new Map(); // versionId -> runningStatus, for this extension's versions
  const events = []; // { t: epoch ms on arrival in Node, what }
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e) => { for (const r of e.registrations) scopes.set(r.registrationId, r.scopeURL); });
  cdp.on("ServiceWorker.workerVersionUpdated", (e) => {
    const t = epochNow();
    for (const v of e.versions) {
      if (!(scopes.get(v.registrationId) || v.scriptURL).startsWith(session.base)) continue;
      if (status.get(v.versionId) !== v.runningStatus) events.push({ t, what: `worker ${v.runningStatus}` });
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send("ServiceWorker.enable");
  await waitFor(() => status.size > 0, { what: "the service worker's version to be reported" });
  const workerTargets = async () => (await root.send("Target.getTargets")).targetInfos
    .filter((t) => t.type === "service_worker" && t.url.startsWith(session.base));
  const allStopped = () => status.size > 0 && [...status.values()].every((s) => s === "stopped");
  return {
    label: "Chromium",
    what: "service worker",
    how: "ServiceWorker.stopAllWorkers (CDP); verified: every version of the extension's worker reports runningStatus \"stopped\" and no service_worker target of the extension is left (Target.getTargets)",
    events,
    stop: () => stopAndCheck(() => cdp.send("ServiceWorker.stopAllWorkers"), async () => allStopped() && (await workerTargets()).length === 0,
      async () => `versions ${JSON.stringify([...status])}, ${(await workerTargets()).length} worker targets`),
    async stopped() {
      return allStopped() && (await workerTargets()).length === 0;
    },
    async running() {
      return [...status.values()].includes("running");
    },
    async readEvents() {
      return events.splice(0);
    },
    /** Which of `events` say the background started again. */
    started: (e) => e.what === "worker starting",
  };
}

/**
 * Wraps runtime.connect in the content script's isolated world so that its
 * ports log, with the page's clock: opened, each request posted, each answer
 * received, disconnected. Installed before the first port is opened.
 */
async function instrumentContentScript(page) {
  const cdp = await page.createCDPSession();
  const contexts = [];
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context));
  await cdp.send("Runtime.enable");
  const world = await waitFor(() => contexts.find((c) => c.auxData?.type === "isolated" && c.origin.startsWith("chrome-extension://")),
    { what: "the content script's isolated world" });
  const inWorld = async (expression) => {
    const r = await cdp.send("Runtime.evaluate", { expression, contextId: world.id, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`in the content script's world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  const wrapped = await inWorld(`(() => {
    const log = globalThis.__wakePorts = [];
    const runtimes = new Set([globalThis.chrome?.runtime, globalThis.browser?.runtime].filter(Boolean));
    for (const rt of runtimes) {
      const connect = rt.connect;
      rt.connect = function (...a) {
        const port = connect.apply(this, a);
        log.push({ t: performance.now(), what: "port opened" });
        const post = port.postMessage;
        port.postMessage = function (m) {
          log.push({ t: performance.now(), what: "request posted", seq: m?.seq });
          return post.call(this, m);
        };
        port.onMessage.addListener((m) => log.push({ t: performance.now(), what: "answer received", seq: m?.seq }));
        port.onDisconnect.addListener(() => log.push({ t: performance.now(), what: "port disconnected" }));
        return port;
      };
    }
    return [...runtimes].every((rt) => rt.connect.toString().includes("port opened"));
  })()`);
  if (!wrapped) throw new Error("runtime.connect could not be wrapped in the content script's world");
  return {
    read: () => inWorld("globalThis.__wakePorts.splice(0)"),
    /** The port's state as the content script last heard it. */
    portOpen: () => inWorld(`(() => { const l = globalThis.__wakePorts.filter((e) => e.what === "port opened" || e.what === "port disconnected"); return l.length > 0 && l[l.length - 1].what === "port opened"; })()`),
  };
}

// ---------------------------------------------------------------- Firefox

/**
 * The event page, suspended with Extension.terminateBackground(), the very call
 * its idle timer makes when extensions.background.idle.timeout runs out (also
 * about:debugging's "Terminate background script"). The pref is not used:
 * the shared launcher takes no extra prefs, and waiting for a timer would only
 * add its delay before the same call. Its events are logged in the chrome
 * scope with epoch times (performance.timeOrigin + now).
 */
async function firefoxBackground(session) {
  const ext = `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension`;
  await evaluateInFirefoxChrome(session, `(() => {
    const ext = ${ext};
    const log = globalThis.__rapportWake = [];
    const now = () => performance.timeOrigin + performance.now();
    ext.on("background-script-event", () => log.push({ t: now(), what: "wake requested (parent)" }));
    ext.on("background-script-started", () => log.push({ t: now(), what: "event page loaded" }));
    return true;
  })()`);
  const state = () => evaluateInFirefoxChrome(session, `${ext}.backgroundState`);
  return {
    label: "Firefox",
    what: "event page",
    how: "Extension.terminateBackground() from the chrome scope (WebDriver BiDi, --remote-allow-system-access), the call the idle timeout makes; verified: backgroundState \"stopped\"",
    stop: () => stopAndCheck(() => evaluateInFirefoxChrome(session, `${ext}.terminateBackground().then(() => true)`), async () => (await state()) === "stopped",
      async () => `backgroundState ${await state()}`),
    stopped: async () => (await state()) === "stopped",
    running: async () => (await state()) === "running",
    // BiDi returns objects as remote values: they cross as JSON.
    readEvents: async () => JSON.parse(await evaluateInFirefoxChrome(session, "JSON.stringify(globalThis.__rapportWake.splice(0))")),
    started: (e) => e.what === "wake requested (parent)",
  };
}

// ---------------------------------------------------------------- the page

/** In the page's world: each key's keydown time and the first pass that draws the analysis of the text after it. */
async function instrumentPage(page, composer) {
  await page.evaluate((sel) => {
    const host = document.querySelector("rapport-overlay");
    const b = globalThis.__wake = { pending: null, samples: [], waiters: [], origin: performance.timeOrigin };
    const settle = () => {
      for (const w of b.waiters.splice(0)) {
        if (b.samples.length >= w.n) w.resolve(true);
        else b.waiters.push(w);
      }
    };
    document.addEventListener("keydown", (e) => {
      // Never expected: every key is waited for before the next one.
      if (b.pending) b.samples.push({ ...b.pending, drawn: null });
      // Every key typed adds one character at the end of a one-paragraph draft.
      b.pending = { key: e.timeStamp, want: globalThis.__fixture.getText().length + 1, edited: null, drawn: null };
    }, true);
    new MutationObserver(() => {
      if (b.pending && b.pending.edited === null) b.pending.edited = performance.now();
    }).observe(document.querySelector(sel), { subtree: true, childList: true, characterData: true });
    new MutationObserver(() => {
      if (b.pending && Number(host.dataset.analyzedChars) === b.pending.want) {
        b.pending.drawn = performance.now();
        b.samples.push(b.pending);
        b.pending = null;
        settle();
      }
    }).observe(host, { attributes: true, attributeFilter: ["data-drawn"] });
    b.wait = (n, timeout) => new Promise((resolve) => {
      b.waiters.push({ n, resolve });
      settle();
      setTimeout(() => resolve(false), timeout);
    });
  }, composer);
  return page.evaluate(() => globalThis.__wake.origin);
}

/** Types one key and returns its sample { key, edited, drawn } (page clock), drawn null if never drawn in time. */
async function oneKey(page, ch, index) {
  await page.keyboard.type(ch);
  const drawn = await page.evaluate((n, t) => globalThis.__wake.wait(n, t), index + 1, SAMPLE_TIMEOUT_MS);
  const sample = await page.evaluate((i) => globalThis.__wake.samples[i] ?? globalThis.__wake.pending, index);
  return { ...sample, drawn: drawn ? sample.drawn : null };
}

async function benchBrowser(kind, server) {
  const session = await launch(kind, { extensionDir: path.join(ROOT, "extension"), hosts: server.hosts, recordRequests: false });
  stopsReissued = 0;
  const load = [];
  const sampleLoad = () => load.push(os.loadavg()[0]);
  try {
    const page = await session.openPage(`https://${fixture.host}${fixture.path}`);
    await page.bringToFront();
    await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the fixture editor" });
    const bg = kind === "chromium" ? await chromiumBackground(session, page) : await firefoxBackground(session);
    const ports = kind === "chromium" ? await instrumentContentScript(page) : null;
    await page.click(fixture.composer);
    await page.keyboard.type(DRAFT);
    await waitFor(() => page.evaluate(() => Number(document.querySelector("rapport-overlay")?.dataset.hints || 0) > 0), { timeout: 20000, what: "the draft's hints" });
    const length = await page.evaluate(() => globalThis.__fixture.getText().length);
    await waitFor(() => page.evaluate((n) => Number(document.querySelector("rapport-overlay")?.dataset.analyzedChars) === n, length), { timeout: 20000, what: "the draft's analysis drawn" });
    const pageOrigin = await instrumentPage(page, fixture.composer);

    const wake = []; // { total, verified, parts: { name: ms after keydown } }
    const warm = [];
    let k = 0; // keys typed so far (the index of the next sample)
    let ch = 0;
    const nextChar = () => KEYS[ch++ % KEYS.length];
    let unverified = 0;
    let stillRunning = 0;
    for (let run = 0; run < RUNS; run++) {
      await bg.stop();
      // The stop must have reached the content script too: its port gone (seen in Chromium; in Firefox the
      // parent casts the disconnect as the page unloads, before "stopped", so a pause stands for it).
      if (ports) await waitFor(async () => !(await ports.portOpen()), { timeout: 10000, what: "the content script's port to disconnect" });
      await sleep(300);
      await bg.readEvents();
      if (ports) await ports.read();
      if (!(await bg.stopped())) {
        // Something woke it in the meantime: not a wake to time.
        stillRunning += 1;
        continue;
      }
      sampleLoad();
      const s = await oneKey(page, nextChar(), k++);
      const events = await bg.readEvents();
      const portLog = ports ? await ports.read() : [];
      const parts = {};
      // Page clock, ms after the keydown; background events converted through the epoch (approximate).
      for (const e of portLog) if (e.t >= s.key && !(e.what in parts)) parts[e.what] = e.t - s.key;
      for (const e of events) {
        const t = e.t - (pageOrigin + s.key);
        if (!(e.what in parts)) parts[e.what] = t;
      }
      const restarted = events.some(bg.started) && (await bg.running());
      if (!restarted) unverified += 1;
      wake.push({ total: s.drawn === null ? Infinity : s.drawn - s.key, edited: s.edited === null ? NaN : s.edited - s.key, verified: restarted, parts });
      await sleep(300);
      for (let i = 0; i < WARM; i++) {
        const w = await oneKey(page, nextChar(), k++);
        warm.push(w.drawn === null ? Infinity : w.drawn - w.key);
        await sleep(150);
      }
    }

    // From an extension page: the same stop, then ping, analyzeOnce, analyzeOnce.
    const ext = await session.openExtensionPage("popup.html");
    const oneShots = [];
    for (let run = 0; run < RUNS; run++) {
      await bg.stop();
      await sleep(300);
      if (!(await bg.stopped())) continue;
      sampleLoad();
      oneShots.push(await ext.evaluate(async (text, platform) => {
        const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
        const t0 = performance.now();
        const ping = await api.runtime.sendMessage({ kind: "ping" });
        const t1 = performance.now();
        const first = await api.runtime.sendMessage({ kind: "analyzeOnce", text, platform });
        const t2 = performance.now();
        const second = await api.runtime.sendMessage({ kind: "analyzeOnce", text: `${text} Thanks!`, platform });
        const t3 = performance.now();
        return { cold: t1 - t0, first: t2 - t1, warm: t3 - t2, ok: ping.ready && first.ok && second.ok };
      }, DRAFT, fixture.adapter));
      await sleep(100);
    }
    await ext.close();
    return { bg, wake, warm, oneShots, unverified, stillRunning, load, length, reissued: stopsReissued };
  } finally {
    await session.close();
  }
}

function report(kind, r) {
  const { bg } = r;
  const verified = r.wake.filter((w) => w.verified);
  const wakeStats = stats(verified.map((w) => w.total));
  const warmStats = stats(r.warm);
  const missed = verified.filter((w) => !Number.isFinite(w.total)).length + r.warm.filter((w) => !Number.isFinite(w)).length;
  const loads = stats(r.load);
  console.log(`wake, ${bg.label} (${bg.what}), Lexical fixture, ${r.length}-character draft, ${RUNS} runs:`);
  console.log(`  stop: ${bg.how}${r.reissued ? `; ${r.reissued} stops had to be asked again (not stopped within 3 s)` : ""}`);
  if (!wakeStats) {
    console.log(`  keystroke -> its analysis drawn, ${bg.what} stopped: NOT MEASURED (no stop could be verified: ${r.unverified} keys without a restart seen, ${r.stillRunning} stops undone before the key)`);
  } else {
    console.log(`  keystroke -> its analysis drawn, ${bg.what} stopped: ${line(wakeStats)}; target median <= ${TARGET_MS} ms`);
    if (r.unverified || r.stillRunning) console.log(`    left out: ${r.unverified} keys after which no restart was seen, ${r.stillRunning} stops undone before the key`);
  }
  console.log(`  keystroke -> its analysis drawn, warm (same run, ${WARM} keys after each wake): ${line(warmStats)}`);
  if (wakeStats && warmStats) console.log(`  wake / warm, medians: ${(wakeStats.median / warmStats.median).toFixed(1)}x (+${(wakeStats.median - warmStats.median).toFixed(1)} ms)`);
  if (missed) console.log(`  ${missed} keys whose analysis was not drawn within ${SAMPLE_TIMEOUT_MS / 1000} s (counted as infinite above)`);
  // Breakdown: median time after the keydown at which each step was seen, over the verified wakes.
  const names = [...new Set(verified.flatMap((w) => Object.keys(w.parts)))];
  const steps = names.map((n) => ({ n, t: medianOf(verified.map((w) => w.parts[n] ?? NaN)) })).filter((x) => Number.isFinite(x.t));
  steps.push({ n: "editor's DOM updated", t: medianOf(verified.map((w) => w.edited)) }, { n: "analysis drawn", t: wakeStats?.median ?? NaN });
  steps.sort((a, b) => a.t - b.t);
  const how = kind === "chromium"
    ? "port steps: in the content script's world, page clock; worker status: CDP events timed on arrival in Node, approximate"
    : "parent steps: chrome-scope events, their clock mapped through performance.timeOrigin, approximate; the content script's port cannot be seen";
  console.log(`  wake breakdown, median ms after the keydown (${how}):`);
  console.log(`    ${steps.map((x) => `${x.n} ${x.t.toFixed(1)}`).join(" | ")}`);
  const ok = r.oneShots.filter((o) => o.ok);
  console.log(`  from an extension page, ${bg.what} stopped, ${ok.length} runs: first ping (start + wasm ready) ${line(stats(ok.map((o) => o.cold)))}`);
  console.log(`    then the first analyzeOnce (analyser prepared + analysis): ${line(stats(ok.map((o) => o.first)))}`);
  console.log(`    then a warm analyzeOnce: ${line(stats(ok.map((o) => o.warm)))}`);
  console.log(`  load average (1 min) while measuring: median ${loads ? loads.median.toFixed(2) : "n/a"}, max ${loads ? loads.max.toFixed(2) : "n/a"} (${os.cpus().length} CPUs)`);
}

if (!fs.existsSync(path.join(ROOT, "extension", "pkg", "rapport_bg.wasm"))) {
  console.log("wake: extension/pkg is not built (make build); skipping");
} else {
  const wanted = BROWSERS.filter((b) => {
    const exe = b === "chromium" ? CHROMIUM : b === "firefox" ? FIREFOX : null;
    if (exe && fs.existsSync(exe)) return true;
    console.log(`wake: ${b} is not installed${exe ? ` (${exe})` : ""}; skipping it`);
    return false;
  });
  if (wanted.length) {
    await buildFixtures();
    const server = await startServer();
    try {
      for (const kind of wanted) {
        try {
          report(kind, await benchBrowser(kind, server));
        } catch (e) {
          console.log(`wake, ${kind}: could not be measured: ${e.message}`);
        }
      }
    } finally {
      await server.close();
    }
  }
}
