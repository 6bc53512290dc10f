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

/**
 * The second composer on a fixture page (reply, comment, title), each with the
 * selector its adapter targets; `field` marks a textarea or input.
 */
export const SECONDARY = [
  { adapter: "x", host: "x.com", path: "/home", editor: "draft", composer: '[data-testid="tweetTextarea_1"]', label: "reply" },
  { adapter: "x", host: "x.com", path: "/home", editor: "draft", composer: '[role="dialog"] [data-testid="tweetTextarea_0"]', label: "quote" },
  { adapter: "facebook", host: "www.facebook.com", path: "/", editor: "lexical", composer: '#comment[aria-label^="Write a comment"]', label: "comment" },
  { adapter: "linkedin", host: "www.linkedin.com", path: "/feed", editor: "quill", composer: ".comments-comment-texteditor .ql-editor", label: "comment" },
  { adapter: "instagram", host: "www.instagram.com", path: "/", editor: "textarea", composer: 'textarea[aria-label^="Add a comment"]', label: "comment", field: true },
  { adapter: "reddit", host: "www.reddit.com", path: "/submit", editor: "input", composer: 'input[name="title"]', label: "title", field: true },
  { adapter: "reddit", host: "www.reddit.com", path: "/submit", editor: "textarea", composer: "#comment", label: "comment", field: true },
];
