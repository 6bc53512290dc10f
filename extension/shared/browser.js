// The one place that papers over browser differences. Loaded as a classic
// script in content scripts and imported for its side effect by modules.
(() => {
  if (globalThis.RapportBrowser) return;
  const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
  globalThis.RapportBrowser = Object.freeze({
    api,
    // Chromium's highlight registry exists since 105; Firefox ships it from 140.
    hasCustomHighlights: typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function",
  });
})();
