// One long-lived port per composer, newest text wins: typing fast into one
// composer opens exactly one port to the background, the background analyses
// fewer times than there were keystrokes (text typed while a request is in
// flight goes out once, as the newest), and what is drawn at the end is the
// analysis of the final text. The counts come from the background's ping
// (ports opened, requests received, analyses run since it started).
//
// An idle background answers in about half a millisecond, faster than the
// test browsers deliver synthetic keystrokes (measured: about 90 analyses for
// 94 keys), so while the keys go in, an extension page keeps the background
// busy with long analyses, as a slow machine or a waking worker would: the
// keys typed meanwhile must then go out as one request, not one each.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { analyzeInBackground, editorText, focusComposer, openFixture, resetSettings, sendFromExtension, textRects, waitForMarks } from "../lib/composer.mjs";

// About 100 characters, with a fame cue and a connection cue.
const DRAFT = "Follow us and smash that like button!!! Thanks to Maria for the idea, what do you think of it?";
const PX = 1.5;
const near = (a, b) => Math.abs(a - b) <= PX;

/** Keeps the background analysing a long text until the returned stop() is awaited. */
async function keepBackgroundBusy(session) {
  await sendFromExtension(session, { kind: "ping" }); // the extension page is open (and stays behind the fixture's tab)
  const page = session.extensionPage;
  const busy = page.evaluate(async () => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    const big = "Follow us for more updates and smash that like button. ".repeat(6000);
    globalThis.__busy = true;
    let rounds = 0;
    while (globalThis.__busy) {
      await api.runtime.sendMessage({ kind: "analyzeOnce", text: big, platform: "x" });
      rounds += 1;
    }
    return rounds;
  });
  return async () => {
    await page.evaluate(() => { globalThis.__busy = false; });
    return busy;
  };
}

async function portStats(session) {
  const reply = await sendFromExtension(session, { kind: "ping" });
  assert.ok(reply?.ok && reply.ports, `the ping reports the port counters: ${JSON.stringify(reply)}`);
  return reply.ports;
}

/** In an extension page: the extension's own protocol file, as the content script and the background load it. */
async function loadProtocol() {
  if (globalThis.RapportProtocol) return;
  const script = document.createElement("script");
  script.src = "/shared/protocol.js";
  await new Promise((ok, fail) => { script.onload = ok; script.onerror = fail; document.head.append(script); });
}

