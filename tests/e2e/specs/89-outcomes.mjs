// Outcomes (issue 14): on the user's own profile and post pages of X,
// Bluesky, Mastodon and LinkedIn (fixtures drawn from the evidence in
// docs/site-dom-evidence.md, tests/fixtures/shared/outcomes-page.js), the
// counts under their own posts land on the records of the posts Rapport
// recorded: a post cut behind "Show more" and one edited since are still
// found; a post that only opens like a recorded one, and another account's
// repost with the same words, are not; another account's page is not read
// at all; nothing is requested; the UI in English and in Spanish. Turning
// the options' switch off stops the reading.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { waitFor } from "../browsers.mjs";
import { onAddedSites, withExtraSites } from "../lib/added-sites.mjs";
import { sleep } from "../lib/composer.mjs";
import { inExtension, resetAll, send, storedHistory } from "../lib/history.mjs";
import { ROOT } from "../server.mjs";

// The fixtures' posts, read from the same file the pages draw them from.
const POSTS = (() => {
  const sandbox = { globalThis: {}, document: { documentElement: { dataset: {} } }, location: { search: "" }, URLSearchParams };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(ROOT, "tests/fixtures/shared/outcomes-page.js"), "utf8"), sandbox);
  return sandbox.OUTCOME_POSTS;
})();

// Where each site's pages are, and what its pages show of each count.
const SITES = {
  x: {
    host: "x.com",
    own: "/acme",
    post: "/acme/status/2000",
    other: "/rival",
    // Exact counts from the controls' labels [X-RV].
    expect: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes, views: c.views }),
    postPage: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes, views: c.views }),
  },
  bluesky: {
    host: "bsky.app",
    own: "/profile/acme.bsky.social",
    post: "/profile/acme.bsky.social/post/3k0abc",
    other: "/profile/rival.bsky.social",
    // A feed's repost count adds the quotes (one each here), and is compact; replies and likes are exact [BSKY-PC].
    expect: (c) => ({ replies: c.replies, reposts: c.reposts + 1, likes: c.likes }),
    postPage: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes }),
  },
  mastodon: {
    host: "mastodon.social",
    own: "/@acme",
    post: "/@acme/113000000000000000",
    other: "/@rival",
    // Counters are compact and rounded: 1,234 shows as 1.2K [MST-SN]. The post page has no reply count.
    expect: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes >= 1000 ? Math.round(c.likes / 100) * 100 : c.likes }),
    postPage: (c) => ({ reposts: c.reposts, likes: c.likes >= 1000 ? Math.round(c.likes / 100) * 100 : c.likes }),
  },
  linkedin: {
    host: "www.linkedin.com",
    own: "/in/acme/recent-activity/all/",
    post: "/feed/update/urn:li:activity:7400000000000000001/",
    other: "/in/rival/recent-activity/all/",
    expect: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes, views: c.views }),
    postPage: (c) => ({ replies: c.replies, reposts: c.reposts, likes: c.likes, views: c.views }),
  },
};

const counts = (o) => o && Object.fromEntries(["replies", "reposts", "likes", "views"].filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [k, o[k]]));

/** Records the recorded versions of the fixtures' posts, as published on `site` at `host`. */
async function recordPosts(session, site, host) {
  for (const key of ["long", "edited", "plain", "opening"]) {
    const reply = await send(session, { kind: "recordPost", text: POSTS[key].recorded, platform: site, id: `${site}-${key}` });
    assert.equal(reply?.recorded, true, `recorded ${key}: ${JSON.stringify(reply)}`);
  }
  // Recorded from an extension page here; a post published on the site has the site's host.
  await inExtension(session, async (api, h) => {
    const { history } = await api.storage.local.get("history");
    for (const r of history.records) r.host = h;
    await api.storage.local.set({ history });
  }, host);
  await waitFor(async () => (await storedHistory(session))?.records?.every((r) => r.host === host), { what: "the records' host" });
}

const outcomesById = async (session) => Object.fromEntries((await storedHistory(session)).records.map((r) => [r.id.replace(/^[a-z]+-/, ""), r.outcome ?? null]));

/** The outcome-reading state the page's content script reports (protocol composerStatus). */
async function pageState(session, url) {
  return inExtension(session, async (api, u) => {
    const [tab] = await api.tabs.query({ url: u.split("?")[0] + "*" });
    if (!tab) return null;
    try {
      return (await api.tabs.sendMessage(tab.id, { kind: "composerStatus" }))?.outcomes ?? null;
    } catch {
      return null;
    }
  }, url);
}

