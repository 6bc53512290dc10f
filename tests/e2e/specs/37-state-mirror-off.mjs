// The overlay mirrors what it drew on its host's data attributes (the marks
// and their boxes, the balance, the gauge's place) only for the tests, which
// switch it on through the developer setting (TEST_DEV_SETTING). With the
// setting off, as in normal use, a drawing pass writes none of them: the host
// keeps only what the product itself needs (data-theme, which its style reads).
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, overlayState, resetSettings, setDevSetting, waitForMarks } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea. What do you think?";
const PRODUCT_ATTRIBUTES = ["data-theme"];
const x = FIXTURES.find((f) => f.adapter === "x");

/** The host's data attributes, and how many ranges the overlay's highlights hold (the page shares the registry). */
const drawn = (page) => page.evaluate(() => ({
  data: document.querySelector("rapport-overlay")?.getAttributeNames().filter((n) => n.startsWith("data-")) ?? null,
  page: document.documentElement.getAttributeNames().filter((n) => n.startsWith("data-rapport")),
  ranges: [...CSS.highlights].filter(([name]) => name.startsWith("rapport")).reduce((n, [, h]) => n + h.size, 0),
}));

export default [
  {
    name: "with the developer setting off, a drawing pass writes none of the tests' attributes",
    async run({ session }) {
      await resetSettings(session);
      await setDevSetting(session, { mirrorState: false });
      try {
        const page = await openFixture(session, x);
        await focusComposer(page, x);
        await page.keyboard.type(DRAFT);
        const analysis = await analyzeInBackground(session, await editorText(page), x.adapter);
        assert.ok(analysis.hints.length > 1, "the draft has hints");
        await page.bringToFront();
        // data-theme is written by the pass that reads the layout, after the highlights are in place.
        const state = await waitFor(async () => {
          const d = await drawn(page);
          return d.ranges === analysis.hints.length && d.data?.includes("data-theme") ? d : null;
        }, { what: "the draft's hints drawn" });
        assert.deepEqual(state.data, PRODUCT_ATTRIBUTES, "the host has only the attributes the product needs");
        assert.deepEqual(state.page, [], "nothing is written on the page's root");

        // Switched back on, the same overlay mirrors its state again.
        await setDevSetting(session, null);
        await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.balance === analysis.balance, "the mirrored state");
        assert.equal((await overlayState(page)).platform, "x");
        await page.close();
      } finally {
        await setDevSetting(session, null);
      }
    },
  },
];
