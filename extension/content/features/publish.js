// Publish detection for the posting history: when the user publishes
// from a composer the site's adapter declares, and the site confirms it by
// clearing or closing the composer, the text goes to the background, which
// analyses it and records the post. A post the site refused keeps its text,
// so nothing is recorded for it.
//
// It uses the core's composers and publish buttons (the adapter's
// declarations) and reads text through the text model, as the analyser sees
// it; it only listens, never changes the page.
(() => {
  const { Kinds } = globalThis.RapportProtocol;

  // Sites clear the composer (or close the dialog) once the server accepted
  // the post; a slow network can take a few seconds.
  const CONFIRM_TIMEOUT_MS = 10_000;
  const CONFIRM_POLL_MS = 100;
  // The draft "as first analysed": the text when the writer first paused,
  // once it is more than a few words (a single word is not a draft yet).
  const FIRST_PAUSE_MS = 800;
  const FIRST_MIN_WORDS = 3;

  const words = (text) => text.trim().split(/\s+/).filter(Boolean).length;

  /** Publish detection on one run of the core: see the file's comment. */
  function detector(ctx) {
    let active = null; // the composer the user last typed in or focused
    const pending = new Set(); // publish attempts waiting for the site's confirmation
    const drafts = new WeakMap(); // composer root -> { firstText, timer, pending }
    const timers = new Set();
    const later = (fn, ms) => {
      const id = setTimeout(() => { timers.delete(id); fn(); }, ms);
      timers.add(id);
      return id;
    };
    const cancel = (id) => { clearTimeout(id); timers.delete(id); };
    ctx.signal.addEventListener("abort", () => { for (const id of timers) clearTimeout(id); });

    const draftOf = (root) => {
      let d = drafts.get(root);
      if (!d) drafts.set(root, (d = { firstText: null, timer: 0, pending: false }));
      return d;
    };
    // The core's reading, kept up to date edit by edit: a long draft is not read whole again.
    const textOf = (root) => ctx.textOf(root);
    const recordingPaused = () => ctx.settings()?.history?.paused === true;
    const lastPublish = (outcome) => {
      if (ctx.dev.mirrorState) document.documentElement.dataset.rapportLastPublish = outcome;
    };

    function noteInput(root) {
      const d = draftOf(root);
      cancel(d.timer);
      if (d.firstText !== null) return;
      d.timer = later(() => {
        const text = textOf(root);
        if (words(text) >= FIRST_MIN_WORDS) d.firstText = text;
      }, FIRST_PAUSE_MS);
    }

    function send(text, firstText, manual) {
      return ctx.send({
        kind: Kinds.RECORD_POST,
        id: crypto.randomUUID(),
        text,
        first_text: firstText ?? text,
        platform: ctx.adapter.platform,
        manual,
      });
    }

    /** Waits for the site to clear or remove the composer, then records the post. */
    function publishAttempt(root) {
      if (recordingPaused() || !root) return;
      const text = textOf(root);
      if (!text.trim()) return;
      const d = draftOf(root);
      if (d.pending) return; // the click and the shortcut of one publish
      d.pending = true;
      cancel(d.timer);
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
          later(check, CONFIRM_POLL_MS);
        }
      };
      later(check, CONFIRM_POLL_MS);
    }

    /**
     * The manual "log this post" (the gauge's and the popup's): records the
     * active composer's text now, for sites whose publish could not be
     * detected. Resolves to the background's reply.
     */
    function logActive() {
      const root = active;
      const text = root ? textOf(root) : "";
      if (!text.trim()) return Promise.resolve({ ok: false, error: "no draft" });
      return send(text, drafts.get(root)?.firstText, true);
    }

    return {
      logActive,
      publishAttempt,
      noteInput,
      focus: (root) => { active = root; },
      active: () => active,
      pagehide: () => { for (const attempt of [...pending]) attempt.confirm(); },
    };
  }

  /** Whether `node` is inside `ancestor`, through the hosts of any shadow roots between them. */
  const holds = (ancestor, node) => {
    for (let n = node; n; n = n.parentNode ?? n.host) if (n === ancestor) return true;
    return false;
  };

  function listen(ctx, d) {
    const rootAt = (e) => ctx.composerOf(e.composedPath()[0])?.root ?? null;
    // A composer the adapter declared: the generic fallback's editables (a
    // search-like field, a chat box) are never taken as published by a click or a key.
    const declaredAt = (e) => {
      const found = ctx.composerOf(e.composedPath()[0]);
      return found && !found.fallback ? found : null;
    };
    const on = (type, fn) => ctx.listen(document, type, fn, { capture: true, passive: true });
    // Sites that go to the new post's page once it is accepted (Reddit's submit
    // form, some comment forms) confirm by leaving: a refused post stays put.
    ctx.listen(window, "pagehide", d.pagehide);
    let declared = false; // whether the composer last focused is one the adapter declared
    on("focusin", (e) => {
      const root = rootAt(e);
      if (root) {
        d.focus(root);
        declared = declaredAt(e) !== null;
      }
    });
    on("input", (e) => {
      const root = rootAt(e);
      if (!root) return;
      d.focus(root);
      declared = declaredAt(e) !== null;
      d.noteInput(root);
    });
    // Capture phase: the site's own handler may remove the button or the composer.
    on("click", (e) => {
      if (!ctx.publishButtons.length || !d.active() || !declared) return;
      const button = ctx.publishControlIn(e, d.active());
      if (button && !button.disabled && button.getAttribute("aria-disabled") !== "true") d.publishAttempt(d.active());
    });
    // A form that holds the composer, submitted by the site's own script
    // (requestSubmit) or by a control the adapter does not name: the submit
    // event is the form's own word for it. A click on a declared button
    // submits its form too; publishAttempt takes the two as one publish.
    // (submit does not leave a shadow root: a form inside one is seen only
    // through its button.)
    on("submit", (e) => {
      const root = d.active();
      if (!root || !declared || !(e.target instanceof HTMLFormElement)) return;
      if (holds(e.target, root)) d.publishAttempt(root);
    });
    // Ctrl+Enter / Cmd+Enter publishes on X, Bluesky, Mastodon, Threads,
    // LinkedIn and Reddit; a bare Enter in the composers the adapter says
    // submit on Enter (Facebook comments). Enter that ends an IME
    // composition (Japanese, Chinese) only commits the text.
    on("keydown", (e) => {
      if (e.key !== "Enter" || e.altKey || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      const found = declaredAt(e);
      if (!found) return;
      if (e.ctrlKey || e.metaKey || ctx.enterSubmits.has(found.label)) d.publishAttempt(found.root);
    });
  }

  /** The popup's "log the post in this tab" reaches the page through here. */
  globalThis.RapportCore.feature({
    id: "publish",
    doc: "Records a post in the history when the site confirms it was published, or when the user logs it",
    start(ctx) {
      if (!ctx.composers.length) return undefined;
      const d = detector(ctx);
      listen(ctx, d);
      // The popup's "log the post in this tab".
      ctx.answer(Kinds.LOG_ACTIVE_DRAFT, () => d.logActive());
      return { logActive: d.logActive };
    },
  });
})();
