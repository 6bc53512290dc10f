/**
 * X (x.com, twitter.com): the post composer on Home and in the compose dialog,
 * the reply box under a post, and the quote composer. All are Draft.js editors.
 */
(() => {
  // Draft.js content element; X numbers them tweetTextarea_0, _1, ... (post, thread parts, reply, quote).
  const COMPOSER = '[data-testid^="tweetTextarea_"][contenteditable="true"]';
  // "Post" in the inline composer and dialog, "Reply" under a post.
  const PUBLISH = '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]';
  globalThis.RapportAdapters.register({
    id: "x",
    platform: "x",
    doc: "X: post, reply and quote composers (Draft.js)",
    matches: globalThis.RapportAdapters.onSite("x"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
    },
  });
})();
