// The language chosen on the options page (settings.ui_language) is the
// language of every word the extension shows, whatever the browser's: for
// each locale, the popup (with a summary) and the options page are marked
// with its tag (<html lang>), show its messages and no other locale's, no
// key name and no empty label, and pass axe-core; the picker draws the
// options page again at once in the language picked; and the gauge, its
// hint list and the card on a site follow it too, also when it changes
// while the page is open. Every expected word is read from the locale files.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { focusComposer, openFixture, overlayState, resetSettings, setDevSetting } from "../lib/composer.mjs";
import { axeViolations, openPopup, resetAll, SEEDED, seedHistory, send, storedKey, waitForPosts } from "../lib/history.mjs";

/** The facts the build wrote from Rust (src/facts.rs): the languages a user may choose. */
const FACTS = (() => {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(ROOT, "extension", "pkg", "facts.js"), "utf8"), context);
  // Plain objects of this realm (assert's deep equality compares prototypes).
  return JSON.parse(JSON.stringify(context.RapportFacts));
})();
const LANGUAGES = FACTS.settings.uiLanguages.filter((l) => l !== "auto");

/**
 * A locale's messages as the browser reads them: key -> message with its
 * named placeholders made $1…$9 (Chrome's rules, as shared/browser.js).
 */
function readLocale(lang) {
  const raw = JSON.parse(fs.readFileSync(path.join(ROOT, "extension", "_locales", lang, "messages.json"), "utf8"));
  return Object.fromEntries(Object.entries(raw).map(([key, { message, placeholders = {} }]) => {
    const named = Object.fromEntries(Object.entries(placeholders).map(([n, p]) => [n.toLowerCase(), p.content]));
    return [key, message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, n) => named[n.toLowerCase()] ?? whole)];
  }));
}
const EN = readLocale("en");
const KEYS = Object.keys(EN);
// Every key of every locale (a key missing from one is still a key name).
const ALL_KEYS = new Set(LANGUAGES.flatMap((l) => Object.keys(readLocale(l))));

/**
 * What gives an English message away on a page in `messages`' locale, for
 * each message the locale has its own words for: the whole message, when it
 * has no placeholder ("Habit" as a column's whole text), and its longest
 * stretch between placeholders, when that is long enough; either only when
 * no message of the locale has it, so finding it can only mean the English
 * message was shown in the locale's place (the browser's fallback for a key
 * the locale lacks).
 */
function englishGiveaways(messages) {
  const all = Object.values(messages);
  const out = [];
  for (const key of KEYS) {
    if (messages[key] === EN[key]) continue;
    if (!/\$\d/.test(EN[key]) && !all.includes(EN[key])) out.push({ key, whole: EN[key] });
    const run = EN[key].split(/\$\d/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0];
    if (run.length >= 8 && !all.some((m) => m.includes(run))) out.push({ key, run });
  }
  return out;
}

/**
 * Run in the page: every text the page shows and every text attribute
 * (aria-label, title, placeholder, alt), outside what the user wrote (q:
 * phrases of their posts; form fields' values), and the labelling elements
 * left without a name.
 */
function pageTexts() {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest("q, textarea, script, style")) continue;
    const t = n.data.trim();
    if (t) texts.push(t);
  }
  const attrs = [];
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    for (const a of ["aria-label", "title", "placeholder", "alt"]) {
      if (el.hasAttribute(a)) attrs.push({ el: el.id || el.localName, attr: a, value: el.getAttribute(a).trim() });
    }
  }
  const named = (el) => el.textContent.trim() || el.getAttribute("aria-label")?.trim();
  const unnamed = [...document.querySelectorAll("h1, h2, h3, label, legend, button, option, th, caption, summary")]
    .filter((el) => !el.closest("[hidden]") && !named(el))
    .map((el) => `${el.localName}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""}`);
  return { texts, attrs, unnamed, title: document.title };
}

/**
 * Fails when a message is missing from what `page` shows in `lang`: a
 * labelling element or text attribute left empty, a key name or a
 * manifest-style __MSG_ shown instead of its message, or an English message
 * shown where the locale has its own (the browser's fallback for a key the
 * locale lacks).
 */
