import "./shared/browser.js";
import "./shared/protocol.js";
import init, { render_options } from "./pkg/rapport.js";

const { api } = globalThis.RapportBrowser;
const { Kinds } = globalThis.RapportProtocol;
const root = document.getElementById("root");

try {
  await init({ module_or_path: api.runtime.getURL("pkg/rapport_bg.wasm") });
  const reply = await api.runtime.sendMessage({ kind: Kinds.GET_SETTINGS });
  let settings = reply.settings;
  render_options(root, settings.options, (options) => {
    settings = { ...settings, options };
    // The background is the one writer of storage; it sanitises what it stores.
    api.runtime.sendMessage({ kind: Kinds.SET_SETTINGS, settings });
  });
  document.body.dataset.ready = "true";
} catch (e) {
  root.textContent = api.i18n.getMessage("loadFailed", [String(e?.message ?? e)]);
} finally {
  root.removeAttribute("aria-busy");
}
