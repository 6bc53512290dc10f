// Issue 15: a Spanish and a German draft typed into a fixture composer get
// their language's hints on the right words, drawn where those words are,
// and a hint's card speaks the draft's language (its message is the one in
// the shipped pkg/lexicon-<lang>.txt), whatever the interface's language.
// The background loads the language's lexicon the first time a draft needs
// it; a draft in a language Rapport does not read gets its honest notice.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, overlayState, pressCombo, resetSettings, setDevSetting, textRects, waitForMarks } from "../lib/composer.mjs";
import { splitLanguageFile } from "../../../extension/shared/language-file.js";

const DRAFTS = [
  {
    lang: "es",
    text: "¡Dale like si eres de Aries! Comparte con 5 amigos y participa en el sorteo. ¿Qué receta te gustaría ver la semana que viene?",
    // [rule, the words it must be drawn on]
    expect: [
      ["es.reaction-bait.like-if", "Dale like si"],
      ["es.share-bait.share-ask", "Comparte con 5 amigos"],
      ["es.open-question.genuine", "¿Qué receta te gustaría ver la semana que viene?"],
    ],
  },
  {
    lang: "de",
    text: "Jetzt zugreifen: NUR HEUTE 30 % RABATT AUF ALLES!!! Markiere drei Freunde, die das brauchen. Danke an Kemi für die Idee!",
    expect: [
      ["de.hard-sell.buy-now", "Jetzt zugreifen"],
      ["de.shouting.caps-run", "NUR HEUTE 30 % RABATT AUF ALLES"],
      ["de.tag-bait.tag-friends", "Markiere drei Freunde"],
      ["de.spotlight.thanks-by-name", "Danke an Kemi"],
    ],
  },
];

/** The shipped language file's texts per rule id. */
function packTexts(lang) {
  const file = fs.readFileSync(path.join(ROOT, "extension", "pkg", `lexicon-${lang}.txt`), "utf8");
  return new Map(splitLanguageFile(file).texts.map(([id, message, note]) => [id, { message, note }]));
}

/** The card's message (the overlay's shadow root is open for these tests). */
const cardMessage = (page) => page.evaluate(() => document.querySelector("rapport-overlay")?.shadowRoot?.querySelector(".card:not([hidden]) .message")?.textContent ?? null);

function draftTest(fixture, draft) {
  return {
    name: `${fixture.editor} (${fixture.adapter}): a ${draft.lang} draft gets the ${draft.lang} lexicon's hints on the right words, and its card speaks ${draft.lang}`,
    async run({ session }) {
      await resetSettings(session);
      await setDevSetting(session, { shadowRoot: "open" });
      try {
        const page = await openFixture(session, fixture);
        await focusComposer(page, fixture);
        await page.keyboard.type(draft.text);
        const text = await editorText(page);
        assert.equal(text, draft.text, "the editor holds the draft as typed");
        const analysis = await analyzeInBackground(session, text, fixture.adapter);
        assert.equal(analysis.language, draft.lang, `read as ${draft.lang}`);
        assert.deepEqual(analysis.notices, [], "no notice");
        for (const [rule, words] of draft.expect) {
          const hint = analysis.hints.find((h) => h.rule_id === rule);
          assert.ok(hint, `${rule} fires: ${JSON.stringify(analysis.hints.map((h) => h.rule_id))}`);
          assert.equal(text.slice(hint.start, hint.end), words, `${rule} is on "${words}"`);
        }
        const texts = packTexts(draft.lang);
        for (const h of analysis.hints) {
          assert.ok(h.rule_id.startsWith(`${draft.lang}.`), `every hint is the ${draft.lang} lexicon's: ${h.rule_id}`);
          assert.equal(h.message, texts.get(h.rule_id)?.message, `${h.rule_id} carries its ${draft.lang} message`);
        }

        // Drawn: one mark per hint, each on its words' own boxes.
        const state = await waitForMarks(page, (s) => s.hints === analysis.hints.length && s.marks.length >= draft.expect.length
          && draft.expect.every(([rule]) => s.marks.some((m) => m.rule_id === rule)), `the ${draft.lang} hints drawn`);
        for (const [rule, words] of draft.expect) {
          const mark = state.marks.find((m) => m.rule_id === rule);
          const hint = analysis.hints.find((h) => h.rule_id === rule);
          assert.deepEqual([mark.start, mark.end], [hint.start, hint.end], `${rule}'s mark is at its hint`);
          // A textarea's marks are laid out by the overlay's mirror of it:
          // within a pixel of the words' own boxes, rounded differently.
          const rects = await textRects(page, fixture.composer, words);
          const close = mark.rects.length === rects.length && mark.rects.every((r, i) => r.every((v, k) => Math.abs(v - rects[i][k]) <= 1.5));
          assert.ok(close, `${rule} is drawn on "${words}": ${JSON.stringify(mark.rects)} against ${JSON.stringify(rects)}`);
        }

        // The first expected hint's card, opened by a click on its words.
        const [rule] = draft.expect[0];
        const [x, y, , h] = state.marks.find((m) => m.rule_id === rule).rects[0];
        await page.mouse.click(x + 3, y + h / 2);
        await pressCombo(page, "Alt", "Shift", "KeyH");
        const message = await waitFor(async () => {
          const st = await overlayState(page);
          return st?.card === rule ? cardMessage(page) : null;
        }, { what: `${rule}'s card` });
        assert.equal(message, texts.get(rule).message, `the card shows the ${draft.lang} message`);
        await page.keyboard.press("Escape");
        await page.close();
      } finally {
        await setDevSetting(session, null);
      }
    },
  };
}

const X = FIXTURES.find((f) => f.adapter === "x");
const FACEBOOK = FIXTURES.find((f) => f.adapter === "facebook");
const REDDIT = FIXTURES.find((f) => f.adapter === "reddit");

export default [
  draftTest(X, DRAFTS[0]),
  draftTest(REDDIT, DRAFTS[0]),
  draftTest(FACEBOOK, DRAFTS[1]),
  draftTest(REDDIT, DRAFTS[1]),
  {
    name: "a draft in a language Rapport does not read gets its notice and no hint, and the next English draft is English",
    async run({ session }) {
      await resetSettings(session);
      const italian = await analyzeInBackground(session, "Compra adesso! La migliore offerta della stagione per tutta la famiglia con i prezzi più bassi", "x");
      assert.deepEqual(italian.hints, []);
      assert.equal(italian.language, "");
      assert.deepEqual(italian.notices.map((n) => n.kind), ["unsupported-language"]);
      // The English draft right after is still English.
      const english = await analyzeInBackground(session, "Like if you agree! Tag a friend who needs this.", "x");
      assert.equal(english.language, "en");
      assert.ok(english.hints.some((h) => h.rule_id === "tag-bait.tag-friends"), JSON.stringify(english.hints.map((h) => h.rule_id)));
    },
  },
];
