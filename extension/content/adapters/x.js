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

  // Outcomes (docs/site-dom-evidence.md, "X: posts and their counts").
  // The side bar's Profile tab links to the signed-in account: href "/<handle>".
  const ME = 'a[data-testid="AppTabBar_Profile_Link"]';
  // A profile (its tabs) and a post's own page [CPFT URL_PROFILE_RE, URL_TWEET_RE].
  const OWN_PAGE = /^\/([A-Za-z0-9_]{1,20})(?:\/(?:with_replies|highlights|media|status\/\d+))?\/?$/;
  // One post, in a timeline and as a post page's main post [CPFT] [X-YP].
  const POST = 'article[data-testid="tweet"]';
  // The author block: links to "/<handle>" (a repost shows the original author) [X-RV].
  const AUTHOR = '[data-testid="User-Name"] a[href^="/"]';
  // A quoted post inside: its own author and text, no counts of its own [X-RV].
  const QUOTED = 'div[role="link"]';
  // The post's words (a quoted post's come after, inside QUOTED) [X-RV] [CPFT].
  const TEXT = '[data-testid="tweetText"]';
  // A long post's "Show more" after the cut text [X-RV] [X-YP].
  const SHOW_MORE = '[data-testid="tweet-text-show-more-link"]';
  // The action bar: its label names every count ("4 replies, 9 reposts, 83 likes, 1 bookmark, 5360 views") [X-RV].
  const ACTIONS = '[role="group"]';
  // Each count's control: its label starts with the exact count ("12 Replies. Reply", "882 reposts. Reposteado") [X-RV] [X-ER].
  const CONTROLS = {
    replies: '[data-testid="reply"]',
    reposts: '[data-testid="retweet"], [data-testid="unretweet"]',
    likes: '[data-testid="like"], [data-testid="unlike"]',
    views: 'a[href$="/analytics"]',
  };
  const { textOf, labelOf, timeOf } = globalThis.RapportAdapters;
  /** The first element of `post` matching `selector` that is not inside a quoted post. */
  const own = (post, selector) => {
    for (const el of post.querySelectorAll(selector)) {
      const quote = el.closest(QUOTED);
      if (!quote || !post.contains(quote)) return el;
    }
    return null;
  };

  globalThis.RapportAdapters.register({
    id: "x",
    platform: "x",
    doc: "X: post, reply and quote composers (Draft.js; textarea in the narrow layout)",
    matches: globalThis.RapportAdapters.onSite("x"),
    setup({ watchComposers, watchPublish, readOutcomes }) {
      watchComposers(COMPOSER, "post");
      watchComposers(NARROW_COMPOSER, "post");
      watchPublish(PUBLISH);
      readOutcomes({
        me: (doc) => doc.querySelector(ME)?.getAttribute("href")?.split("/")[1] || null,
        ownPage: (loc, me) => OWN_PAGE.exec(loc.pathname)?.[1].toLowerCase() === me.toLowerCase(),
        posts: POST,
        author: (post) => own(post, AUTHOR)?.getAttribute("href").split("/")[1] ?? null,
        text: (post) => textOf(own(post, TEXT)),
        truncated: (post) => !!own(post, SHOW_MORE),
        time: (post) => timeOf(own(post, "time[datetime]")),
        counts: (post) => Object.fromEntries(Object.entries(CONTROLS).map(([metric, sel]) => [metric, labelOf(own(post, sel))])),
        labels: (post) => [labelOf(own(post, ACTIONS))],
      });
    },
  });
})();
