import "./shared/browser.js";
import "./shared/protocol.js";
import init, { render_popup } from "./pkg/rapport.js";

const { api } = globalThis.RapportBrowser;
const root = document.getElementById("root");

try {
  await init({ module_or_path: api.runtime.getURL("pkg/rapport_bg.wasm") });
  const reply = await api.runtime.sendMessage({ kind: globalThis.RapportProtocol.Kinds.GET_SETTINGS }).catch(() => null);
  render_popup(root, reply?.ok ? reply.settings.options : undefined);
  document.body.dataset.ready = "true";
} catch (e) {
  root.textContent = api.i18n.getMessage("loadFailed", [String(e?.message ?? e)]);
} finally {
  root.removeAttribute("aria-busy");
}
