/**
 * Bluesky (bsky.app): the post and reply composer, a TipTap (ProseMirror)
 * editor.
 */
(() => {
  // TipTap's ProseMirror root; Bluesky labels it composerTextInput.
  const COMPOSER = '.ProseMirror[contenteditable="true"], [data-testid="composerTextInput"][contenteditable="true"]';
  // "Post" / "Reply" in the composer.
  const PUBLISH = '[data-testid="composerPublishBtn"]';
  globalThis.RapportAdapters.register({
    id: "bluesky",
    platform: "bluesky",
    doc: "Bluesky: post and reply composer (TipTap/ProseMirror)",
    matches: globalThis.RapportAdapters.onSite("bluesky"),
    setup({ watchComposers, watchPublish }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
    },
  });
})();
