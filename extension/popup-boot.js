// Runs as a classic script while popup.html is still parsing, before the
// module graph (popup.js and the wasm glue) has loaded: starts the two slow
// things of the first paint at once, the compile of the popup's wasm (on the
// browser's compiler threads) and the storage read. popup.js awaits both.
(() => {
  const { api } = globalThis.RapportBrowser;
  const { SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY } = globalThis.RapportProtocol;
  const url = api.runtime.getURL("pkg/rapport_popup_bg.wasm");
  performance.mark("rapport:boot");
  const mark = (name) => (value) => { performance.mark(name); return value; };
  const compile = () => {
    // Streaming compiles while the bytes arrive; it needs the application/wasm type.
    const streamed = WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(url).then(mark("rapport:fetched"))) : Promise.reject(new Error("no compileStreaming"));
    return streamed.catch(() => {
      performance.mark("rapport:compile-fallback");
      return fetch(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes));
    });
  };
  globalThis.RapportPopupBoot = Object.freeze({
    state: api.storage.local.get([SETTINGS_KEY, HISTORY_SUMMARY_KEY, HISTORY_NOTICE_KEY]).then(mark("rapport:state")),
    module: compile().then(mark("rapport:compiled")),
  });
})();
