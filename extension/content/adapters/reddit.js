/**
 * Reddit: new Reddit ("shreddit", www.reddit.com and sh.reddit.com), whose
 * composers live in custom elements with open shadow roots, and old Reddit
 * (old.reddit.com), plain forms. Post title and body, and comment boxes.
 *
 * What these selectors rest on is docs/site-dom-evidence.md, "Reddit — new
 * UI" and "Reddit — old UI". They use descendant combinators only: Reddit
 * inserts wrappers often [MR#7]. A selector may name a custom element whose
 * shadow tree holds the editable (the core climbs out of shadow roots and
 * takes the editable the user is in).
 */
(() => {
  // The post form's title: a faceplate-textarea-input whose textarea
  // (#innerTextArea) is in its shadow root, on the submit page [RE]; old
  // Reddit's textarea[name=title] [RA]; an input in older forms.
  const POST_TITLE = [
    'shreddit-app[pagetype="post_submit"] faceplate-textarea-input',
    'form#newlink textarea[name="title"]',
    'form input[name="title"]',
    'textarea[name="title"]',
  ].join(", ");
  // The post body: the rich-text editor slotted into shreddit-composer on the
  // submit page [IDX 67274453465], old Reddit's UserText textarea in
  // form#newlink [RA], a markdown textarea of older forms.
  const POST_BODY = [
    'shreddit-app[pagetype="post_submit"] shreddit-composer [contenteditable="true"]',
    'shreddit-app[pagetype="post_submit"] shreddit-markdown-composer',
    'form#newlink textarea[name="text"]',
    'form:not(.usertext) textarea[name="text"]',
    '[contenteditable="true"][role="textbox"][name="body"]',
  ].join(", ");
  // Comments: the Lexical div[slot=rte] in shreddit-composer's light DOM,
  // the Markdown textarea two shadow roots deep (named by its host), the
  // faceplate-textarea-input trigger before the composer is swapped in [RE],
  // and old Reddit's UserText textarea [RA].
  const COMMENT = [
    'shreddit-composer [contenteditable="true"]',
    "shreddit-markdown-composer",
    // The other composer, whose contenteditable is in its own shadow root [RE].
    "shreddit-simple-composer",
    "comment-composer-host faceplate-textarea-input",
    ".usertext-edit textarea",
  ].join(", ");
  // Submit controls. New Reddit: the composer's light-DOM submit button
  // [RE] [IDX 67345867853] and the post form's r-post-form-submit-button,
  // whose real button is in its shadow root (the host is on the click's
  // composed path) [IDX 49314166948, 13563142368]. Old Reddit: form#newlink's
  // button[name=submit] and a comment's .usertext-buttons button.save [RA].
  const PUBLISH = [
    'shreddit-composer button[type="submit"]',
    'shreddit-simple-composer button[type="submit"]',
    'button[slot="submit-button"]',
    "r-post-form-submit-button",
    '[post-action-type="submit"]',
    'comment-composer-host button[type="submit"]',
    'form#newlink button[name="submit"]',
    ".usertext-buttons button.save",
  ].join(", ");
  globalThis.RapportAdapters.register({
    id: "reddit",
    platform: "reddit",
    doc: "Reddit: post title and body, comments (shreddit's shadow-root composers, old Reddit's forms)",
    matches: globalThis.RapportAdapters.onSite("reddit"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(POST_TITLE, "title");
      watchComposers(POST_BODY, "post");
      watchComposers(COMMENT, "comment");
      watchPublish(PUBLISH);
    },
  });
})();
