// The popup's "this tab" line: for the tab it is opened over, whether
// Rapport runs there, which adapter, how many composers it recognises and
// how many took the generic path, and which path the composer last used
// took, with the extension's version: what a user quotes in a bug report.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { waitFor } from "../browsers.mjs";
import { ROOT } from "../server.mjs";
import { openPopup, resetAll } from "../lib/history.mjs";
import { openCase, typeDraft } from "../lib/sites.mjs";

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "extension", "manifest.json"), "utf8")).version;
const FB = { adapter: "facebook", host: "www.facebook.com", path: "/feed" };

/** Brings `tab` to the front (the popup acts on the active tab) and has the popup ask it again. */
async function statusFor(popup, tab) {
  await tab.bringToFront();
  await popup.evaluate(() => {
    document.getElementById("tab-status").dataset.ready = "";
    document.getElementById("tab-status-refresh").click();
  });
  await waitFor(() => popup.evaluate(() => document.getElementById("tab-status").dataset.ready === "true"), { what: "the popup's tab status" });
  return popup.evaluate(() => {
    const s = document.getElementById("tab-status");
    return { ...s.dataset, text: document.getElementById("tab-status-text").textContent };
  });
}

export default [
  {
    name: "popup status: a composer the adapter recognises, then one it misses (generic path), with site, adapter, counts and version",
    async run({ session }) {
      await resetAll(session);
      const tab = await openCase(session, { ...FB, id: "fb-comment" });
      await typeDraft(tab, { ...FB, id: "fb-comment" });
      const popup = await openPopup(session);
      let status = await statusFor(popup, tab);
      assert.equal(status.running, "true", status.text);
      assert.equal(status.adapter, "facebook");
      // The create-post dialog, the "Comment as", "Reply to" and "Write a comment…" boxes; not Messenger's chat box.
      assert.equal(status.recognised, "4", status.text);
      assert.equal(status.generic, "0");
      assert.deepEqual([status.activePath, status.activeLabel], ["adapter", "comment"]);
      assert.ok(status.text.includes(VERSION) && status.text.includes("www.facebook.com") && status.text.includes("facebook adapter"), status.text);

      await typeDraft(tab, { ...FB, id: "fb-chat" });
      status = await statusFor(popup, tab);
      assert.equal(status.generic, "1", status.text);
      assert.deepEqual([status.activePath, status.activeLabel], ["generic", "draft"]);
      assert.match(status.text, /generic path/, status.text);
    },
  },
  {
    name: "popup status: a page Rapport does not run on says so, with the version",
    async run({ session }) {
      const tab = await session.openPage("https://rapport-off.test/__site/www.facebook.com/feed?main=fb-comment");
      await waitFor(() => tab.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the page" });
      const popup = await openPopup(session);
      const status = await statusFor(popup, tab);
      assert.equal(status.running, "false");
      assert.ok(status.text.includes(VERSION) && /does not run/.test(status.text), status.text);
    },
  },
];
