// The popup shows its last rendering at once when nothing it was drawn from
// has changed (popup-boot.js), and never a stale one: the snapshot must be
// exactly what Rust renders, be dropped when the summary changes, and be
// ignored when it is unreadable.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { inExtension, openPopup, resetAll, SEEDED, seedHistory, waitForPosts } from "../lib/history.mjs";

const SNAPSHOT_STORE = "rapport.popupSnapshot";

/** What an opening of the popup did: whether it showed a snapshot, and before Rust's rendering. */
const opening = (page) => page.evaluate((store) => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {
    snapshotAt: at("rapport:snapshot"), liveAt: at("rapport:shell"), inert: document.getElementById("root").inert,
    html: document.getElementById("root").innerHTML, saved: localStorage.getItem(store),
    posts: document.getElementById("history")?.dataset.posts ?? null,
  };
}, SNAPSHOT_STORE);

async function summarised(session, posts) {
  await waitFor(async () => (await inExtension(session, async (api) => (await api.storage.local.get("history_summary")).history_summary?.posts)) === posts,
    { what: `the background's summary of ${posts} posts`, timeout: 20000 });
}

/** Opens the popup, waits for Rust's rendering and for it to be kept as the next snapshot. */
async function openAndKeep(session) {
  const page = await openPopup(session);
  await waitFor(async () => {
    const o = await opening(page);
    return o.saved && JSON.parse(o.saved).html === o.html;
  }, { what: "the popup's rendering to be kept" });
  return page;
}

export default [
  {
    name: "popup: opened again with nothing changed, it shows the last rendering before Rust's, identical to it; a changed summary shows no snapshot",
    async run({ session }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      await summarised(session, SEEDED.records.length);
      (await openAndKeep(session)).close();

      const again = await openAndKeep(session);
      const o = await opening(again);
      assert.notEqual(o.snapshotAt, null, "the second opening showed the snapshot");
      assert.ok(o.snapshotAt < o.liveAt, `the snapshot (${o.snapshotAt} ms) came before Rust's rendering (${o.liveAt} ms)`);
      assert.equal(JSON.parse(o.saved).html, o.html, "the snapshot is exactly what Rust renders");
      assert.equal(o.inert, false, "Rust's rendering is live (the snapshot was inert)");
      assert.equal(o.posts, String(SEEDED.records.length));
      await again.close();

      // A new summary (as after a post): the kept rendering no longer matches it, so it is not shown.
      await seedHistory(session, { ...SEEDED, records: SEEDED.records.slice(0, 3) });
      await summarised(session, 3);
      const changed = await openPopup(session);
      await waitForPosts(changed, 3);
      const c = await opening(changed);
      assert.equal(c.snapshotAt, null, "no snapshot of the old summary was shown");
      await changed.close();
    },
  },
  {
    name: "popup: an unreadable or foreign snapshot is ignored and replaced; the popup renders as usual",
    async run({ session }) {
      await resetAll(session);
      await seedHistory(session, SEEDED);
      await summarised(session, SEEDED.records.length);
      const bad = [
        "{not json",
        JSON.stringify({ key: 42, html: "<p id=forged>forged</p>" }),
        JSON.stringify({ key: "some other state", html: "<p id=forged>forged</p>" }),
      ];
      for (const value of bad) {
        await inExtension(session, (api, store, v) => localStorage.setItem(store, v), SNAPSHOT_STORE, value);
        const page = await openAndKeep(session);
        const o = await opening(page);
        assert.equal(o.snapshotAt, null, `not shown: ${value}`);
        assert.equal(await page.evaluate(() => !!document.getElementById("forged")), false);
        assert.equal(o.posts, String(SEEDED.records.length));
        assert.notEqual(o.saved, value, "replaced by the popup's own rendering");
        await page.close();
      }
    },
  },
];
