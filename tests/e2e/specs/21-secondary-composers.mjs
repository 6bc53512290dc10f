// The composers after the first on a page (X reply, Facebook, LinkedIn and
// Instagram comments, Reddit title and comment): the adapters declare them,
// and typing into one must get hints on the right words, analysed for the
// adapter's platform, exactly as in the main composer (20-composers).
import assert from "node:assert/strict";
import { SECONDARY } from "../lib/fixtures.mjs";
import { analyzeInBackground, fieldBox, focusComposer, openFixture, resetSettings, textRects, waitForMarks } from "../lib/composer.mjs";

// One line (a title takes no line breaks) with a fame cue and a connection cue.
const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea.";
const PX = 1.5;
const near = (a, b) => Math.abs(a - b) <= PX;

/** The composer's own text: a field's value, else its rendered text nodes (no editor model is exposed for these). */
const composerText = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : el.textContent.replace(/\u00a0/g, " ");
}, sel);

function secondaryTest(fixture) {
  return {
    name: `${fixture.adapter} ${fixture.label} (${fixture.editor}): hints on the right words, platform ${fixture.adapter}`,
    async run({ session }) {
      await resetSettings(session);
      const page = await openFixture(session, fixture);
      await focusComposer(page, fixture);
      await page.keyboard.type(DRAFT);
      assert.equal(await composerText(page, fixture.composer), DRAFT, "the draft went into this composer");
      const analysis = await analyzeInBackground(session, DRAFT, fixture.adapter);
      const fame = analysis.hints.filter((h) => h.polarity === "fame");
      assert.ok(fame.some((h) => DRAFT.slice(h.start, h.end).toLowerCase().startsWith("follow us")), "the draft has its known fame cue");
      const state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.balance === analysis.balance, `the hints of the ${fixture.label}`);
      assert.equal(state.platform, fixture.adapter, "the analyser got the adapter's platform");
      const box = fixture.field ? await fieldBox(page, fixture.composer) : null;
      for (const hint of analysis.hints) {
        const words = DRAFT.slice(hint.start, hint.end);
        const mark = state.marks.find((m) => m.rule_id === hint.rule_id && m.start === hint.start);
        assert.ok(mark, `${hint.rule_id} ("${words}") is drawn`);
        assert.equal(mark.polarity, hint.polarity, `${hint.rule_id} polarity`);
        assert.ok(mark.rects.length > 0, `${hint.rule_id} ("${words}") has a box`);
        if (fixture.field) {
          // One line: the box lies on the field's first line, as wide as the words.
          assert.deepEqual([mark.start, mark.end], [hint.start, hint.end], `${hint.rule_id} offsets`);
          const [x, y, w] = mark.rects[0];
          assert.ok(y >= box.top - 3 && y <= box.top + box.lineHeight, `${hint.rule_id} ("${words}") on the first line: top ${y}, field top ${box.top}`);
          if (hint.start === 0) assert.ok(near(x, box.left), `${hint.rule_id} starts the field: left ${x} vs ${box.left}`);
          assert.ok(x >= box.left - PX && x < box.right, `${hint.rule_id} ("${words}") inside the field: left ${x}`);
          assert.ok(w > words.length * 3 && w < words.length * 16, `${hint.rule_id} ("${words}") width ${w}`);
        } else {
          const want = await textRects(page, fixture.composer, words);
          assert.ok(want, `"${words}" is not in the composer's DOM`);
          const same = mark.rects.length === want.length && mark.rects.every((g, i) => g.every((v, k) => near(v, want[i][k])));
          assert.ok(same, `${hint.rule_id} ("${words}") drawn at ${JSON.stringify(mark.rects)}, words are at ${JSON.stringify(want)}`);
        }
      }
      await page.close();
    },
  };
}

export default SECONDARY.map(secondaryTest);
