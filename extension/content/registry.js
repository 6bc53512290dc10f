// The adapter registry: each file in content/adapters/ registers one site
// here. An adapter is
//   { id, platform, doc, matches(location, document) -> boolean,
//     setup({ signal, watchComposers, watchPublish, setFold }) }
// where setup declares the site's composers (CSS selectors) and publish
// buttons to the core (core.js); everything it starts ends when `signal`
// aborts (teardown: the user paused the site, or the script is re-injected).
// The first adapter whose predicate matches wins; "generic" is the fallback
// and only runs on sites the user enabled (its script is registered then).
(() => {
  if (globalThis.RapportAdapters) return;
  const adapters = [];
  globalThis.RapportAdapters = Object.freeze({
    register(adapter) {
      for (const key of ["id", "platform", "doc"]) {
        if (typeof adapter[key] !== "string" || !adapter[key]) throw new Error(`Rapport adapter is missing ${key}`);
      }
      if (typeof adapter.matches !== "function" || typeof adapter.setup !== "function") {
        throw new Error(`Rapport adapter ${adapter.id} needs matches() and setup()`);
      }
      adapters.push(Object.freeze(adapter));
    },
    all: () => adapters.slice(),
    /**
     * The `matches` predicate of a site's own adapter: its domains and their
     * subdomains, from the facts the core owns (pkg/facts.js).
     */
    onSite(platform) {
      const domains = globalThis.RapportFacts.platforms[platform]?.domains;
      if (!domains?.length) throw new Error(`Rapport has no domains for ${platform}`);
      return (loc) => domains.some((d) => loc.hostname === d || loc.hostname.endsWith(`.${d}`));
    },
    /** The site's own adapter, else the generic one. */
    pick(loc, doc) {
      return adapters.find((a) => a.id !== "generic" && a.matches(loc, doc)) || adapters.find((a) => a.id === "generic" && a.matches(loc, doc)) || null;
    },
  });
})();
