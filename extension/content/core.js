// The content scripts' core: it sets the site's adapter up, follows the
// composer the user is in, reads its text through the text model and sends
// it to the background over one port per composer. Everything else is a
// feature (content/features/, one per file) registered here as
//   { id, doc, start(ctx) -> the feature's API (optional) }
// and started, in the manifest's order, each time the core starts on the
// site. ctx.signal aborts when the user pauses the site, the developer
// setting starts the overlay afresh, or the extension that started this copy
// is gone (reloaded, updated or removed: see retire()); everything a feature
// starts must end with it (ctx.listen and ctx.subscribe do that by
// themselves). A feature may also have
//   sweep() -> removes what a dead copy of it left in the page
// which runs once before the core first starts on a page (see boot()).
// content/main.js boots the core once every feature has registered.
(() => {
  const previous = globalThis.RapportCore;
  if (previous) {
    // Injected twice by the live extension (static and run-time
    // registration, or the background starting the scripts in open tabs
    // after an update): the running copy stays. A copy without alive() is
    // older than this check and cannot be told to end, so it stays too.
    if (typeof previous.alive !== "function" || previous.alive()) return;
    // The copy in this world belongs to an extension that has since been
    // reloaded or updated: it ends, and this one takes the page over.
    previous.retire();
  }

  const { api, alive, useMessages } = globalThis.RapportBrowser;
  const { PORT_COMPOSER, SETTINGS_KEY, DEV_KEY, Kinds, hintUnpacker } = globalThis.RapportProtocol;
  const { TextModel, isField, editBetween } = globalThis.RapportTextModel;

  // A woken background answers in well under this (its wasm loads in about 0.1 s).
  const ANSWER_TIMEOUT_MS = 1500;
  // On a loaded machine a restarting service worker can take many seconds:
  // retries go on, each waiting twice as long, up to this.
  const ANSWER_TIMEOUT_MAX_MS = 12000;
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
  // read; normal use writes none of them. (The background reads one field
  // of it too: background.js, holdAnalysesMs.)
  // The site a frame belongs to: its own host, or for a frame without a URL
  // of its own (about:blank, srcdoc: a classic rich-text editor's frame on a
  // site the user added) the host of the page that made it, whose origin it
  // inherits.
  let site = null;
  const siteHost = () => {
    if (site === null) {
      try {
        site = location.hostname || new URL(self.origin).hostname;
      } catch {
        site = "";
      }
    }
    return site;
  };
  const EVENTS = ["activate", "draw", "detach", "settings"];
  // Long drafts (issue 16). Past LIVE_WHOLE_CHARS, a draft is checked live
  // only around the caret: each keystroke sends the part within PART_CHARS
  // on either side (cut at line breaks, else at spaces), and the whole
  // draft goes when the user pauses for PAUSE_MS. Hints elsewhere are the
  // last whole check's, kept where their words still are; the gauge says
  // which part was checked. Up to that length a keystroke's whole check
  // holds the page's frame budget (bench/long-drafts.mjs).
  const { liveWholeChars: LIVE_WHOLE_CHARS, partChars: PART_CHARS, pauseMs: PAUSE_MS } = globalThis.RapportConstants.LONG_DRAFT;
  // Dispatched on the document by a copy starting on the page. A copy of a
  // reloaded or updated extension may still be running there, in another
  // world (Chromium starts the new scripts in a new isolated world and
  // leaves the old ones running without a runtime), where no global of this
  // one reaches it: DOM events do. Every copy that hears it checks its own
  // runtime and ends if that is gone. Any page can dispatch it too, which
  // costs a live copy one property read. Every version must keep the name.
  const LIFECYCLE_EVENT = "rapport-lifecycle";
  // A port also disconnects when the background merely stops; an orphaned
  // copy loses its runtime some time after its ports disconnect (under a
  // second, measured), so it looks again this much later.
  const ORPHAN_CHECK_MS = 5000;

  const features = [];
  let adapter = null;
  let run = null; // see start()
  let dev = { paint: "auto", shadowMode: "closed", mirrorState: false, timing: false };

  // Developer setting { timing: true } (bench/long-drafts.mjs): each piece
  // of Rapport's own work in the page (an event handler, an observer
  // callback, an answer, a timer, an animation frame, each entered through
  // timed()) is timed, and the longest, the total, the count and what the
  // longest was are written on <html> as data-rapport-timing="longest total
  // count what" (ms); a
  // "rapport-timing-reset" event on the document starts them again. Off,
  // timed() calls straight through.
  const timing = { depth: 0, longest: 0, total: 0, count: 0, what: "" };
  function timed(fn, what = fn.name || "callback") {
    return function timedCall(...args) {
      if (!dev.timing || timing.depth) return fn.apply(this, args);
      timing.depth += 1;
      const started = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        timing.depth -= 1;
        const took = performance.now() - started;
        timing.total += took;
        timing.count += 1;
        if (took > timing.longest) {
          timing.longest = took;
          timing.what = typeof args[0]?.type === "string" ? `${what}:${args[0].type}` : what;
        }
        document.documentElement.dataset.rapportTiming = `${timing.longest.toFixed(2)} ${timing.total.toFixed(2)} ${timing.count} ${timing.what}`;
      }
    };
  }
  const resetTiming = () => {
    if (!dev.timing) return;
    Object.assign(timing, { longest: 0, total: 0, count: 0, what: "" });
    delete document.documentElement.dataset.rapportTiming;
  };
  let settings = null; // the stored settings, as last read
  // The settings' ui_language whose messages the shim was last asked to use
  // ("auto": the browser's), and a count of the asks, so the last one wins.
  let language = "auto";
  let languageAsks = 0;
  let retired = false; // the extension is gone: this copy never starts again
  // Composer root -> ComposerSession. Kept across restarts: a resumed site
  // finds its drafts' sessions (and what was ignored in them) again.
  const sessions = new WeakMap();

  const emit = (name, ...args) => {
    if (run) for (const fn of run.hooks[name]) fn(...args);
  };
  const isActive = (s) => run !== null && run.active === s;

  /**
   * The part of a long draft checked live: about PART_CHARS on either side
   * of the caret, widened to whole lines when a line break is near enough,
   * else cut at a space, so no word is cut in two.
   */
  function partAround(text, caret) {
    let lo = Math.max(0, caret - PART_CHARS);
    if (lo > 0) {
      const line = text.lastIndexOf("\n", lo);
      const space = text.indexOf(" ", lo);
      lo = line >= 0 && lo - line <= PART_CHARS ? line + 1 : space >= 0 && space < caret ? space + 1 : lo;
    }
    let hi = Math.min(text.length, caret + PART_CHARS);
    if (hi < text.length) {
      const line = text.indexOf("\n", hi);
      const space = text.lastIndexOf(" ", hi);
      hi = line >= 0 && line - hi <= PART_CHARS ? line : space > caret ? space : hi;
    }
    return { lo, hi };
  }

  /**
   * A long draft's analysis after a part of it was checked: the part's
   * hints (moved to their place in the draft) inside the part, and outside
   * it the last whole check's hints whose text is unchanged (before the
   * first change, or after the last one, moved by what the length changed).
   * The balance and scores stay the whole check's (the part's until there
   * is one); `partial` says what was checked live.
   */
  function mergePart(whole, text, { lo, hi }, part) {
    const partial = { lo, hi, length: text.length };
    const inPart = part.hints.map((h) => ({ ...h, start: h.start + lo, end: h.end + lo }));
    if (!whole) return { ...part, hints: inPart, partial };
    const { at, remove, insert } = editBetween(whole.text, text);
    const shift = insert.length - remove;
    const wholeHints = whole.analysis.hints;
    const beforeEnd = Math.min(at, lo);
    const hints = [];
    // The basis names hints by index: renumbered, and those no longer there left out.
    const basisOf = new Set(whole.analysis.basis?.hints ?? []);
    const renumbered = new Map();
    let i = 0;
    // Hints are in text order: those before the part, then the part's, then those after it.
    for (; i < wholeHints.length && wholeHints[i].start < beforeEnd; i++) {
      const h = wholeHints[i];
      if (h.end > beforeEnd) continue;
      if (basisOf.has(i)) renumbered.set(i, hints.length);
      hints.push(h);
    }
    for (const h of inPart) hints.push(h);
    for (; i < wholeHints.length; i++) {
      const h = wholeHints[i];
      if (h.start < at + remove || h.start + shift < hi) continue;
      if (basisOf.has(i)) renumbered.set(i, hints.length);
      hints.push(shift ? { ...h, start: h.start + shift, end: h.end + shift } : h);
    }
    const basis = [...basisOf].filter((j) => renumbered.has(j)).map((j) => renumbered.get(j));
    return { ...whole.analysis, hints, basis: { ...whole.analysis.basis, hints: basis }, partial };
  }

  /** One composer: its text model, its port to the analyser and its latest analysis. */
  class ComposerSession {
    constructor(root, label) {
      this.root = root;
      this.label = label;
      this.platform = adapter.platform;
      this.model = new TextModel(root);
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
      this.watchdog = 0;
      this.retries = 0;
      this.portText = null; // { seq, text }: the last whole text sent on this port, which an edit applies to
      this.inFlightPart = null; // { lo, hi }: the request in flight is this part of sentText
      this.whole = null; // { text, analysis }: a long draft's last whole check
      this.wantWhole = false; // the user paused: the next request is the whole long draft
      this.pauseTimer = 0;
    }

    /**
     * Reads the editor's text after a change and asks for its analysis
     * unless that was already asked for. `records`: the editor's mutation
     * records since the last reading, so only the blocks they touched are
     * read again.
     */
    update(records) {
      const before = this.model.text;
      this.model.refresh(records);
      const text = this.model.text;
      if (this.early?.text === text) this.adopt(text, this.early.analysis);
      this.request(text);
      if (!isActive(this) || !this.analysis || this.analyzedText !== text) return;
      // The analysis of this very text is here: it was asked for at the
      // keystroke's beforeinput and answered before the editor's DOM caught
      // up, so it is drawn now, with the text. Editors also touch their DOM
      // without changing the text (selection marks, re-renders): that only
      // needs the next frame's pass.
      emit("draw", this, { now: text !== before });
    }

    /**
     * The editor's text as it is now, for an action that needs it (apply,
     * publish, the keyboard): the edits the observer has not delivered yet
     * are read from its records, so a long draft is not read whole again.
     */
    sync() {
      if (isActive(this) && !this.model.field) {
        const records = run.edits.takeRecords();
        // Taken from the observer, so handled here as its callback would.
        if (records.length) this.update(records);
      } else this.model.refresh();
      return this.model.text;
    }

    /**
     * A keystroke's text, known at its beforeinput: its analysis is asked for
     * while the editor is still applying it, so the answer is often back by
     * the time the editor's DOM has the text.
     */
    anticipate(e) {
      // A long draft's keystroke is checked around the caret once the editor has it.
      if (this.model.text.length > LIVE_WHOLE_CHARS) return;
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
      if (!force && !this.inFlight && this.whole?.text === text && this.analyzedText !== text) {
        // A long draft back to the text of its last whole check (a change undone): that check is current again.
        clearTimeout(this.pauseTimer);
        this.adopt(text, this.whole.analysis);
        if (isActive(this)) emit("draw", this, { now: true });
        return;
      }
      if (text.length > LIVE_WHOLE_CHARS) this.awaitPause();
      if (this.inFlight) this.dirty = true;
      else if (this.needsAsking()) this.send();
    }

    needsAsking() {
      if (this.forced) return true;
      if (this.wantWhole) return this.whole?.text !== this.latest;
      return this.latest !== this.analyzedText && this.latest !== this.early?.text;
    }

    /** A long draft: its whole check waits for the user to pause; each change starts the wait again. */
    awaitPause() {
      clearTimeout(this.pauseTimer);
      if (this.whole?.text === this.latest) return;
      this.pauseTimer = setTimeout(timed(() => {
        this.pauseTimer = 0;
        if (!run) return;
        this.wantWhole = true;
        if (this.inFlight) this.dirty = true;
        else if (this.needsAsking()) this.send();
      }, "pause"), PAUSE_MS);
    }

    send() {
      if (!run) return;
      this.seq += 1;
      this.inFlight = true;
      this.dirty = false;
      const whole = this.forced || this.wantWhole || this.latest.length <= LIVE_WHOLE_CHARS;
      this.forced = false;
      this.wantWhole = false;
      this.sentText = this.latest;
      const text = this.sentText;
      const msg = { kind: Kinds.ANALYZE, seq: this.seq, platform: this.platform };
      this.inFlightPart = null;
      if (!whole) {
        const part = partAround(text, this.caretIn(text));
        this.inFlightPart = part;
        msg.text = text.slice(part.lo, part.hi);
        msg.part = true;
      } else if (this.port && this.portText) {
        // Only what changed since the port's last text crosses the port.
        msg.edit = { base: this.portText.seq, ...editBetween(this.portText.text, text) };
        this.portText = { seq: msg.seq, text };
      } else {
        msg.text = text;
        this.portText = { seq: msg.seq, text };
      }
      this.watch(msg.seq);
      this.post(msg, text);
    }

    /** The caret's offset in `text` when that is the editor's text, else its end. */
    caretIn(text) {
      const caret = text === this.model.text ? this.model.caret() : null;
      return caret === null ? text.length : Math.min(caret, text.length);
    }

    /**
     * A message posted while the background is being stopped can vanish
     * with no disconnect: without an answer in time, retry on a new port.
     * It never gives up while the text is unanswered (giving up left the
     * draft stuck on a stale analysis until the next keystroke); it only
     * waits longer. The timer exists only while a request is in flight.
     */
    watch(seq) {
      clearTimeout(this.watchdog);
      const wait = Math.min(ANSWER_TIMEOUT_MS * 2 ** this.retries, ANSWER_TIMEOUT_MAX_MS);
      this.watchdog = setTimeout(() => {
        if (!this.inFlight || this.seq !== seq) return;
        this.retries += 1;
        this.port?.disconnect();
        this.port = null;
        this.send();
      }, wait);
    }

    post(msg, text) {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          if (!this.port) {
            this.connect();
            // A new port has no text to apply an edit to: it gets the whole text, which its edits then apply to.
            if (!msg.part) {
              if (msg.edit) {
                const { edit, ...rest } = msg;
                msg = { ...rest, text };
              }
              this.portText = { seq: msg.seq, text };
            }
          }
          this.port.postMessage(msg);
          return;
        } catch (e) {
          // A port whose background stopped before its disconnect arrived: a new one wakes it.
          this.port = null;
          if (attempt === 1) {
            this.inFlight = false;
            console.debug("Rapport: the analyser is unreachable", e);
            // The extension was updated or removed under this page: nothing can answer any more.
            checkAlive();
          }
        }
      }
    }

    connect() {
      const port = api.runtime.connect({ name: PORT_COMPOSER });
      this.port = port;
      this.portText = null;
      // The texts the hints refer to are sent once per port (protocol.js).
      const unpack = hintUnpacker();
      port.onMessage.addListener(timed((msg) => {
        if (msg?.kind === Kinds.ANALYSIS) {
          const hints = unpack(msg.hints ?? {});
          // An answer that cannot be read is an error, not an empty analysis.
          msg = hints ? { ...msg, analysis: { ...msg.analysis, hints } } : { kind: Kinds.ERROR, seq: msg.seq, message: "unreadable hints" };
        }
        if (this.port === port) this.onMessage(msg);
      }, "answer"));
      port.onDisconnect.addListener(() => {
        // The extension going (reload, update, removal) disconnects every
        // port before it takes the runtime away: look now, and once more later.
        if (!checkAlive()) return;
        checkAliveLater();
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
      if (msg.kind === Kinds.ERROR && msg.message === "stale edit") {
        // The background lost the port's text (it cannot, short of a bug): send it whole.
        this.portText = null;
        this.forced = true;
        this.send();
        return;
      }
      let early = false;
      if (msg.kind === Kinds.ANALYSIS && this.inFlightPart) {
        msg = { ...msg, analysis: mergePart(this.whole, this.sentText, this.inFlightPart, msg.analysis) };
      } else if (msg.kind === Kinds.ANALYSIS && this.sentText.length > LIVE_WHOLE_CHARS) {
        this.whole = { text: this.sentText, analysis: msg.analysis };
      }
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
      if (!early && isActive(this)) emit("draw", this, { now: true });
    }

    adopt(text, analysis) {
      this.analysis = analysis;
      this.analyzedText = text;
      this.early = null;
    }

    /** Hints still lying on the same words, minus the ones a feature hides (ctx.filterHints). */
    visibleHints() {
      const a = this.analysis;
      if (!a) return [];
      const cur = this.model.text;
      const was = this.analyzedText;
      // Asked by every feature in a pass: the words are compared once per analysis and text.
      const kept = this.kept;
      let hints;
      if (kept?.analysis === a && kept.text === cur) hints = kept.hints;
      else {
        hints = cur === was ? a.hints : a.hints.filter((h) => cur.slice(h.start, h.end) === was.slice(h.start, h.end));
        this.kept = { analysis: a, text: cur, hints };
      }
      for (const filter of run?.hintFilters ?? []) hints = filter(this, hints);
      return hints;
    }

    /** The composer left the page: its port closes and nothing draws it any more. */
    onDisconnected() {
      this.port?.disconnect();
      this.port = null;
      sessions.delete(this.root);
      emit("detach", this);
      if (isActive(this)) run.active = null;
    }

    close() {
      clearTimeout(this.watchdog);
      clearTimeout(this.pauseTimer);
      try {
        this.port?.disconnect();
      } catch {
        // The port of a runtime that is gone.
      }
      this.port = null;
    }
  }

  /**
   * The nearest element at or above `node` that matches `selector`, climbing
   * out of open shadow roots to their hosts when the node's own tree has
   * none: `closest` stops at a shadow root, and sites render composers
   * inside custom elements (Reddit) or a shadow-root outlet (LinkedIn). A
   * selector is matched within one tree at a time, so it names either the
   * editable in its own tree or a host whose shadow tree holds it.
   */
  function closestAcrossShadow(node, selector) {
    for (let el = node; el instanceof Element; el = el.getRootNode().host) {
      const hit = el.closest(selector);
      if (hit) return hit;
    }
    return null;
  }

  /** The field or contenteditable `node` is in, within its own tree, or null. */
  function editableAt(node) {
    if (isField(node)) return node;
    return node.isContentEditable ? node : null;
  }

  /** The focused element, followed into open shadow roots (document.activeElement stops at their hosts). */
  function deepActiveElement() {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  /** The composer `node` is in, by the selectors the adapter declared: { root, label } or null. */
  function composerOf(node) {
    if (!run || !(node instanceof Element)) return null;
    for (const { selector, label } of run.composers) {
      let root = closestAcrossShadow(node, selector);
      if (!root) continue;
      // A host matched from inside its shadow tree, or an element around the
      // editable: the composer is the editable the node is in.
      if (!isField(root) && !root.isContentEditable && !(root = editableAt(node))) continue;
      // The editing host, not an inner block the selector happened to match.
      while (!(root instanceof HTMLTextAreaElement || root instanceof HTMLInputElement) && root.parentElement?.isContentEditable) root = root.parentElement;
      return { root, label };
    }
    return fallbackComposer(node);
  }

  // Smaller than this (CSS px) an editable is a widget's input, not a draft.
  const FALLBACK_MIN_WIDTH = 120;
  const FALLBACK_MIN_HEIGHT = 16;
  // Fields that take a query or a choice, not a draft.
  const NOT_A_DRAFT = '[role="searchbox"], [role="combobox"], [role="spinbutton"], [aria-hidden="true"], [inert]';

  /**
   * Never silent: on a supported site, an editable the adapter's selectors
   * miss (the site changed its DOM, or a composer nobody declared) still gets
   * plain hints. Sites redesign without notice, and a draft with no hints at
   * all looks like Rapport is broken. It is labelled "draft" and `fallback`,
   * so publish detection leaves it alone (only the manual "log this post").
   */
  function fallbackComposer(node) {
    if (adapter.id === "generic") return null;
    let root = null;
    if (node instanceof HTMLTextAreaElement) root = node;
    else if (node.isContentEditable) {
      root = node;
      while (root.parentElement?.isContentEditable) root = root.parentElement;
    }
    if (!root || root.readOnly || root.disabled || root.closest(NOT_A_DRAFT)) return null;
    const box = root.getBoundingClientRect();
    if (box.width < FALLBACK_MIN_WIDTH || box.height < FALLBACK_MIN_HEIGHT) return null;
    return { root, label: "draft", fallback: true };
  }

  function activate(root, label) {
    if (!checkAlive()) return null;
    let s = sessions.get(root);
    if (!s) {
      s = new ComposerSession(root, label);
      sessions.set(root, s);
    }
    if (run.active !== s) {
      run.active = s;
      // Editors change their text without an input event too (their own undo, redo, autocomplete):
      // watch the editor (only watch it) for that.
      run.edits.disconnect();
      if (!s.model.field) run.edits.observe(root, { childList: true, characterData: true, subtree: true });
      emit("activate", s);
    }
    s.update();
    return s;
  }

  /**
   * The adapter's publish control an event went through, for the composer
   * `root`: an element on the event's composed path that a declared publish
   * selector matches and whose structural check (if the adapter gave one)
   * accepts for that composer; null otherwise. The whole composed path, not
   * the target's ancestors: a button inside a shadow root (Reddit's post
   * form, LinkedIn's share box) has ancestors only up to its root, and the
   * selector may name its host.
   */
  function publishControlIn(e, root) {
    if (!run) return null;
    for (const el of e.composedPath()) {
      if (!(el instanceof Element)) continue;
      for (const { selector, accept } of run.publishChecks) {
        if (el.matches(selector) && (!accept || accept(el, root))) return el;
      }
    }
    return null;
  }

  const listen = (signal) => (target, type, fn, opts = {}) => target.addEventListener(type, timed(fn), { ...opts, signal });

  /** What a feature's start() gets. */
  function contextFor(r) {
    const { signal } = r.controller;
    return {
      adapter,
      site: siteHost(),
      signal,
      dev,
      settings: () => settings,
      composers: r.composers,
      publishButtons: r.publish,
      publishControlIn,
      /** Composer labels the site submits with a bare Enter (Shift+Enter is a new line). */
      enterSubmits: r.enterSubmit,
      fold: r.fold,
      /** The adapter's readOutcomes declaration (content/features/outcomes.js), or null. */
      outcomes: r.outcomes,
      active: () => r.active,
      composerOf,
      /** The text of the composer `root` as the analyser sees it, now (see ComposerSession.sync). */
      textOf: (root) => sessions.get(root)?.sync() ?? new TextModel(root).text,
      listen: listen(signal),
      /** Core events: "activate" (session), "draw" (session, { now }), "detach" (session), "settings" (raw settings). */
      subscribe(name, fn) {
        r.hooks[name].add(fn);
        signal.addEventListener("abort", () => r.hooks[name].delete(fn));
      },
      /** `filter(session, hints) -> hints` narrows every session's visibleHints(). */
      filterHints: (filter) => r.hintFilters.push(filter),
      /** Marks an element as the extension's own: focus there is not the user's composer. */
      ownElement: (el) => r.own.push(el),
      use: (id) => r.apis.get(id),
      send,
      /**
       * Answers messages of `kind` from this extension (the popup, the
       * background) until the run ends: `fn(msg)` returns the reply or a
       * promise of it, or undefined to leave the message to another frame.
       */
      answer(kind, fn) {
        const onMessage = (msg, sender, sendResponse) => {
          if (msg?.kind !== kind || sender.id !== api.runtime.id) return false;
          let reply;
          try {
            reply = fn(msg);
          } catch (e) {
            reply = Promise.reject(e);
          }
          if (reply === undefined) return false;
          Promise.resolve(reply).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
          return true; // answered asynchronously
        };
        api.runtime.onMessage.addListener(onMessage);
        // An orphaned copy (its extension reloaded or removed) has no runtime left to remove it from.
        signal.addEventListener("abort", () => api.runtime?.onMessage.removeListener(onMessage));
      },
    };
  }

  function declare(r) {
    adapter.setup({
      signal: r.controller.signal,
      watchComposers: (selector, label) => r.composers.push({ selector, label }),
      // accept(button, composerRoot) -> boolean: a structural check for
      // selectors that also match other controls (close, add photo).
      watchPublish: (selector, accept) => {
        r.publish.push(selector);
        r.publishChecks.push({ selector, accept });
      },
      submitsOnEnter: (label) => r.enterSubmit.add(label),
      setFold: (chars) => { r.fold = chars; },
      readOutcomes: (declaration) => { r.outcomes = declaration; },
    });
  }

  /** Discovery: the composer the user focuses or types in becomes the active one. */
  function follow(r, on) {
    const fromOwn = (e) => r.own.some((el) => e.composedPath().includes(el));
    const inActive = (node) => r.active && node instanceof Node && (node === r.active.root || r.active.root.contains(node));
    const activateAt = (node) => {
      const found = composerOf(node);
      if (found) activate(found.root, found.label);
    };
    on(document, "focusin", (e) => { if (!fromOwn(e)) activateAt(e.composedPath()[0]); }, { capture: true });
    on(document, "input", (e) => {
      const el = e.composedPath()[0];
      // A contenteditable's edits already reached the mutation observer.
      if (!inActive(el)) activateAt(el);
      else if (r.active.model.field) r.active.update();
    }, { capture: true });
    on(document, "beforeinput", (e) => {
      if (inActive(e.composedPath()[0])) r.active.anticipate(e);
    }, { capture: true });
  }

  function start() {
    if (retired) return;
    const controller = new AbortController();
    run = {
      controller, composers: [], publish: [], publishChecks: [], enterSubmit: new Set(), fold: 0, outcomes: null, active: null, own: [], hintFilters: [], apis: new Map(),
      hooks: Object.fromEntries(EVENTS.map((name) => [name, new Set()])),
      edits: new MutationObserver(timed((records) => run?.active?.update(records), "edits")),
    };
    const r = run;
    declare(r);
    const ctx = contextFor(r);
    for (const f of features) r.apis.set(f.id, f.start(ctx));
    follow(r, ctx.listen);
    controller.signal.addEventListener("abort", () => r.edits.disconnect());
    const focused = composerOf(deepActiveElement());
    if (focused) activate(focused.root, focused.label);
  }

  function stop() {
    if (!run) return;
    const r = run;
    run = null;
    r.controller.abort();
    if (r.active) r.active.close();
  }

  /** The ui_language of raw settings as cleaning keeps it (src/settings.rs): one the facts list, else "auto". */
  const languageOf = (raw) => (globalThis.RapportFacts.settings.uiLanguages.includes(raw?.ui_language) ? raw.ui_language : "auto");

  /**
   * Hands the shim the messages of `wanted` (protocol.js, uiMessages: the
   * background reads them, a content script may not). Anything but a reply
   * for that language whose messages are all strings leaves the browser's
   * language. Resolves to whether this was still the last language asked for.
   */
  async function switchLanguage(wanted) {
    language = wanted;
    const ask = ++languageAsks;
    let messages = null;
    if (wanted !== "auto") {
      const reply = await send({ kind: Kinds.UI_MESSAGES, language: wanted }).catch(() => null);
      const m = reply?.ok && reply.language === wanted ? reply.messages : null;
      if (m && typeof m === "object" && !Array.isArray(m) && Object.values(m).every((v) => typeof v === "string")) messages = m;
      else console.warn("Rapport: no messages for the chosen language; the browser's is used", wanted);
    }
    if (ask !== languageAsks) return false;
    useMessages(messages ? wanted : "auto", messages);
    return true;
  }

  function applySettings(raw) {
    settings = raw ?? null;
    // A new language: what is drawn is drawn again in it, once its messages are here.
    if (languageOf(raw) !== language) {
      switchLanguage(languageOf(raw)).then((latest) => {
        if (latest && run && !retired) {
          stop();
          start();
        }
      });
    }
    const paused = Array.isArray(raw?.paused_sites) && raw.paused_sites.includes(siteHost());
    if (paused) stop();
    else if (!run) start();
    else {
      emit("settings", settings);
      // Rules or profile changed: the same text analyses differently.
      if (run.active) run.active.request(run.active.model.text, { force: true });
    }
  }

  /** Takes the developer setting; a running core starts afresh with the new paint, shadow mode or mirroring. */
  function applyDev(raw) {
    const next = {
      paint: raw?.overlayPaint === "boxes" ? "boxes" : "auto",
      shadowMode: raw?.shadowRoot === "open" ? "open" : "closed",
      // "counts": only the counts (balance, hints, analysed length), not the marks' boxes: for benchmarks of long drafts.
      mirrorState: raw?.mirrorState === true ? "full" : raw?.mirrorState === "counts" ? "counts" : false,
      timing: raw?.timing === true,
    };
    if (Object.keys(next).every((k) => next[k] === dev[k])) return;
    dev = Object.freeze(next);
    if (run && !retired) {
      stop();
      start();
    }
  }

  /**
   * runtime.sendMessage for features: a send that fails because the
   * extension is gone ends this copy (and still rejects).
   */
  async function send(msg) {
    try {
      return await api.runtime.sendMessage(msg);
    } catch (e) {
      checkAlive();
      throw e;
    }
  }

  function onStorageChanged(changes, area) {
    if (area !== "local") return;
    if (changes[DEV_KEY]) applyDev(changes[DEV_KEY].newValue);
    if (changes[SETTINGS_KEY]) applySettings(changes[SETTINGS_KEY].newValue);
  }

  /** Whether this copy's extension is still there; when it is not, this copy ends (retire). */
  function checkAlive() {
    if (!retired && !alive()) retire();
    return !retired;
  }

  let laterCheck = 0;
  function checkAliveLater() {
    if (!laterCheck) laterCheck = setTimeout(() => { laterCheck = 0; checkAlive(); }, ORPHAN_CHECK_MS);
  }

  /**
   * Ends this copy for good: its extension was reloaded, updated or removed,
   * so it can never be answered again, and what it drew would stay on the
   * page, dead. Everything goes through the run's signal, as for a pause:
   * the overlay and all it holds, the highlights, listeners and observers.
   */
  function retire() {
    if (retired) return;
    retired = true;
    stop();
    document.removeEventListener(LIFECYCLE_EVENT, checkAlive);
    document.removeEventListener("rapport-timing-reset", resetTiming);
    try {
      api.storage?.onChanged.removeListener(onStorageChanged);
    } catch {
      // The runtime is gone, and its listeners with it.
    }
  }

  function boot() {
    if (adapter || !checkAlive()) return;
    adapter = globalThis.RapportAdapters.pick(location, document);
    if (!adapter) return;
    // A copy left by a reloaded or updated extension ends now if it still
    // runs (Chromium); what a copy that was stopped outright left behind
    // (Firefox) is removed by each feature's sweep.
    document.dispatchEvent(new Event(LIFECYCLE_EVENT));
    for (const f of features) f.sweep?.();
    document.addEventListener(LIFECYCLE_EVENT, checkAlive);
    document.addEventListener("rapport-timing-reset", resetTiming);
    api.storage.onChanged.addListener(onStorageChanged);
    api.storage.local.get([SETTINGS_KEY, DEV_KEY]).then(async (stored) => {
      applyDev(stored[DEV_KEY]);
      // The chosen language's messages before anything is drawn.
      const wanted = languageOf(stored[SETTINGS_KEY]);
      if (wanted !== language) await switchLanguage(wanted);
      applySettings(stored[SETTINGS_KEY]);
    }, () => applySettings(null));
  }

  globalThis.RapportCore = Object.freeze({
    /** Registers a feature; the same id again (a second injection) is ignored. */
    feature(def) {
      for (const key of ["id", "doc"]) {
        if (typeof def[key] !== "string" || !def[key]) throw new Error(`Rapport feature is missing ${key}`);
      }
      if (typeof def.start !== "function") throw new Error(`Rapport feature ${def.id} needs start()`);
      if (def.sweep !== undefined && typeof def.sweep !== "function") throw new Error(`Rapport feature ${def.id}: sweep must be a function`);
      if (!features.some((f) => f.id === def.id)) features.push(Object.freeze(def));
    },
    features: () => features.slice(),
    boot,
    /** Whether the extension that started this copy is still there (a second injection keeps a live copy). */
    alive: () => !retired && alive(),
    /** Ends this copy: a new injection found its extension gone. */
    retire,
    /** `fn`, timed as a piece of Rapport's work when the developer setting asks (see timing above): for callbacks the browser calls. */
    timed,
  });
})();
