// Every adapter's fixture: the page, the composer to type into and the
// editor library that runs it. The convention spec checks that this table,
// the adapter files and the manifest agree.
export const FIXTURES = [
  { adapter: "x", host: "x.com", path: "/home", editor: "draft", composer: '[data-testid="tweetTextarea_0"]' },
  { adapter: "facebook", host: "www.facebook.com", path: "/", editor: "lexical", composer: "#post" },
  { adapter: "threads", host: "www.threads.net", path: "/", editor: "lexical", composer: "#thread" },
  { adapter: "linkedin", host: "www.linkedin.com", path: "/feed", editor: "quill", composer: ".share-creation-state__text-editor .ql-editor" },
  { adapter: "instagram", host: "www.instagram.com", path: "/", editor: "contenteditable", composer: '[aria-label="Write a caption..."]' },
  { adapter: "bluesky", host: "bsky.app", path: "/", editor: "prosemirror", composer: ".ProseMirror" },
  { adapter: "reddit", host: "www.reddit.com", path: "/submit", editor: "textarea", composer: "#post-body" },
  // Registered at run time for enabled origins (no static content script).
  { adapter: "mastodon", host: "mastodon.social", path: "/", editor: "textarea", composer: ".compose-form textarea", runtime: true },
  { adapter: "generic", host: "www.example.com", path: "/", editor: "contenteditable", composer: "[data-fixture-main]", runtime: true },
];

/** One fixture per editor library, for the tests that exercise every editor. */
export const EDITORS = ["draft", "lexical", "quill", "prosemirror", "contenteditable", "textarea"]
  .map((editor) => FIXTURES.find((f) => f.editor === editor && !f.runtime));

/** A host no content script matches: /__site/<host>/<path> serves a fixture there with the extension off. */
export const OFF_HOST = "rapport-off.test";
