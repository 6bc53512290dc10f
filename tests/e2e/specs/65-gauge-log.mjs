// "Log this post" in the gauge's panel: the manual fallback when a publish
// was not detected records the draft as published (through the publish feature's
// logActive, like the popup's button), reached by keyboard in the panel the
// gauge opens; while recording is paused it records nothing and says so.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, focusComposer, openFixture, overlayState, sleep, waitForMarks } from "../lib/composer.mjs";
import { resetAll, send, storedHistory, waitForRecords } from "../lib/history.mjs";
import { waitFor } from "../browsers.mjs";

const CONNECTING = "What is the one tool you could not work without? Tell us below, we read every reply. Thanks to @ana for the idea!";

/** Opens the gauge's panel with a click on the gauge; focus goes to its first entry. */
async function openPanel(page) {
  await page.bringToFront(); // the extension page the test talks to the background through came to the front
  const { gauge } = await waitForMarks(page, (s) => s.gauge && s.hints > 0, "the gauge");
  const [x, y, w, h] = gauge;
  await page.mouse.click(x + w - 12, y + h / 2);
  await waitFor(() => page.evaluate(() => document.activeElement?.localName === "rapport-overlay"), { what: "focus in the gauge's panel" });
  await sleep(100);
}

export default ["x", "reddit"].map((adapter) => {
  const fixture = FIXTURES.find((f) => f.adapter === adapter);
  return {
    name: `${fixture.editor} (${adapter}): "Log this post" in the gauge's panel records the draft, by keyboard; not while recording is paused`,
    async run({ session }) {
      await resetAll(session);
      const page = await openFixture(session, fixture);
      await focusComposer(page, fixture);
      await page.keyboard.type(CONNECTING);
      const expected = await analyzeInBackground(session, CONNECTING, adapter);
      // Asking the background may have opened an extension page in front; a
      // page in the background gets no animation frames, so no overlay pass.
      await page.bringToFront();
      const state = await waitForMarks(page, (s) => s.hints === expected.hints.length && s.balance === expected.balance, "the draft's hints");

      // Paused: nothing recorded, and the panel says why.
      await send(session, { kind: "setRecording", paused: true });
      await openPanel(page);
      await page.keyboard.press("ArrowUp"); // from the first hint around to the last entry, "Log this post"
      await page.keyboard.press("Enter");
      await waitFor(async () => (await overlayState(page)).logged === "paused", { what: "the paused status" });
      assert.equal(await storedHistory(session), null, "nothing recorded while paused");
      await page.keyboard.press("Escape");
      await send(session, { kind: "setRecording", paused: false });

      // Tab walks the panel: past every hint to "Log this post"; the space bar activates it.
      await openPanel(page);
      for (let i = 0; i < state.hints; i++) await page.keyboard.press("Tab");
      await page.keyboard.press(" ");
      const [record] = await waitForRecords(session, 1);
      await waitFor(async () => (await overlayState(page)).logged === "recorded", { what: "the logged status" });
      assert.equal(record.site, adapter);
      assert.equal(record.host, fixture.host);
      assert.equal(record.balance, expected.balance);
      assert.equal(record.fame, expected.fame);
      assert.equal(record.connection, expected.connection);
      assert.ok(record.cues["open-question"] >= 1, JSON.stringify(record.cues));
      // Escape closes the panel and gives the editor its focus back; the text is untouched.
      await page.keyboard.press("Escape");
      await waitFor(() => page.evaluate((sel) => document.querySelector(sel).contains(document.activeElement) || document.activeElement === document.querySelector(sel), fixture.composer),
        { what: "focus back in the composer" });
      assert.equal(await page.evaluate(() => globalThis.__fixture.getText()), CONNECTING);
      await page.close();
    },
  };
});
