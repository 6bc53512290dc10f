/**
 * Bluesky (bsky.app): the post and reply composer, a TipTap (ProseMirror)
 * editor.
 */
(() => {
  // TipTap's ProseMirror root; Bluesky labels it composerTextInput.
  const COMPOSER = '.ProseMirror[contenteditable="true"], [data-testid="composerTextInput"][contenteditable="true"]';
  // "Post" / "Reply" in the composer.
  const PUBLISH = '[data-testid="composerPublishBtn"]';

  // Outcomes (docs/site-dom-evidence.md, "Bluesky: posts and their counts").
  // The left nav's Profile link goes to the signed-in account; its label
  // is translated ("Perfil"), the mobile bar's is not [BSKY-LN].
  const ME = ["Profile", "Perfil", "Profil", "プロフィール"].map((l) => `a[href^="/profile/"][aria-label="${l}"]`).join(", ");
  // Shown on a profile only when it is the signed-in account's [BSKY ProfileHeaderStandard].
  const EDIT_PROFILE = '[data-testid="profileHeaderEditProfileButton"]';
  // A profile, and a post's own page [BSKY routes.ts].
  const OWN_PAGE = /^\/profile\/([^/]+)(?:\/post\/[^/]+)?\/?$/;
  // A post in a profile's feed, and a post page's posts; the test id ends
  // with the author's handle (a repost's is the original author's) [BSKY-FI] [BSKY-TA].
  const POST = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';
  // A feed item's text; a post page's main post has no test id, only its word-wrap data attribute [BSKY-FI] [BSKY-TA].
  const TEXT = '[data-testid="postText"], [data-word-wrap="1"]';
  // The controls: reply and like labels carry the exact count ("Reply (3
  // replies)", "Responder (3 respuestas)"); the repost count is a text, the
  // post page's own row first (reposts alone, the feed's adds quotes) [BSKY-PC] [BSKY-TA].
  const REPLY = '[data-testid="replyBtn"]';
  // "Like (5 likes)", "Like (5 me gusta)": the verb stays English in Spanish [BSKY-ES].
  const LIKE = '[data-testid="likeBtn"]';
  // The post page's "3 reposts" first, else the feed's count of reposts and quotes.
  const REPOSTS = ['[data-testid="repostCount-expanded"]', '[data-testid="repostCount"]'];
  const { textOf, labelOf } = globalThis.RapportAdapters;
  const handleIn = (href) => OWN_PAGE.exec(href ?? "")?.[1] ?? null;

  globalThis.RapportAdapters.register({
    id: "bluesky",
    platform: "bluesky",
    doc: "Bluesky: post and reply composer (TipTap/ProseMirror)",
    matches: globalThis.RapportAdapters.onSite("bluesky"),
    setup({ watchComposers, watchPublish, readOutcomes }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
      readOutcomes({
        me: (doc) => handleIn(doc.querySelector(ME)?.getAttribute("href")) ?? (doc.querySelector(EDIT_PROFILE) ? handleIn(location.pathname) : null),
        ownPage: (loc, me) => handleIn(loc.pathname)?.toLowerCase() === me.toLowerCase(),
        posts: POST,
        author: (post) => post.dataset.testid.replace(/^(feedItem|postThreadItem)-by-/, ""),
        text: (post) => textOf(post.querySelector(TEXT)),
        counts: (post) => ({
          replies: labelOf(post.querySelector(REPLY)),
          likes: labelOf(post.querySelector(LIKE)),
          reposts: REPOSTS.map((sel) => post.querySelector(sel)?.textContent.trim()).find(Boolean) ?? null,
        }),
      });
    },
  });
})();
