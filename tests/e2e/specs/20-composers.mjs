// For every static fixture (each adapter's real editor library): hints appear
// on the right words (by position against the text's own ranges), the gauge
// follows the text, the card opens on hover and by keyboard, applying a
// suggestion goes through the editor (undo restores the words), and "ignore
// here" and "turn off this rule" take effect.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import {
  analyzeInBackground, editorCaret, editorText, fieldBox, focusComposer, MOD, openFixture, overlayState, pressCombo,
  resetSettings, sameRects, sendFromExtension, sleep, textRects, typeIntoFixture, waitForMarks,
} from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const DRAFT = "Follow us and smash that like button!!!\nThanks to Maria for the idea. What do you think?";
const MORE = " We read every reply and we would love to hear your ideas.";
const PX = 1.5;

const near = (a, b) => Math.abs(a - b) <= PX;
const center = (rect) => ({ x: rect[0] + Math.min(rect[2] / 2, 12), y: rect[1] + rect[3] / 2 });

/** Each expected hint (analysed from the editor's own text) must be drawn exactly over its words. */
async function checkPositions(page, fixture, text, analysis, state) {
  const byRule = (list) => list.reduce((m, h) => m.set(h.rule_id, [...(m.get(h.rule_id) || []), h]), new Map());
  const drawn = byRule(state.marks);
  const field = fixture.editor === "textarea";
  const box = field ? await fieldBox(page, fixture.composer) : null;
  for (const [rule, hints] of byRule(analysis.hints)) {
    const marks = drawn.get(rule) || [];
    assert.equal(marks.length, hints.length, `${rule}: ${marks.length} marks drawn for ${hints.length} hints`);
    for (let i = 0; i < hints.length; i++) {
      const words = text.slice(hints[i].start, hints[i].end);
      const mark = marks[i];
      assert.equal(mark.polarity, hints[i].polarity, `${rule} polarity`);
      assert.ok(mark.rects.length > 0, `${rule} ("${words}") has no box`);
      if (field) {
        // The field's value is the analysed text: offsets must be identical, and the boxes sit on the lines the words are on.
        assert.deepEqual([mark.start, mark.end], [hints[i].start, hints[i].end], `${rule} offsets`);
        const line = text.slice(0, hints[i].start).split("\n").length - 1;
        const [x, y, w] = mark.rects[0];
        assert.ok(y >= box.top + line * box.lineHeight - 3 && y <= box.top + (line + 1) * box.lineHeight, `${rule} ("${words}") on line ${line}: top ${y}, field top ${box.top}, line height ${box.lineHeight}`);
        if (text.lastIndexOf("\n", hints[i].start - 1) === hints[i].start - 1) assert.ok(near(x, box.left), `${rule} starts a line: left ${x} vs ${box.left}`);
        assert.ok(w > words.length * 3 && w < words.length * 16, `${rule} ("${words}") width ${w}`);
        // And exactly where a copy of the field, laid out like it in the page, has the words.
        const want = await textRects(page, fixture.composer, words);
        assert.ok(sameRects(mark.rects, want), `${rule} ("${words}") drawn at ${JSON.stringify(mark.rects)}, the field's copy has them at ${JSON.stringify(want)}`);
      } else {
        const want = await textRects(page, fixture.composer, words);
        assert.ok(want, `"${words}" is not in the editor's DOM`);
        assert.ok(sameRects(mark.rects, want), `${rule} ("${words}") drawn at ${JSON.stringify(mark.rects)}, words are at ${JSON.stringify(want)}`);
      }
    }
  }
}

/** Opens the card of the hint drawn at `mark` by clicking on its words and pressing the shortcut; returns its buttons' order. */
async function openCardByKeyboard(page, mark, hint) {
  const { x, y } = center(mark.rects[0]);
  await page.mouse.click(x, y);
  await pressCombo(page, "Alt", "Shift", "KeyH");
  // Focus inside the card's (closed) shadow root shows as focus on the overlay host.
  await waitFor(async () => (await overlayState(page)).card === hint.rule_id && page.evaluate(() => document.activeElement?.localName === "rapport-overlay"),
    { what: `the card of ${hint.rule_id} to take focus` });
  return typeof hint.replacement === "string" ? ["apply", "ignore", "disable-rule", "pause-site", "close"] : ["ignore", "disable-rule", "pause-site", "close"];
}

