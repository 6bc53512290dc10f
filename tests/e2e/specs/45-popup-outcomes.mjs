// The popup's "What works for you" (issue 14): per balance group, the posts
// with counts, their median replies and likes and a chart, for all sites or
// one; "not enough posts yet" below 10 a group, with no figure; the
// difference with its interval and never as a cause; the tip from the
// user's own figures when they are clear. Export and clear carry the
// outcomes. The section's picture in the README is taken here.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { axeViolations, openPopup, resetAll, SCREENSHOTS, SEEDED, seedHistory, send, storedHistory, waitForPosts } from "../lib/history.mjs";

const GROUPS = {
  "connection-leaning": ["connecting", "leaning-connection"],
  "mixed-or-neutral": ["mixed", "neutral"],
  "broadcast-leaning": ["broadcasting", "leaning-broadcast"],
};
const NOW = Date.now();

/**
 * A history of `n` posts on X and LinkedIn: connection-leaning ones with
 * more replies than broadcast-leaning ones, every sixth without counts.
 */
function history(n, { counted = (i) => i % 6 !== 5 } = {}) {
  const balances = ["connecting", "broadcasting", "mixed", "leaning-connection", "leaning-broadcast"];
  const records = Array.from({ length: n }, (_, i) => {
    const template = SEEDED.records[i % SEEDED.records.length];
    const balance = balances[i % balances.length];
    const connection = balance.includes("connect");
    const broadcast = balance.includes("broadcast");
    const replies = connection ? 5 + (i % 4) : broadcast ? i % 3 : 2 + (i % 2);
    return {
      ...template,
      id: `outcome-${i}`,
      site: i % 3 === 0 ? "linkedin" : "x",
      host: i % 3 === 0 ? "www.linkedin.com" : "x.com",
      time: NOW - (n - i) * 3_600_000,
      balance,
      first_balance: null,
      ...(counted(i) ? { outcome: { replies, reposts: i % 4, likes: 10 + replies * 3 + (i % 5), views: 500 + i, read_at: NOW - 60_000 } } : {}),
    };
  });
  return { schema: 1, records };
}

/** Median as the core computes it (the mean of the middle two for an even count). */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** What the section shows, read from the rendered DOM. */
function section(page) {
  return page.evaluate(() => {
    const s = document.querySelector("section.outcomes");
    if (!s) return null;
    const num = (el) => (el?.dataset.value === undefined ? null : Number(el.dataset.value));
    return {
      withOutcomes: Number(s.dataset.withOutcomes),
      site: s.querySelector(".outcomes-body")?.dataset.site ?? null,
      sites: [...s.querySelectorAll("#outcomes-site option")].map((o) => o.value),
      groups: Object.fromEntries([...s.querySelectorAll("tr[data-group]")].map((r) => [r.dataset.group, {
        enough: r.dataset.enough === "true",
        posts: num(r.querySelector("td.num")),
        replies: num(r.querySelector(".median-replies")),
        likes: num(r.querySelector(".median-likes")),
        notEnough: r.querySelector(".not-enough")?.textContent ?? null,
      }])),
      bars: s.querySelectorAll("svg.outcomes-chart rect").length,
      chartLabel: s.querySelector("svg.outcomes-chart")?.getAttribute("aria-label") ?? "",
      differences: Object.fromEntries([...s.querySelectorAll("p.difference")].map((p) => [p.dataset.metric, {
        estimate: p.dataset.estimate === "" ? null : Number(p.dataset.estimate),
        low: p.dataset.low === undefined ? null : Number(p.dataset.low),
        high: p.dataset.high === undefined ? null : Number(p.dataset.high),
        clear: p.dataset.clear === "true",
        text: p.textContent,
      }])),
      caveat: s.querySelector(".caveat")?.textContent ?? "",
      tip: document.querySelector("#history .tip")?.dataset.tip ?? null,
      tipText: document.querySelector("#history .tip")?.textContent ?? "",
    };
  });
}

/** The expected figures of `records` (those on `site`, or all) per group. */
function expected(records, site = null) {
  const out = {};
  for (const [group, balances] of Object.entries(GROUPS)) {
    const rs = records.filter((r) => balances.includes(r.balance) && r.outcome && (!site || r.site === site));
    out[group] = { posts: rs.length, enough: rs.length >= 10, replies: rs.length >= 10 ? median(rs.map((r) => r.outcome.replies)) : null, likes: rs.length >= 10 ? median(rs.map((r) => r.outcome.likes)) : null };
  }
  return out;
}

