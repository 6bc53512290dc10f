// The fold marker: on sites whose feed cuts long posts (the adapter's
// setFold, LinkedIn's "…see more"), a dotted line in the composer where the
// cut falls, drawn in the overlay's pass.
(() => {
  const { t } = globalThis.RapportUI;

  /** The overlay measurer that draws the marker at `chars` characters. */
  function foldMarker(overlay, chars) {
    let el = null;
    const element = () => {
      if (!el) {
        el = document.createElement("div");
        el.className = "fold";
        overlay.clip.append(el);
      }
      return el;
    };
    return {
      read(s) {
        if (s.model.text.length <= chars) return null;
        const r = overlay.rangeAt(s, chars);
        return r.getClientRects()[0] || r.getBoundingClientRect();
      },
      write(rect, box) {
        overlay.expose(() => ({ fold: rect ? String(chars) : undefined }));
        if (!rect) {
          if (el) el.hidden = true;
          return;
        }
        const f = element();
        f.dataset.label = t("foldLabel");
        f.style.left = `${rect.left - box.left}px`;
        f.style.top = `${rect.top - box.top}px`;
        f.style.height = `${rect.height || 16}px`;
        f.hidden = false;
      },
      hide() {
        if (el) el.hidden = true;
      },
    };
  }

  globalThis.RapportCore.feature({
    id: "fold",
    doc: "Marks where the site's feed folds a long post (the adapter's setFold)",
    start(ctx) {
      const overlay = ctx.use("overlay");
      if (!ctx.fold || !overlay) return;
      const marker = foldMarker(overlay, ctx.fold);
      overlay.measurers.add(marker);
      ctx.signal.addEventListener("abort", () => overlay.measurers.delete(marker));
    },
  });
})();
