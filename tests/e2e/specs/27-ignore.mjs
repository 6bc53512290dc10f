// "Ignore here" is anchored by the hint's rule, its words and which
// occurrence of those words it is, not by its offset: the ignored hint stays
// ignored while the user edits elsewhere in the draft (before it, moving
// every offset, and after it), and the same words flagged elsewhere stay
// flagged.
import assert from "node:assert/strict";
import { EDITORS } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, MOD, openFixture, overlayState, pressCombo, resetSettings, textRects, waitForMarks } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const DRAFT = "Thanks to Maria for the idea. Thanks to Ana for the demo. What do you think?";
const RULE_WORDS = "Thanks to";

function ruleMarks(state, rule) { return state.marks.filter((m) => m.rule_id === rule).sort((a, b) => a.start - b.start); }

/** `mark` lies on the first occurrence of the words (`hint`): by its boxes against the words' own ranges, or in a textarea by its offsets. */
async function drawnOnFirst(page, fixture, mark, hint, what) {
  if (fixture.editor === "textarea") {
    assert.deepEqual([mark.start, mark.end], [hint.start, hint.end], what);
    return;
  }
  const words = await textRects(page, fixture.composer, RULE_WORDS);
  assert.deepEqual(mark.rects.map((r) => r.map(Math.round)), words.map((r) => r.map(Math.round)), what);
}

function ignoreTest(fixture) {
  return {
    name: `${fixture.editor} (${fixture.adapter}): an ignored hint stays ignored while the draft is edited elsewhere; the same words elsewhere stay flagged`,
    async run({ session }) {
      await resetSettings(session);
      const page = await openFixture(session, fixture);
      await focusComposer(page, fixture);
      await page.keyboard.type(DRAFT);
      const analysis = await analyzeInBackground(session, await editorText(page), fixture.adapter);
      const thanks = analysis.hints.filter((h) => (DRAFT.slice(h.start, h.end) === RULE_WORDS));
      assert.equal(thanks.length, 2, `"${RULE_WORDS}" is flagged twice: ${JSON.stringify(analysis.hints.map((h) => [h.rule_id, h.start]))}`);
      const rule = thanks[0].rule_id;
      let state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && ruleMarks(s, rule).length === 2, "both marks");

      // Ignore the second occurrence from its card (caret in its words, the shortcut, then the card's buttons).
      const second = ruleMarks(state, rule)[1];
      const [x, y, , h] = second.rects[0];
      await page.mouse.click(x + 3, y + h / 2);
      await pressCombo(page, "Alt", "Shift", "KeyH");
      await waitFor(async () => (await overlayState(page)).card === rule && page.evaluate(() => document.activeElement?.localName === "rapport-overlay"), { what: "the card" });
      const order = typeof thanks[1].replacement === "string" ? ["apply", "ignore"] : ["ignore"];
      for (let i = 0; i < order.indexOf("ignore"); i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      state = await waitForMarks(page, (s) => ruleMarks(s, rule).length === 1, "the ignored hint to go");
      await drawnOnFirst(page, fixture, ruleMarks(state, rule)[0], thanks[0], "the first occurrence is still drawn");

      // Edit after it and before it (every offset moves): still one mark, on the first occurrence.
      await page.focus(fixture.composer);
      await pressCombo(page, MOD, "End");
      await page.keyboard.type(" We read every reply.");
      await pressCombo(page, MOD, "Home");
      await page.keyboard.type("Big week! ");
      const edited = await editorText(page);
      assert.ok(edited.startsWith("Big week! Thanks to") && edited.endsWith("We read every reply."), `the edits landed: ${JSON.stringify(edited)}`);
      const again = await analyzeInBackground(session, edited, fixture.adapter);
      const both = again.hints.filter((h2) => h2.rule_id === rule).sort((a, b) => a.start - b.start);
      assert.equal(both.length, 2, "the analyser still flags both");
      // The overlay's analysis of the final text (the single-paragraph text has the same offsets in the editor and the extension).
      state = await waitForMarks(page, (s) => s.hints === again.hints.length - 1 && ruleMarks(s, rule).length === 1 && ruleMarks(s, rule)[0].start === both[0].start,
        "the hints of the edited draft, the second occurrence still ignored");
      await drawnOnFirst(page, fixture, ruleMarks(state, rule)[0], both[0], "the mark left is the first occurrence, where it moved to");
      await page.close();
    },
  };
}

export default EDITORS.map(ignoreTest);
