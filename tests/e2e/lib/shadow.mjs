// Helpers for composers inside open shadow roots and custom elements
// (80-shadow-linkedin, 81-reddit). A composer is named by a path of
// selectors joined by " >>> ", each part looked up in the shadow root of the
// element the part before it found (puppeteer's own deep combinator, so
// page.click takes the same string). One runner checks a composer from end
// to end: hints on the right words by position and on screen, a suggestion
// applied from the card and undone with the editor's own undo, and the
// publish recorded exactly once.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import {
  analyzeInBackground, editorCaret, editorText, MARK_COLOURS, MOD, overlayState, pressCombo, sameRects, sleep, textRectsAt, underlineCoverage, waitForMarks,
} from "./composer.mjs";
import { resetAll, storedHistory, waitForRecords } from "./history.mjs";

// Both kinds of hint, a rewrite and a word without a hint; one line, so no
// editor's own line-break handling is in the way.
export const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea. What do you think?";

/** The element at `path` (see above) in the page, in the page's world; as a function source for page.evaluate. */
const RESOLVE = `(path) => {
  let el = null;
  let scope = document;
  for (const part of path.split(">>>").map((p) => p.trim())) {
    el = scope.querySelector(part);
    if (!el) return null;
    scope = el.shadowRoot || el;
  }
  return el;
}`;

/** Opens `url` and waits for the page's own script (data-page-ready or data-editor-ready). */
export async function openPage(session, url) {
  const page = await session.openPage(url);
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.pageReady === "true" || document.documentElement.dataset.editorReady === "true"),
    { what: `the page ${url}` });
  return page;
}

/** Clicks the composer at `path` and waits until it has focus (followed into shadow roots). */
export async function focusDeep(page, path) {
  await waitFor(() => page.evaluate(`(${RESOLVE})(${JSON.stringify(path)}) !== null`), { what: `${path} to exist` });
  await page.click(path);
  await waitFor(() => page.evaluate(`(() => {
    const root = (${RESOLVE})(${JSON.stringify(path)});
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!root && (el === root || root.contains(el));
  })()`), { what: `${path} to take focus` });
}

/** Client rects of the first `needle` in the composer at `path` (composer.mjs, textRectsAt). */
export function deepTextRects(page, path, needle) {
  return textRectsAt(page, `() => (${RESOLVE})(${JSON.stringify(path)})`, needle);
}

/**
 * The share of each rect's columns with the colour in the band at its
 * bottom: boxes draw their border in the rect's last rows, highlights their
 * underline a few pixels lower (text-underline-offset), so both bands count.
 */
async function paintedUnder(page, rects, rgb) {
  const inside = await underlineCoverage(page, rects, rgb);
  const below = await underlineCoverage(page, rects.map(([l, t, w, h]) => [l, t, w, h + 4]), rgb);
  return inside.map((c, i) => Math.max(c, below[i]));
}

/**
 * Types DRAFT into the focused composer at `path` and checks every hint:
 * drawn over its words (rects against the words' own ranges), painted in its
 * colour on screen there, and nothing painted under a word without a hint.
 * `paint` is the way the overlay must draw ("boxes" or "highlights").
 */
export async function checkHints(session, page, { path, platform, paint }) {
  await page.keyboard.type(DRAFT);
  const text = await editorText(page);
  assert.equal(text, DRAFT, "the editor has the typed draft");
  const analysis = await analyzeInBackground(session, text, platform);
  assert.ok(analysis.hints.some((h) => h.polarity === "fame") && analysis.hints.some((h) => h.polarity === "connection"), "the draft has both kinds of hint");
  const state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.balance === analysis.balance && s.marks.every((m) => m.rects.length), "the hints of the draft");
  assert.equal(state.platform, platform);
  assert.equal(state.paint, paint, `drawn as ${paint}`);
  for (const hint of analysis.hints) {
    const words = text.slice(hint.start, hint.end);
    const nth = analysis.hints.filter((h) => h.rule_id === hint.rule_id && h.start < hint.start).length;
    const mark = state.marks.filter((m) => m.rule_id === hint.rule_id)[nth];
    assert.ok(mark, `${hint.rule_id} ("${words}") is drawn`);
    const want = await deepTextRects(page, path, words);
    assert.ok(want?.length, `"${words}" is in the editor`);
    assert.ok(sameRects(mark.rects, want), `${hint.rule_id} ("${words}") drawn at ${JSON.stringify(mark.rects)}, words at ${JSON.stringify(want)}`);
    // A box wrapped at a line's end can be a sliver (the space): too thin to see an underline in.
    const coverage = await paintedUnder(page, want.filter((r) => r[2] >= 8), MARK_COLOURS.light[hint.polarity]);
    assert.ok(coverage.every((c) => c >= 0.3), `the ${hint.polarity} underline under "${words}" (${JSON.stringify(want)}) covers ${coverage.map((c) => c.toFixed(2))}`);
  }
  const plain = [...text.matchAll(/[A-Za-z]{4,}/g)].find((m) => !analysis.hints.some((h) => m.index < h.end && h.start < m.index + m[0].length));
  assert.ok(plain, "the draft has a word without a hint");
  const rects = await deepTextRects(page, path, plain[0]);
  for (const colour of Object.values(MARK_COLOURS.light)) {
    const coverage = await paintedUnder(page, rects, colour);
    assert.ok(coverage.every((c) => c < 0.1), `"${plain[0]}" has no hint but is underlined (${coverage.map((c) => c.toFixed(2))})`);
  }
  return { text, analysis, state };
}

