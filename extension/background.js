// The background: loads the wasm analyser once and answers the protocol in
// shared/protocol.js. Service worker in Chromium, event page in Firefox.
import { analyserModule, lexiconData } from "./background-start.js";
import "./shared/browser.js";
import "./shared/protocol.js";
import { splitLanguageFile } from "./shared/language-file.js";
// Platforms, settings defaults and bounds, record limits: written once in
// Rust (src/facts.rs) and generated at build time.
import "./pkg/facts.js";
import init, { analyze, clean_settings, install_lexicon, install_language, version } from "./pkg/rapport.js";
// The history's logic lives in the pages' module; its wasm is
// instantiated only when a post is recorded or the history read, so waking
// the worker for an analysis compiles only the small analyser module.
import initHistoryModule, { history_update, history_export, history_read_outcomes } from "./pkg/rapport_ui.js";

const { api, message, loadLanguage, readMessages, uiLanguage } = globalThis.RapportBrowser;
const { Kinds, PORT_COMPOSER, hintPacker, SETTINGS_KEY, DEV_KEY, MAX_TEXT_UTF16, HISTORY_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY, HISTORY_BACKUP_KEY } = globalThis.RapportProtocol;

const FACTS = globalThis.RapportFacts;
const PLATFORMS = new Set(Object.keys(FACTS.platforms));
// The locales a user may choose for the extension's words (settings.ui_language), "auto" aside.
const UI_LOCALES = new Set(FACTS.settings.uiLanguages.filter((l) => l !== "auto"));

// The analyser's module is built without the lexicon's texts and phrases
// (they would be a quarter of what is compiled on every wake); they are data,
// fetched beside it (background-start.js) and installed before the first
// analysis (DESIGN.md).
const wasmReady = Promise.all([init({ module_or_path: analyserModule }), lexiconData])
  .then(([, data]) => install_lexicon(data));
let wasmLoaded = false;
wasmReady.then(() => { wasmLoaded = true; }, (e) => console.error("Rapport: the analyser failed to load", e));
let historyModuleReady = null;
const loadHistoryModule = () => (historyModuleReady ??= initHistoryModule({ module_or_path: api.runtime.getURL("pkg/rapport_ui_bg.wasm") }));

// Options objects are never mutated: the wasm side reuses its prepared
// analyser while it is handed the identical object, so a change makes new ones.
const optionsCache = new Map();
let settings = defaultSettings();
const settingsReady = loadSettings();

function defaultSettings() {
  return structuredClone(FACTS.settings.defaults);
}

/**
 * Keeps what is valid in a stored, imported or saved value, with defaults for
 * the rest, so bad data loses nothing else. The rules are Rust's
 * (src/settings.rs), in the analyser's module; `what` names the value in the
 * console when something was left out.
 */
async function cleanSettings(raw, what) {
  await wasmReady;
  const { settings: clean, dropped } = clean_settings(raw);
  if (dropped.length) console.warn(`Rapport: left out of the ${what}:`, dropped);
  return clean;
}

// Developer setting (storage.local[DEV_KEY], see extension/content/core.js):
// { holdAnalysesMs: N } keeps a starting background from analysing for N ms
// (at most this), so that a test can queue texts behind a start for certain
// (25-wake: only the newest is answered) instead of hoping the wasm loads
// slowly enough. Read in the same storage call as the settings: no cost
// to a wake without it.
const HOLD_ANALYSES_MAX_MS = 5000;

async function loadSettings() {
  try {
    const got = await api.storage.local.get([SETTINGS_KEY, DEV_KEY]);
    const stored = got[SETTINGS_KEY];
    // Nothing stored yet is not bad data: the defaults, without a warning.
    if (stored !== undefined) settings = await cleanSettings(stored, "stored settings");
    syncExtraSites();
    followLanguage();
    const hold = got[DEV_KEY]?.holdAnalysesMs;
    if (Number.isFinite(hold) && hold > 0) await new Promise((r) => setTimeout(r, Math.min(hold, HOLD_ANALYSES_MAX_MS)));
  } catch (e) {
    console.error("Rapport: settings could not be read; using defaults", e);
    settings = defaultSettings();
  }
  optionsCache.clear();
}

