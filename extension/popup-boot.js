// Loaded `async` at the top of popup.html: runs as soon as it arrives, while
// the page still parses and before the module graph (popup.js and the wasm
// glue) has loaded, and starts the two slow things of the first paint at
// once: the compile of the popup's wasm (on the browser's compiler threads)
// and the storage read. One file with no imports, so it costs one fetch and
// blocks nothing; popup.js checks the storage keys against the protocol's.
(() => {
  const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
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
  globalThis.RapportPopupBoot = Object.freeze({
    keys,
    state: api.storage.local.get(keys).then(mark("rapport:state")),
    module: compile().then(mark("rapport:compiled")),
  });
})();
