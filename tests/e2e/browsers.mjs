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

async function launchFirefox(extensionDir, hosts) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
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
  return { browser, base: `moz-extension://${FIREFOX_UUID}`, cleanup: () => {} };
}

/**
 * Starts `kind` ("chromium" | "firefox") with the extension in `extensionDir`.
 * Returns a session: { kind, browser, base, requests, openPage(url), openExtensionPage(path), close() };
 * requests lists { context, url, navigation } of every request recorded so far.
 */
export async function launch(kind, { extensionDir, hosts }) {
  const started = Date.now();
  const { browser, base, cleanup } = kind === "chromium" ? await launchChromium(extensionDir, hosts) : await launchFirefox(extensionDir, hosts);
  const requests = [];
  const record = (context, url, navigation = false) => requests.push({ context, url, navigation });
  // Every request of every page the tests open (content scripts' and
  // extension pages' requests show there), and in Chromium the service
  // worker's through its own CDP session (Firefox's BiDi does not expose the
  // background page's network).
  // A navigation's context is the document it leaves (a test driving the tab), not its initiator.
  const watchPage = (page) => page.on("request", (r) => record(page.url(), r.url(), r.isNavigationRequest()));
  const workerSessions = [];
  const watchTarget = async (target) => {
    if (target.type() !== "service_worker" && target.type() !== "background_page") return;
    const cdp = await target.createCDPSession().catch(() => null);
    if (!cdp) return;
    workerSessions.push(cdp);
    cdp.on("Network.requestWillBeSent", (e) => record(target.url(), e.request.url));
    await cdp.send("Network.enable").catch(() => {});
  };
  if (kind === "chromium") {
    for (const t of browser.targets()) await watchTarget(t);
    browser.on("targetcreated", (t) => { watchTarget(t); });
  }
  const session = {
    kind,
    browser,
    base,
    requests,
    startupMs: Date.now() - started,
    /** Detaches the recorder from the service worker: a worker with DevTools attached is not stopped like a normal one. */
    async detachWorkerRecorders() {
      for (const cdp of workerSessions.splice(0)) await cdp.detach().catch(() => {});
    },
    async attachWorkerRecorders() {
      if (kind === "chromium") for (const t of browser.targets()) await watchTarget(t);
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
  return session;
}