/** Opens `url` and waits until its content script has read the page (or, `read: false`, runs there). */
async function openAndRead(session, url, { read = true } = {}) {
  const page = await session.openPage(url);
  const state = await waitFor(async () => {
    const s = await pageState(session, url);
    return s && (!read || s.readings > 0) ? s : null;
  }, { what: `outcome reading on ${url}`, timeout: 15000 }).catch(async (e) => {
    const tabs = await inExtension(session, async (api) => (await api.tabs.query({})).map((t) => t.url));
    throw new Error(`${e.message}; tabs ${JSON.stringify(tabs)}`);
  });
  return { page, state };
}

/** Requests a fixture page made besides its own document, stylesheet and script (and the browser's favicon). */
function extraRequests(session, from, url) {
  const own = new Set(["/__shared/fixture.css", "/__shared/outcomes-page.js", "/favicon.ico"]);
  return session.requests.slice(from).filter((r) => {
    if (r.navigation || r.url.startsWith("chrome-extension:") || r.url.startsWith("moz-extension:") || r.url.startsWith("data:")) return false;
    if (r.url.split("?")[0] === url.split("?")[0]) return false;
    try {
      return !own.has(new URL(r.url).pathname);
    } catch {
      return true;
    }
  });
}

/** The whole scenario on one site in one UI language. */
async function scenario(session, site, lang, { query = "" } = {}) {
  const s = SITES[site];
  const q = [lang === "en" ? "" : `lang=${lang}`, query].filter(Boolean).join("&").replace(/^./, (c) => `?${c}`);
  const url = (p) => `https://${s.host}${p}${q}`;
  const what = `${site} [${lang}]`;
  await resetAll(session);
  if (site === "mastodon") {
    // A fresh install has no added sites: the instance is added again (its permission stays granted).
    const { settings } = await send(session, { kind: "getSettings" });
    await send(session, { kind: "setSettings", settings: { ...settings, extra_sites: [MASTODON_ORIGIN] } });
    await waitFor(() => inExtension(session, async (api) => (await api.scripting.getRegisteredContentScripts()).some((c) => c.matches.includes("https://mastodon.social/*"))), { what: "the content scripts registered on the instance" });
  }
  await recordPosts(session, site, s.host);
  const reportsBefore = (await send(session, { kind: "ping" })).outcomes.reports;

  // A post's own page: only that post's counts.
  const requestsFrom = session.requests.length;
  let { page } = await openAndRead(session, url(s.post));
  const edited = s.postPage(POSTS.edited.counts);
  await waitFor(async () => (JSON.stringify(counts((await outcomesById(session)).edited)) === JSON.stringify(edited) ? true : null), { what: `${what}: the edited post's counts from its page`, timeout: 15000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await outcomesById(session))} ${JSON.stringify(await pageState(session, url(s.post)))}`); });
  let got = await outcomesById(session);
  assert.equal(got.long, null, `${what}: the post page read only its post`);
  assert.ok(got.edited.read_at > Date.now() - 60_000, `${what}: the time read is kept`);
  assert.deepEqual(extraRequests(session, requestsFrom, url(s.post)), [], `${what}: no request`);
  await page.close();

  // The own profile: every recorded post shown, cut or edited; not the post that only opens like one, not the repost.
  const fromProfile = session.requests.length;
  ({ page } = await openAndRead(session, url(s.own)));
  await waitFor(async () => {
    const o = await outcomesById(session);
    return o.long && o.plain && JSON.stringify(counts(o.edited)) === JSON.stringify(s.expect(POSTS.edited.counts)) ? o : null;
  }, { what: `${what}: counts from the profile`, timeout: 15000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await outcomesById(session))} ${JSON.stringify(await pageState(session, url(s.own)))}`); });
  got = await outcomesById(session);
  assert.deepEqual(counts(got.long), s.expect(POSTS.long.counts), `${what}: the post cut behind "more" has its counts`);
  assert.deepEqual(counts(got.edited), s.expect(POSTS.edited.counts), `${what}: the edited post has its counts`);
  assert.deepEqual(counts(got.plain), s.expect(POSTS.plain.counts), `${what}: the post with a shortened link and an emoji has its own counts, not its repost's`);
  assert.equal(got.opening, null, `${what}: a different post with the same opening is not matched to the recorded one`);
  assert.deepEqual(extraRequests(session, fromProfile, url(s.own)), [], `${what}: no request`);
  const state = await pageState(session, url(s.own));
  assert.equal(state.own, true, `${what}: the page is the user's`);
  await page.close();

  // Another account's page with the same words: nothing read, nothing sent.
  const before = JSON.stringify(await outcomesById(session));
  const reportsAtOther = (await send(session, { kind: "ping" })).outcomes.reports;
  ({ page } = await openAndRead(session, url(s.other)));
  await sleep(1500);
  const other = await pageState(session, url(s.other));
  assert.equal(other.sent, 0, `${what}: nothing of another account's page was sent (${JSON.stringify(other)})`);
  assert.equal((await send(session, { kind: "ping" })).outcomes.reports, reportsAtOther, `${what}: the background got no report from another account's page`);
  assert.equal(JSON.stringify(await outcomesById(session)), before, `${what}: no record changed`);
  await page.close();
  assert.ok((await send(session, { kind: "ping" })).outcomes.reports > reportsBefore);
}

