import "./shared/browser.js";
import "./shared/protocol.js";
// The popup's own module: its renderers only. The analyser and the history
// store live in the background, which the popup asks over the protocol.
import init, { render_popup, render_history } from "./pkg/rapport_popup.js";

const { api, message: t, loadLanguage, uiLanguage } = globalThis.RapportBrowser;
const { Kinds, SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY } = globalThis.RapportProtocol;
const root = document.getElementById("root");
const send = (msg) => api.runtime.sendMessage(msg);

// The summary is read straight from storage (only the background writes it),
// so the popup does not wait for the background to wake up, and reads the
// background's summary rather than the whole history.
const readState = () => api.storage.local.get([SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY]);

const actions = {
  async exportHistory(format) {
    const reply = await send({ kind: Kinds.EXPORT_HISTORY, format });
    if (!reply?.ok) throw new Error(reply?.error ?? "the history could not be exported");
    // Indented here rather than in Rust (a second serializer would grow the wasm).
    const text = format === "json" ? `${JSON.stringify(JSON.parse(reply.text), null, 1)}\n` : reply.text;
    // Loaded on the click: one module fewer before the first paint.
    const { download } = await import("./shared/download.js");
    download(`rapport-history.${format}`, format === "csv" ? "text/csv" : "application/json", text);
  },
  // "Paste a draft to try it": analysed by the background, drawn by Rust.
  async analyze(text, platform) {
    const reply = await send({ kind: Kinds.ANALYZE_ONCE, text, platform });
    if (!reply?.ok) throw new Error(reply?.error ?? "no analysis");
    return reply.analysis;
  },
  clear: () => send({ kind: Kinds.CLEAR_HISTORY }),
  setPaused: (paused) => send({ kind: Kinds.SET_RECORDING, paused }),
  // The manual fallback when a site's publish was not detected: the content
  // script of the tab the popup was opened over records its active draft.
  async logActiveTab() {
    const status = document.getElementById("history-status");
    const say = (key) => { if (status) status.textContent = t(key); };
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    const reply = tab?.id === undefined ? null : await api.tabs.sendMessage(tab.id, { kind: Kinds.LOG_ACTIVE_DRAFT }).catch(() => null);
    if (!reply) say("logTabUnsupported");
    else if (reply.recorded) say("logTabDone");
    else if (reply.reason === "paused") say("recordingPausedBanner");
    else say("logTabNoDraft");
  },
  dismissNotice: () => send({ kind: Kinds.DISMISS_HISTORY_NOTICE }),
};

/**
 * The "this tab" line: asks the content script of the tab the popup was
 * opened over what it sees (composerStatus), and says it in words a user can
 * quote in a bug report; the section's data attributes carry the same facts.
 */
async function showTabStatus() {
  const section = document.getElementById("tab-status");
  document.getElementById("tab-status-heading").textContent = t("tabStatusHeading");
  document.getElementById("tab-status-refresh").textContent = t("tabStatusRefresh");
  const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  const reply = tab?.id === undefined ? null : await api.tabs.sendMessage(tab.id, { kind: Kinds.COMPOSER_STATUS }).catch(() => null);
  const version = api.runtime.getManifest().version;
  let text;
  if (reply?.ok) {
    const active = reply.active;
    const last = !active ? t("tabStatusNoActive")
      : active.path === "adapter" ? t("tabStatusActiveAdapter", [active.label, reply.adapter]) : t("tabStatusActiveGeneric", [reply.adapter]);
    text = `${t("tabStatusLine", [version, reply.site, reply.adapter, String(reply.recognised), String(reply.generic)])} ${last}`;
  } else {
    text = t("tabStatusNone", [version]);
  }
  document.getElementById("tab-status-text").textContent = text;
  Object.assign(section.dataset, {
    running: String(Boolean(reply?.ok)), adapter: reply?.adapter ?? "", recognised: String(reply?.recognised ?? 0),
    generic: String(reply?.generic ?? 0), activePath: reply?.active?.path ?? "", activeLabel: reply?.active?.label ?? "",
  });
  section.dataset.ready = "true";
}
document.getElementById("tab-status-refresh").addEventListener("click", () => { showTabStatus(); });

