/**
 * LinkedIn (www.linkedin.com): the share box ("Start a post", Quill), the
 * new feed's comment boxes (TipTap) and the single-post pages' comment
 * boxes (Quill). Long posts fold behind "…see more" after about 210
 * characters, so the gauge marks where the fold falls.
 *
 * What these selectors rest on is docs/site-dom-evidence.md, LinkedIn. They
 * name structure (test ids, view names, editor classes), never the labels,
 * which LinkedIn localises.
 */
(() => {
  // The share box mounts inside the open shadow root of #interop-outlet; the
  // core's lookup climbs out of it, and the modal's own id keeps a Quill
  // editor elsewhere (the hidden /preload/ frame's decoy) out [LB].
  const SHARE_BOX = '[data-test-modal-id="sharebox"] .ql-editor';
  // The share box as the page held it before the shadow-root outlet.
  const SHARE_BOX_LEGACY = ".share-creation-state__text-editor .ql-editor";
  // New feed: div[data-view-name="comment-box"] > [data-testid="ui-core-tiptap-text-editor-wrapper"]
  // > div.tiptap.ProseMirror[contenteditable] [LB] [TH] [LRP]. No child
  // combinators: the aria-label sits on the editable or on a div around it [TH].
  // The commentBox- component keys wrap them too [IDX 66909197240].
  const COMMENT_TIPTAP = [
    '[data-view-name="comment-box"] [contenteditable="true"]',
    '[data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"]',
    '[componentkey^="commentBox-"] [contenteditable="true"]',
  ].join(", ");
  // Single-post pages keep Quill comment boxes [TH utils-v1].
  const COMMENT_QUILL = ".comments-comment-box .ql-editor, .comments-comment-texteditor .ql-editor";
  // Post (share box), comment and reply submits, new and old feed [LB] [TH].
  const PUBLISH = [
    "button.share-actions__primary-action",
    'button[data-view-name="comment-post"]',
    'button[data-view-name="comment-reply-post"]',
    ".comments-comment-box__submit-button--cr",
    ".comments-comment-box__submit-button",
  ].join(", ");
  // Feed previews cut a post after about this many characters.
  const SEE_MORE_FOLD = 210;
  globalThis.RapportAdapters.register({
    id: "linkedin",
    platform: "linkedin",
    doc: "LinkedIn: share box (Quill, in a shadow root), comments (TipTap and Quill), with the 'see more' fold",
    matches: globalThis.RapportAdapters.onSite("linkedin"),
    setup({ watchComposers, watchPublish, setFold }) {
      watchComposers(`${SHARE_BOX}, ${SHARE_BOX_LEGACY}`, "post");
      watchComposers(`${COMMENT_TIPTAP}, ${COMMENT_QUILL}`, "comment");
      watchPublish(PUBLISH);
      setFold(SEE_MORE_FOLD);
    },
  });
})();
