/**
 * Any other site the user enabled: every textarea and contenteditable.
 * Its script is registered at run time only for enabled origins.
 */
(() => {
  // Any multi-line text field or editable region (not single-line inputs: search boxes, logins).
  const ANY_TEXT_FIELD = 'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';
  globalThis.RapportAdapters.register({
    id: "generic",
    platform: "generic",
    doc: "Any enabled site: every textarea and contenteditable",
    matches: () => true,
    setup({ watchComposers }) {
      watchComposers(ANY_TEXT_FIELD, "text");
    },
  });
})();
