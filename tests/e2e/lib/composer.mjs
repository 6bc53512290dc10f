// Helpers to drive a fixture composer and read the overlay's state from a
// test: everything goes through real input (keyboard, mouse) and the page's
// own world; the extension's state is read from the overlay host's dataset.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { TEST_DEV_SETTING, waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";

/** The production constants (extension/content/constants.js), evaluated as the content scripts get them. */
function productionConstants() {
  const context = vm.createContext({});
  const file = path.join(ROOT, "extension", "content", "constants.js");
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return context.RapportConstants;
}
const { FIELD_STYLE_PROPS, MARK_COLOURS: HEX_COLOURS, LONG_DRAFT } = productionConstants();
/** The lengths at which a draft is checked around the caret, drawn near the view, ... (constants.js). */
export { LONG_DRAFT };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function openFixture(session, fixture, { off = false } = {}) {
  const url = off ? `https://rapport-off.test/__site/${fixture.host}${fixture.path}` : `https://${fixture.host}${fixture.path}`;
  const page = await session.openPage(url);
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the fixture editor" });
  return page;
}

/**
 * Settings reset, the fixture opened and `draft` typed into its composer:
 * { page, text, analysis }, the background's analysis of the text the editor
 * then holds.
 */
export async function typeIntoFixture(session, fixture, draft) {
  await resetSettings(session);
  const page = await openFixture(session, fixture);
  await focusComposer(page, fixture);
  await page.keyboard.type(draft);
  const text = await editorText(page);
  return { page, text, analysis: await analyzeInBackground(session, text, fixture.adapter) };
}

/** Puts the caret at the end of the composer with a real click, then waits for the editor to have focus. */
export async function focusComposer(page, fixture) {
  await page.click(fixture.composer);
  await waitFor(() => page.evaluate((sel) => {
    const root = document.querySelector(sel);
    return root && (document.activeElement === root || root.contains(document.activeElement));
  }, fixture.composer), { what: "the composer to take focus" });
}

export const editorText = (page) => page.evaluate(() => globalThis.__fixture.getText());
export const editorCaret = (page) => page.evaluate(() => globalThis.__fixture.getCaret());

/** The overlay's mirrored state: { balance, hints, marks: [{start,end,polarity,rule_id,rects}], card, gauge: [l,t,w,h], ... } */
export function overlayState(page) {
  return page.evaluate(() => {
    const host = document.querySelector("rapport-overlay");
    if (!host) return null;
    const d = host.dataset;
    return {
      balance: d.balance ?? null, hints: Number(d.hints ?? 0), fame: Number(d.fame ?? 0), connection: Number(d.connection ?? 0),
      marks: JSON.parse(d.marks || "[]"), card: d.card ?? null, paint: d.paint ?? null, fold: d.fold ? Number(d.fold) : null,
      nudge: d.nudge ?? null, platform: d.platform ?? null, label: d.label ?? null, why: d.why ?? null,
      gauge: d.gauge ? JSON.parse(d.gauge) : null, gaugeSpot: d.gaugeSpot ?? null, logged: d.logged ?? null,
    };
  });
}

/** Waits until the overlay shows an analysis of exactly the editor's current text (same marks as `expected`). */
export async function waitForMarks(page, predicate, what = "the overlay to update") {
  let last = null;
  try {
    return await waitFor(async () => {
      const s = await overlayState(page);
      last = s;
      return s && (await predicate(s)) ? s : null;
    }, { what, timeout: 10000 });
  } catch (e) {
    // The overlay's last state says which way it was wrong (stale, empty, half-drawn).
    const shown = last && { ...last, marks: last.marks?.map((m) => `${m.rule_id}@${m.start}-${m.end}`) };
    e.message += `; the overlay last showed ${JSON.stringify(shown)}`;
    throw e;
  }
}

