import "./shared/browser.js";
import "./shared/protocol.js";
import { download } from "./shared/download.js";
import init, { render_popup, render_habits } from "./pkg/rapport.js";

const { api } = globalThis.RapportBrowser;
const { Kinds, SETTINGS_KEY, HISTORY_KEY, HISTORY_NOTICE_KEY } = globalThis.RapportProtocol;
const root = document.getElementById("root");
const send = (msg) => api.runtime.sendMessage(msg);

// The history is read straight from storage (only the background writes it),
// so the summary does not wait for the background to wake up.
const readHistory = () => api.storage.local.get([SETTINGS_KEY, HISTORY_KEY, HISTORY_NOTICE_KEY]);

const actions = {
  download,
  clear: () => send({ kind: Kinds.CLEAR_HISTORY }),
  setPaused: (paused) => send({ kind: Kinds.SET_RECORDING, paused }),
  dismissNotice: () => send({ kind: Kinds.DISMISS_HISTORY_NOTICE }),
};

let repairing = false;
function showHabits(stored) {
  const section = document.getElementById("habits");
  if (!section) return;
  const raw = stored[HISTORY_KEY];
  const paused = stored[SETTINGS_KEY]?.history?.paused === true;
  const needsRepair = render_habits(section, raw === undefined ? "" : JSON.stringify(raw), paused, stored[HISTORY_NOTICE_KEY] ?? null, actions);
  // Damaged or old-format store: the background (the one writer) repairs it;
  // the storage change below then re-renders with its notice.
  if (needsRepair && !repairing) {
    repairing = true;
    send({ kind: Kinds.REPAIR_HISTORY }).finally(() => { repairing = false; });
  }
}

try {
  const [stored, reply] = await Promise.all([
    readHistory(),
    send({ kind: Kinds.GET_SETTINGS }).catch(() => null),
    init({ module_or_path: api.runtime.getURL("pkg/rapport_bg.wasm") }),
  ]);
  render_popup(root, reply?.ok ? reply.settings.options : undefined);
  showHabits(stored);
  document.body.dataset.ready = "true";
  // For bench/popup.mjs: when the first frame with the summary is painted.
  requestAnimationFrame(() => { document.body.dataset.firstPaintMs = performance.now().toFixed(1); });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes[HISTORY_KEY] || changes[HISTORY_NOTICE_KEY] || changes[SETTINGS_KEY])) readHistory().then(showHabits);
  });
} catch (e) {
  root.textContent = api.i18n.getMessage("loadFailed", [String(e?.message ?? e)]);
} finally {
  root.removeAttribute("aria-busy");
}
