// The text of a composer as the analyser sees it, and the way back from a
// UTF-16 offset in that text to a place in the page. Textareas and inputs are
// their value. Contenteditables are read from their text nodes, with "\n"
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

  /** Snapshot of a contenteditable: text plus (text node, start offset) segments in order. */
  function readEditable(root) {
    const segments = [];
    let text = "";
    let pendingBreak = false; // a block closed: the next output starts a new line
    let fillers = 0;
    const emit = (s, node) => {
      if (pendingBreak) text += "\n";
      pendingBreak = false;
      if (node) segments.push({ node, start: text.length });
      text += s;
    };
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          if (child.data.length) emit(child.data, child);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.tagName;
          if (tag === "BR") {
            if (isFillerBreak(child)) fillers += 1; else emit("\n");
            continue;
          }
          if (tag === "STYLE" || tag === "SCRIPT" || tag === "TEMPLATE") continue;
          if (!BLOCK.has(tag)) { walk(child); continue; }
          if (text.length && !text.endsWith("\n")) pendingBreak = true;
          const lengthBefore = text.length;
          const fillersBefore = fillers;
          walk(child);
          // An empty line still counts as a line.
          if (text.length === lengthBefore && fillers > fillersBefore) emit("");
          pendingBreak = true;
        }
      }
    };
    walk(root);
    return { text, segments };
  }

  class TextModel {
    constructor(root) {
      this.root = root;
      this.field = isField(root);
      this.refresh();
    }

    refresh() {
      if (this.field) {
        this.text = this.root.value;
        this.segments = null;
      } else {
        const { text, segments } = readEditable(this.root);
        this.text = text;
        this.segments = segments;
      }
      return this.text;
    }

    /** (node, offset) in the editor for a text offset; offsets on a "\n" go to the end of the text before it. */
    point(offset) {
      const segs = this.segments;
      if (!segs || !segs.length) return { node: this.root, offset: 0 };
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid].start <= offset) lo = mid; else hi = mid - 1;
      }
      const seg = segs[lo];
      return { node: seg.node, offset: Math.max(0, Math.min(seg.node.data.length, offset - seg.start)) };
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
      const segs = this.segments;
      if (!segs || !segs.length) return { node: this.root, offset: 0 };
      for (let i = 0; i < segs.length; i++) {
        const s = segs[i];
        if (offset < s.start + s.node.data.length) return { node: s.node, offset: Math.max(0, offset - s.start) };
      }
      return this.point(offset);
    }

    /** Text offset of a DOM point inside the editor, or null. */
    offsetOf(node, offset) {
      if (!this.segments) return null;
      if (node.nodeType !== Node.TEXT_NODE) {
        // Point between children: take the first text at or after it.
        const child = node.childNodes[offset];
        const walker = document.createTreeWalker(child || node, NodeFilter.SHOW_TEXT);
        const t = child ? (child.nodeType === Node.TEXT_NODE ? child : walker.nextNode()) : null;
        if (!t) return null;
        node = t;
        offset = 0;
      }
      const seg = this.segments.find((s) => s.node === node);
      return seg ? seg.start + Math.min(offset, node.data.length) : null;
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

  globalThis.RapportTextModel = { TextModel, isField, selectionOf };
})();
