// LinkedIn as docs/site-dom-evidence.md describes it: the share box (real
// Quill) inside the open shadow root of #interop-outlet, the new feed's
// TipTap comment boxes (aria-label on the editor, or on a div around it; a
// reply box) and the single-post page's Quill comment box. For each: hints
// on the right words by position and on screen, a suggestion applied and
// undone with the editor's own undo, the publish recorded exactly once; the
// share box's Dismiss -> Discard records nothing.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { analyzeInBackground, editorText, resetSettings, sameRects, sendFromExtension, waitForMarks } from "../lib/composer.mjs";
import { applyAndUndo, checkHints, deepTextRects, expectNoRecord, expectOneRecord, focusDeep, openPage, resetAll } from "../lib/shadow.mjs";
import { assertLocalised, LANGS, withLang } from "../lib/sites.mjs";

const HOST = "www.linkedin.com";
const SHARE_EDITOR = '#interop-outlet >>> [data-test-modal-id="sharebox"] .ql-editor';
const SHARE_POST = "#interop-outlet >>> button.share-actions__primary-action";

async function openShareBox(session) {
  const page = await openPage(session, `https://${HOST}/share`);
  await page.click(".share-box-feed-entry__trigger");
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === "true"), { what: "the share box" });
  return page;
}

const composerCase = ({ name, url, open, path, paint, publish, published, undoCaret = true }, lang = null) => ({
  name: `linkedin ${name}${lang ? ` [${lang}]` : ""}: hints on the right words, apply + undo, published once`,
  timeout: 120_000,
  async run({ session }) {
    await resetAll(session);
    await resetSettings(session);
    const page = await openPage(session, `https://${HOST}${lang ? withLang(url, lang) : url}`);
    if (lang) await assertLocalised(page, lang);
    if (open) await open(page);
    await focusDeep(page, path);
    const drawn = await checkHints(session, page, { path, platform: "linkedin", paint });
    await applyAndUndo(page, drawn, { undoCaret });
    await expectOneRecord(session, async () => {
      if (publish.includes("share-actions")) {
        await waitFor(() => page.evaluate(() => !document.getElementById("interop-outlet").shadowRoot.querySelector("button.share-actions__primary-action").disabled), { what: "Post to be enabled" });
      }
      await page.click(publish);
      await waitFor(() => page.evaluate(published), { what: "the site to take the post" });
    }, { platform: "linkedin", host: HOST });
    await page.close();
  },
});

// Each composer in English, then with the site's UI in Spanish, German and
// Japanese (?lang=, tests/fixtures/shared/l10n.js): the adapter finds them by
// structure, never by their labels.
const COMPOSERS = [
  {
    name: "share box (Quill in #interop-outlet's open shadow root)",
    url: "/share",
    open: (page) => page.click(".share-box-feed-entry__trigger"),
    path: SHARE_EDITOR,
    // A composer in a shadow tree gets boxes in both browsers (overlay.js).
    paint: "boxes",
    // Measured: in Chromium, Quill's own undo in a shadow root restores the
    // words but puts the caret at the end of the text (in a probe no
    // beforeinput reached the editor for the insertion, so Quill's history
    // has the change from its DOM diff only); Firefox puts it back. The
    // apply's caret is checked in both.
    undoCaret: false,
    publish: SHARE_POST,
    published: () => document.documentElement.dataset.published === "1",
  },
  {
    name: "new-feed comment (TipTap, aria-label on the editor)",
    url: "/comments",
    open: (page) => page.click('[data-view-name="feed-comment-button"]'),
    path: '[data-view-name="comment-box"] .tiptap.ProseMirror[role="textbox"]',
    paint: "highlights",
    publish: 'button[data-view-name="comment-post"]',
    published: () => document.documentElement.dataset.published === "1",
  },
  {
    name: "new-feed reply (TipTap, aria-label on a parent div)",
    url: "/comments?label=parent&reply=1",
    open: (page) => page.click('[data-view-name="feed-comment-button"]'),
    path: '[data-view-name="comment-box"] div[aria-label] div[contenteditable="true"]',
    paint: "highlights",
    publish: 'button[data-view-name="comment-reply-post"]',
    published: () => document.documentElement.dataset.published === "1",
  },
  {
    name: "single-post page comment (Quill, /posts/...)",
    url: "/posts/rapport-fixture",
    path: ".comments-comment-texteditor .ql-editor",
    paint: "highlights",
    publish: "button.comments-comment-box__submit-button--cr",
    published: () => document.documentElement.dataset.published === "1",
  },
];