async function pressButton(page, order, name) {
  for (let i = 0; i < order.indexOf(name); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
}

/** Applies `hint`'s replacement from the card, checks text and caret, then undoes it with the editor's shortcut. */
async function applyAndUndo(page, state, current, hint) {
  const words = current.slice(hint.start, hint.end);
  const order = await openCardByKeyboard(page, markOf(state, hint), hint);
  const caretBefore = await editorCaret(page);
  await pressButton(page, order, "apply");
  const applied = current.slice(0, hint.start) + hint.replacement + current.slice(hint.end);
  await waitFor(async () => (await editorText(page)) === applied, { what: `"${words}" to become "${hint.replacement}"` })
    .catch(async (e) => { throw new Error(`${e.message}; the text is ${JSON.stringify(await editorText(page))}`); });
  assert.equal(await editorCaret(page), hint.start + hint.replacement.length, "the caret sits right after the applied text");
  await sleep(350); // past the editors' history merge window
  await pressCombo(page, MOD, "KeyZ");
  await waitFor(async () => (await editorText(page)) === current, { what: `undo to bring back "${words}"` })
    .catch(async (e) => { throw new Error(`${e.message}; the text is ${JSON.stringify(await editorText(page))}`); });
  // Undo puts the caret back where the editor's own history puts it: the
  // editors with a history of their own (Lexical, Quill, ProseMirror) restore
  // the selection from before the apply; the browser's native undo (textarea,
  // plain contenteditable, Draft.js) selects the restored words, so the caret
  // is at one of their ends. Anywhere else (the start of the text, say) is lost.
  const undoCaret = await editorCaret(page);
  assert.ok([caretBefore, hint.start, hint.end].includes(undoCaret),
    `the caret after undo (${undoCaret}) is where it was before apply (${caretBefore}) or at an end of the restored words (${hint.start}-${hint.end})`);
  return waitForMarks(page, (s) => s.marks.some((m) => m.rule_id === hint.rule_id), "the hints after undo");
}

const markOf = (state, hint, nth = 0) => state.marks.filter((m) => m.rule_id === hint.rule_id)[nth];

function composerTest(fixture) {
  return {
    name: `${fixture.adapter} (${fixture.editor}): hints on the right words, gauge, card, apply + undo, ignore, turn off`,
    async run({ session }) {
      const { page, text, analysis } = await typeIntoFixture(session, fixture, DRAFT);
      assert.ok(analysis.hints.some((h) => h.polarity === "fame") && analysis.hints.some((h) => h.polarity === "connection"), "the draft has both kinds of hint");
      let state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.balance === analysis.balance, "the hints of the draft");
      assert.equal(state.platform, fixture.adapter);
      await checkPositions(page, fixture, text, analysis, state);

      // The gauge follows the text.
      const before = { balance: state.balance, connection: state.connection };
      await page.keyboard.type(MORE);
      const grown = await analyzeInBackground(session, await editorText(page), fixture.adapter);
      assert.ok(grown.balance !== before.balance || grown.connection !== before.connection, "the added sentence changes the analysis");
      state = await waitForMarks(page, (s) => s.balance === grown.balance && s.connection === grown.connection && s.hints === grown.hints.length, "the gauge to change");
      const current = await editorText(page);

      // Hovering a hint opens its card; moving away closes it.
      const bait = grown.hints.find((h) => h.polarity === "fame" && h.replacement === null) || grown.hints.find((h) => h.polarity === "fame");
      const baitMark = markOf(state, bait);
      await page.mouse.move(center(baitMark.rects[0]).x, center(baitMark.rects[0]).y);
      await waitFor(async () => (await overlayState(page)).card === bait.rule_id, { what: "the card to open on hover" });
      await page.mouse.move(2, 2);
      await waitFor(async () => (await overlayState(page)).card === null, { what: "the card to close" });

      // Apply a rewrite and a removal from the card, each undone with the editor's own undo.
      const fix = grown.hints.find((h) => typeof h.replacement === "string" && h.replacement !== "");
      assert.ok(fix, "the draft has a hint with a rewrite");
      const removal = grown.hints.find((h) => h.replacement === "");
      for (const hint of [fix, removal].filter(Boolean)) {
        state = await applyAndUndo(page, state, current, hint);
        assert.equal(state.hints, grown.hints.length, "undo brings the hints back");
      }

      // "Ignore here" hides that hint (that occurrence of its words) in this draft only.
      const ignored = grown.hints.find((h) => h.polarity === "connection");
      let order = await openCardByKeyboard(page, markOf(state, ignored), ignored);
      await pressButton(page, order, "ignore");
      state = await waitForMarks(page, (s) => s.hints === grown.hints.length - 1, "the ignored hint to go");
      assert.ok(!state.marks.some((m) => m.rule_id === ignored.rule_id && m.start === ignored.start), "the ignored hint is not drawn");
      assert.equal(await editorText(page), current, "ignoring leaves the text alone");

      // "Turn off this rule" stores the rule in the settings and the hint disappears.
      order = await openCardByKeyboard(page, markOf(state, bait), bait);
      await pressButton(page, order, "disable-rule");
      state = await waitForMarks(page, (s) => !s.marks.some((m) => m.rule_id === bait.rule_id), "the turned-off rule to go");
      const settings = (await sendFromExtension(session, { kind: "getSettings" })).settings;
      assert.ok(settings.options.disabled_rules.includes(bait.rule_id), "the rule is in disabled_rules");
      assert.equal(await editorText(page), current, "turning a rule off leaves the text alone");
      await resetSettings(session);
      await page.close();
    },
  };
}

export default [
  ...FIXTURES.filter((f) => !f.runtime).map(composerTest),
  {
    name: "pause on this site removes the overlay, resuming brings it back",
    async run({ session }) {
      await resetSettings(session);
      const fixture = FIXTURES.find((f) => f.adapter === "reddit");
      const page = await openFixture(session, fixture);
      await focusComposer(page, fixture);
      await page.keyboard.type(DRAFT);
      const state = await waitForMarks(page, (s) => s.hints > 0, "hints");
      const hint = { rule_id: state.marks[0].rule_id, replacement: (await analyzeInBackground(session, DRAFT, "reddit")).hints.find((h) => h.rule_id === state.marks[0].rule_id).replacement };
      const order = await openCardByKeyboard(page, state.marks[0], hint);
      await pressButton(page, order, "pause-site");
      await waitFor(() => page.evaluate(() => !document.querySelector("rapport-overlay")), { what: "the overlay to go" });
      const settings = (await sendFromExtension(session, { kind: "getSettings" })).settings;
      assert.deepEqual(settings.paused_sites, [fixture.host]);
      await page.keyboard.type(" More.");
      await sleep(300);
      assert.equal(await page.evaluate(() => document.querySelector("rapport-overlay")), null, "no overlay while paused");
      await resetSettings(session);
      await waitForMarks(page, (s) => s.hints > 0, "the overlay to come back");
      await page.close();
    },
  },
];
