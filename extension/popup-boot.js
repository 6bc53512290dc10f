// Loaded `async` at the top of popup.html: runs as soon as it arrives, while
// the page still parses and before the module graph (popup.js and the wasm
// glue) has loaded, and starts the two slow things of the first paint at
// once: the compile of the popup's wasm (on the browser's compiler threads)
// and the storage read. One file with no imports, so it costs one fetch and
// blocks nothing (the browser shim it reads is a classic script before it); popup.js checks the storage keys against the protocol's.
//
// It also shows the popup's last rendering at once when nothing it was drawn
// from has changed since (see SNAPSHOT_STORE): the summary is then on screen
// without waiting for the wasm, and Rust's live rendering replaces it, the
// same to the pixel, a few milliseconds later.
(() => {
  // shared/browser.js runs just before this script (popup.html).
  const { api, browserLanguage } = globalThis.RapportBrowser;
  // SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY of shared/protocol.js.
  const keys = ["settings", "history_summary", "history_notice"];
  const url = api.runtime.getURL("pkg/rapport_popup_bg.wasm");
  const mark = (name) => (value) => { performance.mark(name); return value; };
  mark("rapport:boot")();
  const compile = () => {
    // Streaming compiles while the bytes arrive; it needs the application/wasm type.
    const streamed = WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(url).then(mark("rapport:fetched"))) : Promise.reject(new Error("no compileStreaming"));
    return streamed.catch(() => {
      performance.mark("rapport:compile-fallback");
      return fetch(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes));
    });
  };

  // The extension origin's localStorage: synchronous (the snapshot must not
  // wait on another read), shared by the extension's pages only (no web page
  // and no content script can write it), and never synced anywhere. It holds
  // { key, html, lang }: the popup's DOM as Rust rendered it at its last first
  // render, and everything that rendering was drawn from. A snapshot is shown
  // only when its key equals the key of what storage holds now, so it is
  // never a stale summary; anything unreadable is dropped.
  const SNAPSHOT_STORE = "rapport.popupSnapshot";
  const snapshotKey = (stored) => JSON.stringify([
    api.runtime.getManifest().version,
    // The words' language: the browser's, unless the settings chose one.
    browserLanguage(),
    stored.settings?.ui_language ?? "auto",
    stored.settings?.options?.platform ?? "generic",
    stored.settings?.history?.paused === true,
    stored.history_summary ?? null,
    stored.history_notice ?? null,
  ]);
  let live = false;

  function readSnapshot() {
    try {
      const snap = JSON.parse(localStorage.getItem(SNAPSHOT_STORE));
      if (snap && typeof snap.key === "string" && typeof snap.html === "string" && typeof snap.lang === "string") return snap;
      if (snap !== null) localStorage.removeItem(SNAPSHOT_STORE);
    } catch {
      try { localStorage.removeItem(SNAPSHOT_STORE); } catch { /* storage disabled: no snapshots */ }
    }
    return null;
  }

  function showSnapshot(stored) {
    const root = document.getElementById("root");
    if (live || !root) return;
    const snap = readSnapshot();
    if (!snap || snap.key !== snapshotKey(stored)) return;
    // Parsed into an inert document (nothing in it runs), then moved in.
    const doc = new DOMParser().parseFromString(`<body>${snap.html}`, "text/html");
    root.replaceChildren(...doc.body.childNodes);
    document.documentElement.lang = snap.lang;
    // Its buttons have no handlers yet: nothing can be clicked or focused until Rust's rendering replaces it.
    root.inert = true;
    performance.mark("rapport:snapshot");
    requestAnimationFrame(() => { document.body.dataset.firstPaintMs ??= performance.now().toFixed(1); });
  }

  const state = api.storage.local.get(keys).then(mark("rapport:state"));
  state.then((stored) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => showSnapshot(stored), { once: true });
    else showSnapshot(stored);
  }).catch(() => {});

  globalThis.RapportPopupBoot = Object.freeze({
    keys,
    state,
    module: compile().then(mark("rapport:compiled")),
    /** Called by popup.js before Rust renders into the root: a snapshot arriving later must not cover it. */
    goingLive() {
      live = true;
      document.getElementById("root").inert = false;
    },
    /** Keeps the popup's first rendering for the next opening (after it was painted, off the critical path). */
    saveSnapshot(stored, root) {
      try {
        localStorage.setItem(SNAPSHOT_STORE, JSON.stringify({ key: snapshotKey(stored), html: root.innerHTML, lang: document.documentElement.lang }));
      } catch (e) {
        console.debug("Rapport: the popup's snapshot could not be kept", e);
      }
    },
  });
})();