/** With the options' switch off, the own profile is not read; on again, it is. */
async function switchedOff(session) {
  await resetAll(session);
  await recordPosts(session, "x", "x.com");
  const { settings } = await send(session, { kind: "getSettings" });
  await send(session, { kind: "setSettings", settings: { ...settings, history: { ...settings.history, read_outcomes: false } } });
  const reports = (await send(session, { kind: "ping" })).outcomes.reports;
  const { page } = await openAndRead(session, "https://x.com/acme", { read: false });
  await sleep(2000);
  assert.equal((await pageState(session, "https://x.com/acme")).sent, 0, "nothing sent while outcome reading is off");
  assert.equal((await send(session, { kind: "ping" })).outcomes.reports, reports, "no report while outcome reading is off");
  assert.ok(Object.values(await outcomesById(session)).every((o) => o === null), "no counts stored while off");
  await send(session, { kind: "setSettings", settings: { ...settings, history: { ...settings.history, read_outcomes: true } } });
  await waitFor(async () => ((await outcomesById(session)).plain ? true : null), { what: "counts once outcome reading is on again", timeout: 15000 });
  await page.close();
}

const MASTODON_ORIGIN = "https://mastodon.social";

export default [
  ...["x", "bluesky", "linkedin"].flatMap((site) => ["en", "es"].map((lang) => ({
    name: `outcomes ${site} [${lang}]: counts onto the right records from the post page and the own profile; cut and edited posts found; same opening, reposts and other accounts' pages never; no request`,
    timeout: 90_000,
    async run({ session }) {
      await scenario(session, site, lang);
    },
  }))),
  ...["en", "es"].map((lang) => ({
    name: `outcomes linkedin, server-driven markup [${lang}]: an activity page of SDUI cards (no urn, a cut post showing only its first lines) reads like the classic one`,
    timeout: 90_000,
    async run({ session }) {
      await scenario(session, "linkedin", lang, { query: "markup=sdui" });
    },
  })),
  ...onAddedSites({
    firefox: "outcomes mastodon [en, es] (Firefox): counts onto the right records; other accounts' pages never read",
    chromium: "outcomes mastodon [en, es] (Chromium): counts onto the right records; other accounts' pages never read",
    origins: [`${MASTODON_ORIGIN}/*`],
    async scenario(session, grant) {
      await grant(session, [`${MASTODON_ORIGIN}/*`]);
      await withExtraSites(session, [MASTODON_ORIGIN], async () => {
        for (const lang of ["en", "es"]) await scenario(session, "mastodon", lang);
      });
    },
  }),
  {
    name: "outcomes: a malformed or oversized report is refused or reads nothing, and loses nothing",
    async run({ session }) {
      await resetAll(session);
      await recordPosts(session, "x", "x.com");
      const before = JSON.stringify(await storedHistory(session));
      for (const bad of [
        { kind: "readOutcomes", site: "x" },
        { kind: "readOutcomes", site: "myspace", posts: [] },
        { kind: "readOutcomes", site: "x", posts: [{ text: 42 }] },
        { kind: "readOutcomes", site: "x", posts: "all" },
      ]) {
        const reply = await send(session, bad);
        assert.equal(reply.ok, false, `refused: ${JSON.stringify(bad)} -> ${JSON.stringify(reply)}`);
      }
      const huge = "\ud83d" + "word ".repeat(20_000);
      const reply = await send(session, { kind: "readOutcomes", site: "x", posts: [{ text: huge, labels: ["1 like"] }, { text: POSTS.plain.recorded, labels: ["x".repeat(5000)] }] });
      assert.deepEqual([reply.ok, reply.matched, reply.unmatched], [true, 0, 2], JSON.stringify(reply));
      assert.equal(JSON.stringify(await storedHistory(session)), before, "the history is as it was");
      // Regression: a post with a lone surrogate (an emoji cut in half) was refused by the history's JSON reader, and lost.
      const cut = await send(session, { kind: "recordPost", text: "Thanks for coming \ud83d and see you soon", platform: "x", id: "lone-surrogate" });
      assert.equal(cut.recorded, true, JSON.stringify(cut));
    },
  },
  {
    name: "outcomes: the options' switch turns the reading off and on",
    timeout: 60_000,
    async run({ session }) {
      await switchedOff(session);
    },
  },
];