export default [
  {
    name: "popup: what works for you — medians per balance group from the stored counts, a chart, per site, the difference with its interval, the tip from the user's own figures; axe; the README's picture",
    async run({ session, kind }) {
      await resetAll(session);
      const seeded = history(90);
      await seedHistory(session, seeded);
      const page = await openPopup(session);
      await page.setViewport({ width: 380, height: 900 });
      await waitForPosts(page, 90);
      let got = await section(page);
      const want = expected(seeded.records);
      assert.equal(got.withOutcomes, seeded.records.filter((r) => r.outcome).length);
      for (const [group, w] of Object.entries(want)) {
        assert.deepEqual({ posts: got.groups[group].posts, enough: got.groups[group].enough, replies: got.groups[group].replies, likes: got.groups[group].likes },
          { posts: w.posts, enough: w.enough, replies: w.replies, likes: w.likes }, `${group} over all sites`);
      }
      assert.equal(got.bars, 6, "two bars (replies, likes) for each of the three groups");
      assert.match(got.chartLabel, /Connection-leaning: Replies \(median\) \d/);
      const replies = got.differences.replies;
      assert.equal(replies.estimate, want["connection-leaning"].replies - want["broadcast-leaning"].replies);
      assert.ok(replies.low <= replies.estimate && replies.estimate <= replies.high && replies.clear && replies.low > 0, JSON.stringify(replies));
      assert.match(replies.text, /95% interval/);
      assert.match(got.caveat, /do not show that the wording caused/);
      assert.equal(got.tip, "your-connection-posts-get-more", "the tip quotes the user's own figures");
      assert.match(got.tipText, new RegExp(`median of ${replies.estimate} more replies`));
      assert.deepEqual(got.sites, ["", "x", "linkedin"]);

      // One site: LinkedIn has a third of the posts, so some groups have too few.
      await page.select("#outcomes-site", "linkedin");
      got = await section(page);
      assert.equal(got.site, "linkedin");
      const linkedin = expected(seeded.records, "linkedin");
      for (const [group, w] of Object.entries(linkedin)) {
        assert.equal(got.groups[group].posts, w.posts, `${group} on LinkedIn`);
        assert.equal(got.groups[group].enough, w.enough, `${group} on LinkedIn: enough?`);
        if (!w.enough) {
          assert.equal(got.groups[group].replies, null, `${group} on LinkedIn claims no median`);
          assert.match(got.groups[group].notEnough, /Not enough posts yet/);
        }
      }
      assert.ok(Object.values(linkedin).some((w) => !w.enough), "the per-site view has a group with too few posts");
      await page.select("#outcomes-site", "");
      assert.equal((await section(page)).site, "");

      assert.deepEqual(await axeViolations(page), [], "axe: no serious or critical violation with the section");
      if (kind === "chromium") {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await (await page.$("section.outcomes")).screenshot({ path: path.join(SCREENSHOTS, "popup-outcomes.png") });
      }
      await page.close();
    },
  },
  {
    name: "popup: below 10 posts with counts a group says \"not enough posts yet\" and nothing is compared or claimed; none read yet says how it works",
    async run({ session }) {
      await resetAll(session);
      // 25 posts, 12 with counts: 4 or 5 in each group.
      await seedHistory(session, history(25, { counted: (i) => i < 12 }));
      let page = await openPopup(session);
      await waitForPosts(page, 25);
      const got = await section(page);
      assert.equal(got.withOutcomes, 12);
      for (const g of Object.values(got.groups)) {
        assert.equal(g.enough, false);
        assert.equal(g.replies, null);
        assert.match(g.notEnough, /Not enough posts yet \(needs 10\)/);
      }
      assert.equal(got.bars, 0, "no bar without enough posts");
      for (const d of Object.values(got.differences)) {
        assert.equal(d.estimate, null);
        assert.match(d.text, /not enough posts yet to compare/);
      }
      assert.notEqual(got.tip, "your-connection-posts-get-more");
      await page.close();

      await seedHistory(session, history(25, { counted: () => false }));
      page = await openPopup(session);
      await waitFor(async () => (await section(page))?.withOutcomes === 0 || null, { what: "a summary without counts" });
      assert.match(await page.evaluate(() => document.querySelector("section.outcomes").textContent), /None read yet/);
      await page.close();
    },
  },
  {
    name: "export (JSON and CSV) carries the outcomes; clear removes them with the history",
    async run({ session }) {
      await resetAll(session);
      const seeded = history(12);
      await seedHistory(session, seeded);
      await waitFor(async () => (await storedHistory(session))?.records?.length === 12 || null, { what: "the seeded history" });
      const json = JSON.parse((await send(session, { kind: "exportHistory", format: "json" })).text);
      const first = seeded.records.find((r) => r.outcome);
      const exported = json.records.find((r) => r.id === first.id);
      assert.deepEqual(exported.outcome, first.outcome, "the JSON export has the counts and the time read");
      const csv = (await send(session, { kind: "exportHistory", format: "csv" })).text.split("\r\n");
      const header = csv[0].split(",");
      for (const column of ["replies", "reposts", "likes", "views", "outcome_read_at"]) assert.ok(header.includes(column), `CSV column ${column}`);
      const row = csv.find((line) => line.includes(`,${first.outcome.replies},${first.outcome.reposts},${first.outcome.likes},${first.outcome.views},`));
      assert.ok(row, "a CSV row carries the post's counts");
      await send(session, { kind: "clearHistory" });
      assert.equal(await storedHistory(session), null, "clear removes the history and its outcomes");
    },
  },
];
