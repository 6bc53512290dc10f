// "Ignore here": the card's button hides one hint in this draft only.
(() => {
  // Composer session -> anchors the user ignored in its draft. Kept across
  // the core's restarts, like the sessions themselves.
  const ignored = new WeakMap();
  // Analysis -> Map(hint -> anchor), computed once per analysis.
  const anchorsByAnalysis = new WeakMap();

  /**
   * "Ignore here" anchors a hint by its rule, its words and which occurrence
   * of those words it is among that rule's hints, never by its offset: it
   * stays ignored while the user edits elsewhere in the draft, and the same
   * words flagged elsewhere in the draft stay flagged. Returns hint -> anchor.
   */
  function anchorsOf(hints, text) {
    const seen = new Map();
    const anchors = new Map();
    for (const h of [...hints].sort((a, b) => a.start - b.start)) {
      const base = `${h.rule_id}\u0000${text.slice(h.start, h.end)}`;
      const n = seen.get(base) || 0;
      seen.set(base, n + 1);
      anchors.set(h, `${base}\u0000${n}`);
    }
    return anchors;
  }

  function anchorsFor(s) {
    let anchors = anchorsByAnalysis.get(s.analysis);
    if (!anchors) anchorsByAnalysis.set(s.analysis, (anchors = anchorsOf(s.analysis.hints, s.analyzedText)));
    return anchors;
  }

  /** Ignores `hint` in `s` (a hint of its analysis, or the same hint of the one before it). */
  function ignore(s, hint) {
    if (!s.analysis) return;
    const anchors = anchorsFor(s);
    const own = anchors.has(hint) ? hint : s.analysis.hints.find((h) => h.rule_id === hint.rule_id && h.start === hint.start && h.end === hint.end);
    const anchor = own && anchors.get(own);
    if (!anchor) return;
    if (!ignored.has(s)) ignored.set(s, new Set());
    ignored.get(s).add(anchor);
  }

  function withoutIgnored(s, hints) {
    const set = ignored.get(s);
    if (!set?.size) return hints;
    const anchors = anchorsFor(s);
    return hints.filter((h) => !set.has(anchors.get(h)));
  }

  globalThis.RapportCore.feature({
    id: "ignore",
    doc: "Hides a hint the user ignored, in this draft only, while its words stay",
    start(ctx) {
      ctx.filterHints(withoutIgnored);
      return { ignore };
    },
  });
})();
