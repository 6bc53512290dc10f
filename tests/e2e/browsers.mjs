// Launches headless Chromium or Firefox ESR with the built extension loaded and
// the fixture hosts mapped to the local HTTPS server. One interface for both.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

export const GECKO_ID = JSON.parse(fs.readFileSync(new URL("../../extension/manifest.json", import.meta.url))).browser_specific_settings.gecko.id;
const FIREFOX_UUID = "3f1c6a52-5b0e-4d7e-9a4f-6c2d8e1b7a90";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/lib/chromium/chromium";
export const FIREFOX = process.env.FIREFOX_PATH || "/usr/bin/firefox-esr";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The developer setting every session starts with (storage.local "dev", see
 * extension/content/core.js): the overlay mirrors what it drew on its host's
 * data attributes, which the tests read. Normal use has none of it.
 */
export const TEST_DEV_SETTING = Object.freeze({ mirrorState: true });

/** Polls `fn` until it returns a truthy value or `timeout` ms pass. */
export async function waitFor(fn, { timeout = 10000, interval = 50, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await sleep(interval);
  }
}

async function launchChromium(extensionDir, hosts) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--ignore-certificate-errors",
      `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(",")}`,
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
    ],
  });
  const worker = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().endsWith("/background.js"), { timeout: 15000 });
  // Node gives non-special schemes an opaque origin, so cut the URL by hand.
  const base = worker.url().replace(/\/background\.js$/, "");
  return { browser, base, cleanup: () => fs.rmSync(userDataDir, { recursive: true, force: true }) };
}

// Firefox's own HTTP log (MOZ_LOG, module nsHttp at its first level) names
// every channel the browser opens, in any process, with the request line and
// headers as sent: the background event page's requests too, which WebDriver
// BiDi does not report. "sync" writes each line as it is logged, so the file
// can be read while the browser runs.
const FIREFOX_HTTP_LOG = "nsHttp:1,sync";

async function launchFirefox(extensionDir, hosts, record) {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-firefox-log-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ["--remote-allow-system-access"],
    // MOZ_REMOTE_SETTINGS_DEVTOOLS: release builds honour services.settings.server only with it set.
    env: { ...process.env, ...(record ? { MOZ_LOG: FIREFOX_HTTP_LOG, MOZ_LOG_FILE: path.join(logDir, "http") } : {}), MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
    extraPrefsFirefox: {
      // The browser's own traffic is switched off, so that everything left in
      // the HTTP log was caused by the tests' pages or by the extension.
      "services.settings.server": "data:,#remote-settings-dummy/v1",
      "browser.chrome.site_icons": false,
      "network.connectivity-service.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.predictor.enabled": false,
      "network.prefetch-next": false,
      "network.dns.disablePrefetch": true,
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      "network.dns.localDomains": hosts.join(","),
      "network.dns.forceResolve": "127.0.0.1",
      "privacy.reduceTimerPrecision": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      // permissions.request (optional host permissions for added sites) is granted without a prompt headless tests cannot answer.
      "extensions.webextOptionalPermissionPrompts": false,
    },
  });
  await browser.installExtension(extensionDir);
  return {
    browser, base: `moz-extension://${FIREFOX_UUID}`, cleanup: () => fs.rmSync(logDir, { recursive: true, force: true }),
    browserRequests: () => readFirefoxHttpLog(logDir),
  };
}

/**
 * Every HTTP channel in Firefox's log files: { url } from the channel's
 * creation, and the request as sent, { method, url, head } (head: request
 * line and headers). Requests that never reach the wire (refused before a
 * transaction) still have their channel. Only the processes that do network
 * I/O count (the parent opens a channel for every request, whichever process
 * asked); a content or extension process logs its own side of the same
 * channel again.
 */
