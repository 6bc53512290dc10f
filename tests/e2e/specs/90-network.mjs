// Runs last in each browser: no request from any page or extension context
// during the whole run went anywhere but the fixture server under its hosts
// or the extension's own files, and none carried a draft. Drafts never leave
// the browser.
//
// What records the requests: every page the tests open (content scripts' and
// extension pages' requests show there); in Chromium the service worker
// through its own DevTools session; in Firefox, whose WebDriver BiDi does not
// report the background event page, the browser's own HTTP log, which names
// every request any process of the browser made.
import assert from "node:assert/strict";

const LOCAL_SCHEMES = ["chrome-extension:", "moz-extension:", "data:", "blob:", "about:"];
const WEB = /^(https?|wss?):/i;

/** Lower case, one space between words, URL escapes and "+" decoded: how a draft would look in a URL, a header or a body. */
function normalize(s) {
  let out = String(s);
  for (let i = 0; i < 2; i++) {
    try { out = decodeURIComponent(out.replace(/\+/g, " ")); } catch { break; }
  }
  return out.toLowerCase().replace(/\s+/g, " ");
}

/** Pieces of each typed draft long enough to be the draft's and nothing else's: runs of three words, 12 characters or more. */
function draftPieces(typed) {
  const pieces = new Set();
  for (const text of typed) {
    const words = normalize(text).split(" ").filter(Boolean);
    for (let i = 0; i + 3 <= words.length; i++) {
      const piece = words.slice(i, i + 3).join(" ");
      if (piece.length >= 12) pieces.add(piece);
    }
  }
  return [...pieces];
}

function carriesDraft(pieces, ...parts) {
  const hay = normalize(parts.filter(Boolean).join("\n"));
  return pieces.find((p) => hay.includes(p)) ?? null;
}

export default [
  {
    name: "no request left the browser during the run (pages, content scripts, extension pages, background), none carried a draft",
    async run({ session, server, kind }) {
      assert.ok(session.requests.length > 20, `the recorder saw the run's requests (${session.requests.length})`);
      const outside = session.requests.filter(({ url }) => {
        const u = new URL(url);
        if (LOCAL_SCHEMES.includes(u.protocol)) return false;
        return !(u.protocol === "https:" && server.hosts.includes(u.hostname) && (u.port === "" || u.port === "443"));
      });
      assert.deepEqual(outside, [], "requests to anywhere but the fixture server");
      const fromExtension = session.requests.filter(({ context, navigation }) => !navigation && /^(chrome|moz)-extension:/.test(context));
      assert.deepEqual(fromExtension.filter(({ url }) => !/^(chrome|moz)-extension:|^data:|^blob:/.test(url)), [], "an extension context fetched a web URL");
      // Chromium records a content script's request as the page's (context is
      // the page's URL); the initiator's stack still names the extension's
      // script. Firefox's BiDi gives no initiator; its HTTP log is checked below.
      const byExtensionScript = session.requests.filter(({ url, initiator }) => WEB.test(url) && initiator?.some((u) => /^(chrome|moz)-extension:/.test(u)));
      assert.deepEqual(byExtensionScript, [], "an extension script (a content script in a page, or an extension page) made a web request");
      if (kind === "chromium") assert.ok(session.requests.some(({ initiator }) => initiator?.length > 0), "the recorder saw request initiators");

      // The site publishing what the user submitted: a page's form posted to
      // its own origin as a navigation (old Reddit's submit form) carries the
      // post, as it must. The extension makes no navigation and submits no form.
      const sitePublish = ({ url, context, method, navigation }) => navigation && method === "POST" && context && new URL(context).host === new URL(url).host;
      const published = new Set(session.requests.filter(sitePublish).map(({ url }) => url.replace(/^https:/, "")));
      const pieces = draftPieces(session.typed);
      assert.ok(pieces.length > 50, `the run typed drafts to look for (${pieces.length} pieces)`);
      const leaked = session.requests.filter((r) => !sitePublish(r) && carriesDraft(pieces, r.url, r.postData))
        .map((r) => ({ ...r, draft: carriesDraft(pieces, r.url, r.postData) }));
      assert.deepEqual(leaked, [], "a request carried a draft");
      assert.deepEqual(session.requests.filter((r) => WEB.test(r.url) && r.method !== "GET" && !sitePublish(r)), [], "a request sent a body (the fixtures only GET, but for a site's own form post)");

      if (kind !== "firefox") return;
      // Firefox: the whole browser's requests, from its HTTP log. Each must be
      // one a test's page made (seen there, as often), so a request from the
      // background, which no page sees, fails here wherever it went.
      const log = session.browserRequests();
      assert.ok(log.channels.length > 20 && log.sent.length > 20, `the HTTP log recorded the run (${log.channels.length} channels, ${log.sent.length} sent)`);
      const seen = new Map();
      for (const { url } of session.requests) if (WEB.test(url)) seen.set(url, (seen.get(url) || 0) + 1);
      const unseen = [];
      for (const { url } of log.channels) {
        const n = seen.get(url) || 0;
        if (n > 0) seen.set(url, n - 1);
        else unseen.push(url);
      }
      assert.deepEqual(unseen, [], "the browser made requests no test page made (the background's, or the browser's own)");
      const bySite = ({ method, url }) => method === "POST" && published.has(url.replace(/^https:/, ""));
      const sentDraft = log.sent.filter((r) => !bySite(r) && carriesDraft(pieces, r.head)).map(({ head }) => head);
      assert.deepEqual(sentDraft, [], "a request as sent carried a draft");
      assert.deepEqual(log.sent.filter((r) => r.method !== "GET" && !bySite(r)).map(({ head }) => head), [], "a request sent a body");
    },
  },
];