api.storage.onChanged.addListener((changes, area) => {
  // The history changed without its summary: written by something other than
  // this background (an older version, a test, a sync tool). Re-read it:
  // repair, caps and the summary then follow the usual path.
  if (area === "local" && changes[HISTORY_KEY] && !changes[HISTORY_SUMMARY_KEY]) {
    serially(() => updateHistory(null, { resummarise: true })).catch((e) => console.error("Rapport: the history could not be re-read", e));
  }
  if (area === "local" && changes[SETTINGS_KEY]) {
    settingsChanged(changes[SETTINGS_KEY].newValue).catch((e) => console.error("Rapport: the new settings could not be applied", e));
  }
});

async function settingsChanged(raw) {
  const before = settings.history;
  settings = raw === undefined ? defaultSettings() : await cleanSettings(raw, "changed settings");
  optionsCache.clear();
  syncExtraSites();
  followLanguage();
  // A lower cap applies now, not at the next post.
  const after = settings.history;
  if (after.max_posts < before.max_posts || (after.max_age_days && (!before.max_age_days || after.max_age_days < before.max_age_days))) {
    await serially(() => updateHistory(null));
  }
}

// The languages the analyser reads. A draft too short to tell its language
// by itself ("Más info: …") is read in the writer's, taken to be the UI's:
// the one chosen in the options, else the browser's.
const READ_LANGUAGES = new Set(["en", "es", "pt", "fr", "de"]);
function writerLanguage() {
  const primary = String(uiLanguage() ?? "").split(/[-_]/)[0].toLowerCase();
  return READ_LANGUAGES.has(primary) ? primary : "";
}

/**
 * The background's own words (a notice in an analysis) in the language the
 * settings chose. Not awaited: until the messages are read, and if they
 * cannot be, the browser's language is used.
 */
function followLanguage() {
  loadLanguage(settings.ui_language)
    // The writer's language, which short drafts are read in, follows it.
    .then(() => optionsCache.clear())
    .catch((e) => console.warn("Rapport: the chosen language could not be used", e));
}

/** The messages of a locale for a content script (protocol.js uiMessages), which may not read the extension's files itself. */
async function uiMessages(msg) {
  if (typeof msg.language !== "string" || !UI_LOCALES.has(msg.language)) return { ok: false, error: "unknown language" };
  return { ok: true, language: msg.language, messages: { ...(await readMessages(msg.language)) } };
}

function optionsFor(platform) {
  const key = PLATFORMS.has(platform) ? platform : "generic";
  let o = optionsCache.get(key);
  if (!o) {
    o = Object.freeze({ ...settings.options, platform: key, language: writerLanguage() });
    optionsCache.set(key, o);
  }
  return o;
}

// The other languages' lexicons are data beside the analyser
// (pkg/lexicon-<lang>.txt), loaded the first time a draft is in that
// language: the analyser's module carries English alone. A file that fails
// to load or install is retried on a later draft, not cached as a failure.
const lexiconLoads = new Map();

function loadLexicon(lang) {
  if (!/^[a-z]{2}$/.test(lang)) return Promise.reject(new Error(`no such language: ${lang}`));
  let load = lexiconLoads.get(lang);
  if (!load) {
    load = fetch(api.runtime.getURL(`pkg/lexicon-${lang}.txt`))
      .then((r) => {
        if (!r.ok) throw new Error(`pkg/lexicon-${lang}.txt: ${r.status}`);
        return r.text();
      })
      .then((file) => {
        const p = splitLanguageFile(file);
        return install_language(p.lang, p.fingerprint, p.ids, p.numbers, p.prefixes, p.meta, p.tails, p.words, p.texts);
      });
    lexiconLoads.set(lang, load);
    load.catch(() => lexiconLoads.delete(lang));
  }
  return load;
}