/** Sends a protocol message from an extension page (kept open per session; reopened when a test closed it). */
export async function sendFromExtension(session, message) {
  const ask = (page) => page.evaluate(async (m) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    return api.runtime.sendMessage(m);
  }, message);
  if (session.extensionPage && !session.extensionPage.isClosed()) {
    try {
      return await ask(session.extensionPage);
    } catch {
      // Closed between tests: open another below.
    }
  }
  session.extensionPage = await session.openExtensionPage("popup.html");
  return ask(session.extensionPage);
}

/** Asks the background analyser directly what the hints for `text` are. */
export async function analyzeInBackground(session, text, platform) {
  const reply = await sendFromExtension(session, { kind: "analyzeOnce", text, platform });
  if (!reply?.ok) throw new Error(`analyzeOnce failed: ${reply?.error}`);
  return reply.analysis;
}

export async function resetSettings(session) {
  const reply = await sendFromExtension(session, { kind: "getSettings" });
  const s = reply.settings;
  s.options.disabled_rules = [];
  s.paused_sites = [];
  s.nudge = false;
  s.ui_language = "auto";
  await sendFromExtension(session, { kind: "setSettings", settings: s });
}

// The styles that decide where a textarea's text lies: a copy with them is
// laid out like the field, as the overlay's mirror is.
const FIELD_LAYOUT_PROPS = [...FIELD_STYLE_PROPS];

/**
 * Run in the page: client rects of the first occurrence of `n` in the text
 * rendered in `root`, by an independent walk over its text nodes (a
 * textarea's, over a copy laid out like it, where it is, in its own tree),
 * or null when the text is not there.
 */
function rectsOfTextIn(root, n, props) {
  if (!root) return null;
  let copy = null;
  if (root instanceof HTMLTextAreaElement) {
    // A textarea's text has no nodes: a copy laid out like it.
    const cs = getComputedStyle(root);
    const box = root.getBoundingClientRect();
    copy = document.createElement("div");
    for (const p of props) copy.style[p] = cs[p];
    const zoom = box.width / root.offsetWidth || 1; // CSS zoom between the page and the field: the copy's style is in the field's own px
    const borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
    Object.assign(copy.style, { position: "fixed", left: `${box.left / zoom}px`, top: `${(box.top - root.scrollTop * zoom) / zoom}px`, width: `${root.clientWidth + borders}px`,
      whiteSpace: "pre-wrap", visibility: "hidden", margin: "0" });
    copy.textContent = root.value;
    root.parentNode.append(copy);
    root = copy;
  }
  const nodes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let all = "";
  for (let t = walker.nextNode(); t; t = walker.nextNode()) { nodes.push({ t, at: all.length }); all += t.data; }
  const i = all.indexOf(n);
  if (i < 0) { copy?.remove(); return null; }
  const locate = (off) => { let k = nodes.length - 1; while (k > 0 && nodes[k].at > off) k--; return [nodes[k].t, off - nodes[k].at]; };
  const r = document.createRange();
  const a = locate(i);
  // An end at a node boundary belongs to the node before it.
  let b = locate(i + n.length);
  const bi = nodes.findIndex((x) => x.t === b[0]);
  if (b[1] === 0 && bi > 0) b = [nodes[bi - 1].t, nodes[bi - 1].t.data.length];
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  const rects = [...r.getClientRects()].filter((x) => x.width > 0).map((x) => [x.left, x.top, x.width, x.height]);
  copy?.remove();
  return rects;
}

/** The composer's rects of `needle` (rectsOfTextIn), the composer found by `selector`. */
export function textRects(page, selector, needle) {
  return page.evaluate(`(${rectsOfTextIn})(document.querySelector(${JSON.stringify(selector)}), ${JSON.stringify(needle)}, ${JSON.stringify(FIELD_LAYOUT_PROPS)})`);
}

/**
 * The same in the page for a composer that `resolve`, the source of a
 * function of no arguments run in the page, returns (one inside a shadow root).
 */
