// Reddit as docs/site-dom-evidence.md describes it. New Reddit (www and
// sh.reddit.com): the comment trigger swapping in shreddit-composer with its
// Lexical editor slotted in from the light DOM, the Markdown textarea two
// shadow roots deep, the post form's title (a textarea in a shadow root) and
// body with the submit button inside r-post-form-submit-button's shadow
// root. Old Reddit: form#newlink and the UserText comment form. For each:
// hints on the right words by position and on screen, a suggestion applied
// and undone with the editor's own undo, the publish recorded exactly once;
// a cancelled comment records nothing.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { overlayState, resetSettings, waitForMarks } from "../lib/composer.mjs";
import { storedHistory } from "../lib/history.mjs";
import { applyAndUndo, checkHints, expectNoRecord, expectOneRecord, focusDeep, openPage, resetAll } from "../lib/shadow.mjs";
import { assertLocalised, LANGS, withLang } from "../lib/sites.mjs";

const TRIGGER = "comment-composer-host faceplate-textarea-input >>> #innerTextArea";
const RTE = 'shreddit-composer [slot="rte"][contenteditable="true"]';
const published = (n) => `document.documentElement.dataset.published === "${n}"`;

/** Clicks the comment trigger and waits for the composer it swaps in. */
async function openComposer(page) {
  await page.click(TRIGGER);
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.composerOpen === "true" && document.documentElement.dataset.editorReady === "true"),
    { what: "the comment composer" });
}


const composerCase = ({ name, host, url, open, before, path, paint, publish, done }, lang = null) => ({
  name: `reddit ${name} (${host})${lang ? ` [${lang}]` : ""}: hints on the right words, apply + undo, published once`,
  timeout: 120_000,
  async run({ session }) {
    await resetAll(session);
    await resetSettings(session);
    const page = await openPage(session, `https://${host}${lang ? withLang(url, lang) : url}`);
    if (lang) await assertLocalised(page, lang);
    if (open) await open(page);
    if (before) await before(page);
    await focusDeep(page, path);
    const drawn = await checkHints(session, page, { path, platform: "reddit", paint });
    await applyAndUndo(page, drawn);
    await expectOneRecord(session, async () => {
      if (typeof publish === "function") await publish(page);
      else await page.click(publish);
      if (done) await waitFor(() => page.evaluate(done), { what: "the site to take the post" });
    }, { platform: "reddit", host });
    await page.close();
  },
});

/** The title typed first, as a user fills a post form. */
const titleFirst = (selector) => async (page) => {
  await focusDeep(page, selector);
  await page.keyboard.type("A question for you all");
};

// New Reddit's composers. Each in English, then with the site's UI in
// Spanish, German and Japanese (?lang=, tests/fixtures/shared/l10n.js): the
// adapter finds them by structure, never by their labels.
const NEW_REDDIT = [
  {
    name: "comment (trigger, then Lexical slotted into shreddit-composer)",
    host: "www.reddit.com",
    url: "/r/fixtures/comments/rapport/",
    open: openComposer,
    path: RTE,
    paint: "highlights",
    publish: 'shreddit-composer button[slot="submit-button"]',
    done: published(1),
  },
  {
    name: "reply (composer moved in from a detached fragment under the comment's action row)",
    host: "www.reddit.com",
    url: "/r/fixtures/comments/rapport/replies",
    open: async (page) => {
      await page.click('shreddit-comment-action-row [slot="comment-reply"]');
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.composerOpen === "true"), { what: "the reply composer" });
    },
    path: `shreddit-comment-action-row ${RTE}`,
    paint: "highlights",
    publish: 'shreddit-comment-action-row button[slot="submit-button"]',
    done: published(1),
  },
  {
    name: "Markdown comment (textarea two shadow roots deep)",
    host: "www.reddit.com",
    url: "/r/fixtures/comments/rapport/?mode=markdown",
    open: openComposer,
    path: "shreddit-composer >>> shreddit-markdown-composer >>> textarea",
    paint: "boxes",
    publish: 'shreddit-composer button[slot="submit-button"]',
    done: published(1),
  },
  {
    name: "comment in shreddit-simple-composer (contenteditable in its shadow root)",
    host: "www.reddit.com",
    url: "/r/fixtures/comments/rapport/?mode=simple",
    open: openComposer,
    path: "shreddit-simple-composer >>> [contenteditable]",
    paint: "boxes",
    publish: 'shreddit-simple-composer button[slot="submit-button"]',
    done: published(1),
  },
  {
    name: "post form body (submit inside r-post-form-submit-button's shadow root)",
    host: "www.reddit.com",
    url: "/r/fixtures/submit/",
    before: titleFirst("faceplate-textarea-input >>> #innerTextArea"),
    path: 'shreddit-composer [slot="rte"][aria-label]',
    paint: "highlights",
    publish: "r-post-form-submit-button >>> #inner-post-submit-button",
  },
];