export function readFirefoxHttpLog(logDir) {
  const channels = [];
  const sent = [];
  for (const file of fs.readdirSync(logDir)) {
    const open = new Map(); // thread -> lines of a request block being read
    for (const line of fs.readFileSync(path.join(logDir, file), "utf8").split("\n")) {
      const m = /^\[([^\]]+)\]: \w\/nsHttp (.*)$/.exec(line);
      if (!m) continue;
      const [, thread, msg] = m;
      if (thread.startsWith("Child ")) continue;
      const block = open.get(thread);
      if (block) {
        if (msg === "]") {
          open.delete(thread);
          const [requestLine = "", ...headers] = block.map((l) => l.trim());
          const [method = "", target = ""] = requestLine.split(" ");
          const host = headers.find((h) => /^host:/i.test(h))?.slice(5).trim() ?? "";
          sent.push({ method, url: /^[a-z]+:\/\//i.test(target) ? target : `//${host}${target}`, head: block.join("\n") });
        } else {
          block.push(msg);
        }
      } else if (msg === "http request [") {
        open.set(thread, []);
      } else if (msg.startsWith("uri=")) {
        channels.push({ url: msg.slice(4) });
      }
    }
  }
  return { channels, sent };
}

/**
 * The script URLs a CDP Network.Initiator names: its url and every frame of
 * its stack and the stacks it continues (async parents). In Chromium a
 * content script's request is recorded as the page's; its stack still names
 * the extension's script (chrome-extension://...). Empty where the protocol
 * gives no initiator (Firefox's BiDi).
 */
function initiatorUrls(initiator) {
  const urls = new Set();
  if (initiator?.url) urls.add(initiator.url);
  for (let stack = initiator?.stack; stack; stack = stack.parent) {
    for (const frame of stack.callFrames ?? []) if (frame.url) urls.add(frame.url);
  }
  return [...urls];
}

/** Writes the developer setting from an extension page (kept as the session's extensionPage), before any fixture page opens. */
async function storeDevSetting(session, value) {
  const page = await session.openExtensionPage("popup.html");
  await page.evaluate(async (v) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    await api.storage.local.set({ dev: v });
  }, value);
  session.extensionPage = page;
}

/**
 * Starts `kind` ("chromium" | "firefox") with the extension in `extensionDir`.
 * Returns a session: { kind, browser, base, requests, typed, browserRequests, openPage(url), openExtensionPage(path), close() };
 * requests lists { context, url, navigation, method, postData, initiator } of every request recorded so far
 * (initiator: the script URLs that made it, from CDP; empty in Firefox);
 * typed, every text a test typed with page.keyboard.type (the drafts that must never leave);
 * browserRequests(), in Firefox, every request the whole browser made (readFirefoxHttpLog), else null.
 * recordRequests: false starts the browser without the request recorders (no
 * DevTools on the service worker, no HTTP log), so benchmarks time the
 * extension and not the recording. devSetting: the developer setting stored
 * before anything else (TEST_DEV_SETTING unless given; null stores none).
 */
