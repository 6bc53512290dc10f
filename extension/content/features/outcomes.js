// Outcomes (issue 14): on a page of the user's own that they opened (their
// profile, a post of theirs), reads the counts the site already shows
// under their posts and hands them to the background, which stores them on
// the records of the posts Rapport saw published. Read-only: no click, no
// scroll, no request, no change to the page; only what the page shows.
//
// The adapter declares the site (setup's readOutcomes):
//   { me(document) -> the signed-in account's handle or id, or null,
//     ownPage(location, me) -> whether this page is the user's own,
//     posts: selector of a post's element,
//     author(post) -> its author's handle or id, compared with me
//       (case-insensitive); a repost of someone else's post has theirs,
//     text(post) -> its rendered text, or "" when not shown,
//     truncated(post) -> whether the page shows it cut by a control,
//     time(post) -> when it was posted (ms) or null,
//     counts(post) -> { replies, reposts, likes, views }: the text of the
//       control the structure names for each metric, where there is one,
//     labels(post) -> accessible labels that name counts in words }
// Nothing is read unless the adapter finds the signed-in account and the
// page is theirs, and then only posts whose author is that account.
(() => {
  const { Kinds } = globalThis.RapportProtocol;

  // After the page settles (a timeline renders in bursts), and after each
  // burst of changes: a reading costs a few querySelectorAll over the
  // posts on screen.
  const SETTLE_MS = 1200;
  // The background takes at most this many posts a message.
  const MAX_POSTS = 100;
  globalThis.RapportCore.feature({
    id: "outcomes",
    doc: "Reads the counts under the user's own posts on their own pages, for the popup's \"what works for you\"",
    start(ctx) {
      const decl = ctx.outcomes;
      // For the popup's "this tab" line and the tests: readings of the page, whether it was the user's, their posts seen, sent and matched.
      const state = { readings: 0, own: false, seen: 0, sent: 0, matched: 0, reports: 0 };
      if (!decl) return { state: () => ({ ...state, declared: false }) };
      const enabled = () => ctx.settings()?.history?.read_outcomes !== false && ctx.settings()?.history?.paused !== true;
      // What was last sent per post text: the same counts are not sent again.
      const sent = new Map();
      let timer = 0;
      // The address whose page was last judged with the signed-in account known.
      let judgedHref = null;

      function readPage() {
        timer = 0;
        if (ctx.signal.aborted || !enabled()) return;
        state.readings += 1;
        const me = decl.me(document);
        state.own = !!me && decl.ownPage(location, me);
        // Not known yet (the site renders its navigation late): judge again on the next change.
        judgedHref = me ? location.href : null;
        if (!state.own) return;
        const mine = String(me).toLowerCase();
        const posts = [];
        for (const post of document.querySelectorAll(decl.posts)) {
          if (String(decl.author(post) ?? "").toLowerCase() !== mine) continue;
          const text = decl.text(post);
          if (!text) continue;
          const reading = {
            text,
            truncated: !!decl.truncated?.(post),
            time: decl.time?.(post) ?? null,
            counts: decl.counts?.(post) ?? {},
            labels: (decl.labels?.(post) ?? []).filter((l) => typeof l === "string" && l),
          };
          state.seen += 1;
          const key = JSON.stringify([reading.counts, reading.labels, reading.truncated]);
          if (sent.get(text) === key) continue;
          sent.set(text, key);
          posts.push(reading);
          if (posts.length === MAX_POSTS) break;
        }
        if (!posts.length) return;
        state.sent += posts.length;
        state.reports += 1;
        ctx.send({ kind: Kinds.READ_OUTCOMES, site: ctx.adapter.platform, posts }).then((reply) => {
          if (reply?.ok && reply.read) state.matched += reply.matched;
          // Not read (the setting is off, recording paused): read again once it is on.
          else for (const p of posts) sent.delete(p.text);
        }, () => {
          for (const p of posts) sent.delete(p.text);
        });
      }

      const soon = () => {
        if (!timer && enabled()) timer = setTimeout(globalThis.RapportCore.timed(readPage, "outcomes"), SETTLE_MS);
      };
      // Timelines and client-side navigation change the page without a load.
      // Typing is not either: a burst of changes all inside the composer the
      // user writes in costs one containment check, and a page found not to
      // be the user's (with the account known) is read again only once its
      // address changes.
      const observer = new MutationObserver((records) => {
        const composer = ctx.active()?.root;
        if (composer && records.every((r) => composer.contains(r.target))) return;
        if (state.own || location.href !== judgedHref) soon();
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      ctx.signal.addEventListener("abort", () => {
        observer.disconnect();
        clearTimeout(timer);
      });
      ctx.subscribe("settings", () => {
        sent.clear();
        soon();
      });
      soon();
      return { state: () => ({ ...state, declared: true }) };
    },
  });
})();