/** Cuts at most MAX_TEXT_UTF16 code units without splitting a surrogate pair. */
function clampText(text) {
  if (text.length <= MAX_TEXT_UTF16) return { text, truncated: false };
  let end = MAX_TEXT_UTF16;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

/** The text an edit message makes of the port's last text, or null when it is not an edit of that text. */
function applyEdit(last, edit) {
  const { base, at, remove, insert } = edit ?? {};
  if (base !== last.seq || typeof insert !== "string" || !Number.isSafeInteger(at) || !Number.isSafeInteger(remove)) return null;
  if (at < 0 || remove < 0 || at + remove > last.text.length) return null;
  return last.text.slice(0, at) + insert + last.text.slice(at + remove);
}

async function analyzeText(text, platform) {
  if (typeof text !== "string") throw new Error("text must be a string");
  await Promise.all([wasmReady, settingsReady]);
  const clamped = clampText(text);
  let analysis = analyze(clamped.text, optionsFor(platform));
  if (analysis.notices.some((n) => n.kind === "language-not-loaded")) {
    try {
      await loadLexicon(analysis.language);
      analysis = analyze(clamped.text, optionsFor(platform));
    } catch (e) {
      console.error(`Rapport: the ${analysis.language} lexicon failed to load`, e);
      analysis.notices = analysis.notices.map((n) => n.kind === "language-not-loaded"
        ? { kind: "unsupported-language", message: `Rapport could not load its lexicon for this draft's language (${analysis.language}), so it gives no hints rather than guess.` }
        : n);
    }
  }
  if (clamped.truncated) {
    analysis.notices.push({ kind: "truncated", message: message("noticeTruncated", [String(MAX_TEXT_UTF16)]) });
  }
  return analysis;
}

// Sites the user added (Mastodon instances, any other site) get the same
// content scripts as the built-in ones, registered at run time for the origins
// whose optional permission was granted.
const EXTRA_SITES_SCRIPT = "rapport-extra-sites";
// Firefox's getManifest() gives absolute moz-extension: URLs, which registerContentScripts refuses.
const relative = (files = []) => files.map((f) => f.replace(/^[a-z-]+:\/\/[^/]+\//, ""));
/** The manifest's content scripts: { matches, js, css } with paths relative to the extension. */
function contentScripts() {
  const { matches, js, css } = api.runtime.getManifest().content_scripts[0];
  return { matches, js: relative(js), css: relative(css) };
}

/** The match patterns of the sites the user added whose host permission is granted. */
async function grantedExtraSites() {
  const granted = new Set((await api.permissions.getAll()).origins || []);
  return settings.extra_sites.map((o) => `${o}/*`).filter((m) => granted.has(m) || granted.has("https://*/*"));
}

/**
 * A registration, and an install or update, covers the pages loaded from
 * then on: the tabs already open on `matches` get the content scripts now,
 * so nobody has to reload. (Injected twice, the content script keeps its
 * first copy; a copy whose extension was reloaded or updated gives way.)
 */
async function startInOpenTabs(matches, { allFrames = false } = {}) {
  if (!matches.length) return;
  const { js, css } = contentScripts();
  for (const tab of await api.tabs.query({ url: matches }).catch(() => [])) {
    const target = { tabId: tab.id, allFrames };
    await api.scripting.insertCSS({ target, files: css }).catch(() => {});
    await api.scripting.executeScript({ target, files: js }).catch((e) => console.debug("Rapport: could not start in an open tab", e));
  }
}

let extraSitesSync = Promise.resolve();
function syncExtraSites() {
  extraSitesSync = extraSitesSync.then(async () => {
    if (!api.scripting?.registerContentScripts) return;
    const matches = await grantedExtraSites();
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [EXTRA_SITES_SCRIPT] });
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [EXTRA_SITES_SCRIPT] });
    if (!matches.length) return;
    const { js, css } = contentScripts();
    // Every frame, and the frames without a URL of their own (about:blank,
    // srcdoc) of a page the user added: classic rich-text editors (TinyMCE,
    // CKEditor 4) edit the body of such a frame.
    await api.scripting.registerContentScripts([{ id: EXTRA_SITES_SCRIPT, matches, js, css, runAt: "document_idle", allFrames: true, matchOriginAsFallback: true }]);
    const before = new Set(existing[0]?.matches ?? []);
    await startInOpenTabs(matches.filter((m) => !before.has(m)), { allFrames: true });
  }).catch((e) => console.error("Rapport: could not register the content scripts for added sites", e));
  return extraSitesSync;
}