async function assertNoMissingMessage(page, lang, what) {
  const messages = readLocale(lang);
  const { texts, attrs, unnamed } = await page.evaluate(pageTexts);
  assert.ok(texts.length > 10, `${what}: the page shows text (${texts.length} texts)`);
  assert.deepEqual(unnamed, [], `${what}: elements without a name`);
  const emptyAttrs = attrs.filter((a) => !a.value);
  assert.deepEqual(emptyAttrs, [], `${what}: empty text attributes`);
  const shown = [...texts, ...attrs.map((a) => a.value)];
  // A key the code asks for that no locale has shows as its name: shaped like one (cuesLegend, platform_x).
  const keyShaped = /^[a-z][a-z0-9]*(?:[A-Z_][A-Za-z0-9]*)+$/;
  const rawKeys = shown.filter((s) => ALL_KEYS.has(s) || keyShaped.test(s) || s.includes("__MSG_"));
  assert.deepEqual(rawKeys, [], `${what}: key names shown instead of messages`);
  const english = englishGiveaways(messages).filter(({ whole, run }) => shown.some((s) => (whole ? s === whole : s.includes(run))));
  assert.deepEqual(english, [], `${what} (${lang}): English shown where the locale has its own message`);
  return shown;
}

/** Chooses the extension's language through the background (which cleans and stores it) and waits until it is stored. */
async function setLanguage(session, lang) {
  const { settings } = await send(session, { kind: "getSettings" });
  const reply = await send(session, { kind: "setSettings", settings: { ...settings, ui_language: lang } });
  assert.equal(reply?.settings?.ui_language, lang, `the background keeps ui_language ${lang}: ${JSON.stringify(reply)}`);
  await waitFor(async () => (await storedKey(session, "settings"))?.ui_language === lang, { what: `ui_language ${lang} stored` });
}

/** What the options page shows of the language picker, and the page's own marks. */
const optionsState = (page) => page.evaluate(() => ({
  lang: document.documentElement.lang,
  h1: document.querySelector("h1")?.textContent,
  label: document.querySelector('label[for="ui-language"]')?.textContent,
  value: document.getElementById("ui-language")?.value,
  options: [...document.querySelectorAll("#ui-language option")].map((o) => ({ value: o.value, text: o.textContent, lang: o.getAttribute("lang") })),
  focused: document.activeElement?.id ?? null,
  exportButton: document.querySelector('[data-action="export-settings"]')?.textContent,
  status: document.querySelector(".status")?.textContent ?? "",
}));

async function openOptions(session) {
  const page = await session.openExtensionPage("options.html");
  await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
  return page;
}

/** Precondition: the strings compared below differ from English, so seeing them proves the language (not a coincidence). */
function differsFromEnglish(messages, lang, keys) {
  if (lang === "en") return;
  for (const k of keys) assert.notEqual(messages[k], EN[k], `${lang}/${k} is not the English text, so the test can tell them apart`);
}

function languageTest(lang) {
  return {
    name: `${lang}: the popup and the options page are wholly in the chosen language (<html lang>, no missing message, known strings, axe-core)`,
    timeout: 120_000,
    async run({ session }) {
      const L = readLocale(lang);
      await resetAll(session);
      await seedHistory(session, SEEDED);
      await setLanguage(session, lang);
      try {
        // The popup, with a summary: the most messages at once.
        const popup = await openPopup(session);
        await waitForPosts(popup, SEEDED.records.length);
        await waitFor(() => popup.evaluate(() => document.getElementById("tab-status").dataset.ready === "true"), { what: "the tab status line" });
        await popup.setViewport({ width: 380, height: 700 });
        assert.equal(await popup.evaluate(() => document.documentElement.lang), L.languageTag, "the popup's <html lang>");
        await assertNoMissingMessage(popup, lang, "popup");
        differsFromEnglish(L, lang, ["popupTagline", "historyHeading", "tabStatusHeading", "draftLabel"]);
        const popupShows = await popup.evaluate(() => ({
          tagline: document.querySelector(".tagline")?.textContent,
          history: document.querySelector("#history h2")?.textContent,
          tabStatus: document.getElementById("tab-status-heading")?.textContent,
          draftLabel: document.querySelector('label[for="draft"]')?.textContent,
        }));
        assert.deepEqual(popupShows, { tagline: L.popupTagline, history: L.historyHeading, tabStatus: L.tabStatusHeading, draftLabel: L.draftLabel }, "the popup's known strings");
        assert.deepEqual(await axeViolations(popup), [], `popup (${lang})`);
        await popup.close();

        const options = await openOptions(session);
        await options.setViewport({ width: 800, height: 1000 });
        const state = await optionsState(options);
        assert.equal(state.lang, L.languageTag, "the options page's <html lang>");
        await assertNoMissingMessage(options, lang, "options page");
        differsFromEnglish(L, lang, ["optionsTitle", "uiLanguageLabel", "uiLanguage_auto", "exportSettings"]);
        assert.equal(state.h1, L.optionsTitle);
        assert.equal(state.label, L.uiLanguageLabel);
        assert.equal(state.exportButton, L.exportSettings);
        assert.equal(state.value, lang, "the picker shows the language chosen");
        // Each language named in its own language (the same in every locale) and marked with its tag.
        assert.deepEqual(state.options, FACTS.settings.uiLanguages.map((l) => ({
          value: l,
          text: l === "auto" ? L.uiLanguage_auto : EN[`uiLanguage_${l}`],
          lang: l === "auto" ? null : readLocale(l).languageTag,
        })), "the picker's options");
        assert.deepEqual(await axeViolations(options), [], `options page (${lang})`);
        await options.close();
      } finally {
        await setLanguage(session, "auto");
      }
    },
  };
}

