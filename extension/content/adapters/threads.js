/**
 * Threads (www.threads.net, www.threads.com): the "New thread" composer and
 * replies, Lexical editors.
 */
(() => {
  // Lexical root of the new-thread and reply composers.
  const COMPOSER = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';
  // The composer dialog's "Post" button.
  const PUBLISH = '[role="dialog"] [role="button"]';
  globalThis.RapportAdapters.register({
    id: "threads",
    platform: "threads",
    doc: "Threads: new thread and replies (Lexical)",
    matches: globalThis.RapportAdapters.onSite("threads"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
    },
  });
})();
