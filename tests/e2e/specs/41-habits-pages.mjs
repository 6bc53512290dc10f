// The popup (empty and with a history) and the options page pass axe-core
// with no serious or critical violation, in light and dark themes, and the
// screenshots the README shows are taken from them.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { openFixture, waitForMarks } from "../lib/composer.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { axeViolations, openPopup, popupSummary, resetAll, SCREENSHOTS, SEEDED, seedHistory, waitForPosts } from "../lib/history.mjs";

/** Dark mode through the driver where it can (Chromium); null where it cannot. */
async function setScheme(page, scheme) {
  try {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    return await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
  } catch {
    return null;
  }
}

async function checkAxe(page, what, kind) {
  for (const scheme of ["light", "dark"]) {
    const applied = await setScheme(page, scheme);
    if (applied === null && scheme === "dark") {
      console.log(`# ${kind}: ${what} dark theme not checked (the driver cannot emulate it)`);
      continue;
    }
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${what} (${scheme}): ${JSON.stringify(violations, null, 1)}`);
  }
  await setScheme(page, "light");
}

async function shoot(page, kind, name, clip = null) {
  if (kind !== "chromium") return; // one set of pictures for the README
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  if (clip) await page.screenshot({ path: file, clip });
  else await (await page.$("body")).screenshot({ path: file });
}

export default [
  {
    name: "axe-core: the popup's empty state has no serious or critical violation",
    async run({ session, kind }) {
      await resetAll(session);
      const page = await openPopup(session);
      await page.setViewport({ width: 380, height: 700 });
      assert.equal((await popupSummary(page)).empty, true);
      await checkAxe(page, "empty popup", kind);
      await shoot(page, kind, "popup-empty.png");
    },
  },
  {
    name: "axe-core: the popup with a summary has no serious or critical violation (light and dark)",
    async run({ session, kind }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      const page = await openPopup(session);
      await waitForPosts(page, SEEDED.records.length);
      await page.setViewport({ width: 380, height: 700 });
      assert.equal((await popupSummary(page)).posts, SEEDED.records.length);
      await checkAxe(page, "popup summary", kind);
      await shoot(page, kind, "popup-summary.png");
      if (kind === "chromium") {
        await setScheme(page, "dark");
        await shoot(page, kind, "popup-summary-dark.png");
        await setScheme(page, "light");
      }
      // Keyboard: every action is reachable with Tab, in order, and named.
      const names = [];
      for (let i = 0; i < 40 && !names.includes("Clear history"); i++) {
        await page.keyboard.press("Tab");
        names.push(await page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.getAttribute("aria-label") || document.activeElement?.id));
      }
      for (const label of ["Pause recording", "Export JSON", "Export CSV", "Clear history"]) assert.ok(names.includes(label), `${label} reachable by Tab: ${names.join(" | ")}`);
    },
  },
  {
    name: "axe-core: the options page has no serious or critical violation",
    async run({ session, kind }) {
      await resetAll(session);
      const page = await session.openExtensionPage("options.html");
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      await page.setViewport({ width: 800, height: 1000 });
      await checkAxe(page, "options page", kind);
      await shoot(page, kind, "options.png");
    },
  },
  {
    name: "screenshot: the overlay on a fixture composer (x.com, Draft.js)",
    browsers: ["chromium"],
    async run({ session, kind }) {
      await resetAll(session);
      const fixture = FIXTURES.find((f) => f.adapter === "x");
      const page = await openFixture(session, fixture);
      await page.setViewport({ width: 900, height: 520 });
      await page.click(fixture.composer);
      await page.keyboard.type("BIGGEST SALE EVER!!! Follow us for more. What would you like us to make next? Thanks to @ana for the idea.");
      await waitForMarks(page, (s) => s.marks.length >= 3, "the marks");
      await new Promise((r) => setTimeout(r, 400)); // the gauge's transition
      await shoot(page, kind, "overlay-x.png", { x: 0, y: 0, width: 640, height: 360 });
    },
  },
];
