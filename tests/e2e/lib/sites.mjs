// The site fixtures of issue 13 (tests/fixtures/sites/<host>/..., built
// from docs/site-dom-evidence.md): several composers a page, ?main=<id>
// picks the one the probe reads, ?lang= the UI language. One helper per step
// a user takes: type a draft, see hints on the right words, apply a
// suggestion and undo it with the editor's own undo, publish the site's way.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import {
  analyzeInBackground, MOD, overlayState, pressCombo, resetSettings, sameRects, sleep, textRects, waitForMarks,
} from "./composer.mjs";
import { resetAll, storedHistory, waitForRecords } from "./history.mjs";
import { applyAndUndo as applyAndUndoDeep } from "./shadow.mjs";

// One line (Enter sends several of these composers) with a fame cue, a cue with a rewrite and a connection cue.
export const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea.";
export const LANGS = ["es", "de", "ja"];

/** `url` with the fixture's UI language set (tests/fixtures/shared/l10n.js). */
export const withLang = (url, lang) => `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;

/** Checks the page rendered its labels in `lang`. */
export async function assertLocalised(page, lang) {
  const [shown, labels] = (await page.evaluate(() => document.documentElement.dataset.l10n ?? "")).split(":");
  assert.ok(shown === lang && Number(labels) > 0, `the page's labels are in ${lang} (${shown}, ${labels} labels)`);
}

/** Opens `c` (a composer case) in `lang`, its composer the one the probe reads. */
export async function openCase(session, c, { lang = "en", query = "" } = {}) {
  const url = `https://${c.host}${c.path}?${c.id ? `main=${c.id}&` : ""}lang=${lang}${query}`;
  const page = await session.openPage(url);
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: `the fixture ${url}` });
  return page;
}

/** The composer's selector: c.selector, else its id. */
export const selectorOf = (c) => c.selector ?? `#${c.id}`;

/** The composer's own text: its editor's (tests/fixtures/editors/probe.js), else a field's value or its rendered text. */
export const composerText = (page, c) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  const editor = el.id && globalThis.__editors?.[el.id];
  if (editor) return editor.getText();
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : el.textContent.replace(/\u00a0/g, " ");
}, selectorOf(c));

/** Clicks the composer (opening its dialog first when an entry row does) and types the draft. */
export async function typeDraft(page, c, text = DRAFT) {
  if (c.opener) await page.click(c.opener);
  const sel = selectorOf(c);
  await page.click(sel);
  await waitFor(() => page.evaluate((s) => {
    const root = document.querySelector(s);
    return root && (document.activeElement === root || root.contains(document.activeElement));
  }, sel), { what: `${sel} to take focus` });
  await page.keyboard.type(text);
  assert.equal(await composerText(page, c), text, "the draft went into the composer");
}

/**
 * Hints for the analysed draft, each mark exactly over its words; returns
 * { analysis, state }. The overlay may show a pass measured while the editor
 * was still laying out the last keystrokes: it must settle on the words
 * within the wait, and the last mismatch is what a failure reports.
 */
export async function checkHints(page, session, c, { label = c.label, text = DRAFT } = {}) {
  const analysis = await analyzeInBackground(session, text, c.adapter);
  assert.ok(analysis.hints.length >= 2, "the draft has hints");
  let state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.balance === analysis.balance, `the hints in ${selectorOf(c)}`);
  assert.equal(state.platform, c.adapter, "analysed for the site's platform");
  assert.equal(state.label, label, `the composer is taken as "${label}"`);
  const mismatch = async (s) => {
    for (const hint of analysis.hints) {
      const words = text.slice(hint.start, hint.end);
      const mark = s.marks.find((m) => m.rule_id === hint.rule_id && m.start === hint.start);
      if (!mark) return `${hint.rule_id} ("${words}") is not drawn`;
      const want = await textRects(page, selectorOf(c), words);
      if (!want?.length) return `"${words}" is not in the composer`;
      if (!sameRects(mark.rects, want)) return `${hint.rule_id} ("${words}") drawn at ${JSON.stringify(mark.rects)}, the words are at ${JSON.stringify(want)}`;
    }
    return null;
  };
  let last = null;
  try {
    state = await waitFor(async () => {
      const s = await overlayState(page);
      last = s && s.hints === analysis.hints.length ? await mismatch(s) : "the hints changed";
      return last === null ? s : null;
    }, { what: "every mark on its words" });
  } catch (e) {
    assert.fail(`${e.message}: ${last}`);
  }
  return { analysis, state };
}

/** Applies the first rewrite from its card (keyboard), then undoes it with the editor's own undo. */
export const applyAndUndo = (page, analysis, state, text = DRAFT) => applyAndUndoDeep(page, { text, analysis, state }, { anyMarkOfRule: false });

/** Publishes the way the site does (c.publish: "enter", "mod-enter" or a control's selector). */
export async function publish(page, c) {
  await page.mouse.move(2, 2); // no card open over the composer
  if (c.publish === "enter" || c.publish === "mod-enter") {
    // The caret is still in the composer, after typing or the editor's undo.
    if (c.publish === "enter") await page.keyboard.press("Enter");
    else await pressCombo(page, MOD, "Enter");
  } else {
    await page.click(c.publish);
  }
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.published === "1"), { what: "the site to accept the post" });
}

/** Exactly one record, for the site's platform, still one a while later (no second report). */
export async function checkRecordedOnce(session, c) {
  const [record] = await waitForRecords(session, 1);
  assert.equal(record.site, c.adapter);
  await sleep(1500);
  assert.equal((await storedHistory(session)).records.length, 1, "recorded exactly once");
}

/** Nothing recorded, a while after the composer went. */
export async function checkNothingRecorded(session) {
  await sleep(1500);
  const h = await storedHistory(session);
  assert.ok(!h || h.records.length === 0, `nothing recorded, found ${h?.records.length}`);
}

/**
 * The whole path for one composer: hints on the right words, apply + undo
 * (unless `quick`), publish recorded once.
 */
export function composerCase(c, { lang = "en", quick = false } = {}) {
  return {
    name: `${c.adapter} ${c.name}${lang === "en" ? "" : ` [${lang}]`}: hints on the right words${quick ? "" : ", apply + undo"}, published ${c.publishHow} recorded once`,
    async run({ session }) {
      await resetAll(session);
      await resetSettings(session);
      const page = await openCase(session, c, { lang, query: c.query ?? "" });
      await assertLocalised(page, lang);
      await typeDraft(page, c);
      const { analysis, state } = await checkHints(page, session, c);
      if (!quick) await applyAndUndo(page, analysis, state);
      await publish(page, c);
      await checkRecordedOnce(session, c);
      await page.close();
    },
  };
}
