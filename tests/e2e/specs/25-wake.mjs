// A background that was stopped is woken transparently: the composer's port
// dies with it, and the next keystroke's analysis goes out on a new port.
// Chromium's service worker is stopped through CDP, Firefox's event page
// suspended from the browser's own chrome scope.
import assert from "node:assert/strict";
import fs from "node:fs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, resetSettings, setDevSetting, waitForMarks } from "../lib/composer.mjs";
import { GECKO_ID, evaluateInFirefoxChrome, waitFor } from "../browsers.mjs";

/** Stops the extension's service worker through the ServiceWorker domain and waits until it reports stopped. */
async function stopServiceWorker(page, session) {
  const cdp = await page.createCDPSession();
  const status = new Map();
  const scopes = new Map();
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e) => { for (const r of e.registrations) scopes.set(r.registrationId, r.scopeURL); });
  cdp.on("ServiceWorker.workerVersionUpdated", (e) => {
    for (const v of e.versions) if ((scopes.get(v.registrationId) || v.scriptURL).startsWith(session.base)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await waitFor(() => status.size > 0 && [...status.values()].every((s) => s === "stopped"), { what: "the service worker to stop" });
  await cdp.detach();
}

const eventPageState = (session) => evaluateInFirefoxChrome(session, `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.backgroundState`);

/**
 * Suspends Firefox's event page the way its idle timeout does
 * (Extension.terminateBackground, also behind about:debugging's "Terminate
 * background script"), and waits until it reports stopped. The idle-timeout
 * pref itself cannot be used here: it is read when the browser starts, and
 * the shared test browser starts with the default 30 s.
 */
async function suspendEventPage(session) {
  await evaluateInFirefoxChrome(session, `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.terminateBackground().then(() => true)`);
  await waitFor(async () => (await eventPageState(session)) === "stopped", { what: "the event page to stop" });
}

/**
 * The shared scenario: hints for a first draft, then the background is
 * stopped by `stopBackground(page)` with no extension page open (as when a
 * user writes a post), more words are typed, and the hints of those words and
 * then the analysis of the whole text must arrive. `afterWake(page)` runs
 * once the new words' hints are drawn.
 */
async function typingWakesTheBackground(session, { what, stopBackground, afterWake = async () => {} }) {
  await resetSettings(session);
  const fixture = FIXTURES.find((f) => f.adapter === "facebook");
  const page = await openFixture(session, fixture);
  await focusComposer(page, fixture);
  await page.keyboard.type("Thanks to Maria for the idea.");
  await waitForMarks(page, (s) => !s.marks.some((m) => m.polarity === "fame") && s.hints > 0, "the first hints");
  await session.extensionPage?.close();
  await stopBackground(page);
  await page.keyboard.type(" Follow us for more!!!");
  // Only the woken background can answer the content script: the new words' fame hints appear.
  await waitForMarks(page, (s) => s.marks.some((m) => m.polarity === "fame"), `the typing to wake the ${what} and get its hints`);
  await afterWake(page);
  const expected = await analyzeInBackground(session, await editorText(page), "facebook");
  // That reopened the extension page in a new tab, which hid the fixture's tab: a hidden
  // tab gets no animation frames, so its overlay would not draw the last answer.
  await page.bringToFront();
  const want = `${expected.hints.length} hints, ${expected.balance}`;
  const state = await waitForMarks(page, (s) => s.hints === expected.hints.length && s.balance === expected.balance, `the analysis after the ${what} woke (${want})`);
  assert.ok(state.marks.some((m) => m.polarity === "fame"), "the new words were analysed");
  await page.close();
}

// The composer port's name and message kinds (extension/shared/protocol.js), read from the file the extension ships.
const PROTOCOL = fs.readFileSync(new URL("../../../extension/shared/protocol.js", import.meta.url), "utf8");
const PORT_COMPOSER = /PORT_COMPOSER: "([^"]+)"/.exec(PROTOCOL)[1];
const ANALYZE = /ANALYZE: "([^"]+)"/.exec(PROTOCOL)[1];