// Chromium starts no content script in the tabs already open when the
// extension is installed, and after an update (or a reload) the copies
// there belong to the old extension: orphaned, they end themselves
// (content/core.js). Firefox starts the manifest's scripts in open tabs by
// itself; the copy injected here then finds that one alive and keeps it.
// The host permissions for the manifest's sites are what lets tabs.query
// see those tabs and executeScript run there.
api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== "install" && reason !== "update") return;
  settingsReady
    .then(async () => {
      if (!api.scripting?.executeScript) return;
      // After the registration: both browsers drop it on an update (measured
      // on a reload), so it has just started the added sites' open tabs, and
      // the second injection there finds that copy alive. Where a browser
      // kept it, this is what starts them.
      await extraSitesSync;
      await startInOpenTabs(contentScripts().matches);
      await startInOpenTabs(await grantedExtraSites(), { allFrames: true });
    })
    .catch((e) => console.error("Rapport: could not start in the open tabs", e));
});

// Keyboard commands (manifest "commands", rebindable in the browser's
// shortcut settings) act in the draft the user is writing: the active tab's
// content scripts get them, and the frame with the focused composer acts.
api.commands?.onCommand.addListener(async (command, tab) => {
  try {
    const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
    if (target?.id !== undefined) await api.tabs.sendMessage(target.id, { kind: Kinds.RUN_COMMAND, command });
  } catch (e) {
    // A tab without Rapport's content scripts (no composer site) has nobody to answer.
    console.debug("Rapport: the command reached no draft", command, e);
  }
});

// The history. The background is its only writer and runs every change
// through this queue, so posts published in many tabs at once each land: no
// write starts from a value another write is about to replace.
let historyQueue = Promise.resolve();
function serially(task) {
  const run = historyQueue.then(task);
  historyQueue = run.catch(() => {});
  return run;
}

/**
 * What the history's Rust side builds a post's record from (web/src/history.rs
 * `PostReport`): the text, the analysis's reading of it, and where it was
 * published. The record's rules (which phrases, how long, which id) are Rust's.
 */
function postReport(msg, analysis, first, sender) {
  let host = "";
  try { host = new URL(sender.tab?.url ?? sender.url ?? "").hostname; } catch { /* an extension page logging a draft */ }
  return {
    id: typeof msg.id === "string" ? msg.id : null,
    fresh_id: crypto.randomUUID(),
    site: typeof msg.platform === "string" ? msg.platform : "generic",
    host,
    text: msg.text,
    keep_text: settings.history.store_text,
    balance: analysis.balance,
    fame: analysis.fame,
    connection: analysis.connection,
    stats: analysis.stats,
    hints: analysis.hints.map((h) => ({ cue: h.cue, start: h.start, end: h.end })),
    first_balance: first ? first.balance : analysis.balance,
  };
}

/**
 * Reads the history, lets Rust repair, add and cap it, and writes it back with
 * its summary (one set: the popup reads the small summary, never a summary
 * of another version of the history).
 */
async function updateHistory(post, { resummarise = false } = {}) {
  await Promise.all([loadHistoryModule(), settingsReady]);
  const stored = await api.storage.local.get([HISTORY_KEY, HISTORY_SUMMARY_KEY]);
  const raw = stored[HISTORY_KEY];
  const { history: caps } = settings;
  const reply = JSON.parse(history_update(raw === undefined ? "" : wellFormedJson(raw), post ? wellFormedJson(post) : "", Date.now(), caps.max_posts, caps.max_age_days));
  return writeHistoryReply(reply, raw, { resummarise, summaryMissing: stored[HISTORY_SUMMARY_KEY] === undefined });
}

/**
 * JSON for Rust's history functions. A lone surrogate (a cut emoji in a
 * page's text) is valid in a JavaScript string and refused by serde_json,
 * which would lose the whole post or report: it becomes U+FFFD, one code
 * unit for one, so UTF-16 offsets into the text still hold.
 */
