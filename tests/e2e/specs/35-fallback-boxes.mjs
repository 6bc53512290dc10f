// The fallback for browsers without the CSS Custom Highlight API: hints of a
// contenteditable drawn as boxes (from Range.getClientRects) in the overlay's
// shadow root. Both test browsers have the API, so the extension's developer
// setting (storage.local "dev" = { overlayPaint: "boxes" }, written from an
// extension page) asks for the boxes. In every contenteditable fixture
// editor: the hints are drawn on the right words (the boxes' rects against
// the words' own ranges, and the underline's colour on screen under each
// word and not under a word without a hint), they follow the page's scroll,
// no highlight is registered, and the extension makes no mutation inside the
// editor's subtree.
import assert from "node:assert/strict";
import { EDITORS } from "../lib/fixtures.mjs";
import {
  analyzeInBackground, checkBoxesDrawn, editorText, focusComposer, openFixture, overlayState, resetSettings, sendFromExtension, setDevSetting, sleep,
  waitForMarks,
} from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const DRAFT = "Follow us and smash that like button!!!\nThanks to Maria for the idea. What do you think?";
const PX = 1.5;

/** Every mutation in the editor's subtree from now on, with the classes of added elements. */
function watchEditor(page, selector) {
  return page.evaluate((sel) => {
    const log = [];
    globalThis.__mutations = log;
    globalThis.__observer?.disconnect();
    globalThis.__observer = new MutationObserver((records) => {
      for (const r of records) log.push({ type: r.type, attr: r.attributeName, added: [...r.addedNodes].map((n) => `${n.nodeName}${n.className ? `.${n.className}` : ""}`) });
    });
    globalThis.__observer.observe(document.querySelector(sel), { subtree: true, childList: true, attributes: true, characterData: true });
  }, selector);
}
const takeMutations = (page) => page.evaluate(() => globalThis.__mutations.splice(0));
const rapportHighlights = (page) => page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith("rapport")));

function fallbackTest(fixture) {
  return {
    name: `${fixture.editor} (${fixture.adapter}): without the Highlight API, boxes on the right words follow scrolling and never touch the editor`,
    timeout: 120_000,
    async run({ session }) {
      await resetSettings(session);
      await setDevSetting(session, { overlayPaint: "boxes" });
      try {
        const page = await openFixture(session, fixture);
        await page.setViewport({ width: 800, height: 600 });
        // Room to scroll on every fixture page (outside the editor).
        await page.evaluate(() => { const room = document.createElement("div"); room.style.height = "1500px"; document.body.append(room); });
        await watchEditor(page, fixture.composer);
        await focusComposer(page, fixture);
        await page.keyboard.type(DRAFT);
        const text = await editorText(page);
        const analysis = await analyzeInBackground(session, text, fixture.adapter);
        assert.ok(analysis.hints.some((h) => h.polarity === "fame") && analysis.hints.some((h) => h.polarity === "connection"), "the draft has both kinds of hint");
        await waitForMarks(page, (s) => s.paint === "boxes" && s.hints === analysis.hints.length && s.balance === analysis.balance, "the boxes of the draft");
        await sleep(100);
        const before = await checkBoxesDrawn(page, fixture, text, analysis, "as typed");
        assert.deepEqual(await rapportHighlights(page), [], "no highlight is registered");
        const typing = await takeMutations(page);
        const ours = typing.filter((m) => m.added.some((n) => /mark|rapport/i.test(n)));
        assert.deepEqual(ours, [], "an overlay element was added inside the editor");

        // Scrolling the page moves the words; the boxes follow.
        await page.evaluate(() => window.scrollBy(0, 50));
        const first = before.marks[0];
        await waitForMarks(page, (s) => s.marks[0] && Math.abs(s.marks[0].rects[0][1] - (first.rects[0][1] - 50)) <= PX, "the boxes to follow the scroll");
        await sleep(100);
        await checkBoxesDrawn(page, fixture, text, analysis, "after scrolling");

        // While idle the overlay redraws for scroll, resize and a settings change: nothing in the editor changes.
        await page.evaluate(() => window.scrollBy(0, -30));
        await page.setViewport({ width: 760, height: 580 });
        const settings = (await sendFromExtension(session, { kind: "getSettings" })).settings;
        const off = before.marks[0].rule_id;
        settings.options.disabled_rules = [off];
        await sendFromExtension(session, { kind: "setSettings", settings });
        await waitForMarks(page, (s) => s.hints > 0 && !s.marks.some((m) => m.rule_id === off), "the redraw after the settings change");
        await sleep(300);
        assert.deepEqual(await takeMutations(page), [], "the extension mutated the editor while redrawing its boxes");
        await resetSettings(session);

        // Without the developer setting the same page goes back to the Highlight API.
        await setDevSetting(session, null);
        await waitForMarks(page, (s) => s.paint === "highlights" && s.hints === analysis.hints.length, "the highlights to come back");
        await waitFor(async () => (await rapportHighlights(page)).length > 0, { what: "the highlights to be registered" });
        await page.close();
      } finally {
        await setDevSetting(session, null);
      }
    },
  };
}

export default EDITORS.filter((f) => f.editor !== "textarea").map(fallbackTest);
