// The optional pre-publish nudge (off by default; once per draft; never
// blocks the click) and LinkedIn's "see more" fold marker.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, focusComposer, openFixture, overlayState, resetSettings, sendFromExtension, sleep, waitForMarks } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const BROADCAST = "LIKE this if you agree!!! Follow us for more. Smash that like button and share this with everyone!!! Tag 3 friends!!!";
const x = FIXTURES.find((f) => f.adapter === "x");
const POST = '[data-testid="tweetButtonInline"]';

/** Clicks Post and reports whether anything cancelled the click. */
async function clickPost(page) {
  await page.evaluate((sel) => {
    globalThis.__postClicks = [];
    window.addEventListener("click", (e) => { if (e.target.closest(sel)) globalThis.__postClicks.push(e.defaultPrevented); });
  }, POST);
  await page.click(POST);
  return page.evaluate(() => globalThis.__postClicks);
}

async function setNudge(session, on) {
  const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
  s.nudge = on;
  await sendFromExtension(session, { kind: "setSettings", settings: s });
}

/** Removes the stored settings key from an extension page, as on a fresh install. */
async function removeStoredSettings(session) {
  await sendFromExtension(session, { kind: "getSettings" });
  await session.extensionPage.evaluate(async () => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    await api.storage.local.remove("settings"); // SETTINGS_KEY in extension/shared/protocol.js
  });
}

export default [
  {
    name: "nudge: off by default; when on, one reminder on Post for a broadcasting draft, and the click goes through",
    async run({ session }) {
      // The real default: what the background derives from storage without
      // settings, not a value this test wrote. A marker in the stored settings
      // shows when the background has seen the key removed.
      const stored = (await sendFromExtension(session, { kind: "getSettings" })).settings;
      stored.nudge = true;
      stored.options.profile.names = ["nudge-default-marker"];
      await sendFromExtension(session, { kind: "setSettings", settings: stored });
      await removeStoredSettings(session);
      const fresh = await waitFor(async () => {
        const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
        return s.options.profile.names.length === 0 ? s : null;
      }, { what: "the background to read settings from empty storage" });
      assert.equal(fresh.nudge, false, "the nudge is off by default");
      await resetSettings(session);
      assert.equal((await analyzeInBackground(session, BROADCAST, "x")).balance, "broadcasting", "the draft reads as broadcasting");

      let page = await openFixture(session, x);
      await focusComposer(page, x);
      await page.keyboard.type(BROADCAST);
      await waitForMarks(page, (s) => s.balance === "broadcasting", "a broadcasting balance");
      assert.deepEqual(await clickPost(page), [false], "Post was clicked and not cancelled");
      await sleep(300);
      assert.equal((await overlayState(page)).nudge, null, "no reminder while the switch is off");
      await page.close();

      await setNudge(session, true);
      page = await openFixture(session, x);
      await focusComposer(page, x);
      await page.keyboard.type(BROADCAST);
      await waitForMarks(page, (s) => s.balance === "broadcasting", "a broadcasting balance");
      assert.deepEqual(await clickPost(page), [false], "the reminder does not cancel the click");
      await waitFor(async () => (await overlayState(page)).nudge === "shown", { what: "the reminder" });
      await resetSettings(session);
      await page.close();
    },
  },
  {
    name: "LinkedIn: the gauge marks where 'see more' folds the post",
    async run({ session }) {
      await resetSettings(session);
      const li = FIXTURES.find((f) => f.adapter === "linkedin");
      const page = await openFixture(session, li);
      await focusComposer(page, li);
      await page.keyboard.type("Thanks to everyone who joined us. ");
      await waitForMarks(page, (s) => s.hints > 0, "hints");
      assert.equal((await overlayState(page)).fold, null, "no fold on a short post");
      await page.keyboard.type("We learned a lot from your questions, and Maria ran the demo. What would you add to the next meetup? We read every reply and we will share the notes with everyone next week, with credit.");
      const state = await waitForMarks(page, (s) => s.fold === 210, "the fold marker");
      assert.equal(state.fold, 210);
      await page.close();
    },
  },
];
