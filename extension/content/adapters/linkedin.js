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

  // Outcomes (docs/site-dom-evidence.md, "LinkedIn: posts and their counts").
  // Two markups are live at once, the classic one and the server-driven
  // one (SDUI); both are read.
  // Only the author sees a post's impressions, as a link to its analytics:
  // that link is what makes a post the user's own, on any page [LI-MG] [LI-TWO] [IDX 71060633723].
  const ANALYTICS = 'a[href*="/analytics/post-summary/"], .ca-entry-point__num-views';
  // The activity pages of a profile, and a post's own page.
  const OWN_PAGE = /^\/(?:in\/[^/]+\/recent-activity\/|feed\/update\/urn:li:activity:)/;
  // Classic: one update; SDUI: a card of the activity page, a post page's post [LI-SH] [LI-WREN-ACT] [LI-LHR-W].
  const POST = [
    "div.feed-shared-update-v2",
    '[componentkey^="update-card-focus"]',
    '[componentkey^="expanded"][componentkey$="FeedType_FEED_DETAIL"]',
  ].join(", ");
  // The post's words; the "…more" control inside is a button, left out [LI-TWO] [LI-DISC].
  const TEXT = '.update-components-update-v2__commentary, .update-components-text, [data-testid="expandable-text-box"]';
  // The "…more" control of a post shown cut (classic, SDUI).
  const SEE_MORE = '.feed-shared-inline-show-more-text__see-more-less-toggle, [data-testid="expandable-text-button"]';
  // Classic counts row: reactions as a bare number, comments and reposts as labelled buttons [LI-MG] [LI-TWO] [LI-SAK].
  const COUNTS_ROW = ".social-details-social-counts";
  // Reactions: the bare number, or the fallback number where names are shown ("Ada and 46 others").
  const REACTIONS = ".social-details-social-counts__social-proof-fallback-number, .social-details-social-counts__reactions-count";
  // Comments: "12 comments on Name’s post".
  const COMMENTS = ".social-details-social-counts__comments button, .social-details-social-counts__comments";
  // Every item of the row, read by its words (reposts: "3 reposts of Name’s post").
  const COUNT_ITEMS = ".social-details-social-counts__item button, .social-details-social-counts__item";
  // SDUI: "252 reactions", "50 comments", "3 reposts" as short texts outside the post's words [LI-DISC] [LI-LHR].
  const SHORT_COUNT = /^\d[\d.,\s]*\s*[^\d\s].{0,30}$/u;
  const { textOf, labelOf } = globalThis.RapportAdapters;
  function sduiCounts(post) {
    const text = post.querySelector(TEXT);
    const out = [];
    for (const el of post.querySelectorAll("span, button, a")) {
      if (el.closest('[aria-hidden="true"]') || text?.contains(el) || el.children.length > 1) continue;
      const t = el.textContent.trim();
      if (SHORT_COUNT.test(t) && !out.includes(t)) out.push(t);
    }
    return out.slice(0, 12);
  }
  globalThis.RapportAdapters.register({
    id: "linkedin",
    platform: "linkedin",
    doc: "LinkedIn: share box (Quill, in a shadow root), comments (TipTap and Quill), with the 'see more' fold",
    matches: globalThis.RapportAdapters.onSite("linkedin"),
    setup({ watchComposers, watchPublish, setFold, readOutcomes }) {
      watchComposers(`${SHARE_BOX}, ${SHARE_BOX_LEGACY}`, "post");
      watchComposers(`${COMMENT_TIPTAP}, ${COMMENT_QUILL}`, "comment");
      watchPublish(PUBLISH);
      setFold(SEE_MORE_FOLD);
      readOutcomes({
        // Whose page it is does not matter here: a post is the user's when it has their analytics link.
        me: () => "author",
        ownPage: (loc) => OWN_PAGE.test(loc.pathname),
        posts: POST,
        author: (post) => (post.querySelector(ANALYTICS) ? "author" : null),
        text: (post) => textOf(post.querySelector(TEXT)),
        truncated: (post) => !!post.querySelector(SEE_MORE),
        counts: (post) => {
          const views = labelOf(post.querySelector(ANALYTICS));
          if (!post.matches("div.feed-shared-update-v2")) return { views };
          // A classic post nobody engaged with has no counts row at all [LI-MG].
          if (!post.querySelector(COUNTS_ROW)) return { replies: "0", reposts: "0", likes: "0", views };
          return {
            likes: post.querySelector(REACTIONS)?.textContent ?? null,
            replies: labelOf(post.querySelector(COMMENTS)),
            views,
          };
        },
        labels: (post) => (post.matches("div.feed-shared-update-v2")
          ? [...post.querySelectorAll(COUNT_ITEMS)].map(labelOf).filter(Boolean)
          : sduiCounts(post)),
      });
    },
  });
})();
