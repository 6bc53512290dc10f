// The options page gives back what a hint's card took away: rules turned off
// with "Turn off this rule" and sites paused with "Pause on this site" are
// listed there and switched back on with the keyboard, and the open tab
// follows without reload. Sites are added (a Mastodon instance) with the
// optional host permission requested inside the click.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { analyzeInBackground, focusComposer, openFixture, overlayState, pressCombo, sleep, waitForMarks } from "../lib/composer.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { axeViolations, inExtension, resetAll, send } from "../lib/history.mjs";

const DRAFT = "Follow us for more tips. What would you like us to cover next?";

async function openOptions(session) {
  const page = await session.openExtensionPage("options.html");
  await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
  return page;
}

const settingsNow = async (session) => (await send(session, { kind: "getSettings" })).settings;

/** Opens the card of `mark` (a click on its words, then the card shortcut) and presses its `action` button with the keyboard. */
async function cardAction(session, page, mark, text, platform, action) {
  const [x, y, width, height] = mark.rects[0]; // viewport pixels
  await page.mouse.click(x + Math.min(width / 2, 8), y + height / 2);
  await pressCombo(page, "Alt", "Shift", "KeyH");
  await waitFor(async () => (await overlayState(page))?.card === mark.rule_id && page.evaluate(() => document.activeElement?.localName === "rapport-overlay"),
    { what: `the card of ${mark.rule_id}` });
  // The card's buttons, in order; "apply" only when the hint has a rewrite.
  const hint = (await analyzeInBackground(session, text, platform)).hints.find((h) => h.rule_id === mark.rule_id);
  const order = [...(typeof hint.replacement === "string" ? ["apply"] : []), "ignore", "disable-rule", "pause-site", "close"];
  for (let i = 0; i < order.indexOf(action); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
}

/** The element that has focus on `page`: tag, id and its row's value. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e?.localName, id: e?.id || null, row: e?.closest("li")?.dataset.value ?? null };
});

const rows = (page, list) => page.evaluate((l) => [...document.querySelectorAll(`ul.${l} li`)].map((li) => li.dataset.value), list);

/** Default settings, then the adapter's fixture composer with DRAFT typed in it. */
async function freshDraft(session, adapter) {
  await resetAll(session);
  const fixture = FIXTURES.find((f) => f.adapter === adapter);
  const tab = await openFixture(session, fixture);
  await focusComposer(tab, fixture);
  await tab.keyboard.type(DRAFT);
  return { fixture, tab };
}

export default [
  {
    name: "options: a rule turned off from a hint's card is listed and turned back on with the keyboard; the open tab shows it again without reload",
    async run({ session }) {
      const { fixture, tab } = await freshDraft(session, "reddit");
      const state = await waitForMarks(tab, (s) => s.marks.some((m) => m.rule_id.startsWith("follow-ask.")), "a follow-ask mark");
      const mark = state.marks.find((m) => m.rule_id.startsWith("follow-ask."));
      await cardAction(session, tab, mark, DRAFT, "reddit", "disable-rule");
      await waitForMarks(tab, (s) => !s.marks.some((m) => m.rule_id === mark.rule_id), "the turned-off rule to go");
      assert.deepEqual((await settingsNow(session)).options.disabled_rules, [mark.rule_id]);

      const options = await openOptions(session);
      assert.deepEqual(await rows(options, "rules-off"), [mark.rule_id], "the rule is listed");
      const row = await options.$eval(`ul.rules-off li[data-value="${mark.rule_id}"]`, (li) => ({
        text: li.textContent, label: li.querySelector("button").getAttribute("aria-label"),
      }));
      assert.match(row.text, /Follow asks/, "named by its cue");
      assert.match(row.label, /^Turn back on: .*follow/i, "the button says which rule");
      assert.equal(await options.$eval(`#cue-follow-ask`, (e) => e.checked), true, "the cue itself stays on");

      // Keyboard only: Tab to the button, Enter.
      await options.focus("#cue-follow-ask");
      for (let i = 0; i < 40 && (await focused(options)).row !== mark.rule_id; i++) await options.keyboard.press("Tab");
      assert.equal((await focused(options)).row, mark.rule_id, "the button is reachable with Tab");
      await options.keyboard.press("Enter");
      await waitFor(async () => (await settingsNow(session)).options.disabled_rules.length === 0, { what: "the rule to be turned back on" });
      assert.deepEqual(await rows(options, "rules-off"), []);
      assert.deepEqual(await focused(options), { tag: "h3", id: "rules-off-heading", row: null }, "focus stays in the list's place");
      assert.match(await options.$eval(".status", (e) => e.textContent), /Follow asks: the rule is on again/);
      assert.equal(await options.$eval("#rules-off-help + .off-none", (e) => e.hidden), false, "the list says it is empty");

      await tab.bringToFront();
      await waitForMarks(tab, (s) => s.marks.some((m) => m.rule_id === mark.rule_id), "the rule's mark to come back");
      assert.equal(await tab.$eval(fixture.composer, (e) => e.value), DRAFT, "the tab was not reloaded");
    },
  },
  {
    name: "options: a site paused from a hint's card is switched back on there; paused hosts without a switch are listed and resumed",
    async run({ session }) {
      const { fixture, tab } = await freshDraft(session, "reddit");
      const state = await waitForMarks(tab, (s) => s.hints > 0, "hints");
      await cardAction(session, tab, state.marks[0], DRAFT, "reddit", "pause-site");
      await waitFor(() => tab.evaluate(() => !document.querySelector("rapport-overlay")), { what: "the overlay to go" });
      assert.deepEqual((await settingsNow(session)).paused_sites, [fixture.host]);

      // A host paused on a site with no switch of its own (a Mastodon instance), as the card on it would store it.
      const s = await settingsNow(session);
      await send(session, { kind: "setSettings", settings: { ...s, paused_sites: [...s.paused_sites, "mastodon.social"] } });
      const options = await openOptions(session);
      assert.equal(await options.$eval("#site-reddit", (e) => e.checked), false, "Reddit's switch shows the pause");
      assert.deepEqual(await rows(options, "sites-off"), ["mastodon.social"], "the instance is listed; Reddit is not listed twice");
      assert.equal(await options.$eval('ul.sites-off button', (b) => b.getAttribute("aria-label")), "Resume Rapport on mastodon.social");

      // The switch, with the keyboard: the open tab gets its overlay back without reload.
      await options.focus("#site-reddit");
      await options.keyboard.press(" ");
      await waitFor(async () => !(await settingsNow(session)).paused_sites.includes(fixture.host), { what: "Reddit to be resumed" });
      await tab.bringToFront();
      await waitForMarks(tab, (st) => st.hints > 0, "the overlay to come back");
      assert.equal(await tab.$eval(fixture.composer, (e) => e.value), DRAFT, "the tab was not reloaded");

      await options.bringToFront();
      await options.focus('ul.sites-off li[data-value="mastodon.social"] button');
      await options.keyboard.press("Enter");
      await waitFor(async () => (await settingsNow(session)).paused_sites.length === 0, { what: "the instance to be resumed" });
      assert.deepEqual(await rows(options, "sites-off"), []);
      assert.match(await options.$eval(".status", (e) => e.textContent), /mastodon\.social again/);
      assert.deepEqual(await focused(options), { tag: "h3", id: "sites-off-heading", row: null });
    },
  },
  {
    name: "options: the lists of what was turned off pass axe-core (light and dark) and keep the page's look",
    async run({ session }) {
      await resetAll(session);
      const s = await settingsNow(session);
      await send(session, { kind: "setSettings", settings: { ...s, options: { ...s.options, disabled_rules: ["follow-ask.follow-us", "hard-sell.urgency"] }, paused_sites: ["mastodon.social"] } });
      const options = await openOptions(session);
      assert.equal((await rows(options, "rules-off")).length, 2);
      for (const scheme of ["light", "dark"]) {
        const applied = await options.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]).then(() => true, () => false);
        if (!applied && scheme === "dark") continue; // Firefox's driver cannot emulate it (41-habits-pages says so too)
        assert.deepEqual(await axeViolations(options), [], `options page with lists (${scheme})`);
      }
    },
  },
  {
    name: "options: adding a Mastodon instance asks for its permission inside the click; a tab already open on it is checked without reload; pausing it there lists it",
    // Chromium shows a permission prompt headless automation cannot answer; Firefox answers it through a pref.
    browsers: ["firefox"],
    async run({ session }) {
      const { fixture: mastodon, tab } = await freshDraft(session, "mastodon");
      await sleep(300);
      assert.equal(await overlayState(tab), null, "nothing runs before the site is added");

      const options = await openOptions(session);
      await options.focus("#add-site");
      await options.keyboard.type(mastodon.host);
      await options.focus('[data-action="add-site"]');
      await options.keyboard.press("Enter"); // a key press on the button is a user gesture too
      await waitFor(async () => (await settingsNow(session)).extra_sites.includes(`https://${mastodon.host}`), { what: "the instance in the settings" });
      assert.equal(await inExtension(session, (api, o) => api.permissions.contains({ origins: [o] }), `https://${mastodon.host}/*`), true, "the permission was granted");
      assert.match(await options.$eval(".status", (e) => e.textContent), /added/);
      assert.equal((await focused(options)).id, "add-site", "focus goes back to the field");

      // The tab opened before: the background started the content scripts in it.
      await tab.bringToFront();
      await focusComposer(tab, mastodon);
      await tab.keyboard.type(" Thanks!");
      const state = await waitForMarks(tab, (s) => s.hints > 0 && s.platform === "mastodon", "hints in the tab opened before the site was added");
      const text = await tab.$eval(mastodon.composer, (e) => e.value);
      assert.equal(text, `${DRAFT} Thanks!`, "the tab was not reloaded");

      await cardAction(session, tab, state.marks[0], text, "mastodon", "pause-site");
      await waitFor(() => tab.evaluate(() => !document.querySelector("rapport-overlay")), { what: "the overlay to go" });
      await options.bringToFront();
      // The open options page follows the change made in the tab.
      await waitFor(async () => (await rows(options, "sites-off")).includes(mastodon.host), { what: "the paused instance in the list" });
      await options.click(`ul.sites-off li[data-value="${mastodon.host}"] button`);
      await tab.bringToFront();
      await waitForMarks(tab, (s) => s.hints > 0, "the overlay to come back");

      await options.bringToFront();
      await options.click('ul.extra-sites [data-action="remove-site"]');
      await waitFor(async () => (await settingsNow(session)).extra_sites.length === 0, { what: "the instance to be removed" });
    },
  },
  {
    name: "options: the add-site button asks for the host permission inside the click (the browser's prompt stubbed: headless Chromium cannot answer it)",
    browsers: ["chromium"],
    async run({ session }) {
      await resetAll(session);
      const options = await openOptions(session);
      // Records whether the request runs with the click's user activation, which browsers require, and answers it.
      await options.evaluate(() => {
        globalThis.__requests = [];
        const request = (p) => { globalThis.__requests.push({ origins: p.origins, activation: navigator.userActivation.isActive }); return Promise.resolve(true); };
        for (const ns of [globalThis.browser, globalThis.chrome]) {
          if (ns?.permissions) Object.defineProperty(ns.permissions, "request", { configurable: true, value: request });
        }
      });
      await options.focus("#add-site");
      await options.keyboard.type("https://Mastodon.Example/home");
      await options.click('[data-action="add-site"]');
      await waitFor(() => options.evaluate(() => globalThis.__requests.length === 1), { what: "the permission request" });
      assert.deepEqual(await options.evaluate(() => globalThis.__requests), [{ origins: ["https://mastodon.example/*"], activation: true }]);
      await waitFor(async () => (await settingsNow(session)).extra_sites.includes("https://mastodon.example"), { what: "the site in the settings" });
      await waitFor(() => options.evaluate(() => [...document.querySelectorAll("ul.extra-sites li span")].some((e) => e.textContent === "https://mastodon.example")), { what: "the site in the list" });
      assert.equal((await focused(options)).id, "add-site");
      const s = await settingsNow(session);
      await send(session, { kind: "setSettings", settings: { ...s, extra_sites: [] } });
    },
  },
];
