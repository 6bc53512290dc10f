/**
 * X (x.com, twitter.com): the post composer on Home and in the compose dialog,
 * the reply box under a post, and the quote composer: Draft.js editors, or
 * plain textareas in the narrow (mobile) layout, also on mobile.x.com.
 */
(() => {
  // Draft.js content element; X numbers them tweetTextarea_0, _1, ... (post, thread parts, reply, quote).
  const COMPOSER = '[data-testid^="tweetTextarea_"][contenteditable="true"]';
  // The narrow (mobile) layout: a plain textarea inside that test id's wrapper.
  const NARROW_COMPOSER = '[data-testid^="tweetTextarea_"] textarea';
  // "Post" in the inline composer and dialog, "Reply" under a post.
  const PUBLISH = '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]';
  globalThis.RapportAdapters.register({
    id: "x",
    platform: "x",
    doc: "X: post, reply and quote composers (Draft.js; textarea in the narrow layout)",
    matches: globalThis.RapportAdapters.onSite("x"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(COMPOSER, "post");
      watchComposers(NARROW_COMPOSER, "post");
      watchPublish(PUBLISH);
    },
  });
})();
