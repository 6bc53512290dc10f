// The adapter registry: each file in content/adapters/ registers one site
// here. An adapter is
//   { id, platform, doc, matches(location, document) -> boolean,
//     setup({ signal, watchComposers, watchPublish, setFold, readOutcomes }) }
// where setup declares the site's composers (CSS selectors) and publish
// buttons to the core (core.js); everything it starts ends when `signal`
// aborts (teardown: the user paused the site, or the script is re-injected).
// readOutcomes(declaration) says how the site shows the user's own posts
// and their counts (content/features/outcomes.js documents the shape).
// The first adapter whose predicate matches wins; "generic" is the fallback
// and only runs on sites the user enabled (its script is registered then).
(() => {
  if (globalThis.RapportAdapters) return;
  const adapters = [];
  // Inside a post's text, what is the site's own UI ("… more" buttons) or a
  // hidden copy for screen readers, not the post's words.
  const NOT_TEXT = 'button, [role="button"], [aria-hidden="true"], script, style, template';
  const BLOCKS = new Set(["P", "DIV", "BR", "LI", "UL", "OL", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6", "PRE"]);
  globalThis.RapportAdapters = Object.freeze({
    /**
     * The words of a post's text element as a reader sees them: its text
     * nodes in order with a space at each block and line break
     * (textContent glues two paragraphs' words into one), an image by its
     * alt text (X draws emoji as images), and without the controls and
     * hidden copies sites put inside (NOT_TEXT) or what `skip` matches.
     */
    textOf(el, skip = null) {
      if (!el) return "";
      const parts = [];
      const walk = (node) => {
        for (let child = node.firstChild; child; child = child.nextSibling) {
          if (child.nodeType === Node.TEXT_NODE) parts.push(child.data);
          else if (child.nodeType !== Node.ELEMENT_NODE || child.matches(NOT_TEXT) || (skip && child.matches(skip))) continue;
          else if (child.tagName === "IMG") parts.push(` ${child.alt || ""} `);
          else {
            const block = BLOCKS.has(child.tagName);
            if (block) parts.push(" ");
            walk(child);
            if (block) parts.push(" ");
          }
        }
      };
      walk(el);
      return parts.join("").replace(/\s+/g, " ").trim();
    },
    /** A control's accessible label, else its text; null without the control. */
    labelOf: (el) => (el ? el.getAttribute("aria-label") || el.textContent.trim() || null : null),
    /** A `time[datetime]`'s time in ms, or null. */
    timeOf(el) {
      const t = Date.parse(el?.getAttribute("datetime") ?? "");
      return Number.isFinite(t) ? t : null;
    },
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
    /**
     * A structural publish check (watchPublish's `accept`): `button` is the
     * last control matching `controls` after the composer in the smallest
     * box holding both, and that box holds no other editor. Sites put the
     * submit control last, after their toolbars (add photo, emoji), and
     * the close control before the editor, so no label is needed to tell
     * them apart, in any UI language.
     */
    submitAfter(controls, { scope = null } = {}) {
      return (button, root) => {
        if (!root?.isConnected || !(root.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
        // A `scope` (a dialog) holding both is the box, however many editors
        // it has: a thread of several parts has one Post for all of them.
        let box = scope ? root.closest(scope) : null;
        if (!box?.contains(button)) {
          box = root.parentElement;
          while (box && !box.contains(button)) box = box.parentElement;
          if (!box) return false;
          const editors = box.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""]');
          if ([...editors].some((e) => e !== root && !root.contains(e) && !e.contains(root))) return false;
        }
        const after = [...box.querySelectorAll(controls)].filter((c) => root.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
        return after.at(-1) === button;
      };
    },
    /**
     * A structural publish check for dialogs whose submit sits in their
     * header row, before the editor (Instagram's Share): `button` is the
     * last of the controls in the row holding the dialog's heading, in the
     * composer's own dialog, and not that row's only control (the first one
     * goes back or closes).
     */
    submitInHeader(controls) {
      return (button, root) => {
        const dialog = root?.closest('[role="dialog"]');
        if (!dialog?.contains(button)) return false;
        let row = button.parentElement;
        while (row && row !== dialog && !row.querySelector('h1, h2, h3, [role="heading"]')) row = row.parentElement;
        if (!row || row === dialog || row.contains(root)) return false;
        const all = [...row.querySelectorAll(controls)];
        return all.length > 1 && all.at(-1) === button;
      };
    },
    /** The site's own adapter, else the generic one. */
    pick(loc, doc) {
      return adapters.find((a) => a.id !== "generic" && a.matches(loc, doc)) || adapters.find((a) => a.id === "generic" && a.matches(loc, doc)) || null;
    },
  });
})();
