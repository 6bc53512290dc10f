// The optional pre-publish nudge (settings.nudge, off by default): a
// reminder under the composer when the user clicks the site's publish button
// on a draft that reads as broadcasting. Once per draft, after the click has
// gone through: posting is never blocked or delayed.
(() => {
  const { t } = globalThis.RapportUI;
  const NUDGE_VISIBLE_MS = 8000;
  // Composer sessions already reminded. Kept across the core's restarts, like the sessions.
  const nudged = new WeakSet();

  /** The toast in the overlay's layer, shown for a while next to the composer. */
  function toast(ctx, overlay) {
    const el = document.createElement("div");
    el.className = "panel toast";
    el.setAttribute("role", "status");
    el.hidden = true;
    overlay.layer.append(el);
    let timer = 0;
    ctx.signal.addEventListener("abort", () => clearTimeout(timer));
    return (root) => {
      el.textContent = t("nudgeBroadcasting");
      el.hidden = false;
      overlay.expose(() => ({ nudge: "shown" }));
      const box = root.getBoundingClientRect();
      el.style.left = `${Math.max(4, box.left)}px`;
      el.style.top = `${Math.max(4, box.top - 48)}px`;
      clearTimeout(timer);
      timer = setTimeout(() => { el.hidden = true; }, NUDGE_VISIBLE_MS);
    };
  }

  globalThis.RapportCore.feature({
    id: "nudge",
    doc: "Reminds once per draft, after a publish click on a broadcasting draft, when the user turned the nudge on",
    start(ctx) {
      const overlay = ctx.use("overlay");
      if (!ctx.publishButtons.length || !overlay) return;
      const show = toast(ctx, overlay);
      let enabled = ctx.settings()?.nudge === true;
      ctx.subscribe("settings", (raw) => { enabled = raw?.nudge === true; });
      ctx.listen(document, "click", (e) => {
        const s = ctx.active();
        if (!enabled || !s || e.composedPath().includes(overlay.host)) return;
        // The adapter's structural check too: a selector such as Facebook's matches every control.
        const button = ctx.publishControlIn(e, s.root);
        if (button && !nudged.has(s) && s.analysis?.balance === "broadcasting" && s.analyzedText === s.model.text) {
          nudged.add(s);
          show(s.root);
        }
      }, { capture: true });
    },
  });
})();
