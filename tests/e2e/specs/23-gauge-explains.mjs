// The gauge says what carried the balance (issue 11): its hint list opens
// with one line naming the cues and quoting the words that carried it
// ("Leaning broadcast: Self-praise “…”, Follow ask “…”"), its accessible
// name and tooltip name the cues without quoting the draft, and a draft
// whose only hint is a pointer ("Learn more") reads as neutral with that
// pointer named as too light to carry it.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { focusComposer, openFixture, overlayState, resetSettings, setDevSetting, waitForMarks } from "../lib/composer.mjs";
import { waitFor } from "../browsers.mjs";

const CASES = [
  {
    text: "Proud to be named one of the best places to work for the third year running! Follow us for more.",
    balance: /broadcast/,
    named: ["Self-praise", "Follow asks"],
    quoted: ["“Follow us for more”"],
  },
  {
    text: "Safe food handling outdoors matters in summer. Learn more: https://example.com/food-safety",
    balance: /^neutral$/,
    named: ["Calls to action"],
    quoted: ["“Learn more”", "not carry"],
  },
];

/** The `.why` line of the open hint list (the overlay's shadow root is open for this test). */
const whyLine = (page) => page.evaluate(() => document.querySelector("rapport-overlay")?.shadowRoot?.querySelector(".hints .why")?.textContent ?? null);

export default ["facebook"].map((adapter) => {
  const fixture = FIXTURES.find((f) => f.adapter === adapter);
  return {
    name: `${fixture.editor} (${adapter}): the gauge names what carried the balance`,
    async run({ session }) {
      await resetSettings(session);
      await setDevSetting(session, { shadowRoot: "open" });
      try {
        for (const c of CASES) {
          const page = await openFixture(session, fixture);
          await focusComposer(page, fixture);
          await page.keyboard.type(c.text);
          const state = await waitForMarks(page, (s) => s.gauge && s.why && c.balance.test(s.balance), `the balance of ${JSON.stringify(c.text)}`);
          for (const name of c.named) assert.ok(state.why.includes(name), `the gauge's name ${JSON.stringify(state.why)} lacks ${name}`);
          assert.ok(!state.why.includes("“"), `the gauge's name quotes the draft: ${JSON.stringify(state.why)}`);
          const [gx, gy, gw, gh] = state.gauge;
          await page.mouse.click(gx + gw - 14, gy + gh / 2);
          const line = await waitFor(async () => {
            const w = await whyLine(page);
            return w && c.quoted.every((q) => w.includes(q)) ? w : null;
          }, { what: `the hint list's first line quoting ${c.quoted.join(", ")}` }).catch(async (e) => {
            e.message += `; it read ${JSON.stringify(await whyLine(page))}`;
            throw e;
          });
          assert.ok(line.length < 300, `one line, not a paragraph: ${line}`);
          assert.equal((await overlayState(page)).balance, state.balance);
          await page.close();
        }
      } finally {
        await setDevSetting(session, null);
      }
    },
  };
});
