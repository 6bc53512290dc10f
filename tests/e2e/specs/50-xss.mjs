// Post text full of HTML and script payloads is analysed and shown as text:
// nothing in it runs, loads or becomes an element, in the editor, the
// overlay, the gauge's hint list or the card.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { focusComposer, openFixture, overlayState, pressCombo, resetSettings, sleep, waitForMarks, editorText } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const PAYLOAD = "Follow us <img src=/__xss-probe/img onerror=\"window.__xss='img'\"> and smash that like button!!! "
  + "<script src=/__xss-probe/script>window.__xss='script'</script> Thanks to \"><svg onload=window.__xss='svg'> Maria & <b>team</b> "
  + "<iframe src=/__xss-probe/iframe></iframe> <a href=javascript:window.__xss='a'>x</a> What do you think? {{7*7}} ${7*7}";

const countElements = (page) => page.evaluate(() => document.querySelectorAll("img, script, svg, iframe, b, a").length);

export default ["reddit", "instagram", "facebook"].map((adapter) => {
  const fixture = FIXTURES.find((f) => f.adapter === adapter);
  return {
    name: `${fixture.editor} (${adapter}): HTML and script payloads in the post are shown as text and never run`,
    async run({ session, server }) {
      await resetSettings(session);
      const page = await openFixture(session, fixture);
      const elementsBefore = await countElements(page);
      await focusComposer(page, fixture);
      await page.keyboard.type(PAYLOAD);
      const state = await waitForMarks(page, (s) => s.hints >= 3 && s.gauge, "hints on the payload text");
      assert.equal((await editorText(page)).replace(/\n/g, ""), PAYLOAD, "the editor holds the payload as typed");

      // Open the hint list from the gauge and a card by keyboard.
      const [gx, gy, gw, gh] = state.gauge;
      await page.mouse.click(gx + gw - 14, gy + gh / 2);
      await sleep(200);
      await page.keyboard.press("Escape");
      const mark = state.marks.find((m) => m.polarity === "fame");
      await page.mouse.click(mark.rects[0][0] + 2, mark.rects[0][1] + mark.rects[0][3] / 2);
      await pressCombo(page, "Alt", "Shift", "KeyH");
      await waitFor(async () => (await overlayState(page)).card !== null, { what: "the card" });
      await sleep(300);

      assert.equal(await page.evaluate(() => window.__xss), undefined, "a payload ran in the page");
      assert.equal(await countElements(page), elementsBefore, "a payload became an element in the page");
      const probes = server.hits.filter((h) => h.path.startsWith("/__xss-probe"));
      assert.deepEqual(probes, [], "a payload made the browser load something");
      await page.close();
    },
  };
});
