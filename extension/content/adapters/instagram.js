/**
 * Instagram (www.instagram.com): the caption field of "Create new post" (a
 * contenteditable) and the comment box under a post (a textarea).
 */
(() => {
  // Caption editor in the create dialog.
  const CAPTION = '[contenteditable="true"][role="textbox"][aria-label^="Write a caption"]';
  // Comment field under a post or reel.
  const COMMENT = 'textarea[aria-label^="Add a comment"]';
  // "Share" in the create dialog.
  const PUBLISH = '[role="dialog"][aria-label="Create new post"] [role="button"]';
  globalThis.RapportAdapters.register({
    id: "instagram",
    platform: "instagram",
    doc: "Instagram: caption (contenteditable) and comments (textarea)",
    matches: globalThis.RapportAdapters.onSite("instagram"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(CAPTION, "caption");
      watchComposers(COMMENT, "comment");
      watchPublish(PUBLISH);
    },
  });
})();
