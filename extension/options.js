import "./shared/browser.js";
import "./shared/protocol.js";
import { download } from "./shared/download.js";
import init, { render_options } from "./pkg/rapport_ui.js";

const { api, message: t, loadLanguage, uiLanguage } = globalThis.RapportBrowser;
const { Kinds, SETTINGS_KEY } = globalThis.RapportProtocol;
const root = document.getElementById("root");
let settings;
// The settings' ui_language whose messages the page is shown in.
let shownLanguage = null;

function setStatus(text) {
  const status = root.querySelector(".status");
  if (status) status.textContent = text;
}

// The background is the one writer of storage; it cleans what it stores
// (src/settings.rs),
// and open tabs pick the change up from storage.onChanged.
async function persist() {
  const reply = await api.runtime.sendMessage({ kind: Kinds.SET_SETTINGS, settings });
  if (!reply?.ok) throw new Error(reply?.error ?? "the settings were not saved");
  settings = reply.settings;
}

function render() {
  // A re-render (settings changed elsewhere) keeps what the status line said.
  const said = root.querySelector(".status")?.textContent ?? "";
  render_options(root, JSON.stringify(settings), save, actions);
  if (said) setStatus(said);
}

/**
 * Loads the messages of the settings' language when it is not the one the
 * page is shown in, and marks the page with the language actually used.
 * Returns whether the language changed (the page must be drawn again).
 */
async function followLanguage() {
  const wanted = settings?.ui_language ?? "auto";
  if (wanted === shownLanguage) return false;
  shownLanguage = wanted;
  await loadLanguage(wanted);
  document.documentElement.lang = uiLanguage();
  return true;
}

/** JSON with keys sorted: the background stores settings with its own key order. */
const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));

function save(json) {
  // Merged: keys the Rust page does not know (added by other features) are kept.
  settings = { ...settings, ...JSON.parse(json) };
  persist()
    .then(async () => {
      // A new language: the page is drawn again in it, focus kept on the picker.
      if (!(await followLanguage())) return;
      const focusedId = document.activeElement?.id;
      render();
      if (focusedId) document.getElementById(focusedId)?.focus();
      setStatus(t("saved"));
    })
    .catch((e) => setStatus(t("saveFailed", [String(e?.message ?? e)])));
}

const actions = {
  // Called inside the click: browsers grant permission requests only there.
  addSite(origin) {
    api.permissions.request({ origins: [`${origin}/*`] }).then(async (granted) => {
      if (!granted) return setStatus(t("addSiteDenied", [origin]));
      if (!settings.extra_sites.includes(origin)) settings.extra_sites.push(origin);
      await persist();
      render();
      document.getElementById("add-site")?.focus();
      setStatus(t("addSiteDone", [origin]));
    }, (e) => setStatus(t("addSiteDenied", [`${origin} (${e?.message ?? e})`])));
  },
  async removeSite(origin) {
    settings.extra_sites = settings.extra_sites.filter((o) => o !== origin);
    await api.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
    await persist();
    render();
    // The button is gone with its row: the field to add a site is the nearest control.
    document.getElementById("add-site")?.focus();
    setStatus(t("removeSiteDone", [origin]));
  },
  exportSettings(json) {
    // Indented here rather than in Rust: people read and diff this file, and JS formats it for free.
    download("rapport-settings.json", "application/json", `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  },
  importSettings() {
    // In the document (hidden) rather than detached: some browsers' automation finds file pickers only there.
    document.querySelector("input[data-import-settings]")?.remove();
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "application/json,.json";
    input.hidden = true;
    input.dataset.importSettings = "";
    document.body.append(input);
    input.addEventListener("change", async () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return;
      try {
        settings = JSON.parse(await file.text());
        await persist();
        await followLanguage();
        render();
        setStatus(t("settingsImported"));
      } catch (e) {
        const reply = await api.runtime.sendMessage({ kind: Kinds.GET_SETTINGS });
        settings = reply.settings;
        await followLanguage();
        render();
        setStatus(t("settingsImportFailed", [String(e?.message ?? e)]));
      }
    });
    input.click();
  },
};

// Settings changed elsewhere (the popup's pause button, the overlay's "turn
// off this rule", another options tab): show them, so a later save here does
// not put back what this page showed before.
function onStorageChanged(changes, area) {
  if (area !== "local" || !changes[SETTINGS_KEY]) return;
  const next = changes[SETTINGS_KEY].newValue;
  if (!next || canonical(next) === canonical(settings)) return; // this page's own save
  settings = next;
  followLanguage().then(() => {
    const focusedId = document.activeElement?.id;
    render();
    if (focusedId) document.getElementById(focusedId)?.focus();
  });
}

try {
  await init({ module_or_path: api.runtime.getURL("pkg/rapport_ui_bg.wasm") });
  const reply = await api.runtime.sendMessage({ kind: Kinds.GET_SETTINGS });
  settings = reply.settings;
  await followLanguage();
  render();
  api.storage.onChanged.addListener(onStorageChanged);
  document.body.dataset.ready = "true";
} catch (e) {
  root.textContent = t("loadFailed", [String(e?.message ?? e)]);
} finally {
  root.removeAttribute("aria-busy");
}