export default [
  {
    name: "typing ~100 characters fast: one port, fewer analyses than keystrokes, the final overlay is the final text's",
    async run({ session }) {
      await resetSettings(session);
      const fixture = FIXTURES.find((f) => f.adapter === "facebook");
      const page = await openFixture(session, fixture);
      const before = await portStats(session);
      await focusComposer(page, fixture);
      const stop = await keepBackgroundBusy(session);
      await page.keyboard.type(DRAFT);
      const rounds = await stop();
      const text = await editorText(page);
      assert.equal(text, DRAFT);
      const final = await analyzeInBackground(session, text, fixture.adapter);
      // The gauge's count is the composer's text now; analyzedChars is the text the drawn analysis is of.
      const lengths = () => page.evaluate(() => { const d = document.querySelector("rapport-overlay")?.dataset || {}; return [Number(d.gaugeChars), Number(d.analyzedChars)]; });
      const state = await waitForMarks(page, async (s) => s.hints === final.hints.length && s.balance === final.balance &&
        (await lengths()).every((n) => n === text.length), "the overlay of the final text");
      const after = await portStats(session);
      assert.ok(after.ports >= before.ports, `the background did not restart during the test (${JSON.stringify(before)} -> ${JSON.stringify(after)})`);
      assert.equal(after.ports - before.ports, 1, "the composer opened exactly one port");
      const analysed = after.analyses - before.analyses;
      assert.ok(analysed >= 1 && analysed < DRAFT.length, `${analysed} analyses for ${DRAFT.length} keystrokes: stale texts were not dropped`);
      // Only what changed crosses the port: every request after the port's first text is an edit of the one before.
      assert.equal(after.edits - before.edits, after.requests - before.requests - 1, `requests after the first are edits (${JSON.stringify(before)} -> ${JSON.stringify(after)})`);

      // The drawn state is the final text's: same hints, on the same words.
      assert.ok(final.hints.some((h) => h.polarity === "fame"), "the final text has a fame hint");
      for (const hint of final.hints) {
        const words = text.slice(hint.start, hint.end);
        const mark = state.marks.find((m) => m.rule_id === hint.rule_id && m.start === hint.start && m.end === hint.end);
        assert.ok(mark, `${hint.rule_id} ("${words}") is drawn`);
        const want = await textRects(page, fixture.composer, words);
        const same = want && mark.rects.length === want.length && mark.rects.every((g, i) => g.every((v, k) => near(v, want[i][k])));
        assert.ok(same, `${hint.rule_id} ("${words}") drawn at ${JSON.stringify(mark.rects)}, words are at ${JSON.stringify(want)}`);
      }
      console.log(`# ${DRAFT.length} keystrokes: ${after.requests - before.requests} requests, ${analysed} analyses on ${after.ports - before.ports} port, ${rounds} long analyses meanwhile`);
      await page.close();
    },
  },
  {
    name: "the port's packed answers carry the one-shot analysis's hints, each text sent once per port",
    async run({ session }) {
      await sendFromExtension(session, { kind: "ping" });
      const page = session.extensionPage;
      const drafts = [DRAFT, DRAFT, `${DRAFT} Follow us for more!!!`];
      await page.evaluate(loadProtocol);
      const result = await page.evaluate(async (list) => {
        const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
        const { PORT_COMPOSER, Kinds, hintUnpacker } = globalThis.RapportProtocol;
        const port = api.runtime.connect({ name: PORT_COMPOSER });
        const unpack = hintUnpacker();
        const out = [];
        for (let i = 0; i < list.length; i++) {
          const answer = await new Promise((resolve) => {
            const on = (m) => { port.onMessage.removeListener(on); resolve(m); };
            port.onMessage.addListener(on);
            port.postMessage({ kind: Kinds.ANALYZE, seq: i + 1, text: list[i], platform: "facebook" });
          });
          const once = await api.runtime.sendMessage({ kind: Kinds.ANALYZE_ONCE, text: list[i], platform: "facebook" });
          out.push({ kind: answer.kind, newTexts: answer.hints?.texts.length, bytes: JSON.stringify(answer).length, onceBytes: JSON.stringify(once.analysis).length,
            hints: unpack(answer.hints), once: once.analysis.hints, restKeys: Object.keys(answer.analysis).sort(), onceKeys: Object.keys(once.analysis).filter((k) => k !== "hints").sort() });
        }
        port.disconnect();
        return out;
      }, drafts);
      const FIELDS = ["start", "end", "rule_id", "cue", "polarity", "severity", "message", "note", "suggestion", "replacement"];
      for (const [i, r] of result.entries()) {
        assert.equal(r.kind, "analysis", `answer ${i + 1} is an analysis`);
        assert.deepEqual(r.restKeys, r.onceKeys, `answer ${i + 1} has the rest of the analysis`);
        for (const h of r.once) assert.deepEqual(Object.keys(h).filter((k) => !FIELDS.includes(k)), [], "every field of a hint travels on the port");
        const plain = (hints) => hints.map((h) => Object.fromEntries(FIELDS.map((k) => [k, h[k] ?? null])));
        assert.ok(r.once.length > 0, `draft ${i + 1} has hints`);
        assert.deepEqual(plain(r.hints), plain(r.once), `answer ${i + 1} unpacks to the one-shot analysis's hints`);
      }
      assert.ok(result[0].newTexts > 0, "the first answer on the port sends its texts");
      assert.equal(result[1].newTexts, 0, "the same draft again sends no text again");
      assert.ok(result[2].newTexts < result[0].newTexts, "a longer draft sends only the texts the port has not seen");
      console.log(`# answer sizes on one port: ${result.map((r) => `${r.bytes} B (unpacked ${r.onceBytes} B)`).join(", ")}`);
    },
  },
  {
    name: "edits on the port: applied to the port's last text; a stale or impossible edit is refused, and the port goes on",
    async run({ session }) {
      await sendFromExtension(session, { kind: "ping" });
      const page = session.extensionPage;
      await page.evaluate(loadProtocol);
      const result = await page.evaluate(async () => {
        const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
        const { PORT_COMPOSER, Kinds, hintUnpacker } = globalThis.RapportProtocol;
        const port = api.runtime.connect({ name: PORT_COMPOSER });
        const unpack = hintUnpacker();
        const ask = (msg) => new Promise((resolve) => {
          const on = (m) => { port.onMessage.removeListener(on); resolve(m); };
          port.onMessage.addListener(on);
          port.postMessage({ kind: Kinds.ANALYZE, platform: "facebook", ...msg });
        });
        const hintsOf = (m) => (m.kind === "analysis" ? unpack(m.hints).map((h) => [h.rule_id, h.start, h.end]) : m.message);
        const onceOf = async (text) => (await api.runtime.sendMessage({ kind: Kinds.ANALYZE_ONCE, text, platform: "facebook" })).analysis.hints.map((h) => [h.rule_id, h.start, h.end]);
        const out = {};
        out.first = hintsOf(await ask({ seq: 1, text: "Thanks Maria for the idea." }));
        out.edited = hintsOf(await ask({ seq: 2, edit: { base: 1, at: 26, remove: 0, insert: " Smash that like button!!!" } }));
        out.editedOnce = await onceOf("Thanks Maria for the idea. Smash that like button!!!");
        out.middle = hintsOf(await ask({ seq: 3, edit: { base: 2, at: 0, remove: 6, insert: "Follow us, and thank you" } }));
        out.middleOnce = await onceOf("Follow us, and thank you Maria for the idea. Smash that like button!!!");
        out.stale = hintsOf(await ask({ seq: 4, edit: { base: 2, at: 0, remove: 0, insert: "x" } }));
        out.outside = hintsOf(await ask({ seq: 5, edit: { base: 3, at: 60, remove: 500, insert: "x" } }));
        out.malformed = hintsOf(await ask({ seq: 6, edit: { base: 3, at: -1, remove: 0, insert: 5 } }));
        // The port still takes a whole text, and edits of it.
        out.again = hintsOf(await ask({ seq: 7, text: "Like and share!" }));
        out.againEdited = hintsOf(await ask({ seq: 8, edit: { base: 7, at: 15, remove: 0, insert: " What do you think?" } }));
        out.againOnce = await onceOf("Like and share! What do you think?");
        port.disconnect();
        return out;
      });
      assert.ok(Array.isArray(result.first), "a whole text is analysed");
      assert.deepEqual(result.edited, result.editedOnce, "an appended edit is analysed as the whole new text");
      assert.deepEqual(result.middle, result.middleOnce, "an edit in the middle is analysed as the whole new text");
      assert.equal(result.stale, "stale edit", "an edit of an older text is refused");
      assert.equal(result.outside, "stale edit", "an edit past the text's end is refused");
      assert.equal(result.malformed, "stale edit", "a malformed edit is refused");
      assert.deepEqual(result.againEdited, result.againOnce, "after refusals, a whole text and its edits are analysed again");
    },
  },
];
