// A very long draft on X, in the Draft.js composer (x.com/home) and in the
// narrow layout's textarea (x.com/compose): a 1,000,000-character draft of
// real tweets (../shared/corpora, three to a paragraph) goes in as one real
// paste (Ctrl+V of what the page put on the clipboard), a few words are
// typed at the end, the caret is put after the first tweet of a paragraph
// in the middle, a phrase with a fame cue is typed there, and it is undone
// twice with Ctrl+Z. The same steps run on a fresh page with Rapport paused
// on x.com (its content scripts stopped: the editor on its own) and with it
// on; the editor's text and caret after every step must be the same, and
// with Rapport on the overlay must mark the fame cue in the typed phrase
// within a few seconds.
//
// RAPPORT_LONG_DRAFT_CHARS=100000 makes the draft shorter (for development:
// the default is 1,000,000).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { analyzeInBackground, focusComposer, LONG_DRAFT, MOD, openFixture, pressCombo, resetSettings, sendFromExtension, sleep } from "../lib/composer.mjs";
import { ROOT } from "../server.mjs";

const LENGTH = Number(process.env.RAPPORT_LONG_DRAFT_CHARS || 1_000_000);
const CORPORA = path.resolve(ROOT, "..", "shared", "corpora");
const SOURCES = ["brand-tweets-yum.jsonl", "tweets-ordinary.jsonl"];
// Bounds for a slow extension (or a slow editor): generous, never endless.
const PASTE_LANDS_MS = 120_000;
const STEP_SETTLES_MS = 30_000;
const FAME_WITHIN_MS = 10_000;
// Two runs, each bounded by the paste's wait and the steps' own, with room for slow typing.
const TEST_TIMEOUT_MS = 2 * (PASTE_LANDS_MS + STEP_SETTLES_MS + FAME_WITHIN_MS) + 120_000;

const END_WORDS = " More next week.";
const FAME = " Smash that like button and follow us!";

const EDITORS = [
  { name: "Draft.js composer", host: "x.com", path: "/home", composer: '[data-testid="tweetTextarea_0"]', field: false },
  { name: "narrow layout textarea", host: "x.com", path: "/compose?main=x-narrow", composer: "#x-narrow", field: true },
];

/**
 * The draft: real tweets, three to a paragraph, paragraphs joined by "\n",
 * cut to LENGTH characters; and where the caret goes in the middle: right
 * after the first tweet of the middle paragraph ({ text, paragraph: its index,
 * offset: in the draft, before: that first tweet),
 * or null when the corpora are absent.
 */
let cached;
function longDraft() {
  if (cached !== undefined) return cached;
  const tweets = [];
  for (const f of SOURCES) {
    const file = path.join(CORPORA, f);
    if (!fs.existsSync(file)) { cached = null; return cached; }
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const t = JSON.parse(line).text?.replace(/\s+/g, " ").trim();
      if (t) tweets.push(t);
    }
  }
  const paragraphs = [];
  let length = 0;
  for (let i = 0; length < LENGTH; i += 3) {
    const p = [0, 1, 2].map((k) => tweets[(i + k) % tweets.length]);
    paragraphs.push(p);
    length += p.join(" ").length + 1;
  }
  let text = paragraphs.map((p) => p.join(" ")).join("\n").slice(0, LENGTH);
  // Never end on half a surrogate pair (the clipboard would turn it into U+FFFD).
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  text = text.trimEnd();
  const middle = Math.floor(paragraphs.length / 2);
  let at = 0;
  for (let i = 0; i < middle; i++) at += paragraphs[i].join(" ").length + 1;
  const offset = at + paragraphs[middle][0].length;
  assert.ok(offset < text.length, "the middle paragraph is in the draft");
  cached = { text, paragraph: middle, offset, before: paragraphs[middle][0] };
  return cached;
}

async function setPaused(session, paused) {
  const { settings } = await sendFromExtension(session, { kind: "getSettings" });
  settings.paused_sites = paused ? ["x.com"] : [];
  await sendFromExtension(session, { kind: "setSettings", settings });
}

/** In the page: the editor's own text and caret (tests/fixtures/editors/probe.js). */
const readEditor = (page) => page.evaluate(() => ({ text: globalThis.__fixture.getText(), caret: globalThis.__fixture.getCaret() }));
const editorLength = (page) => page.evaluate(() => globalThis.__fixture.getText().length);

