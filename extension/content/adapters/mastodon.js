/**
 * Mastodon (any instance): the compose form's textarea. Instances live on
 * any host, so this script is registered at run time for the hosts the user
 * enabled, and recognises Mastodon by its page structure rather than its name.
 */
(() => {
  // Mastodon's web UI mounts into div#mastodon; the compose form is React.
  const APP_ROOT = "#mastodon, body.app-body";
  // The toot textarea in the compose form (also the reply form).
  const COMPOSER = ".compose-form textarea.autosuggest-textarea__textarea, .compose-form textarea";
  // The compose form's submit button ("Post", "Publish!", "Toot!").
  const PUBLISH = '.compose-form button[type="submit"], .compose-form__publish-button-wrapper button';

  // Outcomes (docs/site-dom-evidence.md, "Mastodon: posts and their counts").
  // The page's initial state names the signed-in account: meta.me (its id)
  // and accounts[me].acct. It also holds the session's access token: only
  // those two fields are read, and nothing of it is kept [MST-HELPER].
  const INITIAL_STATE = "script#initial-state";
  // A post in a list, and a post's own page; a quoted post inside has its own [MST-MAIN].
  const POST = ".status[data-id], .detailed-status";
  // A quoted post inside a post, with its own author and text [MST-MAIN status_quoted].
  const QUOTE = ".status__quote";
  // The post's words; the whole text stays in the page when a long post is collapsed [MST-MAIN status_content].
  const TEXT = ".status__content__text";
  // The author link carries the account id [MST-MAIN display_name, detailed_status].
  const AUTHOR = "a.status__display-name, a.detailed-status__display-name";
  // The action bar's buttons in order: reply, boost, favourite, bookmark;
  // their labels are verbs only, the counts are the counters' texts
  // (boost's adds quotes). A post page's row has boosts and favourites [MST-MAIN].
  const REPLIES = ".status__action-bar__button-wrapper:nth-child(1) .icon-button__counter";
  // Boosts: the post page's count, else the action bar's (boosts and quotes).
  const REPOSTS = ".detailed-status__reblogs, .status__action-bar__button-wrapper:nth-child(2) .icon-button__counter";
  // Favourites: the post page's count, else the action bar's star.
  const LIKES = ".detailed-status__favorites, .status__action-bar__button-wrapper:nth-child(3) .icon-button__counter";
  const { textOf, timeOf } = globalThis.RapportAdapters;
  const inPost = (post, selector) => [...post.querySelectorAll(selector)].find((el) => !el.closest(QUOTE) || !post.contains(el.closest(QUOTE))) ?? null;
  let signedIn = null; // { id, acct } of the page's signed-in account
  function me(doc) {
    try {
      const state = JSON.parse(doc.querySelector(INITIAL_STATE)?.textContent ?? "null");
      const id = state?.meta?.me;
      const acct = id ? state.accounts?.[id]?.acct : null;
      signedIn = typeof id === "string" && typeof acct === "string" ? { id, acct } : null;
    } catch {
      signedIn = null;
    }
    return signedIn?.id ?? null;
  }

  globalThis.RapportAdapters.register({
    id: "mastodon",
    platform: "mastodon",
    doc: "Mastodon (any enabled instance): compose and reply form (textarea)",
    matches: (loc, doc) => doc.querySelector(APP_ROOT) !== null && doc.querySelector(".compose-form, #mastodon") !== null,
    setup({ watchComposers, watchPublish, readOutcomes }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
      readOutcomes({
        me,
        // The profile "/@acct" (its tabs) and a post's page "/@acct/<id>".
        ownPage: (loc) => {
          const acct = /^\/@([^/]+)/.exec(loc.pathname)?.[1];
          return !!acct && !!signedIn && decodeURIComponent(acct).toLowerCase() === signedIn.acct.toLowerCase();
        },
        posts: POST,
        author: (post) => {
          const a = inPost(post, AUTHOR);
          return a?.dataset.id ?? a?.dataset.hoverCardAccount ?? null;
        },
        // A post behind a content warning shows no text until opened: nothing to match.
        text: (post) => textOf(inPost(post, TEXT)),
        time: (post) => timeOf(inPost(post, "time[datetime]")),
        counts: (post) => ({
          replies: inPost(post, REPLIES)?.textContent ?? null,
          reposts: inPost(post, REPOSTS)?.textContent ?? null,
          likes: inPost(post, LIKES)?.textContent ?? null,
        }),
      });
    },
  });
})();
