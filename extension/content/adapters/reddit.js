/**
 * Reddit (www.reddit.com, old.reddit.com): the submit form's title and body
 * (markdown textarea or rich-text contenteditable) and comment boxes.
 */
(() => {
  // Submit form title (an input; a textarea in the new design).
  const POST_TITLE = 'form input[name="title"], textarea[name="title"]';
  // Submit form body: the markdown textarea or the rich-text editor.
  const POST_BODY = 'form textarea[name="text"], [contenteditable="true"][role="textbox"][name="body"], shreddit-composer [contenteditable="true"]';
  // Comment boxes on a post page (markdown textarea or rich-text editor).
  const COMMENT = 'textarea[aria-label="Add a comment"], textarea[name="text"], comment-composer-host [contenteditable="true"]';
  // Submit and comment buttons.
  const PUBLISH = 'form#submit button[type="submit"], button[slot="submit-button"], comment-composer-host button[type="submit"]';
  globalThis.RapportAdapters.register({
    id: "reddit",
    platform: "reddit",
    doc: "Reddit: post title and body, comments (textarea, input, rich text)",
    matches: globalThis.RapportAdapters.onSite("reddit"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(POST_TITLE, "title");
      watchComposers(POST_BODY, "post");
      watchComposers(COMMENT, "comment");
      watchPublish(PUBLISH);
    },
  });
})();