/** The text and caret once the editor has taken the step in (a little later for editors that update on selectionchange). */
async function snapshot(page) {
  await sleep(150);
  return readEditor(page);
}

/**
 * Puts the caret at `offset` of the editor's text, as a user's click there
 * would: for Draft.js, the DOM selection in the paragraph's block (the
 * editor takes it into its model on selectionchange); for the textarea,
 * setSelectionRange. The paragraph is scrolled into view first.
 */
function placeCaret(page, editor, paragraph, inParagraph, offset) {
  return page.evaluate((sel, field, k, within, at) => {
    const root = document.querySelector(sel);
    if (field) {
      root.focus();
      root.setSelectionRange(at, at);
      return root.value.slice(at - within, at);
    }
    const block = root.querySelectorAll('[data-block="true"]')[k];
    block.scrollIntoView({ block: "center" });
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let left = within;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (left <= t.data.length) {
        getSelection().collapse(t, left);
        const r = document.createRange();
        r.setStart(block, 0);
        r.setEnd(t, left);
        return r.toString();
      }
      left -= t.data.length;
    }
    return null;
  }, editor.composer, editor.field, paragraph, inParagraph, offset);
}

/**
 * In the page: the fame marks the overlay drew that touch [from, to), with
 * what the drawn analysis is of (read there: the whole list of marks of a
 * long draft is large).
 */
const fameMarksIn = (page, from, to) => page.evaluate((a, b) => {
  const h = document.querySelector("rapport-overlay");
  if (!h) return { host: false };
  let marks = [];
  try { marks = JSON.parse(h.dataset.marks || "[]"); } catch { /* being written */ }
  return {
    host: true, analyzedChars: Number(h.dataset.analyzedChars ?? -1), hints: Number(h.dataset.hints ?? 0), scope: h.dataset.scope ?? null,
    marks: marks.filter((m) => m.polarity === "fame" && m.end > a && m.start < b).map(({ start, end, rule_id }) => ({ start, end, rule_id })),
  };
}, from, to);

/**
 * The user's session on a fresh page: paste, type at the end, move into the
 * middle, type the fame phrase, undo twice. Returns the text and caret after
 * each step, timings, and (with `watchFame`) the overlay's fame mark on the
 * typed phrase or what it showed instead.
 */