let askedForSummary = false;
function showHabits(stored) {
  const section = document.getElementById("history");
  if (!section) return;
  const summary = stored[HISTORY_SUMMARY_KEY];
  const paused = stored[SETTINGS_KEY]?.history?.paused === true;
  let readable = summary !== undefined;
  try {
    render_history(section, summary, paused, stored[HISTORY_NOTICE_KEY] ?? null, actions);
  } catch (e) {
    // A summary in another shape (written by another version): shown as none until the background writes a new one.
    console.warn("Rapport: the stored summary could not be read", e);
    readable = false;
    render_history(section, undefined, paused, stored[HISTORY_NOTICE_KEY] ?? null, actions);
  }
  // No summary yet (a history from before summaries, or one just written by
  // something else) or an unreadable one: the background summarises the
  // history, and the storage change below re-renders.
  if (!readable && !askedForSummary) {
    askedForSummary = true;
    send({ kind: Kinds.REPAIR_HISTORY }).catch(() => {});
  }
}

// Not awaited at the top level: in Chromium the popup is shown only after its
// load event, which a module's top-level await holds back until the summary
// is rendered, so the snapshot popup-boot.js draws at once would not be seen
// any sooner (bench-popup: shown at about 99 ms with the await, not 67).
async function start() {
  try {
    // Settings from storage too: the background cleans everything it writes
    // there, and a sleeping service worker would delay the first paint.
    performance.mark("rapport:start");
    // popup-boot.js (async) has normally started both already; without it, or
    // if its storage keys are not the protocol's, this page does the work.
    const boot = globalThis.RapportPopupBoot;
    const bootKeysRight = boot?.keys.join() === [SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY].join();
    if (boot && !bootKeysRight) console.error("Rapport: popup-boot.js reads other storage keys than shared/protocol.js");
    const state = bootKeysRight ? boot.state : readState();
    const [stored] = await Promise.all([
      state,
      (boot ? boot.module : Promise.resolve(api.runtime.getURL("pkg/rapport_popup_bg.wasm")))
        .then((module_or_path) => init({ module_or_path })).then(() => performance.mark("rapport:wasm")),
      // The language chosen in the settings (read once: a change shows at the next opening).
      state.then((s) => loadLanguage(s[SETTINGS_KEY]?.ui_language)),
    ]);
    document.documentElement.lang = uiLanguage();
    if (bootKeysRight) boot.goingLive();
    render_popup(root, String(stored[SETTINGS_KEY]?.options?.platform ?? "generic"), actions);
    performance.mark("rapport:shell");
    showHabits(stored);
    performance.mark("rapport:rendered");
    showTabStatus().catch((e) => console.debug("Rapport: no status from this tab", e));
    document.body.dataset.ready = "true";
    // For bench/popup.mjs: when the first frame with the summary is painted
    // (unless popup-boot.js's snapshot of it was painted before).
    requestAnimationFrame(() => {
      document.body.dataset.firstPaintMs ??= performance.now().toFixed(1);
      // After that frame, and before the user can have typed anything: the next
      // opening shows this rendering at once if nothing changed by then.
      if (bootKeysRight) setTimeout(() => boot.saveSnapshot(stored, root), 0);
    });
    api.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && (changes[HISTORY_SUMMARY_KEY] || changes[HISTORY_NOTICE_KEY] || changes[SETTINGS_KEY])) readState().then(showHabits);
    });
  } catch (e) {
    root.textContent = t("loadFailed", [String(e?.message ?? e)]);
  } finally {
    root.inert = false; // a snapshot popup-boot.js showed, when the live rendering failed
    root.removeAttribute("aria-busy");
  }
}

start();