export function textRectsAt(page, resolve, needle) {
  return page.evaluate(`(${rectsOfTextIn})((${resolve})(), ${JSON.stringify(needle)}, ${JSON.stringify(FIELD_LAYOUT_PROPS)})`);
}

/** Geometry of a form field's content box, for checking marks drawn over a textarea. */
export function fieldBox(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return { left: r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft), top: r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop),
      right: r.right, bottom: r.bottom, lineHeight: parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.4 };
  }, selector);
}

export const MOD = process.platform === "darwin" ? "Meta" : "Control";

export async function pressCombo(page, ...keys) {
  for (const k of keys) await page.keyboard.down(k);
  for (const k of keys.slice().reverse()) await page.keyboard.up(k);
}

/**
 * The composer's text as the page lays it out, and the gauge: { box, rects,
 * gauge, spot, chars } with the client rects of the text (Range.getClientRects
 * over each text node; for a textarea over a copy of its value laid out like
 * it) clipped to the composer's visible box, and the gauge's rect, spot and
 * the text length of the overlay's last pass (mirrored on the overlay host).
 */
export function textAndGauge(page, selector) {
  return page.evaluate((sel, props) => {
    const root = document.querySelector(sel);
    const box = root.getBoundingClientRect();
    let rects = [];
    let text;
    if (root instanceof HTMLTextAreaElement) {
      text = root.value;
      const cs = getComputedStyle(root);
      const copy = document.createElement("div");
      for (const p of props) copy.style[p] = cs[p];
      const borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
      Object.assign(copy.style, { position: "fixed", left: `${box.left}px`, top: `${box.top - root.scrollTop}px`, width: `${root.clientWidth + borders}px`,
        boxSizing: "border-box", whiteSpace: "pre-wrap", visibility: "hidden", margin: "0" });
      copy.textContent = text;
      document.body.append(copy);
      const r = document.createRange();
      r.selectNodeContents(copy.firstChild);
      rects = [...r.getClientRects()];
      copy.remove();
    } else {
      text = "";
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const r = document.createRange();
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        text += t.data;
        r.selectNodeContents(t);
        rects.push(...r.getClientRects());
      }
    }
    const visible = rects.filter((q) => q.width > 0 && q.right > box.left && q.left < box.right && q.bottom > box.top && q.top < box.bottom)
      .map((q) => [q.left, q.top, q.width, q.height]);
    const d = document.querySelector("rapport-overlay")?.dataset || {};
    return { box: [box.left, box.top, box.width, box.height], rects: visible, chars: text.length, gauge: d.gauge ? JSON.parse(d.gauge) : null, spot: d.gaugeSpot ?? null };
  }, selector, FIELD_LAYOUT_PROPS);
}

/** Whether two [left, top, width, height] rects overlap (by more than `slack` px). */
export const overlaps = (a, b, slack = 0.5) => a[0] + slack < b[0] + b[2] && b[0] + slack < a[0] + a[2] && a[1] + slack < b[1] + b[3] && b[1] + slack < a[1] + a[3];

/**
 * Sets the extension's developer setting (storage.local "dev", see
 * extension/content/core.js) to the tests' own (TEST_DEV_SETTING) with
 * `value` over it, e.g. { overlayPaint: "boxes" }; null goes back to the
 * tests' own. Written from an extension page: web pages cannot reach it.
 */
export async function setDevSetting(session, value) {
  const write = (page) => page.evaluate(async (v) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    await api.storage.local.set({ dev: v });
    return true;
  }, { ...TEST_DEV_SETTING, ...value });
  if (!session.extensionPage || session.extensionPage.isClosed()) session.extensionPage = await session.openExtensionPage("popup.html");
  return write(session.extensionPage);
}

/**
 * How much of the band just under each rect ([l, t, w, h], viewport px) is
 * drawn in `rgb`: takes a screenshot and reads its pixels in the page (a
 * canvas, never attached). Per rect, the share of its columns that have a
 * pixel within `tolerance` of the colour in the rect's last 3 px rows.
 */
