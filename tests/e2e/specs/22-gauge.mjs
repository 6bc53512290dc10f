// The gauge never covers the text, in every fixture editor: typing lines that
// run to the composer's right edge, after every few characters the gauge's
// rect intersects none of the text's client rects (read in the page with
// Range.getClientRects), and the text really did reach the gauge's first
// place (so the gauge had to give way).
import assert from "node:assert/strict";
import { EDITORS } from "../lib/fixtures.mjs";
import { focusComposer, openFixture, overlaps, resetSettings, sleep, textAndGauge } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

// Lines that wrap at the composer's right edge.
const TEXT = "Thanks to everyone who came to the meetup yesterday, we learned a lot from your questions and your stories. "
  + "What should we cover next time, and which speaker would you like to hear from again? Tell us what worked for you. "
  + "We read every single reply and we will share the notes with credit to each of you next week.";
const CHUNK = 6;
const CHARS_PER_LINE = 130; // at most, in the widest fixture composer
const MAX_CHARS = 1500;

/** Checks the gauge against the text once the overlay has laid out the editor's current text. */
export async function checkGaugeClear(page, fixture, what) {
  const state = await waitFor(async () => {
    const s = await textAndGauge(page, fixture.composer);
    // Settled: the overlay's last pass saw this text, and a frame later nothing moved.
    const chars = await page.evaluate(() => Number(document.querySelector("rapport-overlay")?.dataset.gaugeChars ?? -1));
    if (!s.gauge || chars !== (await page.evaluate(() => globalThis.__fixture.getText().length))) return null;
    await sleep(40);
    const again = await textAndGauge(page, fixture.composer);
    return JSON.stringify(again.gauge) === JSON.stringify(s.gauge) && JSON.stringify(again.rects) === JSON.stringify(s.rects) ? again : null;
  }, { what: `the gauge to settle (${what})`, timeout: 10000 });
  const hit = state.rects.find((r) => overlaps(state.gauge, r));
  assert.equal(hit, undefined, `${what}: the gauge (${state.spot}) at ${JSON.stringify(state.gauge)} covers text at ${JSON.stringify(hit)}`);
  return state;
}

function gaugeTest(fixture) {
  return {
    name: `${fixture.editor} (${fixture.adapter}): the gauge never covers the text while lines reach the composer's right edge`,
    timeout: 150_000,
    async run({ session }) {
      await resetSettings(session);
      const page = await openFixture(session, fixture);
      await page.setViewport({ width: 900, height: 700 });
      await focusComposer(page, fixture);
      const spots = new Set();
      let first = null; // the gauge's first place, in the composer's corner
      let reachedFirst = false;
      let reachedEdge = false;
      // Until the text has reached the gauge's first place, then on for two more lines.
      const source = TEXT.repeat(5);
      let until = MAX_CHARS;
      for (let i = 0; i < until; i += CHUNK) {
        await page.keyboard.type(source.slice(i, i + CHUNK));
        const state = await checkGaugeClear(page, fixture, `after ${i + CHUNK} characters`);
        spots.add(state.spot);
        if (!first) first = state.gauge;
        const [left, , width] = state.box;
        if (state.rects.some((r) => r[0] + r[2] >= left + width - 40)) reachedEdge = true;
        if (!reachedFirst && state.rects.some((r) => overlaps(first, r))) {
          reachedFirst = true;
          until = Math.min(MAX_CHARS, i + 2 * CHARS_PER_LINE);
        }
      }
      assert.ok(first && spots.has("inside"), `the gauge started inside the composer's corner (${[...spots].join(", ")})`);
      assert.ok(reachedEdge, "the lines reached the composer's right edge");
      assert.ok(reachedFirst, "the text reached the gauge's first place, so it had to give way");
      assert.ok(spots.size > 1, `the gauge moved (${[...spots].join(", ")})`);
      await page.close();
    },
  };
}

export default EDITORS.map(gaugeTest);