export default [
  ...LANGUAGES.map(languageTest),
  {
    name: "the options page's picker saves the language and draws the page again in it at once; the popup opens in it; 'Same as the browser' goes back",
    async run({ session }) {
      await resetAll(session);
      try {
        const page = await openOptions(session);
        const browser = await page.evaluate(() => globalThis.RapportBrowser.uiLanguage());
        const before = await optionsState(page);
        assert.equal(before.value, "auto", "the browser's language by default");
        assert.equal(before.lang, browser, "marked with the browser's language");
        for (const lang of ["fr", "de"]) {
          const L = readLocale(lang);
          await page.focus("#ui-language");
          await page.select("#ui-language", lang);
          const now = await waitFor(async () => {
            const s = await optionsState(page);
            return s.h1 === L.optionsTitle ? s : null;
          }, { what: `the options page in ${lang}` });
          assert.equal(now.lang, L.languageTag);
          assert.equal(now.value, lang);
          assert.equal(now.focused, "ui-language", "focus stays on the picker");
          assert.equal(now.status, L.saved, "the status says it was saved, in the new language");
          assert.equal((await storedKey(session, "settings"))?.ui_language, lang, "saved");
          const popup = await openPopup(session);
          assert.equal(await popup.evaluate(() => document.querySelector(".tagline")?.textContent), L.popupTagline, `the popup opens in ${lang}`);
          await popup.close();
        }
        await page.select("#ui-language", "auto");
        const back = await waitFor(async () => {
          const s = await optionsState(page);
          return s.value === "auto" && s.lang === browser ? s : null;
        }, { what: "the options page in the browser's language" });
        const expected = await page.evaluate(() => globalThis.RapportBrowser.api.i18n.getMessage("optionsTitle"));
        assert.equal(back.h1, expected, "the browser's own message again");
        assert.equal((await storedKey(session, "settings"))?.ui_language, "auto");
        await page.close();
      } finally {
        await setLanguage(session, "auto");
      }
    },
  },
  {
    name: "the shim reads a locale as the browser does: every English message, with substitutions, equals the browser's own getMessage",
    async run({ session, kind }) {
      const page = await session.openExtensionPage("options.html");
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      const browser = await page.evaluate(() => globalThis.RapportBrowser.browserLanguage());
      if (!/^en\b/i.test(browser)) {
        console.log(`# ${kind}: the browser's language is ${browser}, not English: the shim is compared with it in English only`);
        return;
      }
      const differ = await page.evaluate(async (keys) => {
        const B = globalThis.RapportBrowser;
        // Substitutions that look like placeholders themselves: each is put in once, never read again.
        const subs = ["one $2", "$$two", "3", "4", "5"];
        await B.loadLanguage("en");
        const out = [];
        for (const key of keys) {
          for (const args of [subs, "solo", undefined]) {
            const mine = B.message(key, args);
            const theirs = B.api.i18n.getMessage(key, args);
            if (mine !== theirs) out.push({ key, args, mine, theirs });
          }
        }
        if (B.message(keys[0].toUpperCase()) !== B.api.i18n.getMessage(keys[0])) out.push({ key: keys[0].toUpperCase(), why: "keys in any case" });
        return out;
      }, KEYS.filter((k) => k !== "languageTag"));
      assert.deepEqual(differ, [], "the shim and the browser disagree");
      await page.close();
    },
  },
  {
    name: "uiMessages: the background hands out the messages of a locale the user may choose, compiled, and nothing else",
    async run({ session }) {
      const es = readLocale("es");
      const reply = await send(session, { kind: "uiMessages", language: "es" });
      assert.equal(reply?.ok, true, JSON.stringify(reply)?.slice(0, 200));
      assert.equal(reply.language, "es");
      assert.equal(reply.messages.languagetag, es.languageTag, "keys lowercased, as the browser reads them");
      // Named placeholders made $1…: the shim substitutes them as getMessage would.
      assert.equal(reply.messages.cardapply, es.cardApply);
      assert.match(reply.messages.cardapply, /\$1/);
      for (const language of ["auto", "ja", "../en", "es/../en", "", 7, null]) {
        const bad = await send(session, { kind: "uiMessages", language });
        assert.deepEqual(bad, { ok: false, error: "unknown language" }, `language ${JSON.stringify(language)}`);
      }
    },
  },
  {
    name: "the gauge, its hint list and the card on a site are in the chosen language, and follow a change while the page is open",
    async run({ session }) {
      const fixture = FIXTURES.find((f) => f.adapter === "facebook");
      await resetSettings(session);
      await setDevSetting(session, { shadowRoot: "open" });
      /** What the overlay (its shadow root open for this test) shows in words. */
      const overlayWords = (page) => page.evaluate(() => {
        const root = document.querySelector("rapport-overlay")?.shadowRoot;
        const text = (sel) => root?.querySelector(sel)?.textContent ?? null;
        return {
          label: text(".gauge .label"),
          name: root?.querySelector(".gauge > button")?.getAttribute("aria-label") ?? null,
          list: root?.querySelector(".hints .list")?.getAttribute("aria-label") ?? null,
          log: text(".hints .footer button.log"),
          entries: root?.querySelectorAll(".hints:not([hidden]) .list button").length ?? 0,
          cardButtons: Object.fromEntries([...(root?.querySelectorAll(".card:not([hidden]) .actions button") ?? [])].map((b) => [b.className, b.textContent])),
        };
      });
      const draft = "Proud to be named one of the best places to work for the third year running! Follow us for more.";
      try {
        const check = async (page, lang) => {
          const L = readLocale(lang);
          // The draft's own balance (it leans broadcast), labelled in the language.
          let seen = null;
          const { state, words } = await waitFor(async () => {
            const st = await overlayState(page);
            const w = await overlayWords(page);
            seen = { balance: st?.balance, ...w };
            const ready = st?.gauge && /broadcast/.test(st.balance ?? "") && w.label === L[FACTS.balances[st.balance].messageKey];
            return ready ? { state: st, words: w } : null;
          }, { what: `the gauge's label in ${lang}` }).catch((e) => {
            e.message += `; it showed ${JSON.stringify(seen)}`;
            throw e;
          });
          differsFromEnglish(L, lang, ["fameLabel", "connectionLabel", "hintsHeading", "gaugeLogPost", "cardIgnore", "cue_follow_ask"]);
          for (const k of ["fameLabel", "connectionLabel", "cue_follow_ask"]) assert.ok(words.name.includes(L[k]), `the gauge's name has ${lang}/${k} (${L[k]}): ${words.name}`);
          // The hint list, then the card from its first entry.
          const [gx, gy, gw, gh] = state.gauge;
          await page.mouse.click(gx + gw - 14, gy + gh / 2);
          const listed = await waitFor(async () => {
            const w = await overlayWords(page);
            return w.entries > 0 && w.list === L.hintsHeading && w.log === L.gaugeLogPost ? w : null;
          }, { what: `the hint list in ${lang}` }).catch(async (e) => {
            e.message += `; it showed ${JSON.stringify(await overlayWords(page))}`;
            throw e;
          });
          assert.equal(listed.log, L.gaugeLogPost);
          const entry = await page.evaluate(() => {
            const b = document.querySelector("rapport-overlay").shadowRoot.querySelector(".hints .list button");
            const r = b.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2];
          });
          await page.mouse.click(entry[0], entry[1]);
          const card = await waitFor(async () => {
            const w = await overlayWords(page);
            return w.cardButtons.ignore ? w.cardButtons : null;
          }, { what: "the card" });
          assert.equal(card.ignore, L.cardIgnore);
          assert.equal(card["disable-rule"], L.cardDisableRule);
          assert.equal(card.close, L.cardClose);
          await page.keyboard.press("Escape");
        };

        await setLanguage(session, "de");
        const page = await openFixture(session, fixture);
        await focusComposer(page, fixture);
        await page.keyboard.type(draft);
        await check(page, "de");

        // Changed while the page is open: the next drawing is in the new language.
        await setLanguage(session, "pt_BR");
        await focusComposer(page, fixture);
        await page.keyboard.type(" ");
        await check(page, "pt_BR");
        await page.close();
      } finally {
        await setDevSetting(session, null);
        await setLanguage(session, "auto");
      }
    },
  },
];
