/**
 * Facebook (www.facebook.com, web.facebook.com): the "Create post" dialog
 * and the comment and reply boxes under posts, Lexical editors. Found by
 * structure only (editor markers, roles, where they sit): every label
 * Facebook shows ("Comment as …", "Publicar", "投稿") follows the UI
 * language. See docs/site-dom-evidence.md, "Facebook".
 */
(() => {
  // Lexical's root (data-lexical-editor), or any rich textbox when that marker goes.
  const EDITOR = ':is([contenteditable="true"][data-lexical-editor="true"], [contenteditable="true"][role="textbox"])';
  // Comment and reply boxes sit inside the post or comment they answer
  // (role=article), in the feed or in a post's overlay. Messenger's chat
  // boxes, Lexical too, sit in no article: they are not comments.
  const COMMENT_BOX = `[role="article"] ${EDITOR}`;
  // The "Create post" dialog's editor.
  const POST_BOX = `[role="dialog"] ${EDITOR}`;
  // Submit controls are div[role=button] (aria-disabled while empty) or buttons.
  const CONTROL = '[role="button"], button';
  globalThis.RapportAdapters.register({
    id: "facebook",
    platform: "facebook",
    doc: "Facebook: create-post dialog and comments (Lexical), found by structure",
    matches: globalThis.RapportAdapters.onSite("facebook"),
    setup({ watchComposers, watchPublish, submitsOnEnter }) {
      watchComposers(COMMENT_BOX, "comment");
      watchComposers(POST_BOX, "post");
      // A bare Enter sends a comment; Shift+Enter is a new line.
      submitsOnEnter?.("comment");
      // The dialog's Post and a comment's send control: the last control after the editor.
      watchPublish(CONTROL, globalThis.RapportAdapters.submitAfter(CONTROL));
    },
  });
})();
