// Post text full of HTML and script payloads is analysed and shown as text:
// nothing in it runs, loads or becomes an element, in the editor, the
// overlay, the gauge's hint list or the card.
//
// The page is served without its CSP (?csp=off), so a payload the extension
// turned into markup would run (window.__xss) or load (/__xss-probe) instead
// of being stopped by the page's policy. One payload is a brand flag phrase,
// so the card and the hint list quote it; the overlay's shadow root is
// attached open for this test (developer setting, see content/core.js) so the
// test can read what they rendered.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { focusComposer, openFixture, overlayState, pressCombo, resetSettings, sendFromExtension, setDevSetting, sleep, waitForMarks, editorText } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

// Flagged as the user's own phrase: the card and the list quote exactly these words.
const FLAGGED = "<img src=/__xss-probe/flag onerror=\"window.__xss='flag'\">";
const PAYLOAD = "Follow us <img src=/__xss-probe/img onerror=\"window.__xss='img'\"> and smash that like button!!! "
  + "<script src=/__xss-probe/script>window.__xss='script'</script> Thanks to \"><svg onload=window.__xss='svg'> Maria & <b>team</b> "
  + `${FLAGGED} `
  + "<iframe src=/__xss-probe/iframe></iframe> <a href=javascript:window.__xss='a'>x</a> What do you think? {{7*7}} ${7*7}";
const TAGS = "img, script, svg, iframe, b, a";

const countElements = (page) => page.evaluate((tags) => document.querySelectorAll(tags).length, TAGS);

/** What the overlay's (open, for this test) shadow root holds: texts of the card and the list, and anything a payload could have made. */
const overlayUi = (page) => page.evaluate((tags) => {
  const root = document.querySelector("rapport-overlay")?.shadowRoot;
  if (!root) return null;
  const all = [...root.querySelectorAll("*")];
  const card = root.querySelector(".card");
  return {
    card: card && !card.hidden ? card.textContent : null,
    list: root.querySelector(".hints .list")?.textContent ?? null,
    payloadElements: [...root.querySelectorAll(tags)].map((e) => e.localName),
    handlerAttributes: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => `${e.localName}[${a.name}]`)),
  };
}, TAGS);

/** Waits for the open card to show `text`, then checks that nothing in the overlay is markup from the payload. */
async function cardShows(page, text) {
  let shown = null;
  const ui = await waitFor(async () => {
    const u = await overlayUi(page);
    shown = u?.card;
    return u?.card?.includes(text) ? u : null;
  }, { what: `the card showing ${text}` }).catch((e) => { e.message += `; the card showed ${JSON.stringify(shown)}`; throw e; });
  assert.deepEqual(ui.payloadElements, [], "a payload became an element in the card");
  assert.deepEqual(ui.handlerAttributes, [], "a payload became an attribute in the overlay");
}

export default ["reddit", "instagram", "facebook"].map((adapter) => {
  const fixture = FIXTURES.find((f) => f.adapter === adapter);
  return {
    name: `${fixture.editor} (${adapter}): HTML and script payloads in the post are shown as text and never run`,
    async run({ session, server }) {
      await resetSettings(session);
      const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
      s.options.profile.flag_phrases = [FLAGGED];
      await sendFromExtension(session, { kind: "setSettings", settings: s });
      await setDevSetting(session, { shadowRoot: "open" });
      try {
        const page = await openFixture(session, { ...fixture, path: `${fixture.path}?csp=off` });
        const elementsBefore = await countElements(page);
        await focusComposer(page, fixture);
        await page.keyboard.type(PAYLOAD);
        const flaggedAt = PAYLOAD.indexOf(FLAGGED);
        const state = await waitForMarks(page, (st) => st.hints >= 3 && st.gauge && st.marks.some((m) => m.start === flaggedAt && m.end === flaggedAt + FLAGGED.length),
          "hints on the payload text, one on the flagged markup");
        assert.equal((await editorText(page)).replace(/\n/g, ""), PAYLOAD, "the editor holds the payload as typed");

        // A card by keyboard on the flagged markup: the sentence's hint, which quotes the markup too.
        const mark = state.marks.find((m) => m.start === flaggedAt);
        await page.mouse.click(mark.rects[0][0] + 2, mark.rects[0][1] + mark.rects[0][3] / 2);
        await pressCombo(page, "Alt", "Shift", "KeyH");
        await waitFor(async () => (await overlayState(page)).card !== null, { what: "the card" });
        await cardShows(page, FLAGGED);
        await page.keyboard.press("Escape");

        // The hint list from the gauge quotes the flagged markup as text.
        const [gx, gy, gw, gh] = state.gauge;
        await page.mouse.click(gx + gw - 14, gy + gh / 2);
        const listed = await waitFor(async () => {
          const ui = await overlayUi(page);
          return ui?.list?.includes(`“${FLAGGED}”`) ? ui : null;
        }, { what: "the hint list quoting the flagged markup" });
        assert.deepEqual(listed.payloadElements, [], "a payload became an element in the hint list");
        assert.deepEqual(listed.handlerAttributes, [], "a payload became an attribute in the overlay");

        // Its entry opens the card on the flag phrase, which quotes exactly the markup.
        const entry = await page.evaluate((flagged) => {
          const b = [...document.querySelector("rapport-overlay").shadowRoot.querySelectorAll(".hints .list button")].find((x) => x.textContent.includes(`“${flagged}”`));
          b.scrollIntoView({ block: "nearest" });
          const r = b.getBoundingClientRect();
          return [r.left + r.width / 2, r.top + r.height / 2];
        }, FLAGGED);
        await page.mouse.click(entry[0], entry[1]);
        await cardShows(page, `“${FLAGGED}”`);
        await sleep(300);

        assert.equal(await page.evaluate(() => window.__xss), undefined, "a payload ran in the page");
        assert.equal(await countElements(page), elementsBefore, "a payload became an element in the page");
        const probes = server.hits.filter((h) => h.path.startsWith("/__xss-probe"));
        assert.deepEqual(probes, [], "a payload made the browser load something");
        await page.close();
      } finally {
        await setDevSetting(session, null);
        await resetSettings(session);
        const clean = (await sendFromExtension(session, { kind: "getSettings" })).settings;
        clean.options.profile.flag_phrases = [];
        await sendFromExtension(session, { kind: "setSettings", settings: clean });
      }
    },
  };
});
