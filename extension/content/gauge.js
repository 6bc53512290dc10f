// The gauge at the composer's bottom-right corner: the balance label and the
// fame and connection bars, live. Activating it opens the list of every hint;
// arrow keys (or n/p) move between hints, Enter opens a hint's card, Escape
// closes the list and returns to the editor.
(() => {
  const { t } = globalThis.RapportUI;
  const BALANCE_KEYS = {
    broadcasting: "balanceBroadcasting",
    "leaning-broadcast": "balanceLeaningBroadcast",
    mixed: "balanceMixed",
    "leaning-connection": "balanceLeaningConnection",
    connecting: "balanceConnecting",
    neutral: "balanceNeutral",
  };

  class Gauge {
    constructor(overlay, { onOpenHint, onClose }) {
      this.overlay = overlay;
      this.onOpenHint = onOpenHint;
      this.onClose = onClose;
      this.el = document.createElement("div");
      this.el.className = "panel gauge";
      this.button = document.createElement("button");
      this.button.type = "button";
      this.button.setAttribute("aria-expanded", "false");
      this.button.setAttribute("aria-haspopup", "true");
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
      this.button.append(this.label, bars, this.count);
      this.el.append(this.button);
      this.el.hidden = true;
      this.list = document.createElement("ul");
      this.list.className = "panel list";
      this.list.setAttribute("role", "list");
      this.list.setAttribute("aria-label", t("hintsHeading"));
      this.list.hidden = true;
      overlay.layer.append(this.el, this.list);
      this.button.addEventListener("click", () => this.toggleList());
      this.list.addEventListener("keydown", (e) => this.onListKey(e));
      overlay.afterPass.add((box) => this.place(box));
    }

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

    place(box) {
      const s = this.overlay.session;
      const a = s?.analysis;
      if (!box || !a) {
        this.el.hidden = true;
        this.list.hidden = true;
        return;
      }
      this.el.hidden = false;
      const hints = s.visibleHints();
      const label = t(BALANCE_KEYS[a.balance] || "balanceNeutral");
      // Text nodes are updated in place: no node removal while the user types (see overlay.js).
      if (this.labelText.data !== label) this.labelText.data = label;
      this.el.dataset.balance = a.balance;
      this.setBar(this.fameBar, a.fame);
      this.setBar(this.connectionBar, a.connection);
      if (this.countText.data !== String(hints.length)) this.countText.data = String(hints.length);
      this.button.setAttribute("aria-label", `${t("gaugeLabel")}: ${label}, ${t("fameLabel")} ${a.fame}, ${t("connectionLabel")} ${a.connection}, ${hints.length}`);
      // Inside the composer's bottom-right corner, kept on screen.
      const right = Math.min(window.innerWidth - 4, box.right - 4);
      const bottom = Math.min(window.innerHeight - 4, Math.max(box.bottom - 4, 28));
      this.el.style.right = `${window.innerWidth - right}px`;
      this.el.style.bottom = `${window.innerHeight - bottom}px`;
      if (!this.list.hidden) {
        this.list.style.right = this.el.style.right;
        this.list.style.bottom = `${window.innerHeight - bottom + 30}px`;
        this.fillList(hints);
      }
    }

    toggleList(open = this.list.hidden) {
      this.list.hidden = !open;
      this.button.setAttribute("aria-expanded", String(open));
      if (open) {
        this.overlay.raise();
        this.overlay.schedule();
        // The list is filled in the next pass; focus its first entry then.
        const focusFirst = () => { this.overlay.afterPass.delete(focusFirst); this.list.querySelector("button")?.focus(); };
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

    onListKey(e) {
      const buttons = [...this.list.querySelectorAll("button")];
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

  globalThis.RapportUI = { ...globalThis.RapportUI, Gauge };
})();