export async function underlineCoverage(page, rects, rgb, tolerance = 60) {
  const png = await page.screenshot({ encoding: "base64" });
  return page.evaluate(async (data, list, want, tol) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const scale = img.naturalWidth / window.innerWidth;
    return list.map(([l, t, w, h]) => {
      const x0 = Math.ceil((l + 1) * scale);
      const x1 = Math.floor((l + w - 1) * scale);
      const y1 = Math.round((t + h) * scale);
      const y0 = y1 - Math.ceil(3 * scale);
      if (x1 <= x0) return 0;
      const px = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      let hit = 0;
      for (let x = 0; x < x1 - x0; x++) {
        for (let y = 0; y < y1 - y0; y++) {
          const i = (y * (x1 - x0) + x) * 4;
          if (Math.abs(px[i] - want[0]) <= tol && Math.abs(px[i + 1] - want[1]) <= tol && Math.abs(px[i + 2] - want[2]) <= tol) { hit += 1; break; }
        }
      }
      return hit / (x1 - x0);
    });
  }, png, rects, rgb, tolerance);
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
// The colours of .mark.fame and .mark.connection (features/overlay.js), per theme, as [r, g, b].
export const MARK_COLOURS = Object.fromEntries(Object.entries(HEX_COLOURS).map(([theme, c]) => [theme, { fame: rgb(c.fame), connection: rgb(c.connection) }]));
const RECT_SLACK_PX = 1.5;
/** Whether two lists of [left, top, width, height] rects are the same within RECT_SLACK_PX. */
export const sameRects = (got, want) => Boolean(got && want) && got.length === want.length && got.every((g, i) => g.every((v, k) => Math.abs(v - want[i][k]) <= RECT_SLACK_PX));

/** Each hint's boxes lie exactly on its words, and the screen shows its colour under them and not under a word without a hint. */
export async function checkBoxesDrawn(page, fixture, text, analysis, what, colours = MARK_COLOURS.light) {
  const state = await overlayState(page);
  assert.equal(state.paint, "boxes", `${what}: drawn as boxes`);
  for (const hint of analysis.hints) {
    const words = text.slice(hint.start, hint.end);
    // The nth hint of a rule is its nth mark (offsets may count line breaks differently from the fixture's own text).
    const nth = analysis.hints.filter((h) => h.rule_id === hint.rule_id && h.start < hint.start).length;
    const mark = state.marks.filter((m) => m.rule_id === hint.rule_id)[nth];
    assert.ok(mark, `${what}: ${hint.rule_id} ("${words}") is drawn`);
    const want = await textRects(page, fixture.composer, words);
    assert.ok(sameRects(mark.rects, want), `${what}: ${hint.rule_id} ("${words}") drawn at ${JSON.stringify(mark.rects)}, words at ${JSON.stringify(want)}`);
    const coverage = await underlineCoverage(page, want, colours[hint.polarity]);
    assert.ok(coverage.every((c) => c >= 0.3), `${what}: the ${hint.polarity} underline under "${words}" covers ${coverage.map((c) => c.toFixed(2))}`);
  }
  // A word no hint touches has no underline of either colour.
  const plain = [...text.matchAll(/[A-Za-z]{4,}/g)].find((m) => !analysis.hints.some((h) => m.index < h.end && h.start < m.index + m[0].length));
  assert.ok(plain, "the draft has a word without a hint");
  const rects = await textRects(page, fixture.composer, plain[0]);
  for (const colour of Object.values(colours)) {
    const coverage = await underlineCoverage(page, rects, colour);
    assert.ok(coverage.every((c) => c < 0.1), `${what}: "${plain[0]}" has no hint but is underlined (${coverage.map((c) => c.toFixed(2))})`);
  }
  return state;
}

