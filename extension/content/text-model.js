// The text of a composer as the analyser sees it, and the way back from a
// UTF-16 offset in that text to a place in the page. Textareas and inputs are
// their value (laid out again, line by line, in the overlay's mirror:
// MirrorLines). Contenteditables are read from their text nodes, with "\n"
// between blocks and for <br>, because innerText (a layout read, and one that
// differs between browsers) cannot be mapped back to nodes.
(() => {
  const BLOCK = new Set(["P", "DIV", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "SECTION", "ARTICLE", "TABLE", "TR", "FIGURE"]);
  // Editors keep an empty line open with a <br> nothing follows (Lexical,
  // Quill, Draft.js, the browser) or a marked trailing break (ProseMirror):
  // it shows a line, it is no line break of its own.
  const isFillerBreak = (br) => {
    if (br.classList.contains("ProseMirror-trailingBreak")) return true;
    for (let next = br.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === Node.ELEMENT_NODE || (next.nodeType === Node.TEXT_NODE && next.data !== "")) return false;
    }
    return true;
  };

  const isField = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

  /**
   * The selection that holds the caret of an editor `root`. Inside a shadow
   * tree Chromium's document selection is retargeted to the host (its
   * anchor is the host, and a range in the tree cannot be added to it), and
   * only the tree's own getSelection() shows and takes the real nodes;
   * Firefox has no ShadowRoot.getSelection and its document selection holds
   * the nodes inside the tree as they are.
   */
  const selectionOf = (root) => {
    const tree = root.getRootNode();
    return tree instanceof ShadowRoot && typeof tree.getSelection === "function" ? tree.getSelection() : document.getSelection();
  };

  const SKIPPED = new Set(["STYLE", "SCRIPT", "TEMPLATE"]);

  /**
   * Reads the children of `parent` from `first` (inclusive) to `stop`
   * (exclusive) as text, starting in `state` ({ empty, newline, pending }:
   * whether text so far is empty, ends with "\n", and a block has closed so
   * the next output starts a new line). Returns the text, its text-node
   * segments with offsets local to it, and the state after it. The rules:
   * "\n" between blocks and for <br>, a filler <br> no line, an empty block
   * with a filler still one line.
   */
  function readRun(parent, first, stop, state) {
    const segments = [];
    let text = "";
    let pending = state.pending;
    let fillers = 0;
    const isEmpty = () => text.length === 0 && state.empty;
    const endsWithNewline = () => (text.length ? text.endsWith("\n") : state.newline);
    const emit = (s, node) => {
      if (pending) text += "\n";
      pending = false;
      if (node) segments.push({ node, start: text.length });
      text += s;
    };
    const visit = (child) => {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.data.length) emit(child.data, child);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName;
        if (tag === "BR") {
          if (isFillerBreak(child)) fillers += 1; else emit("\n");
          return;
        }
        if (SKIPPED.has(tag)) return;
        if (!BLOCK.has(tag)) { walk(child); return; }
        if (!isEmpty() && !endsWithNewline()) pending = true;
        const lengthBefore = text.length;
        const fillersBefore = fillers;
        walk(child);
        // An empty line still counts as a line.
        if (text.length === lengthBefore && fillers > fillersBefore) emit("");
        pending = true;
      }
    };
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    };
    for (let child = first; child && child !== stop; child = child.nextSibling) visit(child);
    return { text, segments, state: { empty: isEmpty(), newline: endsWithNewline(), pending } };
  }

  const START = Object.freeze({ empty: true, newline: false, pending: false });
  const sameState = (a, b) => a.empty === b.empty && a.newline === b.newline && a.pending === b.pending;

  /**
   * The element whose children are the editor's blocks: the root, or the one
   * wrapper every editor content sits in (Draft.js's data-contents). Reading
   * it reads the root: a lone wrapper adds no text of its own.
   */
  function blockContainer(root) {
    let el = root;
    while (el.childNodes.length === 1) {
      const only = el.firstChild;
      if (only.nodeType !== Node.ELEMENT_NODE || only.tagName === "BR" || SKIPPED.has(only.tagName)) break;
      el = only;
    }
    return el;
  }

  /** Binary search: the last index i with key(items[i]) <= value (0 when none). */
  const lastAtOrBefore = (items, value, key) => {
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (key(items[mid]) <= value) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  class TextModel {
    constructor(root) {
      this.root = root;
      this.field = isField(root);
      // Contenteditables: the text is read block by block (a child of the
      // block container), and a block is read again only when an edit
      // touched it. Per block: { node, base, text, segments (local), in, out } .
      this.blocks = [];
      this.cache = new WeakMap(); // block node -> its last reading
      this.container = null;
      this.flat = null; // all segments with global starts, built on demand
      this.refresh();
    }

    /**
     * Reads the editor's text. `records` (MutationRecords of the editor,
     * every one since the last refresh) lets a contenteditable read only
     * the blocks they touched; without them everything is read again.
     */
    refresh(records) {
      if (this.field) {
        this.text = this.root.value;
        return this.text;
      }
      const container = blockContainer(this.root);
      if (!records || container !== this.container) {
        this.cache = new WeakMap();
        this.container = container;
      } else {
        for (const r of records) {
          const block = this.blockOf(r.target);
          if (block === undefined) {
            this.cache = new WeakMap();
            break;
          }
          if (block) this.cache.delete(block);
        }
      }
      const blocks = [];
      const parts = [];
      let state = START;
      let base = 0;
      for (let node = container.firstChild; node; node = node.nextSibling) {
        let b = this.cache.get(node);
        // A <br> among the blocks depends on its following siblings (a filler or not): always read again.
        if (!b || !sameState(b.in, state) || node.nodeName === "BR") {
          const run = readRun(container, node, node.nextSibling, state);
          b = { node, base: 0, text: run.text, segments: run.segments, in: state, out: run.state };
          this.cache.set(node, b);
        }
        b.base = base;
        base += b.text.length;
        state = b.out;
        if (b.text.length) parts.push(b.text);
        blocks.push(b);
      }
      this.flat = null;
      this.text = parts.join("");
      if (!this.text && container !== this.root) {
        // Empty: the wrappers' own empty-line rule can give a "\n" the
        // blocks alone do not, so this one case is read from the root.
        const run = readRun(this.root, this.root.firstChild, null, START);
        this.text = run.text;
        blocks.length = 0;
        blocks.push({ node: container, base: 0, text: run.text, segments: run.segments, in: START, out: run.state });
      }
      this.blocks = blocks;
      return this.text;
    }

    /** The block (a child of the container) holding `node`; null for the container itself, undefined outside it. */
    blockOf(node) {
      const container = this.container;
      if (node === container) return null;
      for (let n = node; n; n = n.parentNode) {
        if (n.parentNode === container) return n;
      }
      return undefined;
    }

    /** Every text segment with its start in the whole text, in order (built on demand). */
    get segments() {
      if (this.field) return null;
      if (!this.flat) {
        this.flat = [];
        for (const b of this.blocks) for (const s of b.segments) this.flat.push({ node: s.node, start: b.base + s.start });
      }
      return this.flat;
    }

    /** The block and segment index holding `offset`: the last segment starting at or before it. */
    locate(offset) {
      const blocks = this.blocks;
      let i = lastAtOrBefore(blocks, offset, (b) => b.base);
      // Blocks without text segments (an empty line) hold no point: go back to one that does.
      while (i > 0 && (!blocks[i].segments.length || blocks[i].base + blocks[i].segments[0].start > offset)) i -= 1;
      const b = blocks[i];
      if (!b || !b.segments.length) return null;
      const j = lastAtOrBefore(b.segments, offset - b.base, (s) => s.start);
      return { block: i, seg: j };
    }

    /** (node, offset) in the editor for a text offset; offsets on a "\n" go to the end of the text before it. */
    point(offset) {
      const at = this.field ? null : this.locate(offset);
      if (!at) return this.firstPoint();
      const b = this.blocks[at.block];
      const seg = b.segments[at.seg];
      return { node: seg.node, offset: Math.max(0, Math.min(seg.node.data.length, offset - b.base - seg.start)) };
    }

    /** Where the first text is, or the root when there is none. */
    firstPoint() {
      if (!this.field) {
        for (const b of this.blocks) if (b.segments.length) return { node: b.segments[0].node, offset: 0 };
      }
      return { node: this.root, offset: 0 };
    }

    /** A DOM Range over [start, end) of a contenteditable's text. */
    range(start, end) {
      const r = document.createRange();
      const a = this.pointAfter(start);
      const b = this.point(end);
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      return r;
    }

    /** Like point(), but an offset at a segment boundary goes to the start of the next segment. */
    pointAfter(offset) {
      const at = this.field ? null : this.locate(offset);
      if (!at) return this.firstPoint();
      let { block, seg } = at;
      const blocks = this.blocks;
      for (;;) {
        const b = blocks[block];
        const s = b.segments[seg];
        if (offset < b.base + s.start + s.node.data.length) return { node: s.node, offset: Math.max(0, offset - b.base - s.start) };
        // At or past this segment's end: the next segment, if the offset reaches it.
        seg += 1;
        while (block < blocks.length && seg >= blocks[block].segments.length) {
          block += 1;
          seg = 0;
        }
        if (block >= blocks.length) return this.point(offset);
        // The next segment starts after the offset (a line break between): the offset goes to its start.
        if (blocks[block].base + blocks[block].segments[seg].start > offset) return { node: blocks[block].segments[seg].node, offset: 0 };
      }
    }

    /** Text offset of a DOM point inside the editor, or null. */
    offsetOf(node, offset) {
      if (this.field) return null;
      if (node.nodeType !== Node.TEXT_NODE) {
        // Point between children: take the first text at or after it.
        const child = node.childNodes[offset];
        const walker = document.createTreeWalker(child || node, NodeFilter.SHOW_TEXT);
        const t = child ? (child.nodeType === Node.TEXT_NODE ? child : walker.nextNode()) : null;
        if (!t) return null;
        node = t;
        offset = 0;
      }
      const blockNode = this.blockOf(node);
      if (!blockNode) return null;
      const b = this.cache.get(blockNode);
      const seg = b?.segments.find((s) => s.node === node);
      return seg ? b.base + seg.start + Math.min(offset, node.data.length) : null;
    }

    /**
     * The text after `e` (a beforeinput event on this composer) if the
     * editor applies it the way the browser would, or null when that cannot
     * be known before the editor acts: composition, pastes and drops (editors
     * rewrite them), formatting, a deletion whose reach only the browser
     * knows. A wrong guess costs one extra analysis, never a wrong overlay:
     * the editor's real text is read again once it has changed.
     */
    predict(e) {
      if (e.isComposing) return null;
      let insert;
      switch (e.inputType) {
        case "insertText":
        case "insertReplacementText":
          insert = e.data ?? e.dataTransfer?.getData("text/plain");
          break;
        case "insertLineBreak":
        case "insertParagraph":
          insert = this.root instanceof HTMLInputElement ? null : "\n";
          break;
        case "deleteContentBackward":
        case "deleteContentForward":
        case "deleteWordBackward":
        case "deleteWordForward":
        case "deleteByCut":
          insert = "";
          break;
        default:
          return null;
      }
      if (typeof insert !== "string") return null;
      let start;
      let end;
      if (this.field) {
        start = this.root.selectionStart;
        end = this.root.selectionEnd;
      } else {
        const r = e.getTargetRanges?.()[0];
        if (!r) return null;
        start = this.offsetOf(r.startContainer, r.startOffset);
        end = this.offsetOf(r.endContainer, r.endOffset);
      }
      if (start === null || end === null || end < start || (insert === "" && start === end)) return null;
      return this.text.slice(0, start) + insert + this.text.slice(end);
    }

    /** The caret's text offset, or null when the selection is elsewhere. */
    caret() {
      if (this.field) return this.root.selectionEnd;
      const sel = selectionOf(this.root);
      if (!sel || !sel.rangeCount || !this.root.contains(sel.focusNode)) return null;
      return this.offsetOf(sel.focusNode, sel.focusOffset);
    }
  }

  // editBetween compares this many code units at a time with string
  // equality (a memory compare in the engine), then one by one.
  const COMPARE_CHUNK = 4096;

  /** How many code units `a` and `b` share at their start (`fromEnd`: at their end). */
  function sharedLength(a, b, fromEnd) {
    const n = Math.min(a.length, b.length);
    const piece = fromEnd ? (s, i, k) => s.slice(s.length - i - k, s.length - i) : (s, i, k) => s.slice(i, i + k);
    let i = 0;
    while (i + COMPARE_CHUNK <= n && piece(a, i, COMPARE_CHUNK) === piece(b, i, COMPARE_CHUNK)) i += COMPARE_CHUNK;
    if (fromEnd) while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
    else while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
  }

  /**
   * The edit that turns `before` into `after`: `remove` code units at `at`
   * replaced by `insert` (the code units between their shared start and
   * shared end). A keystroke in a long draft is found in well under a
   * millisecond.
   */
  function editBetween(before, after) {
    const at = sharedLength(before, after, false);
    const tail = Math.min(sharedLength(before, after, true), Math.min(before.length, after.length) - at);
    return { at, remove: before.length - at - tail, insert: after.slice(at, after.length - tail) };
  }

  /**
   * The text of a textarea as the overlay's mirror lays it out: one block
   * per line, so that an edit re-lays out the lines it touched and not the
   * whole field's text (which at 1,000,000 characters took seconds a key).
   * Lines are only ever updated in place, added or hidden, never removed:
   * in Chromium a node removal anywhere in the document ends the open
   * typing command, which would split the user's undo steps in the field.
   */
  class MirrorLines {
    constructor(el) {
      this.el = el;
      this.lines = []; // the text's lines in order: { div, node, start }
      this.text = null;
    }

    /** Makes the mirror show `text`, touching only the lines an edit changed. */
    set(text) {
      if (text === this.text) return;
      const lines = this.lines;
      let first = 0;
      let removed = lines.length;
      let added = text.split("\n");
      if (this.text !== null && lines.length) {
        const { at, remove, insert } = editBetween(this.text, text);
        first = this.lineAt(at);
        const last = this.lineAt(at + remove);
        const oldEnd = last + 1 < lines.length ? lines[last + 1].start - 1 : this.text.length;
        added = text.slice(lines[first].start, oldEnd + insert.length - remove).split("\n");
        removed = last - first + 1;
      }
      // Lines in place first, then new ones after them, or the surplus hidden.
      const kept = Math.min(removed, added.length);
      for (let i = 0; i < kept; i++) this.write(lines[first + i], added[i]);
      const fresh = added.slice(kept).map((line) => {
        const div = document.createElement("div");
        const entry = { div, node: document.createTextNode(""), start: 0 };
        div.append(entry.node);
        this.write(entry, line);
        return entry;
      });
      if (fresh.length) {
        const before = lines[first + kept]?.div ?? null;
        for (const f of fresh) this.el.insertBefore(f.div, before);
      }
      const surplus = lines.splice(first + kept, removed - kept, ...fresh);
      for (const gone of surplus) {
        gone.div.hidden = true;
        gone.node.data = "";
      }
      let start = first ? lines[first - 1].start + lines[first - 1].length + 1 : 0;
      for (let i = first; i < lines.length; i++) {
        lines[i].start = start;
        start += lines[i].length + 1;
      }
      this.text = text;
    }

    /** An empty line holds a zero-width space, so that it has a line's height; its length stays 0. */
    write(entry, line) {
      entry.length = line.length;
      const data = line || "\u200b";
      if (entry.node.data !== data) entry.node.data = data;
    }

    /** The index of the line holding `offset` (the last one starting at or before it). */
    lineAt(offset) {
      const lines = this.lines;
      let lo = 0;
      let hi = lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid].start <= offset) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    /** (text node, offset) for a text offset. */
    point(offset) {
      const line = this.lines[this.lineAt(offset)];
      return { node: line.node, offset: Math.max(0, Math.min(line.length, offset - line.start)) };
    }
  }

  globalThis.RapportTextModel = { TextModel, isField, selectionOf, editBetween, MirrorLines };
})();
