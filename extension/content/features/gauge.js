// The gauge at the composer's bottom-right corner: the balance label and the
// fame and connection bars, live. Activating it opens the list of every hint
// and "Log this post" (the manual fallback when a publish was not detected);
// arrow keys (or n/p) move between the entries, Enter activates one, Escape
// closes the list and returns to the editor.
//
// The gauge never covers the text, nor the site's own controls around the
// composer (its Post button above all: a click meant for it would hit the
// gauge and nothing would be published). It sits inside the composer's corner
// while the text leaves that corner free; when the text reaches it, it
// shrinks to a dot and the count, and when that is covered too it moves just
// outside the composer (to its right, else below, else above). It stays where
// it went while that place is free, so it moves at most a few times per
// draft instead of at every line, and starts again from the corner when the
// draft is emptied. Its sizes are fixed, so placing it needs no layout read
// beyond the text's boxes in that corner (read by the overlay's pass).
(() => {
  const { t } = globalThis.RapportUI;
  // Localisation keys of the balance labels (src/facts.rs).
  const balanceKey = (balance) => globalThis.RapportFacts.balances[balance]?.messageKey ?? "balanceNeutral";
  // Keep in step with .gauge and .gauge.compact in overlay.js.
  const FULL_W = 232;
  const COMPACT_W = 50;
  const HEIGHT = 28;
  const INSET = 4; // from the composer's edge, inside
  const GAP = 6; // from the composer's edge, outside
  const CLEAR = 2; // free space kept around the gauge
  const PANEL_W = 320;
  const PANEL_MAX_H = 360;
  // In order of preference; "inside-compact" is also the last resort.
  const SPOTS = ["inside", "inside-compact", "right", "below", "above"];

  /** A cue's name as the UI says it ("Self-praise"), else its id. */
  const cueName = (cue) => {
    const key = `cue_${cue.replace(/-/g, "_")}`;
    const name = t(key);
    return name && name !== key ? name : cue;
  };

  /**
   * One line that says what carried the balance (the analysis's basis):
   * "Leaning broadcast: Self-praise “award-winning”, Follow ask “follow us”",
   * so the writer sees why and can disagree. `text` is the analysed draft;
   * without it the cues are named without quoting the draft, for
   * attributes (the draft's words go into text nodes only).
   */
  function explain(a, text) {
    const label = t(balanceKey(a.balance));
    const quote = (h) => (text === undefined ? cueName(h.cue) : `${cueName(h.cue)} “${text.slice(h.start, h.end).trim()}”`);
    const basis = a.basis || { hints: [], reply: false };
    const parts = basis.hints.map((i) => a.hints[i]).filter(Boolean).map(quote);
    if (basis.reply) parts.unshift(t("basisReply"));
    if (parts.length) return t("basisCarried", [label, parts.join(", ")]);
    if (!a.hints.length) return t("basisNothing", [label]);
    return t("basisTooLight", [label, a.hints.slice(0, 2).map(quote).join(", ")]);
  }

  const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  // What a user may click or focus on the site.
  const CONTROLS = 'button, [role="button"], a[href], input:not([type="hidden"]), select, textarea, [contenteditable="true"]';
  // The site's controls change (a Post button appears once there is text):
  // looked up again at most this often; their boxes are read at every pass.
  const CONTROLS_TTL_MS = 1000;
  // Without a form or dialog around the composer, the controls this many
  // levels up count as its own.
  const CONTROL_SCOPE_LEVELS = 4;

  /**
   * The boxes of the site's controls around the composer `root`: those in
   * its form or dialog (else a few levels up), and the adapter's publish
   * buttons, but not the composer itself nor what holds it.
   */
  function siteControls(ctx) {
    let cache = { root: null, at: -Infinity, els: [] };
    const scopeOf = (root) => {
      const around = root.closest('form, dialog, [role="dialog"]');
      if (around) return around;
      let el = root;
      for (let i = 0; i < CONTROL_SCOPE_LEVELS && el.parentElement; i++) el = el.parentElement;
      return el;
    };
    return (root) => {
      const now = performance.now();
      if (cache.root !== root || now - cache.at > CONTROLS_TTL_MS) {
        const els = new Set(scopeOf(root).querySelectorAll(CONTROLS));
        if (ctx.publishButtons.length) for (const b of root.getRootNode().querySelectorAll(ctx.publishButtons.join(","))) els.add(b);
        cache = { root, at: now, els: [...els].filter((el) => !el.contains(root) && !root.contains(el)) };
      }
      return cache.els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    };
  }

  class Gauge {
    /** `logActive()`: records the active draft as published (the publish feature's), resolving to the background's reply. */
    constructor(overlay, { onOpenHint, onClose, logActive, controls }) {
      this.overlay = overlay;
      this.controls = controls;
      this.onOpenHint = onOpenHint;
      this.onClose = onClose;
      this.logActive = logActive;
      this.spotOf = new WeakMap(); // composer session -> the spot its gauge is in
      this.el = document.createElement("div");
      this.el.className = "panel gauge";
      this.button = document.createElement("button");
      this.button.type = "button";
      this.button.setAttribute("aria-expanded", "false");
      this.button.setAttribute("aria-haspopup", "true");
      const dot = document.createElement("span");
      dot.className = "dot";
      this.label = document.createElement("span");
      this.label.className = "label";
      this.labelText = this.label.appendChild(document.createTextNode(""));
      const bars = document.createElement("span");
      bars.className = "bars";
      this.fameBar = this.bar("fame", t("fameLabel"));
      this.connectionBar = this.bar("connection", t("connectionLabel"));
      bars.append(this.fameBar, this.connectionBar);
      this.count = document.createElement("span");
      this.count.className = "count";
      this.countText = this.count.appendChild(document.createTextNode(""));
      this.button.append(dot, this.label, bars, this.count);
      this.el.append(this.button);
      this.el.hidden = true;

      // The panel the gauge opens: every hint, then "Log this post".
      this.panel = document.createElement("div");
      this.panel.className = "panel hints";
      this.panel.hidden = true;
      // What carried the balance, above the hints.
      this.why = document.createElement("p");
      this.why.className = "why";
      this.whyText = this.why.appendChild(document.createTextNode(""));
      this.list = document.createElement("ul");
      this.list.className = "list";
      this.list.setAttribute("role", "list");
      this.list.setAttribute("aria-label", t("hintsHeading"));
      const footer = document.createElement("div");
      footer.className = "footer";
      this.logButton = document.createElement("button");
      this.logButton.type = "button";
      this.logButton.className = "log";
      this.logButton.textContent = t("gaugeLogPost");
      this.logButton.title = t("logTabHelp");
      this.status = document.createElement("span");
      this.status.className = "status";
      this.status.setAttribute("role", "status");
      footer.append(this.logButton, this.status);
      this.panel.append(this.why, this.list, footer);
      overlay.layer.append(this.el, this.panel);
      overlay.cornerZone = { width: FULL_W + INSET + CLEAR, height: HEIGHT + INSET + CLEAR };

      this.button.addEventListener("click", () => this.toggleList());
      this.logButton.addEventListener("click", () => this.logPost());
      this.panel.addEventListener("keydown", (e) => this.onListKey(e));
      overlay.afterPass.add((box) => this.place(box));
    }

    get listOpen() { return !this.panel.hidden; }

    bar(kind, name) {
      const b = document.createElement("span");
      b.className = `bar ${kind}`;
      b.setAttribute("role", "meter");
      b.setAttribute("aria-label", name);
      b.setAttribute("aria-valuemin", "0");
      b.setAttribute("aria-valuemax", "100");
      b.append(document.createElement("i"));
      return b;
    }

    setBar(b, value) {
      b.setAttribute("aria-valuenow", String(value));
      b.firstChild.style.width = `${value}%`;
    }

    /** The places the gauge may take around `box`, by name: { left, top, width, compact } or null where it does not fit. */
    spots(box) {
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const right = Math.min(vw - INSET, box.right - INSET);
      const top = Math.min(vh - INSET, Math.max(box.bottom - INSET, HEIGHT + INSET)) - HEIGHT;
      const outRight = Math.min(vw - INSET, box.right);
      const spot = (left, y, compact) => ({ left, top: y, width: compact ? COMPACT_W : FULL_W, compact });
      return {
        inside: right - FULL_W >= box.left + INSET ? spot(right - FULL_W, top, false) : null,
        "inside-compact": spot(right - COMPACT_W, top, true),
        right: box.right + GAP + COMPACT_W <= vw - INSET ? spot(box.right + GAP, top, true) : null,
        below: box.bottom + GAP + HEIGHT <= vh - INSET ? spot(outRight - COMPACT_W, box.bottom + GAP, true) : null,
        above: box.top - GAP - HEIGHT >= INSET ? spot(outRight - COMPACT_W, box.top - GAP - HEIGHT, true) : null,
      };
    }

    /** Where the gauge goes: where it was while that stays free of text and controls, else the first free place. */
    chooseSpot(s, box) {
      const spots = this.spots(box);
      const controls = this.controls(s.root);
      const clearOf = (rects) => (name) => {
        const p = spots[name];
        if (!p) return false;
        const r = { left: p.left - CLEAR, top: p.top - CLEAR, right: p.left + p.width + CLEAR, bottom: p.top + HEIGHT + CLEAR };
        return !rects.some((t) => intersects(r, t));
      };
      const free = clearOf([...this.overlay.textRects, ...controls]);
      let name = s.model.text.trim() ? this.spotOf.get(s) : null;
      // Where every place is taken, covering text is the lesser harm: a
      // covered control would take a click meant for the site.
      if (!name || !free(name)) name = SPOTS.find(free) || SPOTS.find(clearOf(controls)) || "inside-compact";
      this.spotOf.set(s, name);
      return { name, ...spots[name] };
    }

    place(box) {
      const s = this.overlay.session;
      const a = s?.analysis;
      if (!box || !a) {
        this.el.hidden = true;
        this.panel.hidden = true;
        this.overlay.expose(() => ({ gauge: undefined, why: undefined, gaugeSpot: undefined, gaugeChars: undefined }));
        return;
      }
      this.el.hidden = false;
      const hints = s.visibleHints();
      // A long draft checked only around the caret says so, in the label and first in the explanation.
      const partial = a.partial ? t("partialWhy", [a.partial.length.toLocaleString(globalThis.RapportBrowser.uiLanguage())]) : null;
      const label = partial ? t("gaugePartial", [t(balanceKey(a.balance))]) : t(balanceKey(a.balance));
      // Text nodes are updated in place: no node removal while the user types (see overlay.js).
      if (this.labelText.data !== label) this.labelText.data = label;
      this.el.dataset.balance = a.balance;
      this.setBar(this.fameBar, a.fame);
      this.setBar(this.connectionBar, a.connection);
      if (this.countText.data !== String(hints.length)) this.countText.data = String(hints.length);
      const why = partial ? `${partial} ${explain(a, s.analyzedText)}` : explain(a, s.analyzedText);
      if (this.whyText.data !== why) this.whyText.data = why;
      const named = partial ? `${partial} ${explain(a)}` : explain(a);
      this.button.setAttribute("aria-label", `${t("gaugeLabel", [label])}, ${t("fameLabel")} ${a.fame}, ${t("connectionLabel")} ${a.connection}, ${hints.length}. ${named}`);
      if (this.button.title !== named) this.button.title = named;

      const spot = this.chooseSpot(s, box);
      this.el.classList.toggle("compact", spot.compact);
      this.el.style.left = `${spot.left}px`;
      this.el.style.top = `${spot.top}px`;
      // Cue names only in `why`, never the draft's words.
      this.overlay.expose(() => ({
        why: named,
        gauge: JSON.stringify([spot.left, spot.top, spot.width, HEIGHT].map((v) => Math.round(v * 10) / 10)),
        gaugeSpot: spot.name,
        gaugeChars: String(s.model.text.length),
        scope: a.partial ? "part" : "whole",
      }));
      if (this.listOpen) {
        this.placePanel(spot);
        this.fillList(hints);
      }
    }

    /** The panel opens beside the gauge: above it when there is more room above, else below; never off screen. */
    placePanel(g) {
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const p = this.panel.style;
      p.left = `${Math.max(INSET, Math.min(g.left + g.width - PANEL_W, vw - PANEL_W - INSET))}px`;
      const above = g.top - GAP - INSET;
      const below = vh - (g.top + HEIGHT) - GAP - INSET;
      if (above >= below) {
        p.top = "";
        p.bottom = `${vh - g.top + GAP}px`;
        p.maxHeight = `${Math.min(PANEL_MAX_H, above)}px`;
      } else {
        p.bottom = "";
        p.top = `${g.top + HEIGHT + GAP}px`;
        p.maxHeight = `${Math.min(PANEL_MAX_H, below)}px`;
      }
    }

    toggleList(open = !this.listOpen) {
      this.panel.hidden = !open;
      this.button.setAttribute("aria-expanded", String(open));
      if (open) {
        this.setStatus("", null);
        this.overlay.raise();
        this.overlay.schedule();
        // The list is filled in the next pass; focus its first entry then.
        const focusFirst = () => { this.overlay.afterPass.delete(focusFirst); this.panel.querySelector("button")?.focus(); };
        this.overlay.afterPass.add(focusFirst);
      }
    }

    fillList(hints) {
      const key = hints.map((h) => `${h.rule_id}@${h.start}`).join(",");
      if (this.list.dataset.key === key) return;
      this.list.dataset.key = key;
      const text = this.overlay.session.analyzedText;
      const items = hints.map((hint) => {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        b.className = hint.polarity === "fame" ? "fame" : "connection";
        const msg = document.createElement("div");
        msg.textContent = hint.message;
        const cue = document.createElement("div");
        cue.className = "cue";
        cue.textContent = `“${text.slice(hint.start, hint.end)}”`;
        b.append(msg, cue);
        b.addEventListener("click", () => this.onOpenHint(hint, true));
        li.append(b);
        return li;
      });
      if (!items.length) {
        const li = document.createElement("li");
        li.textContent = t("noHints");
        items.push(li);
      }
      this.list.replaceChildren(...items);
    }

    setStatus(text, outcome) {
      this.status.textContent = text;
      this.overlay.expose(() => ({ logged: outcome ?? undefined }));
    }

    /** "Log this post": records the draft as published through the publish feature, and says how it went. */
    async logPost() {
      if (this.logging) return;
      if (!this.logActive) {
        this.setStatus(t("gaugeLogFailed"), "failed");
        return;
      }
      this.logging = true;
      this.setStatus("", null);
      try {
        const reply = await this.logActive();
        if (reply?.ok && reply.recorded) this.setStatus(t("logTabDone"), "recorded");
        else if (reply?.ok && reply.reason === "paused") this.setStatus(t("gaugeLogPaused"), "paused");
        else if (reply?.error === "no draft") this.setStatus(t("logTabNoDraft"), "no-draft");
        else this.setStatus(t("gaugeLogFailed"), "failed");
      } catch (e) {
        console.debug("Rapport: could not log the post", e);
        this.setStatus(t("gaugeLogFailed"), "failed");
      } finally {
        this.logging = false;
      }
    }

    onListKey(e) {
      const buttons = [...this.panel.querySelectorAll("button")];
      const i = buttons.indexOf(this.overlay.shadow.activeElement);
      const move = (d) => { e.preventDefault(); buttons[(i + d + buttons.length) % buttons.length]?.focus(); };
      if (e.key === "ArrowDown" || e.key === "n") move(1);
      else if (e.key === "ArrowUp" || e.key === "p") move(-1);
      else if ((e.key === "Enter" || e.key === " ") && i >= 0) {
        // Activate here: the card takes focus, and the keypress must not follow it.
        e.preventDefault();
        buttons[i].click();
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.toggleList(false);
        this.onClose();
      }
    }
  }

  globalThis.RapportCore.feature({
    id: "gauge",
    doc: "The balance gauge at the composer's corner, and the list of hints with \"Log this post\" it opens",
    start(ctx) {
      const card = ctx.use("card");
      const publish = ctx.use("publish");
      return new Gauge(ctx.use("overlay"), {
        onOpenHint: (hint) => card.show(hint, { focus: true, via: "list" }),
        onClose: () => card.actions.close(),
        logActive: publish && (() => publish.logActive()),
        controls: siteControls(ctx),
      });
    },
  });
})();
