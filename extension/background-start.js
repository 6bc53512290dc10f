// What every start of the background waits for longest, begun before the
// rest of its modules load: the analyser's wasm compiling and its lexicon
// being read. Firefox runs this module first, on its own (the manifest's
// background "scripts"), so the compile overlaps the loading of the other
// modules; each is a round trip of its own in an event page. Chromium's
// service worker imports it first, as background.js does in both. It
// imports nothing, so that nothing delays it.
const url = (file) => new URL(file, import.meta.url);

export const analyserModule = WebAssembly.compileStreaming(fetch(url("pkg/rapport_bg.wasm")));
export const lexiconData = fetch(url("pkg/lexicon.json")).then((r) => r.json());