function wellFormedJson(value) {
  const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  return JSON.stringify(value, (_, v) => (typeof v !== "string" ? v : v.toWellFormed ? v.toWellFormed() : v.replace(LONE, "\ufffd")));
}

/** Writes what a history function of Rust returned: the history when it changed, with its summary. */
async function writeHistoryReply(reply, raw, { summaryMissing = false, resummarise = false } = {}) {
  const { update } = reply;
  const writes = {};
  if (update.problem) {
    console.warn("Rapport: the posting history needed repair", update.problem);
    writes[HISTORY_NOTICE_KEY] = { kind: update.problem.kind, dropped: update.dropped, kept: update.history.records.length, at: Date.now() };
    // The damaged original is kept aside, so even what could not be read is not lost.
    if (update.write) writes[HISTORY_BACKUP_KEY] = raw;
  }
  if (update.write) writes[HISTORY_KEY] = update.history;
  if (update.write || resummarise || summaryMissing) writes[HISTORY_SUMMARY_KEY] = reply.summary;
  if (Object.keys(writes).length) await api.storage.local.set(writes);
  return reply;
}

// Since this background started: outcome reports received and the posts
// they matched (counters only, for the tests: nothing read on other
// accounts' pages means no report at all).
const outcomeStats = { reports: 0, posts: 0, matched: 0 };

/** Counts the user's own posts show on a page of theirs, onto the records they match (protocol.js readOutcomes). */
async function readOutcomes(msg, sender) {
  if (!Array.isArray(msg.posts) || typeof msg.site !== "string" || !PLATFORMS.has(msg.site)) return { ok: false, error: "malformed outcomes report" };
  await settingsReady;
  if (!settings.history.read_outcomes) return { ok: true, read: false, reason: "off" };
  if (settings.history.paused) return { ok: true, read: false, reason: "paused" };
  let host = "";
  try { host = new URL(sender.tab?.url ?? sender.url ?? "").hostname; } catch { /* not from a page */ }
  const posts = msg.posts.slice(0, 100);
  outcomeStats.reports += 1;
  outcomeStats.posts += posts.length;
  const reply = await serially(async () => {
    await loadHistoryModule();
    const stored = await api.storage.local.get([HISTORY_KEY, HISTORY_SUMMARY_KEY]);
    const raw = stored[HISTORY_KEY];
    const { history: caps } = settings;
    const out = JSON.parse(history_read_outcomes(raw === undefined ? "" : wellFormedJson(raw), wellFormedJson({ site: msg.site, host, posts }), Date.now(), caps.max_posts, caps.max_age_days));
    if (out.error) return out;
    return writeHistoryReply(out, raw, { summaryMissing: stored[HISTORY_SUMMARY_KEY] === undefined });
  });
  if (reply.error) return { ok: false, error: reply.error };
  outcomeStats.matched += reply.read.matched.length;
  return { ok: true, read: true, matched: reply.read.matched.length, unmatched: reply.read.unmatched };
}

async function recordPost(msg, sender) {
  if (typeof msg.text !== "string" || !msg.text.trim()) return { ok: false, error: "nothing to record" };
  await settingsReady;
  if (settings.history.paused) return { ok: true, recorded: false, reason: "paused" };
  const analysis = await analyzeText(msg.text, msg.platform);
  const first = typeof msg.first_text === "string" && msg.first_text.trim() && msg.first_text !== msg.text ? await analyzeText(msg.first_text, msg.platform) : null;
  const { update, record_id } = await serially(() => updateHistory(postReport(msg, analysis, first, sender)));
  return { ok: true, recorded: update.added === true, reason: update.rejected ?? undefined, id: record_id ?? undefined, balance: analysis.balance };
}

const fromThisExtension = (sender) => sender && sender.id === api.runtime.id;

// Since this background started: composer ports opened, analyze requests
// received on them, and analyses run for them. Read by the ping (the e2e
// suite checks "one port per composer, newest text wins" with them); three
// integers, nothing about the text.
const portStats = { ports: 0, requests: 0, analyses: 0, edits: 0, parts: 0 };

