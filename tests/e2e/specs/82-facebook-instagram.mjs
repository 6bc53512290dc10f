// Facebook and Instagram as they are in 2025-2026 (docs/site-dom-evidence.md):
// Lexical comment and reply boxes outside any dialog sent with a bare Enter,
// the create-post dialog, Messenger's chat box (not a comment); Instagram's
// caption as a contenteditable and as a textarea, its comment textarea sent
// with Enter or Post. Each: hints on the right words, apply + undo with the
// editor's own undo, publish recorded exactly once; cancel, discard,
// Shift+Enter and chat messages recorded never.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { editorText, pressCombo, sleep } from "../lib/composer.mjs";
import { resetAll } from "../lib/history.mjs";
import { checkHints, checkNothingRecorded, composerCase, DRAFT, openCase, typeDraft } from "../lib/sites.mjs";

const FB = { adapter: "facebook", host: "www.facebook.com", path: "/feed" };
export const FACEBOOK = [
  { ...FB, name: '"Comment as" box (Lexical, outside any dialog)', id: "fb-comment", label: "comment", publish: "enter", publishHow: "with Enter" },
  { ...FB, name: '"Reply to" box (Lexical)', id: "fb-reply", label: "comment", publish: "enter", publishHow: "with Enter" },
  { ...FB, name: '"Write a comment…" box (Lexical)', id: "fb-write", label: "comment", publish: "enter", publishHow: "with Enter" },
  { ...FB, name: "create-post dialog (Lexical)", id: "fb-post", label: "post", publish: '[data-fixture-send="fb-post"]', publishHow: "with its Post div[role=button]" },
];
const FB_QUICK = [
  { ...FB, name: '"Comment as" box', id: "fb-comment", label: "comment", publish: '[data-fixture-send="fb-comment"]', publishHow: "with its send control" },
  { ...FB, host: "web.facebook.com", name: "create-post dialog on web.facebook.com", id: "fb-post", label: "post", publish: '[data-fixture-send="fb-post"]', publishHow: "with Post" },
];

const IG = { adapter: "instagram", host: "www.instagram.com", path: "/create" };
export const INSTAGRAM = [
  { ...IG, name: "caption, contenteditable in the create dialog", id: "ig-caption", label: "caption", publish: '[data-fixture-send="ig-caption"]', publishHow: "with Share" },
  { ...IG, name: "caption, textarea in the create dialog", id: "ig-caption-field", label: "caption", publish: '[data-fixture-send="ig-caption-field"]', publishHow: "with Share" },
  { ...IG, name: "comment textarea", id: "ig-comment", label: "comment", publish: "enter", publishHow: "with Enter" },
];
const IG_QUICK = [
  { ...IG, name: "comment textarea", id: "ig-comment", label: "comment", publish: '[data-fixture-send="ig-comment"]', publishHow: "with its Post button" },
  { ...IG, name: "reel comment textarea", id: "ig-comment-2", label: "comment", publish: '[data-fixture-send="ig-comment-2"]', publishHow: "with its Post div[role=button]" },
];

export default [
  ...FACEBOOK.map((c) => composerCase(c)),
  ...FB_QUICK.map((c) => composerCase(c, { quick: true })),
  {
    name: "facebook comment: Shift+Enter is a new line, not a comment sent",
    async run({ session }) {
      await resetAll(session);
      const c = FACEBOOK[0];
      const page = await openCase(session, c);
      await typeDraft(page, c, "Thanks to Maria for the idea.");
      await pressCombo(page, "Shift", "Enter");
      await page.keyboard.type("What do you think?");
      await waitFor(async () => (await editorText(page)).includes("What do you think?"), { what: "the second line" });
      assert.match(await editorText(page), /idea\.\n+What/, "Shift+Enter made a new line");
      assert.equal(await page.evaluate(() => document.documentElement.dataset.published), "0");
      await checkNothingRecorded(session);
      await page.close();
    },
  },
  {
    name: "facebook create-post dialog closed (discarded): nothing recorded",
    async run({ session }) {
      await resetAll(session);
      const c = FACEBOOK[3];
      const page = await openCase(session, c);
      await typeDraft(page, c);
      await checkHints(page, session, c);
      await page.click('[data-fixture-close="fb-create"]');
      await waitFor(() => page.evaluate(() => !document.getElementById("fb-post")), { what: "the dialog to close" });
      await checkNothingRecorded(session);
      await page.close();
    },
  },
  {
    name: "facebook Messenger chat box (Lexical): plain hints, a message sent with Enter is not recorded",
    async run({ session }) {
      await resetAll(session);
      const c = { ...FB, id: "fb-chat", label: "draft" };
      const page = await openCase(session, c);
      await typeDraft(page, c);
      await checkHints(page, session, c);
      await page.keyboard.press("Enter");
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.published === "1"), { what: "the chat message to be sent" });
      await checkNothingRecorded(session);
      await page.close();
    },
  },
  {
    name: "facebook m.facebook.com (WebLite, another DOM): the Lexical composer gets plain hints through the generic path",
    async run({ session }) {
      await resetAll(session);
      const c = { adapter: "facebook", host: "m.facebook.com", path: "/", id: "mfb-post", label: "draft" };
      const page = await openCase(session, c);
      await typeDraft(page, c);
      await checkHints(page, session, c);
      await page.close();
    },
  },
  ...INSTAGRAM.map((c) => composerCase(c)),
  ...IG_QUICK.map((c) => composerCase(c, { quick: true })),
  {
    name: "instagram create dialog closed: the caption is not recorded",
    async run({ session }) {
      await resetAll(session);
      const c = INSTAGRAM[0];
      const page = await openCase(session, c);
      await typeDraft(page, c);
      await checkHints(page, session, c);
      await page.click('[data-fixture-close="ig-create"]');
      await waitFor(() => page.evaluate(() => !document.getElementById("ig-caption")), { what: "the dialog to close" });
      await checkNothingRecorded(session);
      await sleep(0);
      await page.close();
    },
  },
].map((t) => ({ ...t, draft: DRAFT }));
