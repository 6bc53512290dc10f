// Publish detection for the posting-habits history: when the user publishes
// from a composer the site's adapter declares, and the site confirms it by
// clearing or closing the composer, the text goes to the background, which
// analyses it and records the post. A post the site refused keeps its text,
// so nothing is recorded for it.
//
// Runs beside main.js and reads the same adapter declarations (composer and
// publish-button selectors); it only listens, never changes the page.
(() => {
  if (globalThis.RapportPublish) return; // injected twice (static and run-time registration)

  const { api } = globalThis.RapportBrowser;
  const { SETTINGS_KEY, Kinds } = globalThis.RapportProtocol;
  const DEV_KEY = "dev"; // main.js's developer setting: { mirrorState: true } marks each publish's outcome for the tests
  const adapter = globalThis.RapportAdapters.pick(location, document);
  if (!adapter) return;

  // Sites clear the composer (or close the dialog) once the server accepted
  // the post; a slow network can take a few seconds.
  const CONFIRM_TIMEOUT_MS = 10_000;
  const CONFIRM_POLL_MS = 100;
  // The draft "as first analysed": the text when the writer first paused,
  // once it is more than a few words (a single word is not a draft yet).
  const FIRST_PAUSE_MS = 800;
  const FIRST_MIN_WORDS = 3;

  const composers = [];
  const publishButtons = [];
  const controller = new AbortController();
  adapter.setup({
    signal: controller.signal,
    watchComposers: (selector) => composers.push(selector),
    watchPublish: (selector) => publishButtons.push(selector),
    setFold: () => {},
  });
  if (!composers.length) return;

  const isField = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
  const textOf = (root) => (isField(root) ? root.value : root.innerText || "");
  const words = (text) => text.trim().split(/\s+/).filter(Boolean).length;

  function composerOf(node) {
    if (!(node instanceof Element)) return null;
    for (const selector of composers) {
      let root = node.closest(selector);
      if (!root) continue;
      while (!isField(root) && root.parentElement?.isContentEditable) root = root.parentElement;
      return root;
    }
    return null;
  }

  let paused = false;
  let mirrorState = false;
  const lastPublish = (outcome) => {
    if (mirrorState) document.documentElement.dataset.rapportLastPublish = outcome;
  };
  let active = null; // the composer the user last typed in or focused
  const pending = new Set(); // publish attempts waiting for the site's confirmation
  const drafts = new WeakMap(); // composer root -> { firstText, timer, pending }

  const draftOf = (root) => {
    let d = drafts.get(root);
    if (!d) drafts.set(root, (d = { firstText: null, timer: 0, pending: false }));
    return d;
  };

  function noteInput(root) {
    const d = draftOf(root);
    clearTimeout(d.timer);
    if (d.firstText !== null) return;
    d.timer = setTimeout(() => {
      const text = textOf(root);
      if (words(text) >= FIRST_MIN_WORDS) d.firstText = text;
    }, FIRST_PAUSE_MS);
  }

  function send(text, firstText, manual) {
    return api.runtime.sendMessage({
      kind: Kinds.RECORD_POST,
      id: crypto.randomUUID(),
      text,
      first_text: firstText ?? text,
      platform: adapter.platform,
      manual,
    });
  }

  /** Waits for the site to clear or remove the composer, then records the post. */
  function publishAttempt(root) {
    if (paused || !root) return;
    const text = textOf(root);
    if (!text.trim()) return;
    const d = draftOf(root);
    if (d.pending) return; // the click and the shortcut of one publish
    d.pending = true;
    clearTimeout(d.timer);
    const firstText = d.firstText;
    const started = Date.now();
    const attempt = {
      confirm() {
        pending.delete(attempt);
        d.pending = false;
        d.firstText = null;
        lastPublish("recorded");
        send(text, firstText, false).catch((e) => console.debug("Rapport: could not record the post", e));
      },
    };
    pending.add(attempt);
    const check = () => {
      if (!pending.has(attempt)) return;
      if (!root.isConnected || !textOf(root).trim()) {
        attempt.confirm();
      } else if (Date.now() - started > CONFIRM_TIMEOUT_MS) {
        // Still there with text: the site refused or the user cancelled; a retry starts afresh.
        pending.delete(attempt);
        d.pending = false;
        lastPublish("not-confirmed");
      } else {
        setTimeout(check, CONFIRM_POLL_MS);
      }
    };
    setTimeout(check, CONFIRM_POLL_MS);
  }

  // Sites that go to the new post's page once it is accepted (Reddit's submit
  // form, some comment forms) confirm by leaving: a refused post stays put.
  window.addEventListener("pagehide", () => {
    for (const attempt of [...pending]) attempt.confirm();
  }, { signal: controller.signal });

  const on = (type, fn) => document.addEventListener(type, fn, { capture: true, passive: true, signal: controller.signal });
  on("focusin", (e) => {
    const root = composerOf(e.composedPath()[0]);
    if (root) active = root;
  });
  on("input", (e) => {
    const root = composerOf(e.composedPath()[0]);
    if (!root) return;
    active = root;
    noteInput(root);
  });
  // Capture phase: the site's own handler may remove the button or the composer.
  on("click", (e) => {
    if (!publishButtons.length || !active) return;
    const button = e.composedPath()[0]?.closest?.(publishButtons.join(","));
    if (button && !button.disabled && button.getAttribute("aria-disabled") !== "true") publishAttempt(active);
  });
  // Ctrl+Enter / Cmd+Enter publishes on X, Bluesky, Mastodon, Threads, LinkedIn and Reddit.
  on("keydown", (e) => {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    const root = composerOf(e.composedPath()[0]);
    if (root) publishAttempt(root);
  });

  const applySettings = (raw) => {
    paused = raw?.history?.paused === true || (Array.isArray(raw?.paused_sites) && raw.paused_sites.includes(location.hostname));
  };
  const applyDev = (raw) => { mirrorState = raw?.mirrorState === true; };
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes[SETTINGS_KEY]) applySettings(changes[SETTINGS_KEY].newValue);
    if (changes[DEV_KEY]) applyDev(changes[DEV_KEY].newValue);
  });
  api.storage.local.get([SETTINGS_KEY, DEV_KEY]).then((stored) => { applySettings(stored[SETTINGS_KEY]); applyDev(stored[DEV_KEY]); }, () => {});

  // The popup's "log the post in this tab" reaches the page through here.
  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (msg?.kind !== Kinds.LOG_ACTIVE_DRAFT || sender.id !== api.runtime.id) return false;
    globalThis.RapportPublish.logActive().then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
    return true; // answered asynchronously
  });

  globalThis.RapportPublish = Object.freeze({
    /**
     * The manual "log this post" (for the gauge): records the active
     * composer's text now, for sites whose publish could not be detected.
     * Resolves to the background's reply.
     */
    logActive() {
      const root = active;
      const text = root ? textOf(root) : "";
      if (!text.trim()) return Promise.resolve({ ok: false, error: "no draft" });
      return send(text, drafts.get(root)?.firstText, true);
    },
  });
})();
