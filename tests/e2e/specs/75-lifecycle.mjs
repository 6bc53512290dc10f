// The content scripts' lifecycle across injections. Injected again by the
// live extension (static and run-time registration, or the background
// starting the scripts in open tabs after an install or update), the running
// copy stays and the second one does nothing. After the extension is
// reloaded (as an update does), an open tab, on a built-in site or one the
// user added, gets a working Rapport without a page reload: the old copy's
// overlay and highlights are gone, exactly one overlay is there, and typing
// draws fresh marks. A copy whose extension is switched off ends itself.
//
// What a reload leaves behind differs (measured): Chromium 156 starts the
// new scripts in a new isolated world and keeps the old ones running without
// a runtime (they must end themselves, on the new copy's lifecycle event);
// Firefox 153 starts the manifest's scripts in open tabs by itself and stops
// the old ones outright (their overlay and highlights stay on the page until
// the new copy sweeps them away).
import assert from "node:assert/strict";
import path from "node:path";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, resetSettings, sendFromExtension, sleep, waitForMarks } from "../lib/composer.mjs";
import { launch, launchWithHostsGranted, waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";

const FIXTURE = FIXTURES.find((f) => f.adapter === "x");
// A site the user added, served with a contenteditable (its marks are highlights, as on X).
const ADDED = FIXTURES.find((f) => f.adapter === "generic");
const FIRST = "Follow us for more!!!";
const MORE = " Smash that like button and share this with everyone!!!";

/** What of Rapport the page holds, read from its own world: overlay hosts (and whether each is the one marked `first`), Rapport's highlights, the marker of this document. */
const pageState = (page) => page.evaluate(() => ({
  hosts: [...document.querySelectorAll("rapport-overlay")].map((h) => ({ first: h.__first === true })),
  highlights: typeof CSS !== "undefined" && CSS.highlights ? [...CSS.highlights.keys()].filter((k) => k.startsWith("rapport-")) : [],
  sameDocument: globalThis.__sameDocument === true,
}));

/** Marks, from the page's own world, the overlay host there now and the document itself, so that a later one can be told apart. */
const markFirstCopy = (page) => page.evaluate(() => {
  const hosts = document.querySelectorAll("rapport-overlay");
  for (const h of hosts) h.__first = true;
  globalThis.__sameDocument = true;
  return hosts.length;
});

async function portStats(session) {
  const reply = await sendFromExtension(session, { kind: "ping" });
  assert.ok(reply?.ok && reply.ports, `the ping reports the port counters: ${JSON.stringify(reply)}`);
  return reply.ports;
}

/** The fixture's text is drawn with the background's own analysis of it on `platform` (same hints, same balance). */
async function drawnIsAnalysisOfText(session, page, platform, what) {
  const expected = await analyzeInBackground(session, await editorText(page), platform);
  // That used an extension page in another tab: a hidden tab gets no animation frames.
  await page.bringToFront();
  assert.ok(expected.hints.some((h) => h.polarity === "fame"), "the draft has fame hints");
  return waitForMarks(page, (s) => s.hints === expected.hints.length && s.balance === expected.balance && s.marks.some((m) => m.polarity === "fame"),
    `${what} (${expected.hints.length} hints, ${expected.balance})`);
}

/** Runs the manifest's content scripts in the fixture's tab again, from an extension page, the way the background does for open tabs. */
function injectAgain(session, host) {
  return sendFromExtension(session, { kind: "ping" }).then(() => session.extensionPage.evaluate(async (pattern) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    const relative = (files = []) => files.map((f) => f.replace(/^[a-z-]+:\/\/[^/]+\//, ""));
    const { js, css } = api.runtime.getManifest().content_scripts[0];
    const tabs = await api.tabs.query({ url: pattern });
    if (tabs.length !== 1) return `expected one tab on ${pattern}, found ${tabs.length}`;
    const target = { tabId: tabs[0].id };
    try {
      await api.scripting.insertCSS({ target, files: relative(css) });
      await api.scripting.executeScript({ target, files: relative(js) });
      return "injected";
    } catch (e) {
      return `injection failed: ${e?.message ?? e}`;
    }
  }, `https://${host}/*`));
}

/**
 * A draft with marks in the fixture's open tab, its overlay host and the
 * document marked from the page's world (markFirstCopy); with `leave`, the
 * composer is left afterwards, so that coming back to the tab is no
 * activation (a copy checks its extension at each one).
 */
async function draftWithMarks(session, { leave, fixture = FIXTURE }) {
  const page = await openFixture(session, fixture);
  await focusComposer(page, fixture);
  await page.keyboard.type(FIRST);
  await waitForMarks(page, (s) => s.marks.some((m) => m.polarity === "fame"), "the first draft's marks");
  assert.equal(await markFirstCopy(page), 1, "one overlay");
  if (leave) await page.evaluate(() => document.activeElement?.blur());
  assert.ok((await pageState(page)).highlights.length > 0, "the first copy drew its marks as highlights");
  return page;
}

/**
 * Waits until the page's state (pageState) satisfies `predicate`, in the same
 * document, then moves the layout (what wakes a copy's overlay to draw
 * again, so a copy that only lost its host would repaint its marks) and
 * returns the state after that.
 */
async function settlesTo(page, predicate, what) {
  const reached = await waitFor(async () => {
    const s = await pageState(page);
    return predicate(s) ? s : null;
  }, { what, timeout: 30000 }).catch(async (e) => {
    e.message += `; the page holds ${JSON.stringify(await pageState(page))}`;
    throw e;
  });
  assert.ok(reached.sameDocument, "the tab was not reloaded");
  await page.evaluate(() => { window.dispatchEvent(new Event("resize")); document.dispatchEvent(new Event("scroll")); });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await sleep(300);
  return pageState(page);
}

/**
 * The reload scenario: a draft with marks in an open tab on `fixture`'s site
 * (analysed as `platform`), the composer left
 * (so the new copy has nothing to draw until the user comes back), then
 * `reload()` reloads the extension and resolves once its new background
 * runs. The tab must then hold exactly one overlay, the new copy's, none of
 * the old marks even after the layout moves, and typing draws the analysis
 * of the whole text.
 */
async function reloadScenario(session, reload, { fixture = FIXTURE, platform = fixture.adapter } = {}) {
  await resetSettings(session);
  const page = await draftWithMarks(session, { leave: true, fixture });
  await reload();
  // Waiting for the new background used an extension page in another tab: a hidden tab gets no animation frames.
  await page.bringToFront();
  const settled = await settlesTo(page, (s) => s.hosts.length === 1 && !s.hosts[0].first, "the new copy's overlay to replace the old one");
  assert.deepEqual(settled.hosts, [{ first: false }], `exactly one overlay, the new copy's: ${JSON.stringify(settled)}`);
  assert.deepEqual(settled.highlights, [], "no stale marks are left in the page's highlight registry");

  await focusComposer(page, fixture);
  await page.keyboard.press("End");
  await page.keyboard.type(MORE);
  await drawnIsAnalysisOfText(session, page, platform, "fresh marks of the whole draft after the reload");
  const after = await pageState(page);
  assert.equal(after.hosts.length, 1, "still one overlay");
  assert.ok(after.highlights.length > 0, "the new copy draws its marks");
  await page.close();
}

/**
 * Runs `fn(session)` in a browser of its own: reloading or switching off the
 * extension must not disturb the other specs' shared session. `origins`:
 * host permissions granted at install besides the manifest's (for sites the
 * user adds).
 */
async function inOwnBrowser(kind, server, fn, { origins = [] } = {}) {
  const options = { extensionDir: path.join(ROOT, "extension"), hosts: server.hosts, recordRequests: false };
  const session = await (origins.length ? launchWithHostsGranted(kind, { ...options, origins }) : launch(kind, options));
  try {
    await fn(session);
  } finally {
    await session.close();
  }
}

/**
 * Chromium disables an unpacked extension reloaded while developer mode is
 * off (disable reason "unsupportedDeveloperExtension", measured); a user who
 * reloads one has it on, and a store update is not unpacked.
 */
const allowChromiumReload = (session) => onExtensionsPage(session, () => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));

/**
 * Reloads the extension from its service worker (an update replaces it the
 * same way: a new background, the old content scripts orphaned) and waits
 * for the new worker to answer.
 */
async function reloadChromium(session) {
  const isWorker = (t) => t.type() === "service_worker" && t.url() === `${session.base}/background.js`;
  const old = await session.browser.waitForTarget(isWorker);
  const worker = await old.worker();
  // Not awaited: the worker ends with it.
  worker.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 10); }).catch(() => {});
  await session.browser.waitForTarget((t) => isWorker(t) && t !== old, { timeout: 30000 });
  await waitFor(async () => (await sendFromExtension(session, { kind: "ping" }).catch(() => null))?.ready, { what: "the reloaded background", timeout: 30000 });
}

