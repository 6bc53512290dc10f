/**
 * Threads (www.threads.net, www.threads.com): the new-post dialog (one
 * editor per part of a thread) and the reply editors under a post, Lexical
 * editors, with or without Lexical's data-lexical-editor marker. The feed's
 * "What's new?" row is a button that opens the dialog, not an editor. Found
 * by structure only: the labels ("Empty text field. Type to compose a new
 * post.", "Reply to …") follow the UI language. See
 * docs/site-dom-evidence.md, "Threads".
 */
(() => {
  // An editor in the compose dialog.
  const POST_BOX = '[role="dialog"] [contenteditable="true"]';
  // An inline reply editor under a post (outside the dialog: the dialog's selector comes first).
  const REPLY_BOX = '[contenteditable="true"][role="textbox"], [contenteditable="true"][data-lexical-editor="true"]';
  // Post (text) and the inline reply's send (an icon) are div[role=button].
  const CONTROL = '[role="button"], button';
  // The compose dialog: its Post sends every part of the thread.
  const DIALOG = '[role="dialog"]';
  globalThis.RapportAdapters.register({
    id: "threads",
    platform: "threads",
    doc: "Threads: new thread dialog and replies (Lexical), found by structure",
    matches: globalThis.RapportAdapters.onSite("threads"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(POST_BOX, "post");
      watchComposers(REPLY_BOX, "reply");
      // Ctrl/Cmd+Enter also sends (publish.js); the control is the last one after the editor.
      watchPublish(CONTROL, globalThis.RapportAdapters.submitAfter(CONTROL, { scope: DIALOG }));
    },
  });
})();
