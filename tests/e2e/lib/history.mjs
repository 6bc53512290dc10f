// Helpers for the posting-habits specs: the history in storage, the popup's
// rendered summary, and the fixture composers with a working Post button.
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";

export const SEEDED = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/data/history-seeded.json"), "utf8"));
export const SEEDED_EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/data/history-seeded.expected.json"), "utf8"));
export const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");

/**
 * Runs `fn(api, ...args)` in an extension page, where `api` is the extension
 * API (an extension page may read storage; the tests also seed it there).
 * `fn` is sent as source and must not close over anything.
 */
export async function inExtension(session, fn, ...args) {
  if (!session.extensionPage || session.extensionPage.isClosed()) {
    session.extensionPage = await session.openExtensionPage("popup.html");
    await waitFor(() => session.extensionPage.evaluate(() => !!globalThis.RapportBrowser), { what: "the extension page" });
  }
  // A string expression: evaluated by the driver, so the page's CSP (no eval) does not apply.
  return session.extensionPage.evaluate(`(${fn.toString()})(globalThis.RapportBrowser.api, ...${JSON.stringify(args)})`);
}

export const send = (session, message) => inExtension(session, (api, m) => api.runtime.sendMessage(m), message);
export const storedHistory = (session) => inExtension(session, async (api) => (await api.storage.local.get("history")).history ?? null);
export const storedKey = (session, key) => inExtension(session, async (api, k) => (await api.storage.local.get(k))[k] ?? null, key);

/** Empties storage (history and settings) but the tests' developer setting: each test starts like a fresh install. */
export async function resetAll(session) {
  await inExtension(session, async (api) => api.storage.local.remove(Object.keys(await api.storage.local.get(null)).filter((k) => k !== "dev")));
  // The background re-reads settings on the change; wait until it answers with defaults.
  await waitFor(async () => (await send(session, { kind: "getSettings" }))?.settings?.history?.paused === false, { what: "default settings" });
}

/**
 * Writes `value` as the stored history, as an older version or another tool
 * would. The age cap is lifted first: the seeded posts have fixed dates, and
 * the default cap (365 days) would drop them once they are a year old.
 */
export async function seedHistory(session, value) {
  const { settings } = await send(session, { kind: "getSettings" });
  await send(session, { kind: "setSettings", settings: { ...settings, history: { ...settings.history, max_age_days: 0 } } });
  await inExtension(session, (api, v) => api.storage.local.set({ history: v }), value);
}

export async function waitForRecords(session, count, what = `${count} records`) {
  return waitFor(async () => {
    const h = await storedHistory(session);
    return h && h.records?.length === count ? h.records : null;
  }, { what, timeout: 20000 });
}

/** Opens the popup and waits for the habit summary to render. */
export async function openPopup(session) {
  const page = await session.openExtensionPage("popup.html");
  await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true" && !!document.querySelector("#history h2")), { what: "the popup" });
  return page;
}

/** Waits until the popup shows a summary of `posts` posts (the background summarises a seeded history first). */
export async function waitForPosts(page, posts) {
  await waitFor(() => page.evaluate((n) => document.getElementById("history")?.dataset.posts === String(n), posts), { what: `a summary of ${posts} posts` });
}

/** Everything the popup shows of the summary, read from the rendered DOM. */
export function popupSummary(page) {
  return page.evaluate(() => {
    const history = document.getElementById("history");
    const num = (v) => (v === undefined || v === null ? null : Number(v));
    return {
      posts: num(history.dataset.posts),
      tip: history.querySelector(".tip")?.dataset.tip ?? null,
      trendPoints: history.querySelectorAll("svg.trend circle").length,
      trendBalances: [...history.querySelectorAll("svg.trend circle")].map((c) => c.dataset.balance),
      rates: Object.fromEntries([...history.querySelectorAll("tr[data-habit]")].map((r) => {
        const cur = r.querySelector("td.num:not(.change)");
        const ch = r.querySelector("td.change");
        return [r.dataset.habit, { current: num(cur.dataset.value), change: num(ch.dataset.value), improved: ch.dataset.improved ?? null }];
      })),
      improved: { improved: num(history.querySelector(".improved")?.dataset.improved), tracked: num(history.querySelector(".improved")?.dataset.tracked) },
      phrases: [...history.querySelectorAll("section.phrases li")].map((li) => ({ text: li.querySelector("q").textContent, count: Number(li.dataset.count) })),
      sites: [...history.querySelectorAll("tr[data-site]")].map((r) => ({ site: r.dataset.site, cells: [...r.querySelectorAll("td")].map((td) => Number(td.textContent)) })),
      notice: history.querySelector(".history-notice p")?.textContent ?? null,
      empty: !!history.querySelector(".history-empty"),
      paused: !!history.querySelector(".paused-banner"),
    };
  });
}

/** Opens a fixture composer with a working Post button (?outcome=fail: the site refuses). */
export async function openPublishFixture(session, host, { fail = false, navigate = false } = {}) {
  const query = fail ? "?outcome=fail" : navigate ? "?outcome=navigate" : "";
  const page = await session.openPage(`https://${host}/habits-publish${query}`);
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the publish fixture" });
  return page;
}

/** Captures what the page downloads through a temporary link: [{ name, text }]. */
export async function captureDownloads(page) {
  await page.evaluate(() => {
    globalThis.__downloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) {
        const name = this.download;
        globalThis.__downloads.push(fetch(this.href).then((r) => r.text()).then((text) => ({ name, text })));
        return;
      }
      return click.call(this);
    };
  });
  return async (count) => {
    await waitFor(() => page.evaluate((n) => globalThis.__downloads.length >= n, count), { what: `${count} downloads` });
    return page.evaluate(() => Promise.all(globalThis.__downloads));
  };
}

/** axe-core on the page as it is now: the serious and critical violations. */
export async function axeViolations(page) {
  const source = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  // Evaluated through the driver, which extension pages' CSP does not block (a <script> would be).
  if (!(await page.evaluate(() => !!globalThis.axe))) await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
}
