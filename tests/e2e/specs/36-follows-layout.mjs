// The overlay follows what the page does to the composer's layout after the
// hints are drawn, with no keystroke to prompt it: a larger text size (the
// text rewraps, the editor grows), the page zoomed with CSS zoom, the
// composer made narrower (the text rewraps, same height or not), and the
// site's dark theme (a class on <html>: the underlines switch to the dark
// palette). After each change the hints' boxes must be on their words again:
//  - with the Highlight API, the boxes the overlay measured (hover, the
//    gauge and the hint list use them) against the words' own ranges;
//  - with the boxes fallback, the same, plus the underline's colour on
//    screen under each hinted word and under no other word.
import assert from "node:assert/strict";
import { EDITORS } from "../lib/fixtures.mjs";
import {
  analyzeInBackground, checkBoxesDrawn, editorText, focusComposer, MARK_COLOURS, openFixture, resetSettings, sameRects, setDevSetting, sleep,
  textRects, waitForMarks,
} from "../lib/composer.mjs";

const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea. What do you think?";

/** The page's changes, in order; each leaves the previous ones in place. */
const CHANGES = [
  {
    name: "a larger text size",
    apply: (sel) => {
      const style = document.createElement("style");
      style.textContent = ".large-text, .large-text * { font-size: 21px !important; line-height: 1.5 !important; }";
      document.head.append(style);
      document.querySelector(sel).parentElement.classList.add("large-text");
    },
  },
  { name: "CSS zoom on the page", apply: () => { document.documentElement.style.zoom = "1.25"; } },
  {
    name: "a narrower composer",
    apply: (sel) => { const el = document.querySelector(sel); (el.closest(".composer") ?? el.parentElement).style.width = "300px"; },
  },
  { name: "the site's dark theme", apply: () => { document.documentElement.classList.add("dark"); }, theme: "dark" },
];

/** Whether every hint's measured boxes lie on its words (the nth hint of a rule is its nth mark). */
async function marksOnWords(page, fixture, text, analysis, state) {
  for (const hint of analysis.hints) {
    const nth = analysis.hints.filter((h) => h.rule_id === hint.rule_id && h.start < hint.start).length;
    const mark = state.marks.filter((m) => m.rule_id === hint.rule_id)[nth];
    if (!mark || !sameRects(mark.rects, await textRects(page, fixture.composer, text.slice(hint.start, hint.end)))) return false;
  }
  return true;
}

const theme = (page) => page.evaluate(() => document.querySelector("rapport-overlay")?.dataset.theme ?? null);
const rapportHighlights = (page) => page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith("rapport")).sort());

function layoutTest(fixture, paint) {
  return {
    name: `${fixture.editor} (${fixture.adapter}), ${paint}: the hints follow text size, zoom, rewrapping and the dark theme`,
    timeout: 120_000,
    async run({ session }) {
      await resetSettings(session);
      const forced = paint === "boxes" && fixture.editor !== "textarea";
      if (forced) await setDevSetting(session, { overlayPaint: "boxes" });
      try {
        const page = await openFixture(session, fixture);
        await page.setViewport({ width: 900, height: 700 });
        await focusComposer(page, fixture);
        await page.keyboard.type(DRAFT);
        const text = await editorText(page);
        const analysis = await analyzeInBackground(session, text, fixture.adapter);
        assert.ok(analysis.hints.some((h) => h.polarity === "fame") && analysis.hints.some((h) => h.polarity === "connection"), "the draft has both kinds of hint");
        await waitForMarks(page, (s) => s.paint === paint && s.hints === analysis.hints.length && marksOnWords(page, fixture, text, analysis, s), "the hints on their words as typed");
        const wordRects = async () => Promise.all(analysis.hints.map((h) => textRects(page, fixture.composer, text.slice(h.start, h.end))));
        let previous = await wordRects();
        for (const change of CHANGES) {
          await page.evaluate(change.apply, fixture.composer);
          const moved = await wordRects();
          if (!change.theme) assert.ok(moved.some((r, i) => !sameRects(r, previous[i])), `${change.name} moves hinted words (the test changes their layout)`);
          previous = moved;
          const want = change.theme ?? "light";
          // The theme does not move the words: wait for the overlay to have taken it too.
          await waitForMarks(page, async (s) => s.hints === analysis.hints.length && (await theme(page)) === want && marksOnWords(page, fixture, text, analysis, s),
            `the hints on their words, in the ${want} theme, after ${change.name}`);
          if (paint === "boxes") {
            await sleep(100);
            await checkBoxesDrawn(page, fixture, text, analysis, `after ${change.name}`, MARK_COLOURS[want]);
          } else {
            const names = await rapportHighlights(page);
            const dark = want === "dark";
            assert.ok(names.length > 0 && names.every((n) => n.endsWith("-dark") === dark), `after ${change.name} the highlights registered are ${JSON.stringify(names)}`);
          }
        }
        await page.close();
      } finally {
        if (forced) await setDevSetting(session, null);
      }
    },
  };
}

// Contenteditables with the Highlight API; the Lexical editor with the boxes
// fallback; the textarea, always boxes (over a mirror of the field).
const editables = EDITORS.filter((f) => f.editor !== "textarea");
export default [
  ...editables.map((f) => layoutTest(f, "highlights")),
  layoutTest(editables.find((f) => f.editor === "lexical"), "boxes"),
  layoutTest(EDITORS.find((f) => f.editor === "textarea"), "boxes"),
];
