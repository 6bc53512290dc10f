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
];
