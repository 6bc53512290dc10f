// The composers of the site fixtures of issue 13 that the "site changed"
// (85) and localised (84) specs run over, besides the older fixtures.
const FB = { adapter: "facebook", host: "www.facebook.com", path: "/feed" };
const IG = { adapter: "instagram", host: "www.instagram.com", path: "/create" };

export const CHANGED_SITE_CASES = [
  { ...FB, id: "fb-comment", name: '"Comment as" box' },
  { ...FB, id: "fb-post", name: "create-post dialog" },
  { ...IG, id: "ig-caption-field", name: "caption textarea" },
  { ...IG, id: "ig-comment", name: "comment textarea" },
  { adapter: "threads", host: "www.threads.net", path: "/compose", id: "th-post", opener: "#th-entry", name: "compose dialog" },
  { adapter: "threads", host: "www.threads.net", path: "/compose", id: "th-reply", name: "reply editor" },
  { adapter: "x", host: "x.com", path: "/compose", id: "x-narrow", name: "narrow layout textarea" },
  { adapter: "bluesky", host: "bsky.app", path: "/compose", id: "bs-post", name: "composer (ProseMirror)" },
];

// One composer of each kind per site, each published the site's way.
export const LOCALISED_CASES = [
  { ...FB, id: "fb-comment", name: '"Comment as" box', label: "comment", publish: "enter", publishHow: "with Enter" },
  { ...FB, id: "fb-post", name: "create-post dialog", label: "post", publish: '[data-fixture-send="fb-post"]', publishHow: "with Post" },
  { ...IG, id: "ig-caption", name: "caption (contenteditable)", label: "caption", publish: '[data-fixture-send="ig-caption"]', publishHow: "with Share" },
  { ...IG, id: "ig-comment", name: "comment textarea", label: "comment", publish: "enter", publishHow: "with Enter" },
  { adapter: "threads", host: "www.threads.net", path: "/compose", id: "th-post", opener: "#th-entry", name: "compose dialog", label: "post", publish: '[data-fixture-send="th-post"]', publishHow: "with Post" },
  { adapter: "threads", host: "www.threads.net", path: "/compose", id: "th-reply", name: "reply editor", label: "reply", publish: '[data-fixture-send="th-reply"]', publishHow: "with its send icon" },
  { adapter: "x", host: "x.com", path: "/compose", id: "x-narrow", name: "narrow layout textarea", label: "post", publish: '[data-testid="tweetButton"]', publishHow: "with tweetButton" },
  { adapter: "bluesky", host: "bsky.app", path: "/compose", id: "bs-post", name: "composer (ProseMirror)", label: "post", publish: '[data-testid="composerPublishBtn"]', publishHow: "with composerPublishBtn" },
];