/**
 * Has the temporary add-on reload itself, as an update does: a new
 * background and new content scripts. The extension pages of the old one
 * close; the scenario then waits for the new copy in the tab.
 */
async function reloadFirefox(session) {
  const ext = await session.openExtensionPage("popup.html");
  ext.evaluate(() => { setTimeout(() => browser.runtime.reload(), 10); }).catch(() => {});
  await waitFor(() => ext.isClosed() || ext.evaluate(() => false).catch(() => true), { what: "the old add-on's page to close", timeout: 30000 });
}

/** Runs `fn(id)` in Chromium's chrome://extensions page, whose private APIs do what its switches and buttons do. */
async function onExtensionsPage(session, fn) {
  const page = await session.browser.newPage();
  try {
    await page.goto("chrome://extensions");
    return await page.evaluate(fn, new URL(session.base).host);
  } finally {
    await page.close();
  }
}

export default [
  {
    name: "injected again by the live extension: the running copy stays (one overlay, one port), the second does nothing",
    async run({ session }) {
      await resetSettings(session);
      const page = await draftWithMarks(session, { leave: false });
      const before = await portStats(session);

      assert.equal(await injectAgain(session, FIXTURE.host), "injected");
      await page.bringToFront();
      await focusComposer(page, FIXTURE);
      await page.keyboard.press("End");
      await page.keyboard.type(MORE);
      await drawnIsAnalysisOfText(session, page, FIXTURE.adapter, "the draft analysed after the second injection");

      const state = await pageState(page);
      assert.deepEqual(state.hosts, [{ first: true }], "the first copy's overlay, and only it");
      const after = await portStats(session);
      assert.ok(after.ports >= before.ports, `the background did not restart during the test (${JSON.stringify(before)} -> ${JSON.stringify(after)})`);
      assert.equal(after.ports - before.ports, 0, "no second port: the second injection started no copy");
      await page.close();
    },
  },
  {
    name: "Chromium: after the extension is reloaded, the open tab gets a working Rapport without a page reload",
    browsers: ["chromium"],
    timeout: 150_000,
    run: ({ server }) => inOwnBrowser("chromium", server, async (session) => {
      await allowChromiumReload(session);
      await reloadScenario(session, () => reloadChromium(session));
    }),
  },
  {
    name: "after the extension is reloaded, an open tab on a site the user added gets a working Rapport without a page reload",
    timeout: 150_000,
    run: ({ server, kind }) => inOwnBrowser(kind, server, async (session) => {
      const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
      s.extra_sites = [`https://${ADDED.host}`];
      await sendFromExtension(session, { kind: "setSettings", settings: s });
      await waitFor(() => session.extensionPage.evaluate(async () => {
        const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
        return (await api.scripting.getRegisteredContentScripts()).length === 1;
      }), { what: "the added site's registration" });
      if (kind === "chromium") await allowChromiumReload(session);
      await reloadScenario(session, () => (kind === "chromium" ? reloadChromium(session) : reloadFirefox(session)), { fixture: ADDED, platform: "generic" });
    }, { origins: [`https://${ADDED.host}/*`] }),
  },
  {
    name: "Chromium: a copy whose extension is switched off ends itself: no overlay, no marks left on the page",
    // Firefox stops the content scripts of an add-on that is switched off
    // outright, as on a reload, so nothing of them can run to clean up:
    // their overlay and highlights stay until the page reloads (measured in
    // Firefox 153), or until a new copy sweeps them away (the reload spec).
    browsers: ["chromium"],
    timeout: 120_000,
    run: ({ server }) => inOwnBrowser("chromium", server, async (session) => {
      const page = await draftWithMarks(session, { leave: true });
      await onExtensionsPage(session, (id) => chrome.management.setEnabled(id, false));
      await page.bringToFront();
      // Its port disconnects when the extension goes; its runtime goes a
      // little later, and the copy looks again then (coming back to the
      // left composer is no activation: the disconnect must do it).
      const left = await settlesTo(page, (s) => s.hosts.length === 0 && s.highlights.length === 0, "the orphaned copy to end");
      assert.deepEqual(left, { hosts: [], highlights: [], sameDocument: true }, "nothing of Rapport is left on the page, even after the layout moved");
    }),
  },
  {
    name: "Firefox: after the add-on is reloaded, the open tab gets a working Rapport without a page reload",
    browsers: ["firefox"],
    timeout: 150_000,
    run: ({ server }) => inOwnBrowser("firefox", server, async (session) => {
      await reloadScenario(session, () => reloadFirefox(session));
    }),
  },
];
