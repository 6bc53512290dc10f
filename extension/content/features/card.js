// The card for one hint: what it means, why, and a better phrasing with a
// one-click apply; "ignore here", "turn off this rule" and "pause on this
// site". It opens on hover, click or the shortcut, lives in the overlay's
// shadow root (in the top layer), and is reachable by keyboard: opened by
// the shortcut it takes focus, Escape closes it and returns to the editor.
(() => {
  const { Kinds, COMMANDS } = globalThis.RapportProtocol;
  const { t, applyReplacement } = globalThis.RapportUI;
  const { selectionOf } = globalThis.RapportTextModel;

  const FOCUS_GUARD_MS = 500;
  const HOVER_OPEN_MS = 300;
  const HOVER_CLOSE_MS = 400;
  const sameHint = (a, b) => a.rule_id === b.rule_id && a.start === b.start && a.end === b.end;

  class Card {
    constructor(overlay, actions) {
      this.overlay = overlay;
      this.actions = actions; // { apply(hint), ignore(hint), disableRule(hint), pauseSite(), close() }
      this.el = document.createElement("div");
      this.el.className = "panel card";
      this.el.setAttribute("role", "dialog");
      this.el.hidden = true;
      this.hint = null;
      overlay.layer.append(this.el);
      this.el.addEventListener("keydown", (e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          this.close(true);
        } else if ((e.key === "Enter" || e.key === " ") && e.composedPath()[0] instanceof HTMLButtonElement) {
          // Activate here and cancel the key: buttons move focus back to the editor,
          // and the browser would otherwise deliver the rest of this keypress there.
          e.preventDefault();
          e.composedPath()[0].click();
        }
      });
      overlay.afterMeasure.add(() => this.reposition());
    }

    get open() { return !this.el.hidden; }

    button(label, cls, onClick) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = cls;
      b.textContent = label;
      b.addEventListener("click", onClick);
      return b;
    }

    show(hint, { focus = false, via = "click" } = {}) {
      const s = this.overlay.session;
      if (!s) return;
      const same = this.open && this.hint && sameHint(this.hint, hint);
      this.hint = hint;
      if (same) {
        // Already showing it (hover and click often agree): keep the buttons, which may hold focus.
        if (focus) {
          this.via = via;
          this.focusFirst(hint);
        }
        return;
      }
      this.via = via;
      const text = s.analyzedText.slice(hint.start, hint.end);
      const head = document.createElement("p");
      head.className = "message";
      const dot = document.createElement("span");
      dot.className = `polarity ${hint.polarity === "fame" ? "fame" : "connection"}`;
      dot.title = hint.polarity === "fame" ? t("fameLabel") : t("connectionLabel");
      head.append(dot, document.createTextNode(hint.message));
      const quote = document.createElement("p");
      quote.className = "why";
      quote.textContent = `“${text}”`;
      const why = document.createElement("p");
      why.className = "why";
      why.textContent = hint.note;
      const parts = [head, quote, why];
      if (hint.suggestion) {
        const sug = document.createElement("p");
        sug.className = "suggestion";
        sug.textContent = hint.suggestion;
        parts.push(sug);
      }
      const actions = document.createElement("div");
      actions.className = "actions";
      if (typeof hint.replacement === "string") {
        const label = hint.replacement === "" ? t("cardRemove") : t("cardApply", [hint.replacement]);
        actions.append(this.button(label, "apply", () => this.actions.apply(hint)));
      }
      actions.append(
        this.button(t("cardIgnore"), "ignore", () => this.actions.ignore(hint)),
        this.button(t("cardDisableRule"), "disable-rule", () => this.actions.disableRule(hint)),
        this.button(t("cardPauseSite"), "pause-site", () => this.actions.pauseSite()),
        this.button(t("cardClose"), "close", () => this.close(true)),
      );
      parts.push(actions);
      this.el.replaceChildren(...parts);
      this.el.setAttribute("aria-label", hint.message);
      this.overlay.expose(() => ({ card: hint.rule_id }));
      this.el.hidden = false;
      this.overlay.raise();
      this.reposition();
      if (focus) this.focusFirst(hint);
    }

    /**
     * Focuses the first button a frame later, and once more if the editor
     * takes focus back on its own right after (Lexical commits the caret the
     * click placed asynchronously and focuses its root when it does).
     */
    focusFirst(hint) {
      const until = performance.now() + FOCUS_GUARD_MS;
      let userActed = false;
      const acted = () => { userActed = true; };
      const focus = () => { if (this.hint === hint && this.open) this.el.querySelector(".actions button")?.focus(); };
      const onFocusOut = () => {
        if (!userActed && performance.now() < until) requestAnimationFrame(focus);
      };
      this.el.addEventListener("keydown", acted, { once: true });
      this.el.addEventListener("pointerdown", acted, { once: true });
      this.el.addEventListener("focusout", onFocusOut, { once: true });
      setTimeout(() => {
        this.el.removeEventListener("keydown", acted);
        this.el.removeEventListener("pointerdown", acted);
        this.el.removeEventListener("focusout", onFocusOut);
      }, FOCUS_GUARD_MS);
      requestAnimationFrame(focus);
    }

    reposition() {
      if (!this.open || !this.hint) return;
      const r = this.overlay.rectOf(this.hint);
      if (!r) {
        this.close(false);
        return;
      }
      const top = r.bottom + 6 + 200 > window.innerHeight ? Math.max(4, r.top - 6 - this.el.offsetHeight) : r.bottom + 6;
      this.el.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - 330))}px`;
      this.el.style.top = `${top}px`;
    }

    close(returnFocus) {
      if (!this.open) return;
      this.el.hidden = true;
      this.hint = null;
      this.overlay.expose(() => ({ card: undefined }));
      if (returnFocus) this.actions.close();
    }

    contains(node) { return this.el.contains(node); }
  }

  async function changeSettings(ctx, mutate) {
    const reply = await ctx.send({ kind: Kinds.GET_SETTINGS });
    if (!reply?.ok) return;
    const next = structuredClone(reply.settings);
    mutate(next);
    await ctx.send({ kind: Kinds.SET_SETTINGS, settings: next });
  }

  /** What the card's buttons do; `selection` holds the editor's selection to give back when the card closes. */
  function cardActions(ctx, overlay, getCard, selection) {
    return {
      apply(hint) {
        const s = overlay.session;
        if (!s) return;
        getCard().close(false);
        applyReplacement(s, hint.start, hint.end, s.analyzedText.slice(hint.start, hint.end), hint.replacement);
      },
      ignore(hint) {
        const s = overlay.session;
        if (!s) return;
        ctx.use("ignore")?.ignore(s, hint);
        getCard().close(true);
        overlay.schedule();
      },
      disableRule(hint) {
        getCard().close(true);
        changeSettings(ctx, (st) => {
          if (!st.options.disabled_rules.includes(hint.rule_id)) st.options.disabled_rules.push(hint.rule_id);
        }).catch((e) => console.debug("Rapport: could not turn off the rule", e));
      },
      pauseSite() {
        getCard().close(true);
        changeSettings(ctx, (st) => {
          if (!st.paused_sites.includes(ctx.site)) st.paused_sites.push(ctx.site);
        }).catch((e) => console.debug("Rapport: could not pause the site", e));
      },
      close() {
        const s = overlay.session;
        if (!s || ctx.signal.aborted) return;
        s.root.focus({ preventScroll: true });
        selection.restore(s);
      },
    };
  }

  /** The editor's selection when the shortcut opened the card, given back when it closes. */
  function savedSelection() {
    let saved = null;
    return {
      save(s) {
        if (s.model.field) saved = { field: true, start: s.root.selectionStart, end: s.root.selectionEnd };
        else {
          const sel = selectionOf(s.root);
          saved = { field: false, range: sel.rangeCount && s.root.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null };
        }
      },
      restore(s) {
        if (!saved) return;
        const { field, start, end, range } = saved;
        if (field) s.root.setSelectionRange(start, end);
        else if (range) { const sel = selectionOf(s.root); sel.removeAllRanges(); sel.addRange(range); }
        saved = null;
      },
    };
  }

  /** Hover: hit-test against the boxes of the last pass; a timer runs only while the pointer moves over hints. */
  function openOnHover(ctx, overlay, card) {
    const hover = { x: 0, y: 0, frame: 0, timer: 0, overOverlay: false };
    const checkHover = () => {
      hover.frame = 0;
      if (ctx.signal.aborted) return;
      const hit = hover.overOverlay ? null : overlay.hintAt(hover.x, hover.y);
      clearTimeout(hover.timer);
      hover.timer = 0;
      const showing = card.open && card.hint;
      if (hit && !(showing && showing.rule_id === hit.hint.rule_id && showing.start === hit.hint.start)) {
        hover.timer = setTimeout(() => card.show(hit.hint, { via: "hover" }), HOVER_OPEN_MS);
      } else if (!hit && card.open && card.via === "hover" && !hover.overOverlay) {
        hover.timer = setTimeout(() => card.close(false), HOVER_CLOSE_MS);
      }
    };
    ctx.listen(document, "mousemove", (e) => {
      hover.x = e.clientX;
      hover.y = e.clientY;
      hover.overOverlay = e.composedPath().includes(overlay.host);
      if (!hover.frame && (overlay.marks.length || card.open)) hover.frame = requestAnimationFrame(checkHover);
    }, { passive: true, capture: true });
    ctx.signal.addEventListener("abort", () => { clearTimeout(hover.timer); cancelAnimationFrame(hover.frame); });
  }

  /** A click on a hint in the active composer opens its card; a click elsewhere (not in the overlay) closes it. */
  function openOnClick(ctx, overlay, card) {
    ctx.listen(document, "click", (e) => {
      if (e.composedPath().includes(overlay.host)) return;
      const root = ctx.active()?.root;
      const target = e.composedPath()[0];
      if (root && target instanceof Node && root.contains(target)) {
        const hit = overlay.hintAt(e.clientX, e.clientY);
        if (hit) { card.show(hit.hint, { via: "click" }); return; }
      }
      card.close(false);
    }, { capture: true });
  }

  /**
   * The hint the keyboard goes to: after the open card's (wrapping round),
   * else the one at the caret or the next after it; with `fixable`, only
   * hints that carry a replacement.
   */
  function nextHint(s, card, { fixable = false } = {}) {
    const hints = s.visibleHints().filter((h) => !fixable || typeof h.replacement === "string");
    if (!hints.length) return null;
    if (card.open && card.hint && card.via === "keyboard") {
      // "Apply" acts on the open card's hint itself when it can; "next" moves on.
      const from = card.hint.start;
      return hints.find((h) => (fixable ? h.start >= from : h.start > from)) ?? hints[0];
    }
    s.sync();
    const caret = s.model.caret() ?? 0;
    return hints.find((h) => caret >= h.start && caret <= h.end) ?? hints.find((h) => h.start >= caret) ?? hints[0];
  }

  // The commands' default keys, also heard in the page: a browser may hand a
  // shortcut's key press to the page rather than run the command (synthetic
  // key events do; so does a key the user left unbound).
  const PAGE_KEYS = { KeyH: COMMANDS.nextHint, KeyJ: COMMANDS.applyFix };
  // One key press can arrive both ways (as the browser's command and in the
  // page); the second within this is the same press.
  const SAME_PRESS_MS = 400;

  /**
   * The keyboard: "next hint" opens the next hint's card with focus in it,
   * "apply fix" applies the open card's suggested rewrite (or the next one
   * that has one). They come as the browser's commands (Alt+Shift+H and
   * Alt+Shift+J unless the user rebinds them in the browser's shortcut
   * settings; the background forwards them to the tab) or as those keys in
   * the page.
   */
  function keyboard(ctx, card, selection) {
    const last = { command: null, via: null, at: -Infinity };
    const run = (s, command, via) => {
      const now = performance.now();
      if (last.command === command && last.via !== via && now - last.at < SAME_PRESS_MS) return true;
      Object.assign(last, { command, via, at: now });
      const hint = nextHint(s, card, { fixable: command === COMMANDS.applyFix });
      if (!hint) return false;
      if (!card.open) selection.save(s);
      if (command === COMMANDS.applyFix) card.actions.apply(hint);
      else card.show(hint, { focus: true, via: "keyboard" });
      return true;
    };
    ctx.answer(Kinds.RUN_COMMAND, (msg) => {
      const s = ctx.active();
      // Sent to every frame of the tab: the one the user is typing in acts and answers.
      if (!s || !document.hasFocus()) return undefined;
      if (msg.command !== COMMANDS.nextHint && msg.command !== COMMANDS.applyFix) return { ok: false, error: "unknown command" };
      return { ok: true, done: run(s, msg.command, "browser") };
    });
    ctx.listen(document, "keydown", (e) => {
      const command = PAGE_KEYS[e.code];
      const s = ctx.active();
      const target = e.composedPath()[0];
      if (!command || !(e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey) || !s || !(target instanceof Node && s.root.contains(target))) return;
      e.preventDefault();
      e.stopPropagation();
      run(s, command, "page");
    }, { capture: true });
  }

  globalThis.RapportCore.feature({
    id: "card",
    doc: "The card of one hint (apply, ignore, turn off, pause), opened by hover, click, the shortcut or the gauge's list",
    start(ctx) {
      const overlay = ctx.use("overlay");
      const selection = savedSelection();
      const card = new Card(overlay, cardActions(ctx, overlay, () => card, selection));
      openOnHover(ctx, overlay, card);
      openOnClick(ctx, overlay, card);
      keyboard(ctx, card, selection);
      ctx.subscribe("activate", () => card.close(false));
      return card;
    },
  });
})();
