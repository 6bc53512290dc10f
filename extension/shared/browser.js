// The one place that papers over browser differences. Loaded as a classic
// script in content scripts and imported for its side effect by modules.
(() => {
  const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
  const isFirefox = typeof globalThis.browser !== "undefined" && !!globalThis.browser.runtime?.getBrowserInfo;
  globalThis.RapportBrowser = Object.freeze({
    api,
    isFirefox,
    // Chromium's highlight registry exists since 105; Firefox ships it from 140.
    hasCustomHighlights: typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function",
  });
})();
