// Editors inside frames on a site the user added (classic rich-text editors
// edit a frame's body): a TinyMCE-style frame with no URL of its own
// (about:blank, filled by the page), a srcdoc frame and a same-origin frame
// each get hints on their words, drawn in that frame, from the content
// scripts registered at run time for every frame of the added origin.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { onAddedSites, withExtraSites } from "../lib/added-sites.mjs";
import { resetSettings, waitForMarks } from "../lib/composer.mjs";

const HOST = "www.example.com";
const DRAFT = "Follow us for more!!! What do you think?";
const FRAMES = [
  { id: "mce_0_ifr", what: "a TinyMCE-style frame without a URL (about:blank)" },
  { id: "srcdoc-editor", what: "a srcdoc frame" },
  { id: "src-editor", what: "a same-origin frame" },
];

async function framesOfAddedSite(session, grant) {
  await resetSettings(session);
  await grant(session, [`https://${HOST}/*`]);
  await withExtraSites(session, [`https://${HOST}`], async () => {
    const page = await session.openPage(`https://${HOST}/frames`);
    await waitFor(() => page.evaluate(() => document.documentElement.dataset.framesReady === "true"), { what: "the page to fill its editor frame" });
    for (const { id, what } of FRAMES) {
      const handle = await page.$(`#${id}`);
      const frame = await handle.contentFrame();
      await frame.waitForSelector("body[contenteditable]");
      await frame.focus("body");
      await page.keyboard.type(DRAFT);
      assert.equal(await frame.evaluate(() => document.body.textContent), DRAFT, `the draft was typed into ${what}`);
      const state = await waitForMarks(frame, (st) => st.marks.some((m) => m.rule_id.startsWith("follow-ask")), `a follow-ask mark in ${what}`);
      assert.equal(state.platform, "generic", `${what} is analysed on the generic path`);
      // Drawn on its words ("Follow us…"), inside that frame.
      const mark = state.marks.find((m) => m.rule_id.startsWith("follow-ask"));
      assert.ok(mark.start === 0 && DRAFT.slice(mark.start, mark.end).startsWith("Follow us"), `the mark covers "Follow us…" in ${what}: ${mark.start}-${mark.end}`);
      const words = await frame.evaluate((end) => {
        const range = document.createRange();
        range.setStart(document.body.firstChild, 0);
        range.setEnd(document.body.firstChild, end);
        return [...range.getClientRects()].map((r) => [r.x, r.y, r.width, r.height].map(Math.round));
      }, mark.end);
      assert.deepEqual(mark.rects.map((r) => r.map(Math.round)), words, `the mark lies on its words in ${what}`);
      assert.equal(await frame.evaluate(() => document.body.querySelector("rapport-overlay")), null, `the editor's own DOM (the body) is left alone in ${what}`);
    }
    await page.close();
  });
}

export default onAddedSites({
  firefox: "editors in frames on an added site (about:blank, srcdoc, same-origin): hints on their words, drawn in the frame",
  chromium: "editors in frames on an added site in Chromium (host granted at install): hints on their words, drawn in the frame",
  origins: [`https://${HOST}/*`],
  scenario: framesOfAddedSite,
});