api.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_COMPOSER || !fromThisExtension(port.sender)) {
    port.disconnect();
    return;
  }
  portStats.ports += 1;
  let newest = -1;
  // The last whole text sent on this port, which an edit applies to (protocol.js).
  let last = { seq: -1, text: "" };
  const pack = hintPacker();
  port.onMessage.addListener(async (msg) => {
    if (!msg || msg.kind !== Kinds.ANALYZE || !Number.isSafeInteger(msg.seq)) {
      port.postMessage({ kind: Kinds.ERROR, seq: msg?.seq ?? -1, message: "malformed request" });
      return;
    }
    portStats.requests += 1;
    if (msg.seq <= newest) return;
    newest = msg.seq;
    let text = msg.text;
    if (msg.part) portStats.parts += 1;
    if (msg.edit !== undefined) {
      portStats.edits += 1;
      text = applyEdit(last, msg.edit);
      if (text === null) {
        port.postMessage({ kind: Kinds.ERROR, seq: msg.seq, message: "stale edit" });
        return;
      }
    }
    if (typeof text === "string" && !msg.part) last = { seq: msg.seq, text };
    try {
      portStats.analyses += 1;
      const analysis = await analyzeText(text, msg.platform);
      // A newer text arrived while this one waited for the wasm: it wins.
      if (msg.seq === newest) {
        const { hints, ...rest } = analysis;
        port.postMessage({ kind: Kinds.ANALYSIS, seq: msg.seq, analysis: rest, hints: pack(hints) });
      }
    } catch (e) {
      port.postMessage({ kind: Kinds.ERROR, seq: msg.seq, message: String(e?.message ?? e) });
    }
  });
});

async function handleMessage(msg, sender) {
  switch (msg?.kind) {
    case Kinds.PING:
      await wasmReady.catch(() => {});
      return { ok: true, version: wasmLoaded ? version() : null, ready: wasmLoaded, ports: { ...portStats }, outcomes: { ...outcomeStats } };
    case Kinds.GET_SETTINGS:
      await settingsReady;
      return { ok: true, settings };
    case Kinds.SET_SETTINGS: {
      const clean = await cleanSettings(msg.settings, "settings to save");
      await api.storage.local.set({ [SETTINGS_KEY]: clean });
      return { ok: true, settings: clean };
    }
    case Kinds.RECORD_POST:
      return recordPost(msg, sender);
    case Kinds.READ_OUTCOMES:
      return readOutcomes(msg, sender);
    case Kinds.REPAIR_HISTORY: {
      await settingsReady;
      const { update } = await serially(() => updateHistory(null, { resummarise: true }));
      return { ok: true, problem: update.problem, dropped: update.dropped, kept: update.history.records.length };
    }
    case Kinds.CLEAR_HISTORY:
      await serially(() => api.storage.local.remove([HISTORY_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY, HISTORY_BACKUP_KEY]));
      return { ok: true };
    case Kinds.DISMISS_HISTORY_NOTICE:
      await api.storage.local.remove(HISTORY_NOTICE_KEY);
      return { ok: true };
    case Kinds.SET_RECORDING: {
      await settingsReady;
      const next = await cleanSettings({ ...settings, history: { ...settings.history, paused: msg.paused === true } }, "settings");
      await api.storage.local.set({ [SETTINGS_KEY]: next });
      settings = next;
      return { ok: true, paused: next.history.paused };
    }
    case Kinds.EXPORT_HISTORY: {
      // Read after every queued write, so the export has every recorded post.
      const raw = await serially(async () => {
        await loadHistoryModule();
        return (await api.storage.local.get(HISTORY_KEY))[HISTORY_KEY];
      });
      const format = msg.format === "csv" ? "csv" : "json";
      return { ok: true, format, text: history_export(raw === undefined ? "" : wellFormedJson(raw), format) };
    }
    case Kinds.ANALYZE_ONCE:
      return { ok: true, analysis: await analyzeText(msg.text, msg.platform) };
    case Kinds.UI_MESSAGES:
      return uiMessages(msg);
    default:
      return { ok: false, error: `unknown message kind: ${String(msg?.kind).slice(0, 40)}` };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!fromThisExtension(sender)) return false;
  handleMessage(msg, sender).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true; // the answer is sent asynchronously
});