/**
 * Opens the card of `hint` (a click on its words, then the shortcut), applies
 * its rewrite, checks the text and the caret, undoes it with the editor's
 * own undo (Ctrl/Cmd+Z) and checks the words are back and the hints redrawn.
 * `undoCaret: false` only checks the caret is in the editor after the undo;
 * `anyMarkOfRule: false` clicks only the mark that starts where the hint does.
 */
export async function applyAndUndo(page, { text, analysis, state }, { undoCaret = true, anyMarkOfRule = true } = {}) {
  const hint = analysis.hints.find((h) => typeof h.replacement === "string" && h.replacement !== "");
  assert.ok(hint, "the draft has a hint with a rewrite");
  const words = text.slice(hint.start, hint.end);
  const mark = state.marks.find((m) => m.rule_id === hint.rule_id && m.start === hint.start)
    || (anyMarkOfRule ? state.marks.find((m) => m.rule_id === hint.rule_id) : undefined);
  assert.ok(mark, `the mark of ${hint.rule_id} at ${hint.start} is drawn`);
  const [l, t, w, h] = mark.rects[0];
  await page.mouse.click(l + Math.min(w / 2, 12), t + h / 2);
  await pressCombo(page, "Alt", "Shift", "KeyH");
  await waitFor(async () => (await overlayState(page)).card === hint.rule_id && page.evaluate(() => document.activeElement?.localName === "rapport-overlay"),
    { what: `the card of ${hint.rule_id} to take focus` });
  const caretBefore = await editorCaret(page);
  await page.keyboard.press("Enter"); // the first button is Apply
  const applied = text.slice(0, hint.start) + hint.replacement + text.slice(hint.end);
  await waitFor(async () => (await editorText(page)) === applied, { what: `"${words}" to become "${hint.replacement}"` })
    .catch(async (e) => { throw new Error(`${e.message}; the text is ${JSON.stringify(await editorText(page))}`); });
  assert.equal(await editorCaret(page), hint.start + hint.replacement.length, "the caret sits right after the applied text");
  await sleep(350); // past the editors' history merge window
  await pressCombo(page, MOD, "KeyZ");
  await waitFor(async () => (await editorText(page)) === text, { what: `undo to bring back "${words}"` })
    .catch(async (e) => { throw new Error(`${e.message}; the text is ${JSON.stringify(await editorText(page))}`); });
  const after = await editorCaret(page);
  if (undoCaret) {
    assert.ok([caretBefore, hint.start, hint.end].includes(after),
      `the caret after undo (${after}) is where it was before apply (${caretBefore}) or at an end of the restored words (${hint.start}-${hint.end})`);
  } else {
    assert.ok(after !== null && after >= 0 && after <= text.length, `the caret after undo (${after}) is in the editor`);
  }
  await waitForMarks(page, (s) => s.hints === analysis.hints.length, "the hints after undo");
}

/** After `publish()` (the site's own submit), exactly one record, of `platform` on `host`, and no second one later. */
export async function expectOneRecord(session, publish, { platform, host }) {
  await publish();
  const [record] = await waitForRecords(session, 1, "the published post's record");
  assert.equal(record.site, platform);
  assert.equal(record.host, host);
  await sleep(1500); // a second record (the click and the form submit, say) would have arrived by now
  assert.equal((await storedHistory(session)).records.length, 1, "the post is recorded once");
  return record;
}

/** After `cancel()` (the site's own cancel or discard), still nothing recorded. */
export async function expectNoRecord(session, cancel, done) {
  await cancel();
  await waitFor(done, { what: "the composer to close" });
  await sleep(1500);
  const history = await storedHistory(session);
  assert.equal(history?.records?.length ?? 0, 0, "a cancelled draft is not recorded");
}

export { resetAll };
