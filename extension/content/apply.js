// Applying a suggestion goes through the editor's own input path, so the
// editor updates its model, its undo history records the change (Ctrl+Z
// restores the old words) and the caret ends after the new text:
//  - select the hint's text the way a user would (setSelectionRange in a
//    field, a DOM selection in a contenteditable; the editor follows it);
//  - insert with execCommand("insertText"), which fires the trusted
//    beforeinput/input events Lexical, ProseMirror and Quill handle and is
//    native undoable typing in textareas and plain contenteditables;
//  - Draft.js (X) ignores the beforeinput event and would drop a native
//    insertion that spans its leaves, so it gets the replacement as the
//    textInput event React turns into its beforeinput (a paste where the
//    browser has no TextEvent), which it applies to its own model and undo
//    stack.
(() => {
  const isDraft = (root) => root.classList.contains("public-DraftEditor-content") || root.closest(".DraftEditor-root") !== null;

  /**
   * Draft.js takes typed text from React's beforeinput, which React builds
   * from the textInput event; with a selection, Draft replaces it in its own
   * state (one undo step). A deletion is its Backspace key command.
   */
  function draftInput(root, text) {
    let event;
    if (text === "") {
      event = new KeyboardEvent("keydown", { key: "Backspace", code: "Backspace", keyCode: 8, which: 8, bubbles: true, cancelable: true, composed: true });
    } else if (typeof TextEvent === "function") {
      event = document.createEvent("TextEvent");
      event.initTextEvent("textInput", true, true, window, text);
    } else {
      return false;
    }
    root.dispatchEvent(event);
    return event.defaultPrevented;
  }

  function pasteInto(root, text) {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    root.dispatchEvent(event);
    return event.defaultPrevented;
  }

  /**
   * Replaces [start, end) of the composer's text with `replacement` if that
   * text is still `expected`. Resolves to true when the editor took the change.
   */
  function applyReplacement(session, start, end, expected, replacement) {
    const { root, model } = session;
    session.sync();
    if (model.text.slice(start, end) !== expected) return Promise.resolve(false);
    root.focus({ preventScroll: true });
    if (model.field) {
      root.setSelectionRange(start, end);
    } else {
      const sel = globalThis.RapportTextModel.selectionOf(root);
      sel.removeAllRanges();
      sel.addRange(model.range(start, end));
    }
    if (!model.field && isDraft(root)) {
      // Draft takes the DOM selection into its model when the browser's own
      // selectionchange arrives (a task later); its paste handler then
      // replaces exactly that selection.
      const after = () => (draftInput(root, replacement) || pasteInto(root, replacement) ? true : insert(replacement));
      return new Promise((resolve) => {
        const done = () => { clearTimeout(timer); document.removeEventListener("selectionchange", onChange); setTimeout(() => resolve(after()), 0); };
        const onChange = () => done();
        const timer = setTimeout(done, 100);
        document.addEventListener("selectionchange", onChange, { once: true });
      });
    }
    return Promise.resolve(insert(replacement));
  }

  function insert(replacement) {
    return replacement === ""
      ? document.execCommand("delete", false)
      : document.execCommand("insertText", false, replacement);
  }

  globalThis.RapportUI = { ...globalThis.RapportUI, applyReplacement };
})();