/**
 * The background's own "newest text wins": texts that reach a background
 * still starting up are answered only for the newest of them. An extension
 * page opens a composer port to the stopped background and posts three texts
 * at once; exactly one answer must come back, for the third text, with its
 * analysis. Whether texts arrive before the wasm has loaded is a race the
 * woken background often wins (then all three are answered, correctly), so
 * the developer setting holdAnalysesMs keeps the started background from
 * analysing for a second: the texts are queued behind its start for certain.
 * (Without the background's check all three are answered, which is how this
 * test was checked.)
 */
async function wakingBackgroundAnswersTheNewest(session, stopBackground) {
  await resetSettings(session);
  const fixture = FIXTURES.find((f) => f.adapter === "facebook");
  const page = await openFixture(session, fixture);
  const texts = ["Thanks to Maria for the idea.", "Follow us for more!!!", "Follow us and smash that like button!!! What do you think?"];
  const expected = await analyzeInBackground(session, texts[2], "facebook");
  await setDevSetting(session, { holdAnalysesMs: 1000 });
  const ext = session.extensionPage;
  await stopBackground(page);
  const answers = await ext.evaluate(async (list, name, kind) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    const port = api.runtime.connect({ name });
    const got = [];
    port.onMessage.addListener((m) => got.push({ kind: m.kind, seq: m.seq, hints: m.hints?.rows?.length, balance: m.analysis?.balance }));
    list.forEach((text, i) => port.postMessage({ kind, seq: i + 1, text, platform: "facebook" }));
    // Long enough for a woken background, held for 1 s, to answer all three if it would.
    await new Promise((r) => setTimeout(r, 4000));
    port.disconnect();
    return got;
  }, texts, PORT_COMPOSER, ANALYZE);
  assert.deepEqual(answers, [{ kind: "analysis", seq: 3, hints: expected.hints.length, balance: expected.balance }],
    "only the newest of the texts queued while the background started is answered");
  await page.close();
}

export default [
  {
    name: "after the service worker is stopped, typing still gets its analysis",
    // Chromium can stop the service worker on demand (CDP).
    browsers: ["chromium"],
    async run({ session }) {
      // No DevTools on the worker either: with the network recorder's session attached,
      // a forced stop left the worker unable to restart, which a real browser never sees.
      let recording = true;
      const record = async () => {
        if (!recording) await session.attachWorkerRecorders();
        recording = true;
      };
      try {
        await typingWakesTheBackground(session, {
          what: "service worker",
          stopBackground: async (page) => {
            recording = false;
            await session.detachWorkerRecorders();
            await stopServiceWorker(page, session);
          },
          afterWake: record,
        });
      } finally {
        await record();
      }
    },
  },
  {
    name: "after Firefox's event page is suspended, typing wakes it and still gets its analysis",
    browsers: ["firefox"],
    async run({ session }) {
      await typingWakesTheBackground(session, {
        what: "event page",
        stopBackground: () => suspendEventPage(session),
        afterWake: async () => assert.equal(await eventPageState(session), "running", "the event page is running again"),
      });
    },
  },
  {
    name: "a service worker woken by three texts at once answers only the newest",
    browsers: ["chromium"],
    async run({ session }) {
      // As above: no DevTools on the worker while it is stopped.
      let detached = false;
      try {
        await wakingBackgroundAnswersTheNewest(session, async (page) => {
          detached = true;
          await session.detachWorkerRecorders();
          await stopServiceWorker(page, session);
        });
      } finally {
        if (detached) await session.attachWorkerRecorders();
        await setDevSetting(session, null);
      }
    },
  },
  {
    name: "an event page woken by three texts at once answers only the newest",
    browsers: ["firefox"],
    async run({ session }) {
      try {
        await wakingBackgroundAnswersTheNewest(session, () => suspendEventPage(session));
      } finally {
        await setDevSetting(session, null);
      }
    },
  },
];
