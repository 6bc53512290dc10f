// Posting habits: publishing from a fixture composer records the post (and a
// refused post does not), many tabs publishing at once lose nothing, a damaged
// store is repaired and the user told, the popup's summary equals the Rust
// numbers, export/clear/pause work, and options reach an open tab.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { MOD, openFixture, overlayState, pressCombo, sleep, waitForMarks } from "../lib/composer.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import {
  captureDownloads, inExtension, openPopup, openPublishFixture, popupSummary, resetAll, SEEDED, SEEDED_EXPECTED,
  seedHistory, send, waitForPosts, storedHistory, storedKey, waitForRecords,
} from "../lib/history.mjs";

const ASKING = "Follow us for more and share this with 5 friends!!!";
const CONNECTING = "What is the one tool you could not work without? Tell us below, we read every reply. Thanks to @ana for the idea!";

async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.keyboard.type(text);
}

export default [
  {
    name: "publishing with the Post button adds one record (textarea, reddit.com)",
    async run({ session }) {
      await resetAll(session);
      const page = await openPublishFixture(session, "www.reddit.com");
      await typeInto(page, "#post-body", ASKING);
      await page.click("[data-publish-button]");
      const [record] = await waitForRecords(session, 1);
      assert.equal(record.site, "reddit");
      assert.equal(record.host, "www.reddit.com");
      assert.ok(["broadcasting", "leaning-broadcast"].includes(record.balance), record.balance);
      assert.ok(record.cues["follow-ask"] >= 1, JSON.stringify(record.cues));
      assert.ok(record.phrases.some((p) => p.cue === "follow-ask" && /follow us/i.test(p.text)), JSON.stringify(record.phrases));
      assert.equal(record.text, undefined, "the text is stored only when the user opts in");
      assert.ok(record.stats.exclamation_runs >= 1);
      // The same analysis the background gives for the text.
      const reply = await send(session, { kind: "analyzeOnce", text: ASKING, platform: "reddit" });
      assert.equal(record.fame, reply.analysis.fame);
      assert.equal(record.connection, reply.analysis.connection);
    },
  },
  {
    name: "Ctrl+Enter publishes from a contenteditable (x.com); the first analysed balance is kept",
    async run({ session }) {
      await resetAll(session);
      const page = await openPublishFixture(session, "x.com");
      const composer = '[data-testid="tweetTextarea_0"]';
      await typeInto(page, composer, ASKING);
      await sleep(1500); // a pause: this is the draft as first analysed
      await pressCombo(page, MOD, "a");
      await page.keyboard.press("Backspace");
      await page.keyboard.type(CONNECTING);
      await pressCombo(page, MOD, "Enter");
      const [record] = await waitForRecords(session, 1);
      assert.equal(record.site, "x");
      assert.ok(["broadcasting", "leaning-broadcast"].includes(record.first_balance), `first ${record.first_balance}`);
      assert.ok(["connecting", "leaning-connection"].includes(record.balance), `final ${record.balance}`);
      assert.ok(record.cues["open-question"] >= 1 && record.cues.gratitude >= 1, JSON.stringify(record.cues));
      const page2 = await openPopup(session);
      const summary = await popupSummary(page2);
      assert.deepEqual(summary.improved, { improved: 1, tracked: 1 });
    },
  },
  {
    name: "a site that leaves for the new post's page confirms the publish by leaving",
    async run({ session }) {
      await resetAll(session);
      const page = await openPublishFixture(session, "www.reddit.com", { navigate: true });
      await typeInto(page, "#post-body", CONNECTING);
      await page.click("[data-publish-button]");
      await waitFor(() => page.evaluate(() => location.search === "?posted=1"), { what: "the new post's page" });
      const [record] = await waitForRecords(session, 1);
      assert.equal(record.site, "reddit");
    },
  },
  {
    name: "a post the site refuses keeps its text and is not recorded",
    async run({ session }) {
      await resetAll(session);
      const page = await openPublishFixture(session, "www.reddit.com", { fail: true });
      await typeInto(page, "#post-body", ASKING);
      await page.click("[data-publish-button]");
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.settled === "1"), { what: "the site's answer" });
      // The publish feature gives up once the composer kept its text past the confirmation window.
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.rapportLastPublish === "not-confirmed"), { what: "the attempt to expire", timeout: 15000 });
      assert.equal(await page.$eval("#post-body", (e) => e.value), ASKING);
      assert.equal(await storedHistory(session), null);
      // Retrying after the failure and succeeding records exactly one post.
      await page.goto("https://www.reddit.com/habits-publish", { waitUntil: "load" });
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the fixture" });
      await typeInto(page, "#post-body", ASKING);
      await page.click("[data-publish-button]");
      await waitForRecords(session, 1);
    },
  },
  {
    name: "20 tabs publishing at the same moment: every record is kept",
    timeout: 180_000,
    async run({ session }) {
      await resetAll(session);
      const pages = [];
      for (let i = 0; i < 20; i++) {
        const page = await openPublishFixture(session, "www.reddit.com");
        // Set through the value and an input event: typing into 20 tabs one after another is what takes time, not what is tested.
        await page.$eval("#post-body", (e, n) => {
          e.focus();
          e.value = `Post ${n}: thanks to everyone who came to the meetup! What should we cover next time?`;
          e.dispatchEvent(new InputEvent("input", { bubbles: true }));
        }, i);
        pages.push(page);
      }
      await Promise.all(pages.map((p) => p.$eval("[data-publish-button]", (b) => b.click())));
      const records = await waitForRecords(session, 20, "20 records");
      assert.equal(new Set(records.map((r) => r.id)).size, 20);
      await Promise.all(pages.map((p) => p.close()));
    },
  },
  {
    name: "the manual \"log the post in this tab\" records a post whose publish was not detected",
    async run({ session }) {
      await resetAll(session);
      // A site whose publish never confirms: nothing is recorded on its own.
      const tab = await openPublishFixture(session, "www.reddit.com", { fail: true });
      await typeInto(tab, "#post-body", CONNECTING);
      const popup = await openPopup(session);
      // The popup acts on the tab that is active in its window, as when it opens over the page.
      await tab.bringToFront();
      await popup.evaluate(() => document.querySelector('[data-action="log-tab"]').click());
      const [record] = await waitForRecords(session, 1);
      assert.equal(record.site, "reddit");
      assert.ok(record.cues["open-question"] >= 1, JSON.stringify(record.cues));
      await waitFor(() => popup.evaluate(() => /Logged/.test(document.getElementById("history-status")?.textContent ?? "")), { what: "the popup to say so" });
    },
  },
  {
    name: "a damaged store is repaired: valid records kept, the user told, the original kept aside",
    async run({ session }) {
      await resetAll(session);
      const valid = SEEDED.records.slice(0, 3);
      const damaged = { schema: 1, records: [valid[0], "garbage", valid[1], { id: "half a record" }, valid[2]] };
      await seedHistory(session, damaged);
      const page = await openPopup(session);
      await waitFor(async () => (await storedKey(session, "history_notice"))?.kind === "damaged-records", { what: "the repair" });
      const history = await storedHistory(session);
      assert.deepEqual(history.records.map((r) => r.id), valid.map((r) => r.id));
      assert.deepEqual(await storedKey(session, "history_backup"), damaged);
      const notice = await waitFor(async () => (await popupSummary(page)).notice?.includes("2 records") && (await popupSummary(page)).notice, { what: "the notice in the popup" });
      assert.match(notice, /3 were kept/);
      // Dismissing hides it for good.
      await page.click(".history-notice button");
      await waitFor(async () => (await popupSummary(page)).notice === null, { what: "the notice to go" });

      // A value that is not a history at all: reset, said so, and recording works again.
      await seedHistory(session, "}{ not json");
      await waitFor(async () => (await storedKey(session, "history_notice"))?.kind === "unreadable", { what: "the unreadable notice" });
      assert.equal(await storedKey(session, "history_backup"), "}{ not json");
      const reply = await send(session, { kind: "recordPost", text: CONNECTING, platform: "x", id: "after-repair" });
      assert.equal(reply.recorded, true);
      assert.deepEqual((await storedHistory(session)).records.map((r) => r.id), ["after-repair"]);
    },
  },
  {
    name: "the popup's summary of a seeded history equals the Rust unit-tested numbers",
    async run({ session }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      const page = await openPopup(session);
      await waitForPosts(page, SEEDED.records.length);
      const shown = await popupSummary(page);
      const want = SEEDED_EXPECTED;
      assert.equal(shown.posts, want.posts);
      assert.equal(shown.tip, want.tip.kind);
      assert.equal(shown.trendPoints, want.trend.length);
      assert.deepEqual(shown.trendBalances, want.trend.map((p) => p.balance));
      for (const rate of want.rates) {
        const got = shown.rates[rate.habit];
        assert.ok(got, `${rate.habit} is shown`);
        assert.equal(got.current, rate.current, `${rate.habit} current`);
        assert.equal(got.change, rate.change, `${rate.habit} change`);
        assert.equal(got.improved, rate.improved === null ? "flat" : rate.improved ? "yes" : "no", `${rate.habit} direction`);
      }
      assert.deepEqual(shown.improved, want.improved);
      assert.deepEqual(shown.phrases, want.top_fame_phrases.map((p) => ({ text: p.text, count: p.count })));
      assert.deepEqual(shown.sites, want.sites.map((s) => ({ site: s.site, cells: [s.posts, s.fame, s.connection] })));
      assert.equal(shown.empty, false);
    },
  },
  {
    name: "export (JSON and CSV), pause and clear work from the popup",
    async run({ session }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      const page = await openPopup(session);
      await waitForPosts(page, SEEDED.records.length);
      const downloads = await captureDownloads(page);
      await page.click('[data-action="export-json"]');
      await page.click('[data-action="export-csv"]');
      const [json, csv] = await downloads(2);
      assert.equal(json.name, "rapport-history.json");
      const exported = JSON.parse(json.text);
      assert.equal(exported.schema, 1);
      assert.deepEqual(exported.records.map((r) => r.id), SEEDED.records.map((r) => r.id));
      assert.equal(csv.name, "rapport-history.csv");
      const lines = csv.text.trimEnd().split("\r\n");
      assert.equal(lines.length, 1 + SEEDED.records.length);
      assert.match(lines[0], /^time,site,host,balance,first_balance,fame,connection/);
      assert.match(lines[1], /^2026-10-01T00:00:00Z,x,x\.com,leaning-broadcast,,25,0,/);

      await page.click('[data-action="pause"]');
      await waitFor(async () => (await popupSummary(page)).paused, { what: "the paused banner" });
      const settings = (await send(session, { kind: "getSettings" })).settings;
      assert.equal(settings.history.paused, true);
      const refused = await send(session, { kind: "recordPost", text: CONNECTING, platform: "x", id: "while-paused" });
      assert.deepEqual([refused.recorded, refused.reason], [false, "paused"]);
      // Publishing in a tab while paused records nothing either.
      const tab = await openPublishFixture(session, "www.reddit.com");
      await typeInto(tab, "#post-body", CONNECTING);
      await tab.click("[data-publish-button]");
      await waitFor(() => tab.evaluate(() => document.documentElement.dataset.published === "1"), { what: "the fixture to publish" });
      await sleep(500);
      assert.equal((await storedHistory(session)).records.length, SEEDED.records.length);
      await page.bringToFront();
      await page.click('[data-action="pause"]');
      await waitFor(async () => !(await popupSummary(page)).paused, { what: "recording to resume" });

      await page.click('[data-action="clear"]');
      assert.equal((await storedHistory(session)).records.length, SEEDED.records.length, "the first click only asks to confirm");
      await page.click('[data-action="clear"]');
      await waitFor(async () => (await storedHistory(session)) === null, { what: "the history to be cleared" });
      const after = await waitFor(async () => { const s = await popupSummary(page); return s.empty && s; }, { what: "the empty state" });
      assert.equal(after.posts, 0);
    },
  },
  {
    name: "damaged stored settings keep their valid parts (cleaned by the core), and drafts are still analysed",
    async run({ session }) {
      await resetAll(session);
      await inExtension(session, (api) => api.storage.local.set({
        settings: {
          options: { platform: "myspace", profile: { names: ["Acme", 42, null], handles: "@acme" }, disabled_rules: ["follow-ask"] },
          paused_sites: "x.com",
          extra_sites: ["https://fosstodon.org", "javascript:alert(1)"],
          nudge: true,
          history: { max_posts: "lots", max_age_days: 30, store_text: true, paused: 1 },
          ui_language: "pt-PT",
        },
      }));
      const settings = await waitFor(async () => {
        const s = (await send(session, { kind: "getSettings" })).settings;
        return s.nudge === true && s;
      }, { what: "the stored settings to be read" });
      assert.deepEqual(settings, {
        options: { platform: "generic", profile: { names: ["Acme"], handles: [], flag_phrases: [], ignore_phrases: [] }, disabled_rules: ["follow-ask"] },
        paused_sites: [],
        extra_sites: ["https://fosstodon.org"],
        nudge: true,
        history: { max_posts: 1000, max_age_days: 30, store_text: true, paused: false, read_outcomes: true },
        ui_language: "auto",
      });
      const { analysis } = await send(session, { kind: "analyzeOnce", text: "Follow us! Acme is the best brand ever!!!", platform: "x" });
      assert.ok(!analysis.hints.some((h) => h.cue === "follow-ask"), "the valid disabled rule still applies");
      assert.ok(analysis.hints.length > 0, "the draft is analysed");
      // Something that is not settings at all: the defaults, not a broken background.
      await inExtension(session, (api) => api.storage.local.set({ settings: "corrupted" }));
      await waitFor(async () => (await send(session, { kind: "getSettings" })).settings.nudge === false, { what: "the defaults" });
    },
  },
  {
    name: "an options change reaches an open tab without reload",
    async run({ session }) {
      await resetAll(session);
      const fixture = FIXTURES.find((f) => f.adapter === "reddit");
      const tab = await openFixture(session, fixture);
      await tab.click(fixture.composer);
      await tab.keyboard.type("Follow us for more tips.");
      await waitForMarks(tab, (s) => s.marks.some((m) => m.rule_id.startsWith("follow-ask")), "a follow-ask mark");
      const options = await session.openExtensionPage("options.html");
      await waitFor(() => options.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      await options.click("#cue-follow-ask");
      await waitFor(async () => (await send(session, { kind: "getSettings" })).settings.options.disabled_rules.includes("follow-ask"), { what: "the setting to be saved" });
      await tab.bringToFront();
      const state = await waitForMarks(tab, (s) => !s.marks.some((m) => m.rule_id.startsWith("follow-ask")), "the follow-ask mark to go");
      assert.ok(state.marks.every((m) => !m.rule_id.startsWith("follow-ask")));
      assert.equal(await tab.$eval(fixture.composer, (e) => e.value), "Follow us for more tips.", "the tab was not reloaded");
    },
  },
  {
    name: "an open options page follows settings changed elsewhere (pause from the popup)",
    async run({ session }) {
      await resetAll(session);
      const options = await session.openExtensionPage("options.html");
      await waitFor(() => options.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      assert.equal(await options.$eval("#recording-paused", (e) => e.checked), false);
      const popup = await openPopup(session);
      await popup.click('[data-action="pause"]');
      await waitFor(() => options.evaluate(() => document.getElementById("recording-paused")?.checked === true), { what: "the options page to show the pause" });
      // A later change on the options page keeps the pause.
      await options.bringToFront();
      await options.click("#nudge");
      await waitFor(async () => (await send(session, { kind: "getSettings" })).settings.nudge === true, { what: "the nudge to be saved" });
      assert.equal((await send(session, { kind: "getSettings" })).settings.history.paused, true);
    },
  },
  {
    name: "options: history cap, stored text, outcome reading, nudge and site switches are saved; settings export and import round-trip",
    async run({ session }) {
      await resetAll(session);
      const page = await session.openExtensionPage("options.html");
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      await page.click("#max-posts");
      await pressCombo(page, MOD, "a");
      await page.keyboard.type("25");
      await page.keyboard.press("Tab");
      await page.click("#store-text");
      assert.equal(await page.$eval("#read-outcomes", (e) => e.checked), true, "outcome reading is on by default");
      await page.click("#read-outcomes");
      await page.click("#nudge");
      await page.click("#site-x");
      const saved = await waitFor(async () => {
        const s = (await send(session, { kind: "getSettings" })).settings;
        return s.history.max_posts === 25 && s.history.store_text && !s.history.read_outcomes && s.nudge && s.paused_sites.includes("x.com") ? s : null;
      }, { what: "the settings to be saved" });
      assert.ok(saved.paused_sites.includes("twitter.com"));
      const reply = await send(session, { kind: "recordPost", text: CONNECTING, platform: "reddit", id: "with-text" });
      assert.equal(reply.recorded, true);
      assert.equal((await storedHistory(session)).records[0].text, CONNECTING);
      // The cap applies on every write: 30 posts, the newest 25 kept.
      for (let i = 0; i < 30; i++) await send(session, { kind: "recordPost", text: `Thanks for coming, number ${i}!`, platform: "x", id: `cap-${i}` });
      const ids = (await storedHistory(session)).records.map((r) => r.id);
      assert.equal(ids.length, 25);
      assert.equal(ids.at(-1), "cap-29");
      // And a lower cap applies at once, without waiting for the next post.
      await page.click("#max-posts");
      await pressCombo(page, MOD, "a");
      await page.keyboard.type("10");
      await page.keyboard.press("Tab");
      const capped = await waitForRecords(session, 10, "the history cut to the new cap");
      assert.equal(capped.at(-1).id, "cap-29");

      const downloads = await captureDownloads(page);
      await page.click('[data-action="export-settings"]');
      const [file] = await downloads(1);
      assert.equal(file.name, "rapport-settings.json");
      const exported = JSON.parse(file.text);
      assert.equal(exported.history.max_posts, 10);
      exported.options.profile.names = ["Acme Coffee"];
      exported.history.max_posts = 40;
      const tmp = path.join(fs.mkdtempSync("/tmp/rapport-e2e-"), "team-settings.json");
      fs.writeFileSync(tmp, JSON.stringify(exported));
      await page.click('[data-action="import-settings"]');
      // The picker the button opened, answered as a user would pick the file.
      const picker = await waitFor(() => page.$("input[type=file][data-import-settings]"), { what: "the file picker" });
      await picker.uploadFile(tmp);
      await waitFor(async () => {
        const s = (await send(session, { kind: "getSettings" })).settings;
        return s.history.max_posts === 40 && s.options.profile.names[0] === "Acme Coffee";
      }, { what: "the imported settings" });
      await waitFor(() => page.evaluate(() => document.getElementById("brand-names")?.value === "Acme Coffee"), { what: "the page to show them" });
    },
  },
  {
    name: "options: adding a site asks for its permission, lists it and enables it; removing it revokes both",
    // Chromium shows a permission prompt headless automation cannot answer; Firefox answers it through a pref.
    browsers: ["firefox"],
    async run({ session }) {
      await resetAll(session);
      const page = await session.openExtensionPage("options.html");
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the options page" });
      await page.click("#add-site");
      await page.keyboard.type("not a site");
      await page.click('[data-action="add-site"]');
      await waitFor(() => page.evaluate(() => /does not look like a site/.test(document.querySelector(".status")?.textContent ?? "")), { what: "the invalid-address message" });
      await page.click("#add-site");
      await pressCombo(page, MOD, "a");
      await page.keyboard.type("https://Mastodon.social/home");
      await page.keyboard.press("Enter");
      await waitFor(async () => (await send(session, { kind: "getSettings" })).settings.extra_sites.includes("https://mastodon.social"), { what: "the site in the settings" });
      await waitFor(() => page.evaluate(() => [...document.querySelectorAll("ul.extra-sites li span")].some((e) => e.textContent === "https://mastodon.social")), { what: "the site in the list" });
      assert.equal(await inExtension(session, (api) => api.permissions.contains({ origins: ["https://mastodon.social/*"] })), true);
      await page.click('ul.extra-sites [data-action="remove-site"]');
      await waitFor(async () => (await send(session, { kind: "getSettings" })).settings.extra_sites.length === 0, { what: "the site to be removed" });
      assert.equal(await inExtension(session, (api) => api.permissions.contains({ origins: ["https://mastodon.social/*"] })), false);
    },
  },
];
