/**
 * Instagram (www.instagram.com): the caption of "Create new post" (a
 * contenteditable, or a textarea) and the comment box under a post or reel
 * (a textarea in a form). Found by structure only: its labels ("Write a
 * caption...", "Añade un comentario...") follow the UI language. See
 * docs/site-dom-evidence.md, "Instagram".
 */
(() => {
  // A comment box: a textarea in the post's comment form (in the feed or a post's dialog).
  const COMMENT = "form textarea";
  // The caption editor in the create dialog, either form.
  const CAPTION = '[role="dialog"] :is(textarea, [contenteditable="true"], [contenteditable=""])';
  // Share, Post: div[role=button] or button.
  const CONTROL = '[role="button"], button';
  globalThis.RapportAdapters.register({
    id: "instagram",
    platform: "instagram",
    doc: "Instagram: caption (contenteditable or textarea) and comments (textarea), found by structure",
    matches: globalThis.RapportAdapters.onSite("instagram"),
    setup({ watchComposers, watchPublish, submitsOnEnter }) {
      watchComposers(COMMENT, "comment");
      watchComposers(CAPTION, "caption");
      // Enter sends a comment.
      submitsOnEnter?.("comment");
      // The comment's Post follows its textarea; Share sits in the dialog's header row, or after the caption.
      const after = globalThis.RapportAdapters.submitAfter(CONTROL);
      const header = globalThis.RapportAdapters.submitInHeader(CONTROL);
      watchPublish(CONTROL, (button, root) => after(button, root) || header(button, root));
    },
  });
})();