export default [
  ...COMPOSERS.map((c) => composerCase(c)),
  ...LANGS.flatMap((lang) => COMPOSERS.map((c) => composerCase(c, lang))),
  {
    name: "linkedin share box: Dismiss then Discard records nothing; the preload frame's decoy editor is no composer",
    timeout: 60_000,
    async run({ session }) {
      await resetAll(session);
      const page = await openShareBox(session);
      await focusDeep(page, SHARE_EDITOR);
      await page.keyboard.type("Follow us for more and share this with 5 friends!!!");
      await waitFor(async () => (await page.evaluate(() => document.querySelector("rapport-overlay")?.dataset.hints)) > 0, { what: "hints in the share box" });
      await expectNoRecord(session, async () => {
        await page.click("#interop-outlet >>> .artdeco-modal__dismiss");
        await page.click("#interop-outlet >>> [data-test-dialog-secondary-btn]");
      }, () => page.evaluate(() => document.documentElement.dataset.dismissed === "discard"));
      // The decoy: a .ql-editor in a hidden same-site frame, where no content script runs.
      const frame = page.frames().find((f) => f.url().includes("/preload/"));
      assert.ok(frame, "the page has its preload frame");
      assert.equal(await frame.evaluate(() => document.querySelector("rapport-overlay")), null, "nothing of Rapport in the preload frame");
      await page.close();
    },
  },
  {
    name: "linkedin share box: the editor scrolling inside the shadow tree moves the boxes with the words",
    timeout: 60_000,
    async run({ session }) {
      await resetSettings(session);
      const page = await openShareBox(session);
      await focusDeep(page, SHARE_EDITOR);
      for (let i = 0; i < 8; i++) {
        await page.keyboard.type(`Line ${i} of a long post, nothing to see here.`);
        await page.keyboard.press("Enter");
      }
      await page.keyboard.type("Follow us for more and smash that like button!!!");
      const text = await editorText(page);
      const analysis = await analyzeInBackground(session, text, "linkedin");
      const follow = analysis.hints.find((h) => text.slice(h.start, h.end).startsWith("Follow"));
      assert.ok(follow, "the last line has a hint");
      const words = text.slice(follow.start, follow.end);
      const drawnAt = async () => (await waitForMarks(page, (st) => st.hints === analysis.hints.length, "the hints")).marks.find((m) => m.rule_id === follow.rule_id).rects;
      const scrolled = await page.evaluate(() => {
        const editor = document.getElementById("interop-outlet").shadowRoot.querySelector(".ql-editor");
        const before = editor.scrollTop;
        editor.scrollTop = before > 20 ? before - 20 : before + 20;
        return { before, after: editor.scrollTop, scrollHeight: editor.scrollHeight, clientHeight: editor.clientHeight };
      });
      assert.ok(scrolled.before !== scrolled.after, `the editor scrolls: ${JSON.stringify(scrolled)}`);
      await waitFor(async () => sameRects(await drawnAt(), await deepTextRects(page, SHARE_EDITOR, words)), { what: `the box of "${words}" to follow the editor's scroll` })
        .catch(async (e) => { throw new Error(`${e.message}: drawn ${JSON.stringify(await drawnAt())}, words ${JSON.stringify(await deepTextRects(page, SHARE_EDITOR, words))}`); });
      await page.close();
    },
  },
  {
    name: "linkedin share box: focused when the core starts (a site resumed), its draft is drawn without a keystroke",
    timeout: 60_000,
    async run({ session }) {
      await resetSettings(session);
      const page = await openShareBox(session);
      await focusDeep(page, SHARE_EDITOR);
      await page.keyboard.type("Follow us for more and share this with 5 friends!!!");
      await waitForMarks(page, (st) => st.hints > 0, "hints in the share box");
      const { settings } = await sendFromExtension(session, { kind: "getSettings" });
      await sendFromExtension(session, { kind: "setSettings", settings: { ...settings, paused_sites: [HOST] } });
      await waitFor(() => page.evaluate(() => !document.querySelector("rapport-overlay")), { what: "the paused site's overlay to go" });
      await resetSettings(session);
      // No focus or input event comes now: the core finds the focused composer inside the shadow root itself.
      await waitForMarks(page, (st) => st.hints > 0 && st.platform === "linkedin", "the resumed core to draw the focused share box");
      await page.close();
    },
  },
];