async function userSession(session, editor, draft, { watchFame, progress }) {
  const at = (step) => Object.assign(progress, { step, since: Date.now() });
  at("opening the page");
  const page = await openFixture(session, editor);
  const steps = {};
  const timings = {};
  let fame = null;
  try {
    at("focusing the composer");
    await focusComposer(page, editor);
    await sleep(300);
    // A real paste: the click gave the page user activation for the clipboard.
    at("pasting the draft");
    const started = Date.now();
    await page.evaluate((t) => navigator.clipboard.writeText(t), draft.text);
    await pressCombo(page, MOD, "KeyV");
    await waitFor(async () => (await editorLength(page)) >= draft.text.length, { timeout: PASTE_LANDS_MS, interval: 250, what: `the ${draft.text.length}-character paste to land` });
    timings.paste = Date.now() - started;
    steps.pasted = await snapshot(page);
    await sleep(500);

    at("typing at the end");
    let t = Date.now();
    await page.keyboard.type(END_WORDS);
    steps.typedAtEnd = await snapshot(page);
    timings.typeAtEnd = Date.now() - t;
    await sleep(400);

    at("putting the caret in the middle");
    t = Date.now();
    const before = await placeCaret(page, editor, draft.paragraph, draft.before.length, draft.offset);
    assert.equal(before, draft.before, "the caret was put right after the middle paragraph's first tweet");
    // Both runs wait for the editor to take the caret in (bounded; a caret elsewhere shows in the comparison).
    await waitFor(async () => (await readEditor(page)).caret === draft.offset, { timeout: STEP_SETTLES_MS, what: "the caret in the middle" }).catch(() => {});
    steps.caretInMiddle = await snapshot(page);
    timings.caretInMiddle = Date.now() - t;
    await sleep(300);

    at("typing the phrase in the middle");
    t = Date.now();
    await page.keyboard.type(FAME);
    steps.typedInMiddle = await snapshot(page);
    timings.typeInMiddle = Date.now() - t;
    if (watchFame) {
      at("waiting for the fame mark");
      const from = draft.offset;
      const to = draft.offset + FAME.length;
      const text = steps.typedInMiddle.text;
      let last = null;
      t = Date.now();
      const onPhrase = (m) => m.start >= from && m.start < to && m.end <= to && m.end > m.start &&
        FAME.includes(text.slice(m.start, m.end)) && /\w/.test(text.slice(m.start, m.end));
      const found = await waitFor(async () => {
        last = await fameMarksIn(page, from - 40, to + 40);
        return last.marks?.find(onPhrase) ?? null;
      }, { timeout: FAME_WITHIN_MS, interval: 100, what: "a fame mark on the typed phrase" }).catch(() => null);
      fame = found
        ? { ok: true, ms: Date.now() - t, mark: found, words: text.slice(found.start, found.end), analyzedChars: last.analyzedChars }
        : { ok: false, last: last && { ...last, marks: last.marks?.map((m) => ({ ...m, words: text.slice(m.start, m.end) })) } };
      // What the gauge says is checked while typing, then once the typing pauses.
      const said = () => page.evaluate(() => {
        const d = document.querySelector("rapport-overlay")?.dataset ?? {};
        return { scope: d.scope, why: d.why, analyzedChars: Number(d.analyzedChars) };
      });
      fame.typing = await said();
      at("waiting for the whole check at the pause");
      fame.paused = await waitFor(async () => {
        const s = await said();
        return s.scope === "whole" && s.analyzedChars === text.length ? s : null;
      }, { timeout: 15_000, interval: 100, what: "the whole draft checked after the pause" }).catch(async () => ({ timedOut: true, ...(await said()) }));
      fame.markAfterPause = (await fameMarksIn(page, from - 40, to + 40)).marks?.find(onPhrase) ?? null;
    }
    await sleep(400);

    for (const step of ["undoneOnce", "undoneTwice"]) {
      at(step);
      await pressCombo(page, MOD, "KeyZ");
      await sleep(200);
      steps[step] = await snapshot(page);
    }
    const overlay = await page.evaluate(() => document.querySelector("rapport-overlay") !== null);
    return { steps, timings, fame, overlay };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Where two texts first differ, for a message that does not print a million characters. */
function difference(want, got, [a, b] = ["paused", "on"]) {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `lengths ${want.length} ${a}, ${got.length} ${b}; first difference at ${i}: ${a} ${around(want)}, ${b} ${around(got)}`;
}

function longDraftTest(editor) {
  return {
    name: `${editor.name}: a ${LENGTH.toLocaleString("en")}-character draft pasted, typed into at the end and in the middle, undone: same text and caret paused as on; the fame cue typed in the middle is marked`,
    timeout: TEST_TIMEOUT_MS,
    async run({ session, kind }) {
      const draft = longDraft();
      if (!draft) {
        console.log(`# ${kind}: 87-long-draft (${editor.name}) skipped: ${CORPORA} is absent (${SOURCES.join(", ")})`);
        return;
      }
      // The analyser on its own marks the phrase as typed into that paragraph (else check 2 could not pass).
      const end = draft.text.indexOf("\n", draft.offset);
      const local = `${draft.before}${FAME}${draft.text.slice(draft.offset, end < 0 ? undefined : end)}`;
      const alone = await analyzeInBackground(session, local, "x");
      assert.ok(alone.hints.some((h) => h.polarity === "fame" && h.start >= draft.before.length && h.end <= draft.before.length + FAME.length),
        `the analyser marks a fame cue in "${FAME}" typed into the paragraph on its own (hints: ${JSON.stringify(alone.hints.map((h) => [h.rule_id, local.slice(h.start, h.end)]))})`);

      // Just before the runner's own timeout: say which step of which run the time went in.
      const progress = { run: "", step: "", since: Date.now() };
      const began = Date.now();
      let timer;
      const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${editor.name}, ${draft.text.length} characters: after ${Math.round((Date.now() - began) / 1000)} s still at "${progress.step}" of the run ${progress.run} (for ${Math.round((Date.now() - progress.since) / 1000)} s)`)), TEST_TIMEOUT_MS - 10_000);
      });
      deadline.catch(() => {}); // raced below; never an unhandled rejection
      await resetSettings(session);
      let paused;
      let on;
      try {
        await setPaused(session, true);
        progress.run = "with Rapport paused";
        paused = await Promise.race([userSession(session, editor, draft, { watchFame: false, progress }), deadline]);
        await setPaused(session, false);
        progress.run = "with Rapport on";
        on = await Promise.race([userSession(session, editor, draft, { watchFame: true, progress }), deadline]);
      } finally {
        clearTimeout(timer);
        await resetSettings(session);
      }
      const ms = (t) => Object.entries(t).map(([k, v]) => `${k} ${v} ms`).join(", ");
      const shape = (steps) => Object.entries(steps).map(([k, v]) => `${k} ${v.text.length}@${v.caret}`).join(", ");
      console.log(`# ${kind}: ${editor.name}, ${draft.text.length} characters: paused: ${ms(paused.timings)}; on: ${ms(on.timings)}; fame mark ${on.fame.ok ? `after ${on.fame.ms} ms ("${on.fame.words}", ${on.fame.mark.rule_id})` : "not drawn"}`);
      console.log(`#   length@caret paused: ${shape(paused.steps)}`);

      // The paused run is the editor on its own, and it did what the steps mean.
      const exp = paused.steps;
      assert.equal(paused.overlay, false, "Rapport paused on x.com draws no overlay");
      assert.ok(exp.pasted.text === draft.text, `the paste put the draft in the editor (${difference(draft.text, exp.pasted.text, ["draft", "editor"])})`);
      assert.equal(exp.typedAtEnd.text, draft.text + END_WORDS, "the words typed at the end");
      assert.equal(exp.typedAtEnd.caret, exp.typedAtEnd.text.length, "the caret at the end after typing there");
      assert.equal(exp.caretInMiddle.caret, draft.offset, "the caret put in the middle");
      const withFame = exp.typedAtEnd.text.slice(0, draft.offset) + FAME + exp.typedAtEnd.text.slice(draft.offset);
      assert.ok(exp.typedInMiddle.text === withFame, `the phrase typed in the middle (${difference(withFame, exp.typedInMiddle.text, ["meant", "editor"])})`);
      assert.equal(exp.typedInMiddle.caret, draft.offset + FAME.length, "the caret after the phrase typed in the middle");
      // Each editor's own undo takes back the phrase, then the words typed at the end.
      assert.ok(exp.undoneOnce.text === exp.typedAtEnd.text && exp.undoneOnce.caret === draft.offset, `the first undo took the phrase back (${difference(exp.typedAtEnd.text, exp.undoneOnce.text, ["meant", "editor"])})`);
      assert.ok(exp.undoneTwice.text === draft.text, `the second undo took the words at the end back (${difference(draft.text, exp.undoneTwice.text, ["meant", "editor"])})`);

      // Check 1: with Rapport on, the same text and caret after every step.
      const problems = [];
      for (const step of Object.keys(exp)) {
        const want = exp[step];
        const got = on.steps[step];
        if (got.text !== want.text) problems.push(`after "${step}" the text differs with Rapport on: ${difference(want.text, got.text)}`);
        if (got.caret !== want.caret) problems.push(`after "${step}" the caret differs with Rapport on: ${want.caret} paused, ${got.caret} on`);
      }
      // Check 2: the fame cue typed in the middle is marked on its words.
      if (!on.fame.ok) {
        problems.push(`no fame mark on the phrase typed at ${draft.offset}..${draft.offset + FAME.length} within ${FAME_WITHIN_MS} ms; the overlay last showed ${JSON.stringify(on.fame.last)}`);
      } else {
        // Check 3: past the live-checking length, the gauge says only the part around the caret is checked while typing; after the pause the whole draft is, and the mark stays.
        if (draft.text.length > LONG_DRAFT.liveWholeChars) {
          if (on.fame.typing.scope !== "part" || !/Long draft/.test(on.fame.typing.why ?? "")) problems.push(`while typing, the gauge does not say only the part around the caret is checked: ${JSON.stringify(on.fame.typing)}`);
        } else if (on.fame.typing.scope !== "whole") problems.push(`a draft within the live-checking length is checked whole: ${JSON.stringify(on.fame.typing)}`);
        if (on.fame.paused.timedOut || /Long draft/.test(on.fame.paused.why ?? "")) problems.push(`after the pause the gauge does not say the whole draft is checked: ${JSON.stringify(on.fame.paused)}`);
        if (!on.fame.markAfterPause) problems.push("after the whole check, the fame mark on the typed phrase is gone");
      }
      assert.deepEqual(problems, [], `${editor.name}, ${draft.text.length} characters`);
    },
  };
}

export default EDITORS.map(longDraftTest);
