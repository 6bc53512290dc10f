// The card for one hint: what it means, why, and a better phrasing with a
// one-click apply; "ignore here", "turn off this rule" and "pause on this
// site". It opens on hover, click or the shortcut, lives in the overlay's
// shadow root (in the top layer), and is reachable by keyboard: opened by
// the shortcut it takes focus, Escape closes it and returns to the editor.
(() => {
  const { t } = globalThis.RapportUI;

  const FOCUS_GUARD_MS = 500;
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

  globalThis.RapportUI = { ...globalThis.RapportUI, Card };
})();
