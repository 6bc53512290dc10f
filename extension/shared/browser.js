// The one place that papers over browser differences. Loaded as a classic
// script in content scripts and imported for its side effect by modules.
//
// It is also the one way the extension's own words are looked up
// (message(key, subs)): the browser's i18n, unless the user chose a language
// of their own (settings.ui_language), whose messages.json is then used with
// the browser's rules. Extension pages and the background read that file
// themselves (loadLanguage); content scripts may not fetch extension URLs
// (nothing is web-accessible, so pages cannot fingerprint Rapport), so they
// get the compiled messages from the background (protocol.js, uiMessages)
// and hand them over with useMessages.
(() => {
  // A shim left in this world by an extension that has since been reloaded,
  // updated or removed holds that extension's dead API: it is replaced.
  if (globalThis.RapportBrowser?.alive?.()) return;
  const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;

  // A locale's folder name in _locales (en, pt_BR); the list of those the
  // extension has is Rust's (RapportFacts.settings.uiLanguages): this only
  // keeps anything else out of a URL.
  const LOCALE_NAME = /^[a-z]{2,3}(_[A-Z]{2})?$/;
  // The chosen language: { language, messages: Map(lowercased key -> message
  // with its named placeholders resolved) }, or null for the browser's.
  let chosen = null;
  // Bumped by every change of language, so the last one asked for wins.
  let ticket = 0;
  // language -> promise of its compiled messages (extension pages, background).
  const loaded = new Map();

  /**
   * messages.json -> { lowercased key: message }, as the browser reads it:
   * keys are case-insensitive, and each $NAME$ (case-insensitive) becomes its
   * placeholder's content (which may hold $1…$9); $$ stays for format().
   */
  function compile(raw) {
    const out = Object.create(null);
    if (!raw || typeof raw !== "object") return out;
    for (const [key, entry] of Object.entries(raw)) {
      if (typeof entry?.message !== "string") continue;
      const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p?.content]));
      out[key.toLowerCase()] = entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
        if (name === undefined) return whole;
        const content = placeholders.get(name.toLowerCase());
        return typeof content === "string" ? content : whole;
      });
    }
    return out;
  }

  /** $1…$9 -> the substitutions (missing ones: nothing), $$ -> $, in one pass: a substitution is never read again. */
  function format(message, subs) {
    const list = subs === undefined || subs === null ? [] : Array.isArray(subs) ? subs : [subs];
    return message.replace(/\$(\$|[1-9])/g, (_, c) => (c === "$" ? "$" : String(list[Number(c) - 1] ?? "")));
  }

  /** The browser's own lookup: "" for a key it does not have, or once the extension is gone. */
  function browserMessage(key, subs) {
    try {
      return api?.i18n?.getMessage(key, subs) ?? "";
    } catch {
      return "";
    }
  }

  function message(key, subs) {
    const m = chosen?.messages.get(String(key).toLowerCase());
    return m === undefined ? browserMessage(key, subs) : format(m, subs);
  }

  /** The browser's UI language (en-US), whatever the settings chose; "" once the extension is gone. */
  function browserLanguage() {
    try {
      return api?.i18n?.getUILanguage?.() ?? "";
    } catch {
      return "";
    }
  }

  /**
   * The BCP 47 tag of the language the messages are shown in: the chosen
   * locale's, else the one the browser picked among the locales (each
   * locale says its own tag, languageTag); the browser's UI language when it
   * is that language (es-MX rather than es), for number formats.
   */
  function uiLanguage() {
    const ui = browserLanguage();
    const tag = message("languageTag");
    if (!tag) return ui || "en";
    const primary = (t) => t.toLowerCase().split(/[-_]/)[0];
    return !chosen && ui && primary(ui) === primary(tag) ? ui : tag;
  }

  /** Makes compiled messages for `language` the ones in use (null, or "auto": the browser's). Returns whether they were taken. */
  function take(language, messages) {
    if (language === null || language === undefined || language === "auto") {
      chosen = null;
      return true;
    }
    if (typeof language !== "string" || !LOCALE_NAME.test(language) || !messages || typeof messages !== "object") return false;
    const map = new Map();
    for (const [key, m] of Object.entries(messages)) if (typeof m === "string") map.set(key.toLowerCase(), m);
    chosen = { language, messages: map };
    return true;
  }

  /** take(), for messages that came from the background (content scripts): a later change of language wins over any pending load. */
  function useMessages(language, messages) {
    ticket += 1;
    return take(language, messages);
  }

  /**
   * The compiled messages of `language` as a plain object, read from the
   * extension's own _locales (extension pages and the background only).
   * Rejects for a name that is not a locale's, or a locale the extension lacks.
   */
  function readMessages(language) {
    if (typeof language !== "string" || !LOCALE_NAME.test(language)) return Promise.reject(new Error(`not a locale: ${String(language).slice(0, 20)}`));
    let p = loaded.get(language);
    if (!p) {
      p = fetch(api.runtime.getURL(`_locales/${language}/messages.json`))
        .then((r) => {
          if (!r.ok) throw new Error(`no messages for ${language}`);
          return r.json();
        })
        .then(compile);
      p.catch(() => loaded.delete(language));
      loaded.set(language, p);
    }
    return p;
  }

  /**
   * Shows the extension's words in `language` ("auto" or absent: the
   * browser's) from now on (extension pages and the background). A locale
   * that cannot be read leaves the browser's, with a warning. Resolves to
   * the language in use when this was the last change asked for.
   */
  async function loadLanguage(language) {
    const mine = ++ticket;
    if (language === undefined || language === null || language === "auto") {
      chosen = null;
      return "auto";
    }
    try {
      const messages = await readMessages(language);
      if (mine === ticket) take(language, messages);
    } catch (e) {
      console.warn("Rapport: the chosen language could not be read; the browser's is used", e);
      if (mine === ticket) chosen = null;
    }
    return chosen?.language ?? "auto";
  }

  globalThis.RapportBrowser = Object.freeze({
    api,
    // Chromium's highlight registry exists since 105; Firefox ships it from 140.
    hasCustomHighlights: typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function",
    /**
     * Whether the extension that ran this script is still there to talk to.
     * Chromium keeps the content scripts of a reloaded, updated or removed
     * extension running, orphaned: well after their ports disconnect (up to
     * about a second, measured in Chromium 156), `runtime` itself becomes
     * undefined, and any call through it throws. Firefox instead stops them
     * altogether (their sandbox is nuked), so there this is always true for
     * code that can still run.
     */
    alive() {
      try {
        return Boolean(api?.runtime?.id);
      } catch {
        return false;
      }
    },
    /** The extension's message `key` with $1… from `subs`, in the UI language; "" when no locale has it. */
    message,
    uiLanguage,
    browserLanguage,
    /** The language chosen in the settings whose messages are in use, or "auto" (the browser's). */
    chosenLanguage: () => chosen?.language ?? "auto",
    useMessages,
    readMessages,
    loadLanguage,
  });
})();