export async function launch(kind, { extensionDir, hosts, recordRequests = true, devSetting = TEST_DEV_SETTING }) {
  const started = Date.now();
  const { browser, base, cleanup, browserRequests } = kind === "chromium" ? await launchChromium(extensionDir, hosts) : await launchFirefox(extensionDir, hosts, recordRequests);
  const requests = [];
  const typed = [];
  const record = (context, url, navigation = false, method = "GET", postData = null, initiator = null) =>
    requests.push({ context, url, navigation, method, postData, initiator: initiatorUrls(initiator) });
  // Every request of every page the tests open (content scripts' and
  // extension pages' requests show there), and in Chromium the service
  // worker's through its own CDP session (Firefox's BiDi does not expose the
  // background page's network).
  // A navigation's context is the document it leaves (a test driving the tab), not its initiator.
  const watchPage = (page) => {
    if (!recordRequests) return;
    page.on("request", (r) => {
      let postData = null;
      try { postData = r.postData() ?? null; } catch { /* not offered by this protocol */ }
      let initiator = null;
      try { initiator = r.initiator() ?? null; } catch { /* CDP only */ }
      record(page.url(), r.url(), r.isNavigationRequest(), r.method(), postData, initiator);
    });
    const type = page.keyboard.type.bind(page.keyboard);
    page.keyboard.type = (text, options) => {
      typed.push(String(text));
      return type(text, options);
    };
  };
  const workerSessions = [];
  const watchTarget = async (target) => {
    if (target.type() !== "service_worker" && target.type() !== "background_page") return;
    const cdp = await target.createCDPSession().catch(() => null);
    if (!cdp) return;
    workerSessions.push(cdp);
    cdp.on("Network.requestWillBeSent", (e) => record(target.url(), e.request.url, false, e.request.method, e.request.postData ?? null, e.initiator));
    await cdp.send("Network.enable").catch(() => {});
  };
  if (kind === "chromium" && recordRequests) {
    for (const t of browser.targets()) await watchTarget(t);
    browser.on("targetcreated", (t) => { watchTarget(t); });
  }
  const session = {
    kind,
    browser,
    base,
    requests,
    typed,
    browserRequests: () => (browserRequests ? browserRequests() : null),
    startupMs: Date.now() - started,
    /** Detaches the recorder from the service worker: a worker with DevTools attached is not stopped like a normal one. */
    async detachWorkerRecorders() {
      for (const cdp of workerSessions.splice(0)) await cdp.detach().catch(() => {});
    },
    async attachWorkerRecorders() {
      if (kind === "chromium" && recordRequests) for (const t of browser.targets()) await watchTarget(t);
    },
    /** Opens an https fixture page and waits for it to load. */
    async openPage(url) {
      const page = await browser.newPage();
      watchPage(page);
      await page.goto(url, { waitUntil: "load", timeout: 20000 });
      return page;
    },
    /** Opens an extension page; Firefox never resolves goto on moz-extension URLs, so poll. */
    async openExtensionPage(rel) {
      const page = await browser.newPage();
      watchPage(page);
      const url = `${base}/${rel}`;
      if (kind === "chromium") {
        await page.goto(url, { waitUntil: "load", timeout: 20000 });
      } else {
        page.goto(url).catch(() => {});
        // page.url() stays about:blank there too: ask the document itself.
        await waitFor(() => page.evaluate((u) => location.href.startsWith(u) && document.readyState === "complete", url), { what: `${rel} to load` });
      }
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      cleanup();
    },
  };
  if (devSetting) await storeDevSetting(session, devSetting);
  return session;
}

/**
 * launch() with a copy of the extension whose manifest also asks for
 * `origins` at install (host_permissions), which Chromium grants to an
 * unpacked extension without the prompt of permissions.request that
 * headless automation cannot answer. close() removes the copy too.
 */
export async function launchWithHostsGranted(kind, { extensionDir, origins, ...options }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-hosts-granted-"));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(extensionDir, dir, { recursive: true });
  const manifestPath = path.join(dir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  let session;
  try {
    session = await launch(kind, { extensionDir: dir, ...options });
  } catch (e) {
    remove();
    throw e;
  }
  const close = session.close.bind(session);
  session.close = async () => { await close(); remove(); };
  return session;
}

/**
 * Runs `expression` in Firefox's browser window (chrome scope), reachable over
 * WebDriver BiDi because the test Firefox starts with --remote-allow-system-access.
 */
export async function evaluateInFirefoxChrome(session, expression) {
  const bidi = session.browser.connection;
  const tree = await bidi.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const context = tree.result.contexts[0].context;
  const reply = await bidi.send("script.evaluate", { expression, target: { context }, awaitPromise: true });
  if (reply.result.type !== "success") throw new Error(`chrome-scope evaluation failed: ${JSON.stringify(reply.result)}`);
  return reply.result.result.value;
}

/** Grants optional host permissions the way the options page does: permissions.request inside a real click. */
export async function grantFromExtensionPage(session, origins) {
  const page = await session.openExtensionPage("popup.html");
  await page.evaluate((o) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    globalThis.__granted = null;
    document.addEventListener("click", () => { api.permissions.request({ origins: o }).then((g) => { globalThis.__granted = g; }, (e) => { globalThis.__granted = String(e); }); }, { once: true, capture: true });
  }, origins);
  await page.mouse.click(5, 5);
  for (let i = 0; i < 50; i++) {
    const g = await page.evaluate(() => globalThis.__granted);
    if (g !== null) return g;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
