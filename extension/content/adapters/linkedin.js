/**
 * LinkedIn (www.linkedin.com): the share box ("Start a post") and comment
 * boxes in the feed, both Quill editors. Long posts fold behind "…see more"
 * after about 210 characters, so the gauge marks where the fold falls.
 */
(() => {
  // Quill's editable root inside the share dialog ("Start a post").
  const SHARE_BOX = ".share-creation-state__text-editor .ql-editor";
  // Quill's editable root inside a feed post's comment box.
  const COMMENT_BOX = ".comments-comment-box .ql-editor, .comments-comment-texteditor .ql-editor";
  // The share dialog's "Post" button and a comment box's submit button.
  const PUBLISH = ".share-actions__primary-action, .comments-comment-box__submit-button";
  // Feed previews cut a post after about this many characters.
  const SEE_MORE_FOLD = 210;
  globalThis.RapportAdapters.register({
    id: "linkedin",
    platform: "linkedin",
    doc: "LinkedIn: share box and comments (Quill), with the 'see more' fold",
    matches: globalThis.RapportAdapters.onSite("linkedin"),
    setup({ watchComposers, watchPublish, setFold }) {
      watchComposers(SHARE_BOX, "post");
      watchComposers(COMMENT_BOX, "comment");
      watchPublish(PUBLISH);
      setFold(SEE_MORE_FOLD);
    },
  });
})();
