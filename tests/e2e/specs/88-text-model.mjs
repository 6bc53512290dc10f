// The text model reads a contenteditable block by block and, after an edit,
// reads again only the blocks the editor's mutation records touched (issue
// 16: a keystroke in a long draft must cost what the edit costs). The
// content script's own text-model.js is loaded into a page, where random
// editor trees are built and edited the ways editors edit them (typing into
// a text node, replacing a block's nodes, splitting and joining blocks,
// empty lines with filler <br>s, a Draft.js-style wrapper, nested blocks).
// After each edit, the model kept up to date from the records must read the
// same text as a model that reads everything afresh, and map every offset
// to the same place and back.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../server.mjs";

const SOURCE = fs.readFileSync(path.join(ROOT, "extension", "content", "text-model.js"), "utf8");

/** Runs in the page: `trials` random editors, `steps` random edits each; returns the first disagreement, or null. */
function fuzz(trials, steps, seed) {
  const { TextModel } = globalThis.RapportTextModel;
  let state = seed >>> 0;
  const rand = (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const pick = (list) => list[rand(list.length)];
  const WORDS = ["follow", "us", "thanks", "Maria", "what do you think?", "", " ", "émoji 🎉", "RTL שלום", "x"];
  const text = () => document.createTextNode(pick(WORDS) + (rand(2) ? " " + pick(WORDS) : ""));
  const filler = () => document.createElement("br");
  const inline = () => {
    const span = document.createElement(pick(["span", "strong", "a"]));
    span.append(rand(4) ? text() : filler());
    return span;
  };
  const block = (depth = 0) => {
    const el = document.createElement(pick(["p", "div", "li", "h2"]));
    const n = rand(4);
    if (n === 0) el.append(filler());
    for (let i = 0; i < n; i++) {
      const r = rand(10);
      if (r < 5) el.append(text());
      else if (r < 8) el.append(inline());
      else if (r < 9) el.append(document.createElement("br"), text());
      else if (depth < 2) el.append(block(depth + 1));
    }
    return el;
  };
  const describe = (root) => root.innerHTML.slice(0, 600);

  for (let trial = 0; trial < trials; trial++) {
    const host = document.createElement("div");
    host.contentEditable = "true";
    document.body.append(host);
    // A Draft.js-style lone wrapper around the blocks, or blocks right in the root.
    const container = rand(2) ? host : host.appendChild(document.createElement("div"));
    for (let i = rand(6); i >= 0; i--) container.append(rand(8) ? block() : text());
    const model = new TextModel(host);
    const records = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(host, { childList: true, characterData: true, subtree: true });
    for (let step = 0; step < steps; step++) {
      const texts = [];
      const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t);
      const blocks = [...container.children];
      const r = rand(9);
      if (r < 3 && texts.length) {
        const t = pick(texts);
        const at = rand(t.data.length + 1);
        t.data = t.data.slice(0, at) + pick(["a", " ", "!", "\u00e9", "🎉", ""]) + t.data.slice(at + (rand(3) === 0 ? 1 : 0));
      } else if (r < 4 && blocks.length) {
        pick(blocks).replaceWith(block());
      } else if (r < 5) {
        const b = block();
        const ref = blocks.length ? pick(blocks) : null;
        container.insertBefore(b, rand(2) ? ref : ref?.nextSibling ?? null);
      } else if (r < 6 && blocks.length > 1) {
        pick(blocks).remove();
      } else if (r < 7 && texts.length) {
        const t = pick(texts);
        if (t.data.length > 1) t.splitText(1 + rand(t.data.length - 1));
      } else if (r < 8 && blocks.length) {
        const b = pick(blocks);
        // Replace a block's contents, as React and Lexical re-render a line.
        b.replaceChildren(...block().childNodes);
      } else if (texts.length) {
        pick(texts).parentNode.append(rand(2) ? filler() : text());
      }
      records.push(...observer.takeRecords());
      model.refresh(records.splice(0));
      const fresh = new TextModel(host);
      if (model.text !== fresh.text) return { trial, step, problem: "text", incremental: model.text, fresh: fresh.text, html: describe(host) };
      for (let offset = 0; offset <= fresh.text.length; offset++) {
        for (const fn of ["point", "pointAfter"]) {
          const a = model[fn](offset);
          const b = fresh[fn](offset);
          if (a.node !== b.node || a.offset !== b.offset) return { trial, step, problem: `${fn}(${offset})`, text: fresh.text, html: describe(host) };
        }
        const p = fresh.pointAfter(offset);
        if (p.node.nodeType === Node.TEXT_NODE && model.offsetOf(p.node, p.offset) !== fresh.offsetOf(p.node, p.offset)) {
          return { trial, step, problem: `offsetOf(pointAfter(${offset}))`, text: fresh.text, html: describe(host) };
        }
      }
    }
    observer.disconnect();
    host.remove();
  }
  return null;
}

