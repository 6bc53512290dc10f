// The overlay: one host element outside every editor (appended to <html>,
// raised into the top layer as a manual popover), with a closed shadow root
// for the marks, the gauge, the hint list and the card. It draws the hints
// of the active composer and never touches the composer's DOM:
//  - contenteditables: CSS Custom Highlight API ranges where the browser has
//    it, else (or when the developer setting in core.js asks for it) boxes
//    from Range.getClientRects;
//  - textareas and inputs: a hidden mirror element with the same box and
//    text in the shadow root, boxes from the mirror's ranges.
// Work is driven by events (input, analysis, scroll, resize, fonts, theme);
// each change schedules one animation frame that reads layout once and then
// writes. Nothing runs while the page is idle. Other features draw into it
// (gauge, card, nudge) and add to its pass (fold: overlay.measurers).
(() => {
  const { hasCustomHighlights } = globalThis.RapportBrowser;
  const { FIELD_STYLE_PROPS, MARK_COLOURS, LONG_DRAFT } = globalThis.RapportConstants;
  // The extension's words in the language the settings chose (shared/browser.js; core.js hands it the messages).
  const t = (key, subs) => globalThis.RapportBrowser.message(key, subs) || key;
  const HOST_TAG = "rapport-overlay";
  // Names in the page's one highlight registry (styled by highlights.css); -dark where the composer's text is light.
  const HIGHLIGHTS = { fame: "rapport-fame", connection: "rapport-connection", fameDark: "rapport-fame-dark", connectionDark: "rapport-connection-dark" };

  const STYLE = `
    :host { all: initial; }
    .layer { position: fixed; inset: 0; pointer-events: none; }
    .clip { position: fixed; overflow: hidden; pointer-events: none; }
    .mirror { position: absolute; top: 0; left: 0; visibility: hidden; overflow: hidden; margin: 0; }
    .mirror > div { display: block; margin: 0; padding: 0; border: 0; }
    .mirror > div + div { text-indent: 0; }
    .mark { position: absolute; height: 0; border-bottom: 2px solid; pointer-events: none; }
    .mark.fame { border-bottom-style: dashed; border-color: var(--fame); background: var(--fame-bg); }
    .mark.connection { border-color: var(--connection); background: var(--connection-bg); }
    .fold { position: absolute; width: 0; border-left: 2px dotted var(--muted); pointer-events: none; }
    .fold::after { content: attr(data-label); position: absolute; left: 4px; top: -2px; font: 10px/1 system-ui, sans-serif; color: var(--muted); white-space: nowrap; }
    [hidden] { display: none !important; }
    :host { --fame: ${MARK_COLOURS.light.fame}; --fame-bg: rgba(234,88,12,.10); --connection: ${MARK_COLOURS.light.connection}; --connection-bg: rgba(37,99,235,.08);
            --panel: #ffffff; --text: #1f2328; --muted: #59636e; --border: #d0d7de; }
    :host([data-theme="dark"]) { --fame: ${MARK_COLOURS.dark.fame}; --fame-bg: rgba(251,146,60,.16); --connection: ${MARK_COLOURS.dark.connection}; --connection-bg: rgba(125,211,252,.14);
            --panel: #1f242b; --text: #e6edf3; --muted: #9ba6b1; --border: #3d444d; }
    .panel { position: fixed; pointer-events: auto; background: var(--panel); color: var(--text); border: 1px solid var(--border);
             border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18); font: 13px/1.4 system-ui, sans-serif; }
    button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--border); border-radius: 6px; padding: 3px 8px; cursor: pointer; }
    button:focus-visible { outline: 2px solid var(--connection); outline-offset: 1px; }
    .gauge { box-sizing: border-box; width: 232px; height: 28px; padding: 0; border-radius: 999px; white-space: nowrap; box-shadow: 0 2px 8px rgba(0,0,0,.14); }
    .gauge.compact { width: 50px; }
    .gauge > button { display: flex; align-items: center; gap: 6px; box-sizing: border-box; width: 100%; height: 100%; padding: 0 10px; border: 0; border-radius: 999px; }
    .gauge .label { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; text-align: left; font-size: 12px; font-weight: 600; }
    .gauge .dot { flex: none; width: 10px; height: 10px; border-radius: 50%; background: var(--muted); }
    .gauge[data-balance="broadcasting"] .dot, .gauge[data-balance="leaning-broadcast"] .dot { background: var(--fame); }
    .gauge[data-balance="connecting"] .dot, .gauge[data-balance="leaning-connection"] .dot { background: var(--connection); }
    .gauge .count { flex: none; min-width: 1.2em; text-align: right; font-size: 12px; font-variant-numeric: tabular-nums; }
    .gauge:not(.compact) .dot, .gauge.compact .label, .gauge.compact .bars { display: none; }
    .bars { flex: none; display: grid; gap: 2px; width: 44px; }
    .bar { height: 4px; border-radius: 2px; background: var(--border); overflow: hidden; }
    .bar > i { display: block; height: 100%; }
    .bar.fame > i { background: var(--fame); }
    .bar.connection > i { background: var(--connection); }
    .hints { width: 320px; display: flex; flex-direction: column; overflow: hidden; }
    .hints .why { flex: none; margin: 0; padding: 8px 10px 6px; border-bottom: 1px solid var(--border); font-size: 12px; }
    .list { flex: 1 1 auto; min-height: 0; overflow: auto; padding: 6px; margin: 0; list-style: none; }
    .hints .footer { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-top: 1px solid var(--border); }
    .hints .footer button { flex: none; white-space: nowrap; }
    .hints .status { color: var(--muted); font-size: 12px; }
    .list li button { display: block; width: 100%; text-align: left; border: 0; border-left: 3px solid; border-radius: 4px; margin: 2px 0; }
    .list li button.fame { border-left-color: var(--fame); }
    .list li button.connection { border-left-color: var(--connection); }
    .list .cue { color: var(--muted); font-size: 12px; }
    .card { width: 320px; padding: 10px 12px; }
    .card .message { font-weight: 600; margin: 0 0 4px; }
    .card .why, .card .suggestion { margin: 4px 0; }
    .card .why { color: var(--muted); }
    .card .replacement { font-family: ui-monospace, monospace; background: var(--connection-bg); padding: 0 3px; border-radius: 3px; white-space: pre-wrap; }
    .card .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
    .card .apply { border-color: var(--connection); font-weight: 600; }
    .card .polarity { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; }
    .card .polarity.fame { background: var(--fame); }
    .card .polarity.connection { background: var(--connection); }
    .toast { padding: 8px 12px; max-width: 320px; }
  `;

  const round = (n) => Math.round(n * 10) / 10;

  // Past this many characters, only the hints near what the composer shows
  // get ranges, highlights and boxes (the page pays per range on every edit
  // and paint, and a long draft has thousands of hints it cannot show), and
  // the pass reads the layout after the frame's paint.
  const NEAR_FROM_CHARS = LONG_DRAFT.nearFromChars;
  // Before the first measurement of a long draft, "near" is this far around the caret.
  const NEAR_CARET_CHARS = 6000;

  /** A small number per DOM node, for keys (a WeakMap: nodes the editor drops are forgotten). */
  const nodeIds = new WeakMap();
  let nextNodeId = 1;
  const nodeId = (node) => {
    let id = nodeIds.get(node);
    if (!id) nodeIds.set(node, (id = nextNodeId++));
    return id;
  };

  /** Binary search on [lo, hi]: the first offset for which `test` holds (hi + 1 when none). */
  const firstOffset = (lo, hi, test) => {
    let a = lo;
    let b = hi + 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (test(mid)) b = mid; else a = mid + 1;
    }
    return a;
  };

  const luminance = (color) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(color);
    if (!m) return 0;
    return (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
  };

  class Overlay {
    /**
     * `paint`: "auto" (highlights where the browser has them) or "boxes" (the fallback, see core.js's developer setting).
     * `shadowMode`: "closed", or "open" for tests only (core.js's developer setting).
     * `mirrorState`: mirror what is drawn on the host's data attributes, for tests only (same setting).
     */
    constructor({ paint = "auto", shadowMode = "closed", mirrorState = false } = {}) {
      this.highlightApi = hasCustomHighlights && paint !== "boxes";
      this.mirrorState = mirrorState;
      this.drawn = 0;
      this.host = document.createElement(HOST_TAG);
      // The host is ours; its style only keeps it out of the page's layout and pointer path.
      this.host.style.cssText = "position:fixed;inset:0;width:auto;height:auto;margin:0;padding:0;border:0;background:transparent;overflow:visible;pointer-events:none;z-index:2147483647;color-scheme:normal";
      if (typeof this.host.showPopover === "function") this.host.setAttribute("popover", "manual");
      this.shadow = this.host.attachShadow({ mode: shadowMode === "open" ? "open" : "closed" });
      const style = document.createElement("style");
      style.textContent = STYLE;
      this.layer = document.createElement("div");
      this.layer.className = "layer";
      this.clip = document.createElement("div");
      this.clip.className = "clip";
      this.layer.append(this.clip);
      this.shadow.append(style, this.layer);
      this.session = null;
      this.frame = 0;
      this.marks = []; // [{ hint, rects: DOMRect-like[] }] in viewport coordinates, from the last pass
      this.mirror = null;
      this.markPool = [];
      this.marksShown = 0; // how many of the pool's boxes the last pass showed
      // Features that draw with the hints: { read(session, box) -> data, write(data, box), hide() },
      // called in the pass's read and write phases, so the pass still reads layout once.
      this.measurers = new Set();
      this.highlightNames = [];
      this.highlights = null; // { fame, connection }: the Highlight objects kept from pass to pass
      this.rangeCache = new Map(); // where a hint's words are -> its Range, reused while they stay there
      this.window = null; // { lo, hi, length }: the text near what the composer shows, from the last measurement (long drafts)
      this.dark = false;
      this.pageZoom = 1;
      this.onFrame = globalThis.RapportCore.timed(() => this.pass(), "frame");
      this.afterPass = new Set(); // after each pass, with the composer's box
      this.afterMeasure = new Set(); // once the hints' boxes are known
      this.textRects = []; // the text's boxes in the composer's bottom-right corner, from the last pass
      this.cornerZone = { width: 0, height: 0 }; // how much of that corner the gauge may need (set by the gauge)
      document.documentElement.append(this.host);
      this.raise();
    }

    /**
     * Writes the attributes `fields()` returns on the host (undefined removes
     * one) when the developer setting asks for the state to be mirrored, so
     * that tests can read it without the closed shadow root. Normal use
     * computes and writes none of it: it would cost every keystroke's pass.
     */
    expose(fields) {
      if (!this.mirrorState) return;
      const d = this.host.dataset;
      for (const [key, value] of Object.entries(fields())) {
        if (value === undefined) delete d[key];
        else d[key] = value;
      }
    }

    /** Puts the host on top of the top layer (again: later popovers and dialogs go above it). */
    raise() {
      if (typeof this.host.showPopover !== "function") return;
      try {
        if (this.host.matches(":popover-open")) this.host.hidePopover();
        this.host.showPopover();
      } catch {
        // Not connected yet or the page's own top layer refuses: stay a plain fixed element.
      }
    }

    attach(session) {
      if (this.session !== session) {
        this.session = session;
        this.mirror?.remove();
        this.mirror = null;
        this.window = null;
        this.clearHighlights();
      }
      this.schedule();
    }

    detach(session) {
      if (this.session !== session) return;
      this.session = null;
      this.clearHighlights();
      this.mirror?.remove();
      this.mirror = null;
      this.hideDrawn();
      this.schedule();
    }

    /**
     * Asks for a pass. `now` (a new analysis arrived) runs it at once unless a
     * pass already ran in this frame, so a keystroke's hints do not wait for
     * the next frame; everything else waits for the next animation frame.
     */
    schedule({ now = false } = {}) {
      if (now && !this.passedThisFrame) {
        if (this.frame) cancelAnimationFrame(this.frame);
        this.pass();
        return;
      }
      if (!this.frame) this.frame = requestAnimationFrame(this.onFrame);
    }

    hideDrawn() {
      for (let i = 0; i < this.marksShown; i++) this.markPool[i].hidden = true;
      this.marksShown = 0;
      for (const m of this.measurers) m.hide();
      this.marks = [];
    }

    clearHighlights() {
      this.rangeCache = new Map();
      if (!this.highlightApi) return;
      for (const name of this.highlightNames) CSS.highlights.delete(name);
      this.highlightNames = [];
      this.highlights = null;
    }

    /**
     * The hints worth drawing: all of them in a short draft; in a long one,
     * those near the text the composer showed at the last measurement
     * (widened by what the text has grown or shrunk since), or before any
     * measurement, near the caret.
     */
    near(s, hints) {
      const length = s.model.text.length;
      if (length <= NEAR_FROM_CHARS) return hints;
      let lo;
      let hi;
      if (this.window) {
        const drift = Math.abs(length - this.window.length);
        lo = this.window.lo - drift;
        hi = this.window.hi + drift;
      } else {
        const caret = s.model.field ? s.root.selectionEnd : s.model.caret() ?? length;
        lo = caret - NEAR_CARET_CHARS;
        hi = caret + NEAR_CARET_CHARS;
      }
      this.drawnWindow = { lo, hi };
      return hints.filter((h) => h.end >= lo && h.start <= hi);
    }

    /**
     * The Range of a hint's words in a contenteditable: the one of the last
     * pass when the words are still at the same place (the same text nodes
     * and offsets), so that an edit rebuilds ranges only where hints changed.
     */
    rangeFor(s, hint, used) {
      const a = s.model.pointAfter(hint.start);
      const b = s.model.point(hint.end);
      const key = `${nodeId(a.node)}:${a.offset}:${nodeId(b.node)}:${b.offset}`;
      let range = this.rangeCache.get(key);
      // A live range the browser moved with an edit is no longer where its key says.
      if (!range || range.startContainer !== a.node || range.startOffset !== a.offset || range.endContainer !== b.node || range.endOffset !== b.offset) {
        range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
      }
      used.set(key, range);
      return range;
    }

    /** Ranges for `hints` of a contenteditable, reusing the last pass's where they still fit. */
    editableRanges(s, hints) {
      const used = new Map();
      const out = hints.map((h) => ({ hint: h, range: this.rangeFor(s, this.clipped(h), used) }));
      this.rangeCache = used;
      return out;
    }

    /**
     * A hint's span within the text drawn in a long draft: a hint on the
     * whole post (talking only about "we") spans the whole draft, and its
     * boxes down a 1,000,000-character draft would be tens of thousands.
     */
    clipped(hint) {
      const w = this.drawnWindow;
      if (!w || (hint.start >= w.lo && hint.end <= w.hi)) return hint;
      const start = Math.max(hint.start, w.lo);
      return { start, end: Math.max(start, Math.min(hint.end, w.hi)) };
    }

    /** Remembers that this frame had its pass; only scheduled after a pass, so idle pages see nothing. */
    markFrame() {
      this.passedThisFrame = true;
      if (!this.frameReset) this.frameReset = requestAnimationFrame(() => { this.passedThisFrame = false; this.frameReset = 0; });
    }

    /** One pass: read what the drawing needs, then write. */
    pass() {
      this.frame = 0;
      this.markFrame();
      const s = this.session;
      if (!s || !s.root.isConnected) {
        if (s) s.onDisconnected();
        this.hideDrawn();
        this.expose(() => ({ balance: undefined, hints: "0", marks: "[]" }));
        for (const fn of this.afterPass) fn(null);
        return;
      }
      this.drawnWindow = null;
      const hints = this.near(s, s.visibleHints());
      // A composer inside a shadow tree gets boxes in both browsers: Firefox
      // paints no document ::highlight() style there (ranges register,
      // nothing shows), and the other way, a style element of ours put into
      // the site's shadow root, would change the page's DOM.
      // A draft checked live only around the caret is drawn with boxes too:
      // any change of the page's highlights makes Chromium repaint the whole
      // document (measured: 60-70 ms of PrePaint per keystroke at 1,000,000
      // characters), boxes in the overlay only the overlay.
      const useHighlights = !s.model.field && this.highlightApi && !(s.root.getRootNode() instanceof ShadowRoot) && s.model.text.length <= LONG_DRAFT.liveWholeChars;
      this.expose(() => ({ paint: useHighlights ? "highlights" : "boxes" }));
      if (useHighlights) {
        // No layout read on this path: the highlights paint at the next frame
        // by themselves; the composer's box, the theme and the hints' boxes
        // (for hover, the gauge and the mirrored state) are read in the next
        // frame's pass.
        this.ranges = this.editableRanges(s, hints);
        this.paintHighlights();
        if (!this.measureFrame) this.measureFrame = requestAnimationFrame(globalThis.RapportCore.timed(() => { this.measureFrame = 0; this.layout(false); }, "measure"));
      } else {
        this.clearHighlights();
        this.ranges = null;
        // A long draft's layout is read once the frame is painted: read now,
        // right after the editor changed its DOM, it would make the browser
        // lay the page out for us first (tens of ms at 1,000,000 characters).
        if (s.model.text.length > NEAR_FROM_CHARS) this.afterPaint(() => this.layout(true, this.near(s, s.visibleHints())));
        else this.layout(true, hints);
      }
      // Which text the drawn analysis is of (its length), written with the
      // pass counter: data-gauge-chars is the composer's text now, which runs
      // ahead of the analysis while an answer is on its way.
      this.expose(() => ({ analyzedChars: String(s.analysis ? s.analyzedText.length : -1), drawn: String(++this.drawn) }));
    }

    /**
     * Puts the pass's ranges in the page's highlights. The two Highlight
     * objects stay from pass to pass and only the ranges that changed go in
     * or out, so the browser redoes only those.
     */
    /** Runs `fn` (the newest one asked for) in a task after the next frame is painted, when the layout is up to date. */
    afterPaint(fn) {
      this.painted = fn;
      if (this.paintFrame) return;
      this.paintFrame = requestAnimationFrame(() => {
        if (!this.paintChannel) {
          this.paintChannel = new MessageChannel();
          this.paintChannel.port1.onmessage = globalThis.RapportCore.timed(() => {
            this.paintFrame = 0;
            const run = this.painted;
            this.painted = null;
            if (this.session) run?.();
          }, "after-paint");
        }
        // Posted during the frame: the message task comes after its paint.
        this.paintChannel.port2.postMessage(0);
      });
    }

    paintHighlights() {
      const fameName = this.dark ? HIGHLIGHTS.fameDark : HIGHLIGHTS.fame;
      const connName = this.dark ? HIGHLIGHTS.connectionDark : HIGHLIGHTS.connection;
      if (!this.highlights || this.highlightNames[0] !== fameName) {
        const kept = this.highlights;
        for (const name of this.highlightNames) CSS.highlights.delete(name);
        this.highlights = kept ?? { fame: new Highlight(), connection: new Highlight(), held: { fame: new Set(), connection: new Set() } };
        CSS.highlights.set(fameName, this.highlights.fame);
        CSS.highlights.set(connName, this.highlights.connection);
        this.highlightNames = [fameName, connName];
      }
      const want = { fame: new Set(), connection: new Set() };
      for (const { hint, range } of this.ranges) want[hint.polarity === "fame" ? "fame" : "connection"].add(range);
      // What each Highlight holds is kept on our side: Firefox's wrappers of
      // page objects for content scripts do not iterate a Highlight.
      for (const polarity of ["fame", "connection"]) {
        const highlight = this.highlights[polarity];
        const held = this.highlights.held[polarity];
        for (const range of held) {
          if (!want[polarity].has(range)) {
            highlight.delete(range);
            held.delete(range);
          }
        }
        for (const range of want[polarity]) {
          if (!held.has(range)) {
            highlight.add(range);
            held.add(range);
          }
        }
      }
    }

    /** The frame's one layout read: the composer's box and style, then (after the mirror is in place) the hints' boxes. */
    layout(drawBoxes, hints) {
      const s = this.session;
      if (!s || !s.root.isConnected) return;
      // ---- reads
      const box = s.root.getBoundingClientRect();
      const cs = getComputedStyle(s.root);
      const dark = luminance(cs.color) > 0.6;
      // The host is a child of <html>: CSS zoom there would scale the boxes
      // drawn in viewport coordinates, so the host takes its inverse.
      const pageZoom = parseFloat(getComputedStyle(document.documentElement).zoom) || 1;
      const field = s.model.field;
      let fieldStyle = null;
      if (field) {
        fieldStyle = {};
        for (const p of FIELD_STYLE_PROPS) fieldStyle[p] = cs[p];
        fieldStyle.clientWidth = s.root.clientWidth;
        fieldStyle.scrollTop = s.root.scrollTop;
        fieldStyle.scrollLeft = s.root.scrollLeft;
        fieldStyle.borderL = parseFloat(cs.borderLeftWidth) || 0;
      }
      // ---- writes
      this.host.dataset.theme = dark ? "dark" : "light";
      if (pageZoom !== this.pageZoom) {
        this.pageZoom = pageZoom;
        this.host.style.zoom = pageZoom === 1 ? "" : String(1 / pageZoom);
      }
      this.box = box;
      this.clip.style.left = `${box.left}px`;
      this.clip.style.top = `${box.top}px`;
      this.clip.style.width = `${box.width}px`;
      this.clip.style.height = `${box.height}px`;
      if (field) this.syncMirror(s, fieldStyle, box);
      if (hints) this.ranges = field ? hints.map((h) => ({ hint: h, range: this.clippedMirrorRange(h) })) : this.editableRanges(s, hints);
      if (dark !== this.dark) {
        this.dark = dark;
        if (!drawBoxes && this.ranges) this.paintHighlights();
      }
      this.measure(drawBoxes);
      for (const fn of this.afterPass) fn(box);
    }

    /**
     * Reads the boxes of the drawn ranges (one read; the mirror or the
     * highlights are already in place), then draws the boxes when the
     * highlights cannot, what the measurers draw, and the mirrored state.
     */
    measure(drawBoxes) {
      const s = this.session;
      const box = this.box;
      if (!s || !box || !this.ranges) return;
      // ---- reads
      const marks = this.ranges.map(({ hint, range }) => ({ hint, rects: [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0) }));
      const shown = this.measureWindow(s, box);
      this.textRects = this.readTextRects(s, box, shown);
      const measured = [...this.measurers].map((m) => [m, m.read(s, box)]);
      // ---- writes
      // Elements are reused and hidden, never removed: in Chromium a node
      // removal anywhere in the document ends the open typing command, which
      // would split the user's native undo steps in textareas and
      // contenteditables.
      this.marks = marks;
      let used = 0;
      if (drawBoxes) {
        for (const { hint, rects } of marks) {
          for (const r of rects) {
            const m = this.markElement(used++);
            m.className = `mark ${hint.polarity === "fame" ? "fame" : "connection"}`;
            m.style.left = `${r.left - box.left}px`;
            m.style.top = `${r.top - box.top}px`;
            m.style.width = `${r.width}px`;
            m.style.height = `${Math.max(0, r.height - 2)}px`;
          }
        }
      }
      // Only the boxes the last pass showed need hiding: the pool keeps every box ever drawn.
      for (let i = used; i < this.marksShown; i++) this.markPool[i].hidden = true;
      this.marksShown = used;
      for (const [m, data] of measured) m.write(data, box);
      this.expose(() => this.drawnState(s, marks));
      for (const fn of this.afterMeasure) fn();
      // Scrolled to text whose hints this pass did not draw: draw them.
      if (shown && (!this.drawnWindow || shown.lo < this.drawnWindow.lo || shown.hi > this.drawnWindow.hi)) this.schedule();
    }

    /**
     * In a long draft, the text within half a screen's height above and below
     * what the composer shows (the composer's box within the viewport):
     * found by bisecting offsets by where the page lays them out, a few
     * dozen reads whatever the length. Null in a short draft.
     */
    measureWindow(s, box) {
      const length = s.model.text.length;
      if (length <= NEAR_FROM_CHARS) {
        this.window = null;
        return null;
      }
      // Half a screen above and below: a scroll that far finds its hints drawn.
      const margin = window.innerHeight / 2;
      const top = Math.max(box.top, 0) - margin;
      const bottom = Math.min(box.bottom, window.innerHeight) + margin;
      const rectAt = (offset) => this.rangeAt(s, offset).getBoundingClientRect();
      const lo = Math.max(0, firstOffset(0, length, (o) => rectAt(o).bottom >= top) - 1);
      const hi = firstOffset(lo, length, (o) => rectAt(o).top > bottom);
      this.window = { lo, hi, length };
      return this.window;
    }

    /** What a pass drew, all from the same analysis, as the host's data attributes (see expose). */
    drawnState(s, marks) {
      const a = s.analysis;
      return {
        ...(a && { balance: a.balance, fame: String(a.fame), connection: String(a.connection) }),
        hints: String(marks.length),
        platform: s.platform,
        label: s.label,
        marks: this.mirrorState !== "full" ? undefined : JSON.stringify(marks.map(({ hint, rects }) => ({
          start: hint.start, end: hint.end, polarity: hint.polarity, rule_id: hint.rule_id,
          rects: rects.map((r) => [round(r.left), round(r.top), round(r.width), round(r.height)]),
        }))),
      };
    }

    /**
     * The boxes of the composer's text that lie in its bottom-right corner
     * (where the gauge sits), clipped to the composer: what the gauge must
     * not cover. A read; called in the pass's read phase.
     */
    readTextRects(s, box, shown) {
      const zone = { left: box.right - this.cornerZone.width, top: box.bottom - this.cornerZone.height, right: box.right, bottom: box.bottom };
      const out = [];
      const take = (rects) => {
        let above = rects.length > 0;
        for (const r of rects) {
          if (r.bottom > zone.top) above = false;
          if (r.width <= 0 || r.right <= zone.left || r.left >= zone.right || r.bottom <= zone.top || r.top >= zone.bottom) continue;
          out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        }
        return above;
      };
      if (s.model.field) {
        if (this.mirror) take(this.mirrorRange(shown?.lo ?? 0, shown?.hi ?? s.model.text.length).getClientRects());
        return out;
      }
      // From the last text shown backwards: text flows downwards, so once a
      // whole node lies above the corner every node before it does too.
      const range = document.createRange();
      const { blocks } = s.model;
      const last = shown ? s.model.locate(shown.hi) : null;
      let first = true;
      for (let i = last ? last.block : blocks.length - 1; i >= 0; i--) {
        const segs = blocks[i].segments;
        for (let j = last && i === last.block ? last.seg : segs.length - 1; j >= 0; j--) {
          range.selectNodeContents(segs[j].node);
          const above = take(range.getClientRects());
          if (above && !first) return out;
          first = false;
        }
      }
      return out;
    }

    markElement(i) {
      let m = this.markPool[i];
      if (!m) {
        m = document.createElement("div");
        this.markPool.push(m);
        this.clip.append(m);
      }
      m.hidden = false;
      return m;
    }

    syncMirror(s, st, box) {
      if (!this.mirror) {
        this.mirror = document.createElement("div");
        this.mirror.className = "mirror";
        this.mirrorLines = new globalThis.RapportTextModel.MirrorLines(this.mirror);
      }
      const m = this.mirror;
      const input = s.root instanceof HTMLInputElement;
      for (const p of FIELD_STYLE_PROPS) m.style[p] = st[p];
      m.style.whiteSpace = input ? "pre" : "pre-wrap";
      // The field is laid out at the page's CSS zoom, the host at none: the mirror takes the page's.
      m.style.zoom = this.pageZoom === 1 ? "" : String(this.pageZoom);
      m.style.boxSizing = "border-box";
      // The field's scrollbar takes width from its content box: the mirror has none.
      m.style.width = `${st.clientWidth + st.borderL + (parseFloat(st.borderRightWidth) || 0)}px`;
      m.style.height = `${box.height / this.pageZoom}px`;
      this.mirrorLines.set(s.model.text);
      if (!m.isConnected) this.clip.append(m);
      m.scrollTop = st.scrollTop;
      m.scrollLeft = st.scrollLeft;
    }

    /** The mirror's range of a hint's words, within the drawn window. */
    clippedMirrorRange(hint) {
      const { start, end } = this.clipped(hint);
      return this.mirrorRange(start, end);
    }

    mirrorRange(start, end) {
      const a = this.mirrorLines.point(start);
      const b = this.mirrorLines.point(end);
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      return r;
    }

    /** A collapsed range at `offset` of the session's text, where the page lays it out (the mirror's, for a field). */
    rangeAt(s, offset) {
      return s.model.field ? this.mirrorRange(offset, offset) : s.model.range(offset, offset);
    }

    /** The hint drawn under a viewport point, from the last pass (no layout read). */
    hintAt(x, y) {
      for (const { hint, rects } of this.marks) {
        for (const r of rects) {
          if (x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 3) return { hint, rect: r };
        }
      }
      return null;
    }

    rectOf(hint) {
      const m = this.marks.find((x) => x.hint === hint || (x.hint.start === hint.start && x.hint.rule_id === hint.rule_id));
      if (m) return m.rects[0] || null;
      // A hint of a long draft that was not near enough to be drawn (the
      // keyboard went to it) is measured now, while it is still one of the
      // draft's hints. Any other hint not drawn is gone (applied, edited
      // away), and its card closes.
      const s = this.session;
      const w = this.drawnWindow;
      if (!s || !w || (hint.end >= w.lo && hint.start <= w.hi) || !s.root.isConnected || (s.model.field && !this.mirror)) return null;
      if (!s.visibleHints().some((h) => h.start === hint.start && h.end === hint.end && h.rule_id === hint.rule_id)) return null;
      const range = s.model.field ? this.mirrorRange(hint.start, hint.end) : s.model.range(hint.start, hint.end);
      return [...range.getClientRects()].find((r) => r.width > 0 || r.height > 0) || null;
    }

    destroy() {
      cancelAnimationFrame(this.frame);
      cancelAnimationFrame(this.frameReset);
      cancelAnimationFrame(this.measureFrame);
      cancelAnimationFrame(this.paintFrame);
      this.painted = null;
      this.paintChannel?.port1.close();
      this.clearHighlights();
      this.host.remove();
    }
  }

  /** Redraws when anything that moves the text moves: scrolling, the window, fonts, the page's theme. */
  function followLayout(ctx, overlay) {
    const relayout = () => overlay.schedule();
    ctx.listen(document, "scroll", relayout, { capture: true, passive: true });
    ctx.listen(window, "resize", relayout, { passive: true });
    ctx.listen(document.fonts, "loadingdone", relayout);
    ctx.listen(matchMedia("(prefers-color-scheme: dark)"), "change", relayout);
    // Sites switch dark mode with a class or attribute on <html>/<body>: watch those two elements only.
    const theme = new MutationObserver(relayout);
    const themeAttrs = { attributes: true, attributeFilter: ["class", "style", "data-theme", "data-color-mode", "data-colorscheme"] };
    theme.observe(document.documentElement, themeAttrs);
    if (document.body) theme.observe(document.body, themeAttrs);
    // The active composer's own size.
    const resize = new ResizeObserver(relayout);
    // Scroll events are not composed: one inside a shadow tree (a composer
    // that scrolls itself there) never reaches the document's listener.
    const shadowTrees = new WeakSet();
    ctx.subscribe("activate", (s) => {
      resize.disconnect();
      resize.observe(s.root);
      const tree = s.root.getRootNode();
      if (tree instanceof ShadowRoot && !shadowTrees.has(tree)) {
        shadowTrees.add(tree);
        ctx.listen(tree, "scroll", relayout, { capture: true, passive: true });
      }
    });
    ctx.signal.addEventListener("abort", () => { theme.disconnect(); resize.disconnect(); });
  }

  globalThis.RapportUI = { ...(globalThis.RapportUI || {}), Overlay, t };

  globalThis.RapportCore.feature({
    id: "overlay",
    doc: "Draws the active composer's hints (highlights or boxes) in a layer the gauge, card and nudge share",
    start(ctx) {
      const overlay = new Overlay(ctx.dev);
      ctx.ownElement(overlay.host);
      followLayout(ctx, overlay);
      ctx.subscribe("activate", (s) => overlay.attach(s));
      ctx.subscribe("draw", (s, how) => { if (overlay.session === s) overlay.schedule(how); });
      ctx.subscribe("detach", (s) => overlay.detach(s));
      ctx.signal.addEventListener("abort", () => overlay.destroy());
      return overlay;
    },
    // A copy of an extension that was reloaded or updated and stopped
    // outright (Firefox) could not destroy its overlay: the host stays on
    // the page with its gauge, and its highlights in the registry. No live
    // copy of this extension runs in another world, so whatever is there
    // is a dead copy's.
    sweep() {
      for (const host of document.querySelectorAll(HOST_TAG)) host.remove();
      if (hasCustomHighlights) for (const name of Object.values(HIGHLIGHTS)) CSS.highlights.delete(name);
    },
  });
})();