const OLD_SUBMIT = {
  name: "submit form (form#newlink, a real form post)",
  host: "old.reddit.com",
  url: "/submit",
  before: titleFirst('form#newlink textarea[name="title"]'),
  path: 'form#newlink .usertext-edit textarea[name="text"]',
  paint: "boxes",
  publish: 'form#newlink button[name="submit"]',
};

export default [
  ...NEW_REDDIT.map((c) => composerCase(c)),
  // sh.reddit.com serves the same app.
  composerCase({ ...NEW_REDDIT[0], host: "sh.reddit.com" }),
  ...LANGS.flatMap((lang) => NEW_REDDIT.map((c) => composerCase(c, lang))),
  composerCase(OLD_SUBMIT),
  // No click or key of the user's: a site script submits the form. Only the
  // form's submit event says so.
  composerCase({
    ...OLD_SUBMIT,
    name: "submit form posted by the site's own script (requestSubmit, no click)",
    publish: (page) => page.evaluate(() => document.querySelector("form#newlink").requestSubmit()),
  }),
  composerCase({
    name: "comment (UserText form, button.save)",
    host: "old.reddit.com",
    url: "/r/fixtures/comments/rapport/",
    path: ".usertext-edit textarea",
    paint: "boxes",
    publish: ".usertext-buttons button.save",
    done: published(1),
  }),
  {
    name: "reddit post title (textarea in faceplate-textarea-input's shadow root): hints on the right words",
    timeout: 60_000,
    async run({ session }) {
      await resetSettings(session);
      const page = await openPage(session, "https://www.reddit.com/r/fixtures/submit/");
      const path = "faceplate-textarea-input >>> #innerTextArea";
      await focusDeep(page, path);
      // The page's fixture probe is the body's editor: the title is read from its own textarea.
      await page.evaluate(() => {
        const ta = document.querySelector("faceplate-textarea-input").shadowRoot.getElementById("innerTextArea");
        globalThis.__fixture = { ...globalThis.__fixture, root: ta, getText: () => ta.value, getCaret: () => ta.selectionEnd };
      });
      const drawn = await checkHints(session, page, { path, platform: "reddit", paint: "boxes" });
      await applyAndUndo(page, drawn);
      await page.close();
    },
  },
  {
    name: "reddit comment: Cancel records nothing",
    timeout: 60_000,
    async run({ session }) {
      await resetAll(session);
      await resetSettings(session);
      const page = await openPage(session, "https://www.reddit.com/r/fixtures/comments/rapport/");
      await openComposer(page);
      await focusDeep(page, RTE);
      await page.keyboard.type("Follow us for more and share this with 5 friends!!!");
      await waitForMarks(page, (s) => s.hints > 0 && s.platform === "reddit", "hints in the comment");
      await expectNoRecord(session, () => page.click('shreddit-composer button[slot="cancel-button"]'),
        () => page.evaluate(() => document.documentElement.dataset.cancelled === "true"));
      assert.equal((await overlayState(page)).hints, 0, "the closed composer's hints are gone");
      await page.close();
    },
  },
  {
    name: "reddit post form: a post the site refuses (inner shadow button) is not recorded",
    timeout: 60_000,
    async run({ session }) {
      await resetAll(session);
      await resetSettings(session);
      const page = await openPage(session, "https://www.reddit.com/r/fixtures/submit/?outcome=fail");
      await focusDeep(page, 'shreddit-composer [slot="rte"][aria-label]');
      await page.keyboard.type("Follow us for more and share this with 5 friends!!!");
      await waitForMarks(page, (s) => s.hints > 0, "hints in the post body");
      await page.click("r-post-form-submit-button >>> #inner-post-submit-button");
      // The attempt was seen (the inner button's host is on the composed path) and never confirmed.
      await waitFor(() => page.evaluate(() => document.documentElement.dataset.rapportLastPublish === "not-confirmed"), { what: "the refused attempt to lapse", timeout: 20_000 });
      const history = await storedHistory(session);
      assert.equal(history?.records?.length ?? 0, 0, "a refused post is not recorded");
      await page.close();
    },
  },
];
