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
  globalThis.RapportAdapters.register({
    id: "mastodon",
    platform: "mastodon",
    doc: "Mastodon (any enabled instance): compose and reply form (textarea)",
    matches: (loc, doc) => doc.querySelector(APP_ROOT) !== null && doc.querySelector(".compose-form, #mastodon") !== null,
    setup({ watchComposers, watchPublish }) {
      watchComposers(COMPOSER, "post");
      watchPublish(PUBLISH);
    },
  });
})();
