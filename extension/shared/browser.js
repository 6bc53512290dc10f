// The one place that papers over browser differences. Loaded as a classic
// script in content scripts and imported for its side effect by modules.
(() => {
  // A shim left in this world by an extension that has since been reloaded,
  // updated or removed holds that extension's dead API: it is replaced.
  if (globalThis.RapportBrowser?.alive?.()) return;
  const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
  globalThis.RapportBrowser = Object.freeze({
    api,
    // Chromium's highlight registry exists since 105; Firefox ships it from 140.
    hasCustomHighlights: typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function",
    /**
     * Whether the extension that ran this script is still there to talk to.
     * Chromium keeps the content scripts of a reloaded, updated or removed
     * extension running, orphaned: well after their ports disconnect (up to
     * about a second, measured in Chromium 156), `runtime` itself becomes
     * undefined, and any call through it throws. Firefox instead stops them
     * altogether (their sandbox is nuked), so there this is always true for
     * code that can still run.
     */
    alive() {
      try {
        return Boolean(api?.runtime?.id);
      } catch {
        return false;
      }
    },
  });
})();
