// A keystroke's analysis is asked for at its beforeinput, with the text the
// keystroke will make, so it is often back by the time the editor has put
// the text in its DOM and is drawn with it. These tests make that gap
// visible with an editor that applies typed text 300 ms late (as editors
// that apply input asynchronously do), and check the three outcomes:
//  - applied as predicted: the new text's analysis is drawn in the very
//    microtask checkpoint of the editor's change, and one request was sent;
//  - applied differently (the editor doubles the character): the wrong
//    guess costs one more request and the overlay ends on the real text;
//  - never applied (the editor swallows the key): the guess's analysis is
//    never drawn; the overlay stays on the unchanged text's.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, resetSettings, sendFromExtension, sleep, waitForMarks } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const DRAFT = "Thanks to Maria for the idea, what do you think";
const APPLY_AFTER_MS = 300;

const requestsSoFar = async (session) => (await sendFromExtension(session, { kind: "ping" })).ports.requests;

/**
 * Makes the composer an editor that takes typed text in its beforeinput and
 * applies it APPLY_AFTER_MS later: as typed ("as-typed"), doubled
 * ("doubled") or never ("swallowed"). Right after applying it records, in a
 * microtask (so after the mutation observers and input listeners the change
 * caused), the length of the text the overlay's drawn analysis is of.
 */
function deferTypedText(page, selector, mode, delay) {
  return page.evaluate((sel, how, ms) => {
    const el = document.querySelector(sel);
    const host = document.querySelector("rapport-overlay");
    const log = (globalThis.__deferred = { applied: false, drawnChars: null, length: null });
    el.addEventListener("beforeinput", (e) => {
      if (e.inputType !== "insertText") return;
      e.preventDefault();
      const typed = how === "doubled" ? e.data + e.data : e.data;
      const field = el instanceof HTMLTextAreaElement;
      const range = field ? null : getSelection().getRangeAt(0).cloneRange();
      setTimeout(() => {
        if (how === "swallowed") return;
        if (field) {
          el.setRangeText(typed, el.selectionStart, el.selectionEnd, "end");
          el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: typed }));
        } else {
          range.deleteContents();
          const node = range.startContainer;
          if (node.nodeType === Node.TEXT_NODE) node.insertData(range.startOffset, typed);
          else range.insertNode(document.createTextNode(typed));
          getSelection().collapse(range.endContainer, range.endOffset);
        }
        queueMicrotask(() => {
          log.applied = true;
          log.drawnChars = Number(host.dataset.analyzedChars);
          log.length = globalThis.__fixture.getText().length;
        });
      }, ms);
    });
  }, selector, mode, delay);
}

function predictionTest(fixture, mode) {
  return {
    name: `${fixture.editor} (${fixture.adapter}): a keystroke the editor applies late ${mode}`,
    async run({ session }) {
      await resetSettings(session);
      const page = await openFixture(session, fixture);
      await focusComposer(page, fixture);
      await page.keyboard.type(DRAFT);
      await waitForMarks(page, async () => page.evaluate((n) => Number(document.querySelector("rapport-overlay")?.dataset.analyzedChars) === n, DRAFT.length), "the draft's analysis");
      await deferTypedText(page, fixture.composer, mode, APPLY_AFTER_MS);
      const before = await requestsSoFar(session);
      await page.keyboard.type("d");
      const expected = mode === "as-typed" ? `${DRAFT}d` : mode === "doubled" ? `${DRAFT}dd` : DRAFT;
      if (mode === "swallowed") await sleep(APPLY_AFTER_MS + 200);
      else await waitFor(() => page.evaluate(() => globalThis.__deferred.applied), { what: "the editor to apply the keystroke" });
      const text = await editorText(page);
      assert.equal(text, expected, "the editor applied the keystroke as this test's editor does");

      const final = await analyzeInBackground(session, text, fixture.adapter);
      const drawn = await waitForMarks(page, async (s) => s.hints === final.hints.length &&
        (await page.evaluate((n) => Number(document.querySelector("rapport-overlay")?.dataset.analyzedChars) === n, text.length)), "the overlay of the editor's real text");
      const key = (h) => `${h.rule_id}@${h.start}-${h.end}`;
      assert.deepEqual(drawn.marks.map(key).sort(), final.hints.map(key).sort(), "the drawn hints are the real text's");
      const requests = (await requestsSoFar(session)) - before;
      if (mode === "as-typed") {
        const log = await page.evaluate(() => globalThis.__deferred);
        assert.equal(log.drawnChars, log.length, `the new text's analysis was drawn with the editor's change (drawn: ${log.drawnChars} characters, text: ${log.length})`);
        assert.equal(requests, 1, `a keystroke applied as predicted is asked about once (${requests} requests)`);
      } else if (mode === "doubled") {
        assert.equal(requests, 2, `a wrong guess costs exactly one more request: the guess, then the real text (${requests} requests)`);
      } else {
        // The guess alone: its answer is kept aside, never drawn, and the text on screen was already analysed.
        assert.equal(requests, 1, `a swallowed keystroke costs its guess only (${requests} requests)`);
      }
      await page.close();
    },
  };
}

const composers = [
  FIXTURES.find((f) => f.adapter === "instagram" && f.editor === "contenteditable"),
  FIXTURES.find((f) => f.adapter === "reddit" && f.editor === "textarea"),
];
export default composers.flatMap((fixture) => ["as-typed", "doubled", "swallowed"].map((mode) => predictionTest(fixture, mode)));
