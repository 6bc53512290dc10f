/**
 * Facebook (www.facebook.com): the "Create post" dialog and comment boxes,
 * Lexical editors (div[role=textbox][data-lexical-editor]).
 */
(() => {
  // Lexical's root in the "Create post" dialog.
  const POST_BOX = '[role="dialog"] [contenteditable="true"][role="textbox"]';
  // Lexical roots of comment boxes under posts ("Write a comment…").
  const COMMENT_BOX = '[contenteditable="true"][role="textbox"][aria-label^="Write a comment"], [contenteditable="true"][role="textbox"][aria-label^="Write a public comment"]';
  // The dialog's "Post" button is a div with role=button.
  const PUBLISH = '[role="dialog"] [role="button"][aria-label="Post"]';
  globalThis.RapportAdapters.register({
    id: "facebook",
    platform: "facebook",
    doc: "Facebook: create-post dialog and comments (Lexical)",
    matches: globalThis.RapportAdapters.onSite("facebook"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(POST_BOX, "post");
      watchComposers(COMMENT_BOX, "comment");
      watchPublish(PUBLISH);
    },
  });
})();
