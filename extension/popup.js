import "./shared/browser.js";
import "./shared/protocol.js";
import { download } from "./shared/download.js";
import init, { render_popup, render_habits, history_export } from "./pkg/rapport_ui.js";

const { api } = globalThis.RapportBrowser;
const { Kinds, SETTINGS_KEY, HISTORY_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY } = globalThis.RapportProtocol;
const root = document.getElementById("root");
const send = (msg) => api.runtime.sendMessage(msg);

// The summary is read straight from storage (only the background writes it),
// so the popup does not wait for the background to wake up, and reads the
// background's summary rather than the whole history.
const readState = () => api.storage.local.get([SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY]);

const actions = {
  async exportHistory(format) {
    const raw = (await api.storage.local.get(HISTORY_KEY))[HISTORY_KEY];
    let text = history_export(raw === undefined ? "" : JSON.stringify(raw), format);
    // Indented here rather than in Rust (a second serializer would grow the wasm).
    if (format === "json") text = `${JSON.stringify(JSON.parse(text), null, 1)}\n`;
    download(`rapport-history.${format}`, format === "csv" ? "text/csv" : "application/json", text);
  },
  clear: () => send({ kind: Kinds.CLEAR_HISTORY }),
  setPaused: (paused) => send({ kind: Kinds.SET_RECORDING, paused }),
  // The manual fallback when a site's publish was not detected: the content
  // script of the tab the popup was opened over records its active draft.
  async logActiveTab() {
    const status = document.getElementById("history-status");
    const say = (key) => { if (status) status.textContent = api.i18n.getMessage(key); };
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    const reply = tab?.id === undefined ? null : await api.tabs.sendMessage(tab.id, { kind: Kinds.LOG_ACTIVE_DRAFT }).catch(() => null);
    if (!reply) say("logTabUnsupported");
    else if (reply.recorded) say("logTabDone");
    else if (reply.reason === "paused") say("recordingPausedBanner");
    else say("logTabNoDraft");
  },
  dismissNotice: () => send({ kind: Kinds.DISMISS_HISTORY_NOTICE }),
};

let askedForSummary = false;
function showHabits(stored) {
  const section = document.getElementById("habits");
  if (!section) return;
  const summary = stored[HISTORY_SUMMARY_KEY];
  const paused = stored[SETTINGS_KEY]?.history?.paused === true;
  render_habits(section, summary === undefined ? "" : JSON.stringify(summary), paused, stored[HISTORY_NOTICE_KEY] ?? null, actions);
  // No summary yet (a history from before summaries, or one just written by
  // something else): the background summarises it, and the storage change
  // below re-renders.
  if (summary === undefined && !askedForSummary) {
    askedForSummary = true;
    send({ kind: Kinds.REPAIR_HISTORY }).catch(() => {});
  }
}

try {
  // Settings from storage too: the background sanitises everything it writes
  // there, and a sleeping service worker would delay the first paint.
  performance.mark("rapport:start");
  const [stored] = await Promise.all([
    readState().then((v) => { performance.mark("rapport:state"); return v; }),
    init({ module_or_path: api.runtime.getURL("pkg/rapport_ui_bg.wasm") }).then(() => performance.mark("rapport:wasm")),
  ]);
  try {
    render_popup(root, stored[SETTINGS_KEY]?.options);
  } catch {
    render_popup(root, undefined); // a value from an older version: defaults until the background rewrites it
  }
  showHabits(stored);
  performance.mark("rapport:rendered");
  document.body.dataset.ready = "true";
  // For bench/popup.mjs: when the first frame with the summary is painted.
  requestAnimationFrame(() => { document.body.dataset.firstPaintMs = performance.now().toFixed(1); });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes[HISTORY_SUMMARY_KEY] || changes[HISTORY_NOTICE_KEY] || changes[SETTINGS_KEY])) readState().then(showHabits);
  });
} catch (e) {
  root.textContent = api.i18n.getMessage("loadFailed", [String(e?.message ?? e)]);
} finally {
  root.removeAttribute("aria-busy");
}
