// Threads and X's narrow layout as they are in 2025-2026
// (docs/site-dom-evidence.md): the Threads compose dialog opened from the
// feed's entry row (a button, not an editor), its Post scoped to the modal
// and Ctrl/Cmd+Enter, with and without Lexical's marker; the inline reply
// editor; X's narrow layout, a textarea inside the tweetTextarea wrapper, on
// x.com and mobile.x.com. Each: hints on the right words, apply + undo with
// the editor's own undo, publish recorded exactly once; cancel never.
import { waitFor } from "../browsers.mjs";
import { resetAll } from "../lib/history.mjs";
import { checkHints, checkNothingRecorded, composerCase, openCase, typeDraft } from "../lib/sites.mjs";

const TH = { adapter: "threads", host: "www.threads.net", path: "/compose" };
export const THREADS = [
  { ...TH, name: "compose dialog opened from the entry row (Lexical, no marker)", id: "th-post", opener: "#th-entry", label: "post", publish: '[data-fixture-send="th-post"]', publishHow: "with the modal's Post" },
  { ...TH, name: "compose dialog (Lexical, no marker)", id: "th-post", opener: "#th-entry", label: "post", publish: "mod-enter", publishHow: "with Ctrl/Cmd+Enter" },
  { ...TH, name: "reply editor (Lexical, no marker)", id: "th-reply", label: "reply", publish: '[data-fixture-send="th-reply"]', publishHow: "with its send icon" },
];
const TH_QUICK = [
  { ...TH, name: "compose dialog (Lexical, data-lexical-editor)", query: "&marker=on", id: "th-post", opener: "#th-entry", label: "post", publish: '[data-fixture-send="th-post"]', publishHow: "with Post" },
  { ...TH, name: "reply editor (Lexical, data-lexical-editor)", query: "&marker=on", id: "th-reply", label: "reply", publish: "mod-enter", publishHow: "with Ctrl/Cmd+Enter" },
  { ...TH, host: "www.threads.com", name: "compose dialog on threads.com", id: "th-post", opener: "#th-entry", label: "post", publish: '[data-fixture-send="th-post"]', publishHow: "with Post" },
];
const XN = { adapter: "x", host: "x.com", path: "/compose" };
export const X_NARROW = [
  { ...XN, name: "narrow layout textarea", id: "x-narrow", label: "post", publish: '[data-testid="tweetButton"]', publishHow: "with tweetButton" },
  { ...XN, host: "mobile.x.com", name: "narrow layout textarea on mobile.x.com", id: "x-narrow", label: "post", publish: "mod-enter", publishHow: "with Ctrl/Cmd+Enter" },
];
const X_QUICK = [
  { ...XN, name: "narrow layout reply textarea", id: "x-narrow-reply", label: "post", publish: '[data-testid="tweetButtonInline"]', publishHow: "with tweetButtonInline" },
];

export default [
  ...THREADS.map((c) => composerCase(c)),
  ...TH_QUICK.map((c) => composerCase(c, { quick: true })),
  {
    name: "threads: the feed's entry row is not an editor; a dialog cancelled records nothing",
    async run({ session }) {
      await resetAll(session);
      const c = THREADS[0];
      const page = await openCase(session, c);
      await typeDraft(page, c);
      await checkHints(page, session, c);
      await page.click('[data-fixture-close="th-dialog"]');
      await waitFor(() => page.evaluate(() => !document.getElementById("th-post")), { what: "the dialog to close" });
      await checkNothingRecorded(session);
      await page.close();
    },
  },
  ...X_NARROW.map((c) => composerCase(c)),
  ...X_QUICK.map((c) => composerCase(c, { quick: true })),
];
