// The popup's own module has no analyser and no store: a pasted draft is
// analysed by the background, and a stored summary it cannot read is
// replaced by the background instead of breaking the popup.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { analyzeInBackground } from "../lib/composer.mjs";
import { inExtension, openPopup, resetAll, SEEDED, seedHistory, waitForPosts } from "../lib/history.mjs";

export default [
  {
    name: "popup: a pasted draft is analysed by the background and drawn with its hints; the newest text wins",
    async run({ session }) {
      await resetAll(session);
      const page = await openPopup(session);
      await page.select("#platform", "linkedin");
      await page.focus("#draft");
      await page.keyboard.type("Like and share if you agree!!! Follow us for more.");
      await waitFor(() => page.evaluate(() => document.querySelectorAll("#result li.hint").length > 0), { what: "hints in the popup" });
      // Typed on: the result follows the newest text only.
      await page.keyboard.press("End");
      await page.keyboard.type(" What would you change? Thanks to Ana for the idea.");
      const text = await page.$eval("#draft", (e) => e.value);
      const want = await analyzeInBackground(session, text, "linkedin");
      const drawn = () => page.evaluate(() => ({
        balance: document.querySelector("#result .balance")?.dataset.balance,
        rules: [...document.querySelectorAll("#result li.hint")].map((li) => li.dataset.rule),
        phrases: [...document.querySelectorAll("#result li.hint q.phrase")].map((q) => q.textContent),
      }));
      await waitFor(async () => (await drawn()).rules.length === want.hints.length, { what: "the newest draft's hints" });
      const got = await drawn();
      assert.equal(got.balance, want.balance);
      assert.deepEqual(got.rules, want.hints.map((h) => h.rule_id));
      assert.deepEqual(got.phrases, want.hints.map((h) => text.slice(h.start, h.end)), "each hint quotes its words (UTF-16 spans)");
      // Emptied: nothing shown.
      await page.$eval("#draft", (e) => { e.value = ""; e.dispatchEvent(new Event("input")); });
      await waitFor(() => page.evaluate(() => !document.querySelector("#result .balance")), { what: "the result to clear" });
    },
  },
  {
    name: "popup: a stored summary it cannot read shows the empty state, and the background writes a new one that it shows",
    async run({ session }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      await waitFor(async () => (await inExtension(session, async (api) => (await api.storage.local.get("history_summary")).history_summary?.posts)) === SEEDED.records.length,
        { what: "the background's summary", timeout: 20000 });
      // A summary of another shape, as another version could have left it (the history itself is fine).
      await inExtension(session, (api) => api.storage.local.set({ history_summary: { posts: "many", trend: null } }));
      const page = await session.openExtensionPage("popup.html");
      await waitForPosts(page, SEEDED.records.length);
      assert.equal(await page.evaluate(() => document.querySelectorAll("svg.trend circle").length > 0), true, "the summary is drawn");
      assert.equal(await page.evaluate(() => document.body.dataset.ready), "true");
    },
  },
];
