// The content script's core: picks the site's adapter, follows the composer
// the user is in, sends its text to the background over one port per
// composer and shows the result through the overlay, gauge and card.
// Everything it starts hangs off one AbortController, so pausing the site
// tears it all down and resuming starts afresh.
(() => {
  if (globalThis.__rapportContent) return; // injected twice (static and run-time registration)
  globalThis.__rapportContent = true;

  const { api } = globalThis.RapportBrowser;
  const { PORT_COMPOSER, SETTINGS_KEY, Kinds, hintUnpacker } = globalThis.RapportProtocol;
  const { TextModel } = globalThis.RapportTextModel;
  const { Overlay, Gauge, Card, applyReplacement, t } = globalThis.RapportUI;

  const adapter = globalThis.RapportAdapters.pick(location, document);
  if (!adapter) return;
  const site = location.hostname;
  const HOVER_OPEN_MS = 300;
  const HOVER_CLOSE_MS = 400;
  const NUDGE_VISIBLE_MS = 8000;
  // A woken background answers in well under this (its wasm loads in about 0.1 s).
  const ANSWER_TIMEOUT_MS = 1500;
  // On a loaded machine a restarting service worker can take many seconds:
  // retries go on, each waiting twice as long, up to this.
  const ANSWER_TIMEOUT_MAX_MS = 12000;

  let run = null; // { controller, overlay, gauge, card, composers, publish, fold } while active on this site
  let nudgeEnabled = false;
  // Developer setting, storage.local[DEV_KEY] = { overlayPaint: "boxes" }:
  // draw the hints of contenteditables as boxes from Range.getClientRects
  // even where the CSS Custom Highlight API exists, so the fallback that
  // browsers without the API get can be seen and tested. Only extension
  // pages (and the tests, through one) can write storage.local; a web page
  // cannot reach it. { shadowRoot: "open" } attaches the overlay's shadow
  // root open, for tests only: they read what the card and the hint list
  // rendered (50-xss checks that payloads stay text). { mirrorState: true }
  // mirrors what each pass drew on the overlay host's data attributes (the
  // marks and their boxes, the balance, the gauge's place), which the tests
  // read; normal use writes none of them.
  const DEV_KEY = "dev";
  let dev = { paint: "auto", shadowMode: "closed", mirrorState: false };
  const sessions = new WeakMap(); // composer root -> ComposerSession

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

  /** One composer: its text model, its port to the analyser and its latest analysis. */
  class ComposerSession {
    constructor(root, label) {
      this.root = root;
      this.label = label;
      this.platform = adapter.platform;
      this.model = new TextModel(root);
      this.fold = run.fold;
      this.port = null;
      this.seq = 0;
      this.inFlight = false;
      this.dirty = false;
      this.sentText = null; // null: nothing asked yet (an empty composer is analysed too)
      this.latest = this.model.text; // the newest text known: the editor's, or a keystroke's predicted one
      this.forced = false;
      this.early = null; // { text, analysis } of a predicted keystroke the editor has not applied yet
      this.analysis = null;
      this.analyzedText = null;
      this.anchors = new Map(); // hint of this.analysis -> its "ignore here" anchor
      this.ignored = new Set(); // anchors the user ignored in this draft
      this.nudged = false;
      this.watchdog = 0;
      this.retries = 0;
    }

    /** Reads the editor's text after a change and asks for its analysis unless that was already asked for. */
    update() {
      const before = this.model.text;
      this.model.refresh();
      const text = this.model.text;
      if (this.early?.text === text) this.adopt(text, this.early.analysis);
      this.request(text);
      if (!run || run.overlay.session !== this || !this.analysis || this.analyzedText !== text) return;
      // The analysis of this very text is here: it was asked for at the
      // keystroke's beforeinput and answered before the editor's DOM caught
      // up, so it is drawn now, with the text. Editors also touch their DOM
      // without changing the text (selection marks, re-renders): that only
      // needs the next frame's pass.
      run.overlay.schedule({ now: text !== before });
    }

    /**
     * A keystroke's text, known at its beforeinput: its analysis is asked for
     * while the editor is still applying it, so the answer is often back by
     * the time the editor's DOM has the text.
     */
    anticipate(e) {
      const text = this.model.predict(e);
      if (text !== null) this.request(text);
    }

    /**
     * Newest text wins: one request in flight at most, and only the newest
     * text known follows it. A text already answered, or already asked about
     * as a keystroke's prediction, is not asked again unless `force` (the
     * rules changed, so the same text analyses differently).
     */
    request(text = this.model.text, { force = false } = {}) {
      this.latest = text;
      if (force) this.forced = true;
      if (this.inFlight) this.dirty = true;
      else if (this.needsAsking()) this.send();
    }

    needsAsking() {
      return this.forced || (this.latest !== this.analyzedText && this.latest !== this.early?.text);
    }

    send() {
      if (!run) return;
      this.seq += 1;
      this.inFlight = true;
      this.dirty = false;
      this.forced = false;
      this.sentText = this.latest;
      const msg = { kind: Kinds.ANALYZE, seq: this.seq, text: this.sentText, platform: this.platform };
      clearTimeout(this.watchdog);
      // A message posted while the background is being stopped can vanish
      // with no disconnect: without an answer in time, retry on a new port.
      // It never gives up while the text is unanswered (giving up left the
      // draft stuck on a stale analysis until the next keystroke); it only
      // waits longer. The timer exists only while a request is in flight.
      const wait = Math.min(ANSWER_TIMEOUT_MS * 2 ** this.retries, ANSWER_TIMEOUT_MAX_MS);
      this.watchdog = setTimeout(() => {
        if (!this.inFlight || this.seq !== msg.seq) return;
        this.retries += 1;
        this.port?.disconnect();
        this.port = null;
        this.send();
      }, wait);
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          if (!this.port) this.connect();
          this.port.postMessage(msg);
          return;
        } catch (e) {
          // A port whose background stopped before its disconnect arrived: a new one wakes it.
          this.port = null;
          if (attempt === 1) {
            // The extension was updated or removed under this page: nothing can answer any more.
            this.inFlight = false;
            console.debug("Rapport: the analyser is unreachable", e);
          }
        }
      }
    }

    connect() {
      const port = api.runtime.connect({ name: PORT_COMPOSER });
      this.port = port;
      // The texts the hints refer to are sent once per port (protocol.js).
      const unpack = hintUnpacker();
      port.onMessage.addListener((msg) => {
        if (msg?.kind === Kinds.ANALYSIS) {
          const hints = unpack(msg.hints ?? {});
          // An answer that cannot be read is an error, not an empty analysis.
          msg = hints ? { ...msg, analysis: { ...msg.analysis, hints } } : { kind: Kinds.ERROR, seq: msg.seq, message: "unreadable hints" };
        }
        if (this.port === port) this.onMessage(msg);
      });
      port.onDisconnect.addListener(() => {
        if (this.port !== port) return;
        this.port = null;
        // A stopped background takes the port with it; the next request wakes it.
        if (this.inFlight) {
          this.inFlight = false;
          this.send();
        }
      });
    }

    onMessage(msg) {
      if (!msg || msg.seq !== this.seq) return;
      clearTimeout(this.watchdog);
      this.retries = 0;
      this.inFlight = false;
      let early = false;
      if (msg.kind === Kinds.ANALYSIS) {
        // A keystroke's prediction answered before the editor has applied
        // it: kept aside until the editor's DOM has that text (update()
        // adopts it then), so what is drawn stays the analysis of the text
        // on screen, and an editor that swallows the key leaves no trace.
        early = this.sentText === this.latest && this.sentText !== this.model.text;
        if (early) this.early = { text: this.sentText, analysis: msg.analysis };
        else this.adopt(this.sentText, msg.analysis);
      }
      if (this.dirty) {
        this.dirty = false;
        if (this.needsAsking()) this.send();
      }
      if (!early && run && run.overlay.session === this) run.overlay.schedule({ now: true });
    }

    adopt(text, analysis) {
      this.analysis = analysis;
      this.analyzedText = text;
      this.anchors = anchorsOf(analysis.hints, text);
      this.early = null;
    }

    /** Hints still lying on the same words, minus the ones the user ignored here. */
    visibleHints() {
      const a = this.analysis;
      if (!a) return [];
      const cur = this.model.text;
      const was = this.analyzedText;
      const same = cur === was;
      return a.hints.filter((h) => !this.ignored.has(this.anchors.get(h)) && (same || cur.slice(h.start, h.end) === was.slice(h.start, h.end)));
    }

    /** Ignores `hint` here (a hint of this analysis, or the same hint of the one before it). */
    ignore(hint) {
      const own = this.anchors.has(hint) ? hint : this.analysis?.hints.find((h) => h.rule_id === hint.rule_id && h.start === hint.start && h.end === hint.end);
      const anchor = own && this.anchors.get(own);
      if (anchor) this.ignored.add(anchor);
    }

    onDisconnected() {
      this.port?.disconnect();
      this.port = null;
      sessions.delete(this.root);
      run?.overlay.detach(this);
      if (run?.active === this) run.active = null;
    }

    close() {
      clearTimeout(this.watchdog);
      this.port?.disconnect();
      this.port = null;
    }
  }

  function composerOf(node) {
    if (!run || !(node instanceof Element)) return null;
    for (const { selector, label } of run.composers) {
      let root = node.closest(selector);
      if (!root) continue;
      // The editing host, not an inner block the selector happened to match.
      while (!(root instanceof HTMLTextAreaElement || root instanceof HTMLInputElement) && root.parentElement?.isContentEditable) root = root.parentElement;
      return { root, label };
    }
    return null;
  }

  function activate(root, label) {
    let s = sessions.get(root);
    if (!s) {
      s = new ComposerSession(root, label);
      sessions.set(root, s);
    }
    if (run.active !== s) {
      run.active = s;
      run.resize.disconnect();
      run.resize.observe(root);
      // Editors change their text without an input event too (their own undo, redo, autocomplete):
      // watch the editor (only watch it) for that.
      run.edits.disconnect();
      if (!s.model.field) run.edits.observe(root, { childList: true, characterData: true, subtree: true });
      run.card.close(false);
      run.overlay.attach(s);
    }
    s.update();
    return s;
  }

  async function changeSettings(mutate) {
    const reply = await api.runtime.sendMessage({ kind: Kinds.GET_SETTINGS });
    if (!reply?.ok) return;
    const next = structuredClone(reply.settings);
    mutate(next);
    await api.runtime.sendMessage({ kind: Kinds.SET_SETTINGS, settings: next });
  }

  function cardActions() {
    return {
      apply(hint) {
        const s = run.overlay.session;
        if (!s) return;
        run.card.close(false);
        applyReplacement(s, hint.start, hint.end, s.analyzedText.slice(hint.start, hint.end), hint.replacement);
      },
      ignore(hint) {
        const s = run.overlay.session;
        if (!s) return;
        s.ignore(hint);
        run.card.close(true);
        run.overlay.schedule();
      },
      disableRule(hint) {
        run.card.close(true);
        changeSettings((st) => {
          if (!st.options.disabled_rules.includes(hint.rule_id)) st.options.disabled_rules.push(hint.rule_id);
        }).catch((e) => console.debug("Rapport: could not turn off the rule", e));
      },
      pauseSite() {
        run.card.close(true);
        changeSettings((st) => {
          if (!st.paused_sites.includes(site)) st.paused_sites.push(site);
        }).catch((e) => console.debug("Rapport: could not pause the site", e));
      },
      close() {
        const s = run?.overlay.session;
        if (!s) return;
        s.root.focus({ preventScroll: true });
        if (run.savedSelection) {
          const { field, start, end, range } = run.savedSelection;
          if (field) s.root.setSelectionRange(start, end);
          else if (range) { const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(range); }
          run.savedSelection = null;
        }
      },
    };
  }

  function saveSelection(s) {
    if (s.model.field) run.savedSelection = { field: true, start: s.root.selectionStart, end: s.root.selectionEnd };
    else {
      const sel = document.getSelection();
      run.savedSelection = { field: false, range: sel.rangeCount && s.root.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null };
    }
  }

  /** The shortcut opens the hint at the caret, or the next one after it, with focus in the card. */
  function openCardAtCaret(s) {
    s.model.refresh();
    const caret = s.model.caret() ?? 0;
    const hints = s.visibleHints();
    const hint = hints.find((h) => caret >= h.start && caret <= h.end) || hints.find((h) => h.start >= caret) || hints[0];
    if (!hint) return;
    saveSelection(s);
    run.card.show(hint, { focus: true, via: "keyboard" });
  }

  function showNudge() {
    const toast = run.toast;
    toast.textContent = t("nudgeBroadcasting");
    toast.hidden = false;
    run.overlay.expose(() => ({ nudge: "shown" }));
    const box = run.active.root.getBoundingClientRect();
    toast.style.left = `${Math.max(4, box.left)}px`;
    toast.style.top = `${Math.max(4, box.top - 48)}px`;
    clearTimeout(run.toastTimer);
    run.toastTimer = setTimeout(() => { if (run) run.toast.hidden = true; }, NUDGE_VISIBLE_MS);
  }

  function start() {
    const controller = new AbortController();
    const { signal } = controller;
    const overlay = new Overlay(dev);
    run = { controller, overlay, composers: [], publish: [], fold: 0, active: null, savedSelection: null, hover: null };
    run.resize = new ResizeObserver(() => overlay.schedule());
    run.edits = new MutationObserver(() => run?.active?.update());
    run.card = new Card(overlay, cardActions());
    run.gauge = new Gauge(overlay, { onOpenHint: (hint) => { run.card.show(hint, { focus: true, via: "list" }); }, onClose: () => cardActions().close() });
    run.toast = document.createElement("div");
    run.toast.className = "panel toast";
    run.toast.setAttribute("role", "status");
    run.toast.hidden = true;
    overlay.layer.append(run.toast);

    adapter.setup({
      signal,
      watchComposers: (selector, label) => run.composers.push({ selector, label }),
      watchPublish: (selector) => run.publish.push(selector),
      setFold: (chars) => { run.fold = chars; },
    });

    const on = (target, type, fn, opts = {}) => target.addEventListener(type, fn, { ...opts, signal });
    const inActive = (node) => run.active && node instanceof Node && (node === run.active.root || run.active.root.contains(node));
    const fromOverlay = (e) => e.composedPath().includes(overlay.host);

    on(document, "focusin", (e) => {
      if (fromOverlay(e)) return;
      const found = composerOf(e.composedPath()[0]);
      if (found) activate(found.root, found.label);
    }, { capture: true });
    on(document, "input", (e) => {
      const el = e.composedPath()[0];
      if (inActive(el)) {
        // A contenteditable's edits already reached the mutation observer.
        if (run.active.model.field) run.active.update();
      } else {
        const found = composerOf(el);
        if (found) activate(found.root, found.label);
      }
    }, { capture: true });
    on(document, "beforeinput", (e) => {
      if (run.active && inActive(e.composedPath()[0])) run.active.anticipate(e);
    }, { capture: true });
    on(document, "keydown", (e) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === "KeyH" && inActive(e.composedPath()[0])) {
        e.preventDefault();
        e.stopPropagation();
        openCardAtCaret(run.active);
      }
    }, { capture: true });

    // Hover: hit-test against the boxes of the last pass; a timer runs only while the pointer moves over hints.
    const hover = { x: 0, y: 0, frame: 0, timer: 0, overOverlay: false };
    const checkHover = () => {
      hover.frame = 0;
      if (!run) return;
      const hit = hover.overOverlay ? null : overlay.hintAt(hover.x, hover.y);
      clearTimeout(hover.timer);
      hover.timer = 0;
      const showing = run.card.open && run.card.hint;
      if (hit && !(showing && showing.rule_id === hit.hint.rule_id && showing.start === hit.hint.start)) {
        hover.timer = setTimeout(() => run?.card.show(hit.hint, { via: "hover" }), HOVER_OPEN_MS);
      } else if (!hit && run.card.open && run.card.via === "hover" && !hover.overOverlay) {
        hover.timer = setTimeout(() => run?.card.close(false), HOVER_CLOSE_MS);
      }
    };
    on(document, "mousemove", (e) => {
      hover.x = e.clientX;
      hover.y = e.clientY;
      hover.overOverlay = fromOverlay(e);
      if (!hover.frame && (overlay.marks.length || run.card.open)) hover.frame = requestAnimationFrame(checkHover);
    }, { passive: true, capture: true });
    signal.addEventListener("abort", () => { clearTimeout(hover.timer); cancelAnimationFrame(hover.frame); });

    on(document, "click", (e) => {
      if (fromOverlay(e)) return;
      if (inActive(e.composedPath()[0])) {
        const hit = overlay.hintAt(e.clientX, e.clientY);
        if (hit) { run.card.show(hit.hint, { via: "click" }); return; }
      }
      run.card.close(false);
      if (nudgeEnabled && run.active && run.publish.length) {
        const button = e.composedPath()[0]?.closest?.(run.publish.join(","));
        const s = run.active;
        // One reminder per draft, after the click has gone through: posting is never blocked or delayed.
        if (button && !s.nudged && s.analysis?.balance === "broadcasting" && s.analyzedText === s.model.text) {
          s.nudged = true;
          showNudge();
        }
      }
    }, { capture: true });

    const relayout = () => overlay.schedule();
    on(document, "scroll", relayout, { capture: true, passive: true });
    on(window, "resize", relayout, { passive: true });
    on(document.fonts, "loadingdone", relayout);
    on(matchMedia("(prefers-color-scheme: dark)"), "change", relayout);
    // Sites switch dark mode with a class or attribute on <html>/<body>: watch those two elements only.
    const theme = new MutationObserver(relayout);
    const themeAttrs = { attributes: true, attributeFilter: ["class", "style", "data-theme", "data-color-mode", "data-colorscheme"] };
    theme.observe(document.documentElement, themeAttrs);
    if (document.body) theme.observe(document.body, themeAttrs);
    signal.addEventListener("abort", () => { theme.disconnect(); run.resize.disconnect(); run.edits.disconnect(); });

    const focused = composerOf(document.activeElement);
    if (focused) activate(focused.root, focused.label);
  }

  function stop() {
    if (!run) return;
    const r = run;
    run = null;
    r.controller.abort();
    clearTimeout(r.toastTimer);
    if (r.active) r.active.close();
    r.overlay.destroy();
  }

  function applySettings(raw) {
    const paused = Array.isArray(raw?.paused_sites) && raw.paused_sites.includes(site);
    nudgeEnabled = raw?.nudge === true;
    if (paused) stop();
    else if (!run) start();
    else if (run.active) run.active.request(run.active.model.text, { force: true }); // rules or profile changed: the same text analyses differently
  }

  /** Takes the developer setting; a running overlay starts afresh with the new paint, shadow mode or mirroring. */
  function applyDev(raw) {
    const next = {
      paint: raw?.overlayPaint === "boxes" ? "boxes" : "auto",
      shadowMode: raw?.shadowRoot === "open" ? "open" : "closed",
      mirrorState: raw?.mirrorState === true,
    };
    if (Object.keys(next).every((k) => next[k] === dev[k])) return;
    dev = next;
    if (run) {
      stop();
      start();
    }
  }

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes[DEV_KEY]) applyDev(changes[DEV_KEY].newValue);
    if (changes[SETTINGS_KEY]) applySettings(changes[SETTINGS_KEY].newValue);
  });
  api.storage.local.get([SETTINGS_KEY, DEV_KEY]).then((stored) => {
    applyDev(stored[DEV_KEY]);
    applySettings(stored[SETTINGS_KEY]);
  }, () => applySettings(null));
})();