/** Runs in the page: the text the model reads for small trees whose reading was fixed before issue 16. */
function readings() {
  const { TextModel } = globalThis.RapportTextModel;
  const cases = [
    "<p>One</p><p>Two</p>",
    "<p>One</p><p><br></p><p>Two</p>",
    "<div><div data-block><div><span>One</span></div></div><div data-block><div><span><br></span></div></div><div data-block><div><span>Two</span></div></div></div>",
    "One<br>Two<br>",
    "<p>a<strong>b</strong>c</p>text after<p>d</p>",
    "<div><div><span><br></span></div></div>",
    "<ul><li>one</li><li>two</li></ul><p>end</p>",
    "",
  ];
  return cases.map((html) => {
    const host = document.createElement("div");
    host.contentEditable = "true";
    host.innerHTML = html;
    document.body.append(host);
    const read = new TextModel(host).text;
    host.remove();
    return read;
  });
}

/**
 * Runs in the page: random texts edited at random (typing, deleting,
 * pasting lines, joining lines), each shown in a MirrorLines. After each
 * edit the mirror's visible lines must read the text, every offset must map
 * to the line and place holding it, no line may have been removed from the
 * DOM (a removal splits the user's undo steps in Chromium), and editBetween
 * must give an edit that turns the old text into the new one.
 */
function fuzzMirror(trials, steps, seed) {
  const { MirrorLines, editBetween } = globalThis.RapportTextModel;
  let state = seed >>> 0;
  const rand = (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const PIECES = ["a", " ", "\n", "\n\n", "word ", "🎉", "line one\nline two", "x".repeat(5000), ""];
  for (let trial = 0; trial < trials; trial++) {
    const el = document.createElement("div");
    el.style.whiteSpace = "pre-wrap";
    document.body.append(el);
    const removals = [];
    const observer = new MutationObserver((records) => { for (const r of records) if (r.removedNodes.length) removals.push(r); });
    observer.observe(el, { childList: true });
    const mirror = new MirrorLines(el);
    let text = "";
    for (let i = rand(4); i >= 0; i--) text += PIECES[rand(PIECES.length)];
    mirror.set(text);
    for (let step = 0; step < steps; step++) {
      const at = rand(text.length + 1);
      const remove = rand(3) === 0 ? rand(Math.min(40, text.length - at) + 1) : 0;
      const next = text.slice(0, at) + PIECES[rand(PIECES.length)] + text.slice(at + remove);
      const edit = editBetween(text, next);
      if (text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove) !== next) return { trial, step, problem: "editBetween", edit };
      text = next;
      mirror.set(text);
      observer.takeRecords().forEach((r) => { if (r.removedNodes.length) removals.push(r); });
      if (removals.length) return { trial, step, problem: "a line was removed from the DOM" };
      const visible = [...el.children].filter((d) => !d.hidden);
      const shown = visible.map((d) => d.textContent.replace(/^\u200b$/, ""));
      if (shown.join("\n") !== text) return { trial, step, problem: "lines", shown: shown.join("\n").slice(0, 200), text: text.slice(0, 200) };
      let line = 0;
      let lineStart = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        if (offset > 0 && text[offset - 1] === "\n") {
          line += 1;
          lineStart = offset;
        }
        if (offset % 7 !== 0 && offset !== text.length) continue;
        const p = mirror.point(offset);
        if (p.node.parentNode !== visible[line] || p.offset !== offset - lineStart) return { trial, step, problem: `point(${offset})`, line };
      }
    }
    observer.disconnect();
    el.remove();
  }
  return null;
}

export default [
  {
    name: "the textarea mirror's lines follow edits in place, and editBetween finds the edit",
    async run({ session }) {
      const page = await session.openPage("https://www.example.com/");
      await page.evaluate(SOURCE);
      const failure = await page.evaluate(fuzzMirror, 60, 60, 7);
      assert.equal(failure, null, `mirror lines disagree: ${JSON.stringify(failure)}`);
      await page.close();
    },
  },
  {
    name: "the text model read incrementally from mutation records equals a fresh reading, offsets both ways",
    async run({ session }) {
      const page = await session.openPage("https://www.example.com/");
      await page.evaluate(SOURCE);
      const failure = await page.evaluate(fuzz, 150, 40, 16);
      assert.equal(failure, null, `incremental reading disagrees: ${JSON.stringify(failure)}`);
      await page.close();
    },
  },
  {
    name: "the text model still reads small trees as it did before block-by-block reading",
    async run({ session }) {
      const page = await session.openPage("https://www.example.com/");
      await page.evaluate(SOURCE);
      // Readings of the whole-tree walker this model replaced, for the same trees.
      assert.deepEqual(await page.evaluate(readings), [
        "One\nTwo",
        "One\n\nTwo",
        "One\n\nTwo",
        "One\nTwo",
        "abc\ntext after\nd",
        "\n",
        "one\ntwo\nend",
        "",
      ]);
      await page.close();
    },
  },
];
