// The popup's "this tab" line: whether Rapport sees a composer on this page,
// by which path, in words a user can quote in a bug report. A site that
// changed its markup shows up here as composers on the generic path, or as
// none, rather than as silence.
(() => {
  const { api } = globalThis.RapportBrowser;
  const { Kinds } = globalThis.RapportProtocol;

  /** The editables the adapter's selectors match now, as their editing hosts. */
  function recognised(ctx) {
    const roots = new Set();
    for (const { selector } of ctx.composers) {
      for (const el of document.querySelectorAll(selector)) {
        const found = ctx.composerOf(el);
        if (found && !found.fallback) roots.add(found.root);
      }
    }
    return roots;
  }

  globalThis.RapportCore.feature({
    id: "status",
    doc: "Answers the popup: the adapter running here, the composers it recognises, and the path the composer last used takes",
    start(ctx) {
      // Editables the adapter missed that the user wrote in (Set: counted, and dropped once gone).
      const generic = new Set();
      ctx.subscribe("activate", (s) => {
        if (ctx.composerOf(s.root)?.fallback) generic.add(s.root);
      });
      ctx.subscribe("detach", (s) => generic.delete(s.root));
      const answer = () => {
        for (const root of generic) if (!root.isConnected) generic.delete(root);
        const s = ctx.active();
        const found = s?.root.isConnected ? ctx.composerOf(s.root) : null;
        return {
          ok: true,
          version: api.runtime.getManifest().version,
          site: location.hostname,
          adapter: ctx.adapter.id,
          platform: ctx.adapter.platform,
          recognised: recognised(ctx).size,
          generic: generic.size,
          active: found ? { label: found.label, path: found.fallback ? "generic" : "adapter" } : null,
          // Whether this page is the user's own and what outcome reading saw there.
          outcomes: ctx.use("outcomes")?.state() ?? null,
        };
      };
      // The tab's page itself answers (every frame of the tab hears the popup): a frame leaves it.
      ctx.answer(Kinds.COMPOSER_STATUS, () => (window === window.top ? answer() : undefined));
      return { answer };
    },
  });
})();
