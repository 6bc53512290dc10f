// The gauge never covers the site's own controls: on a tight layout (a
// narrow window, a draft that fills the composer's corner) its places inside
// the corner and to the right are taken, and "below" is where a site puts
// its Post button. Whatever place it takes, a click at the centre of every
// button around the composer reaches that button, not the gauge.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { focusComposer, openFixture, resetSettings, waitForMarks } from "../lib/composer.mjs";
import { EDITORS } from "../lib/fixtures.mjs";

const DRAFT = "Follow us for more and share this with 5 friends!!! We are the best brand in the world and our new product is amazing, buy now before it is gone. ".repeat(3).trim();
const NARROW = { width: 420, height: 760 };

/** Buttons within `reach` px of the composer whose centre does not reach them: [label, what is hit instead]. */
function coveredButtons(page, composer, reach = 120) {
  return page.evaluate((sel, near) => {
    const box = document.querySelector(sel).getBoundingClientRect();
    const close = (r) => r.right > box.left - near && r.left < box.right + near && r.bottom > box.top - near && r.top < box.bottom + near;
    const out = [];
    for (const b of document.querySelectorAll('button, [role="button"]')) {
      const r = b.getBoundingClientRect();
      if (!r.width || !r.height || !close(r)) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit !== b && !b.contains(hit)) out.push([b.textContent.trim() || b.getAttribute("aria-label") || b.outerHTML.slice(0, 60), hit?.localName ?? null]);
    }
    return out;
  }, composer, reach);
}

export default EDITORS.filter((f) => f.editor !== "textarea" || f.adapter === "reddit").map((fixture) => ({
  name: `${fixture.editor} (${fixture.adapter}), narrow window, a draft filling the corner: the gauge covers none of the site's buttons`,
  async run({ session }) {
    await resetSettings(session);
    const page = await openFixture(session, fixture);
    await page.setViewport(NARROW);
    await focusComposer(page, fixture);
    await page.keyboard.type(DRAFT);
    const state = await waitForMarks(page, (s) => s.hints > 0 && s.gauge, "the draft's marks and the gauge");
    await waitFor(async () => (await coveredButtons(page, fixture.composer)).length === 0, { what: "every button around the composer to be clear of the gauge", timeout: 3000 })
      .catch(async (e) => { throw new Error(`${e.message}: covered ${JSON.stringify(await coveredButtons(page, fixture.composer))}; the gauge is at ${state.gaugeSpot} ${JSON.stringify(state.gauge)}`); });
    assert.ok(state.gaugeSpot, "the gauge is shown");
  },
}));
