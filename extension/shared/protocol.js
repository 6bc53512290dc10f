// The message protocol between content scripts, extension pages and the
// background. This file is the documentation: every message kind and its shape.
//
// Long-lived port, one per composer (content script -> background):
//   name: PORT_COMPOSER
//   -> { kind: "analyze", seq: number, text: string, platform: string }
//   -> { kind: "analyze", seq: number, edit: { base: number, at: number,
//        remove: number, insert: string }, platform: string }
//        The text as an edit of the text of request `base` on this port: the
//        `remove` code units at `at` replaced by `insert`, so a keystroke in
//        a long draft sends the keystroke, not the draft. The background
//        keeps the last text it was sent on the port; an edit of any other
//        base is answered { kind: "error", seq, message: "stale edit" }, and
//        the content script sends the whole text again.
//        The background answers only the newest seq it has seen on the port;
//        older requests that arrive late are dropped (newest text wins).
//        A long draft's part around the caret (content/core.js, partAround)
//        comes as { kind: "analyze", seq, text, part: true, platform }: it
//        is analysed alone and does not replace the port's last text.
//   <- { kind: "analysis", seq: number, analysis: Analysis without hints,
//        hints: { rows, texts } }
//        Analysis = { hints: [{ rule_id, cue, polarity, start, end, message,
//        note, suggestion, replacement, severity }], fame, connection,
//        balance, basis: { hints: [index into hints], reply, conversation },
//        stats, notices }; start/end are UTF-16 code units. `basis` says
//        what carried the balance (src/analysis.rs, Basis).
//        On the port the hints travel packed (hintPacker/hintUnpacker below):
//        one row of numbers per hint, and each text (rule id, message,
//        note...) once per port, in `texts`, the first time it is used.
//        Typing sends the same few messages on every keystroke, so packed
//        answers spare cloning every hint's texts into the page each time.
//   <- { kind: "error", seq: number, message: string }
//   The content script (content/core.js) opens the port when a composer is
//   first used and keeps at most one request in flight on it: text typed
//   meanwhile is sent once, as the newest, when the answer arrives. When the
//   background stops, the port disconnects; an unanswered request is sent
//   again on a new port, which wakes the background.
//
// One-shot runtime.sendMessage (any extension context -> background):
//   { kind: "ping" }            -> { ok: true, version: string, ready: boolean,
//        ports: { ports, requests, analyses, edits, parts } }: composer ports
//        opened, analyze requests received (of them, sent as edits and as a
//        long draft's part) and analyses run since this background started
//        (counters only; tests check one port per composer with them)
//   { kind: "getSettings" }     -> { ok: true, settings: Settings }
//   { kind: "setSettings", settings: Settings } -> { ok: true }
//   { kind: "analyzeOnce", text, platform } -> { ok: true, analysis }
//        (the popup's "paste a draft to try it": its module has no analyser)
//   { kind: "recordPost", text, first_text?, platform, id? } (content script,
//        after a publish was confirmed, or the manual "log this post")
//        -> { ok: true, recorded: boolean, reason?: string, id, balance }
//        The background analyses the text itself and appends a record to the
//        history; recorded is false when recording is paused (reason
//        "paused") or the id was already recorded (the same post reported twice).
//        first_text is the draft as first analysed, for "improved before posting".
//   { kind: "logActiveDraft" } (popup -> the active tab's content script,
//        through tabs.sendMessage) -> the background's recordPost reply, or
//        { ok: false, error: "no draft" }. The manual "log this post": records
//        the composer the user last typed in on that page, as it is now.
//   { kind: "composerStatus" } (popup -> the active tab's content script,
//        through tabs.sendMessage) -> { ok: true, version, site, adapter,
//        platform, recognised: number, generic: number, active: null |
//        { label, path: "adapter" | "generic" } }: whether Rapport sees a
//        composer there, for the popup's "this tab" line a user can quote
//        in a bug report. recognised counts the editables on the page the
//        adapter's selectors match; generic, those it missed that the user
//        wrote in (the generic path's plain hints); active, the composer
//        last focused. No answer: no content script runs there (or paused).
//   { kind: "runCommand", command } (background -> every frame of the
//        active tab, for a keyboard command) -> { ok: true, done }
//        command: COMMANDS.nextHint | COMMANDS.applyFix; the frame the user
//        types in acts (done: whether there was a hint to act on).
//   { kind: "readOutcomes", site: string, posts: [{ text, truncated?,
//        time?, counts?: { replies?, reposts?, likes?, views? }, labels?:
//        string[] }] } (content script, content/features/outcomes.js)
//        -> { ok: true, read: false, reason: "off" | "paused" } or
//        { ok: true, read: true, matched: number, unmatched: number }
//        The user's own posts on a page of theirs that they opened (their
//        profile, a post of theirs), as rendered: the text, whether the
//        page shows it cut, its time (ms), each count control's text and
//        labels that name counts in words. The background matches them to
//        recorded posts (src/history/outcomes.rs: fingerprints, no text
//        kept) and stores the counts on those records. At most 100 posts a
//        message; the sender's hostname is the instance.
//   { kind: "uiMessages", language: string } (content script, content/core.js)
//        -> { ok: true, language, messages: { [lowercased key]: string } }
//        The extension's words in the locale the settings chose
//        (settings.ui_language, one of RapportFacts.settings.uiLanguages but
//        "auto"; any other language -> { ok: false, error }), with their
//        named placeholders already made $1…$9, for shared/browser.js's
//        message(). Content scripts may not read _locales themselves: nothing
//        of the extension is web-accessible, so pages cannot detect it.
//        The content script takes them only when the reply's language is the
//        one it asked for and every message is a string.
//   { kind: "exportHistory", format: "json" | "csv" } -> { ok: true, format, text }
//        The whole history formatted by Rust (the popup's module has no history code;
//        the popup indents the JSON and saves the file).
//   { kind: "repairHistory" }   -> { ok: true, problem, dropped, kept }
//        Re-reads the history, writes back what Rust recovered and the
//        summary (the popup asks when it finds no summary).
//   { kind: "clearHistory" }    -> { ok: true }
//   { kind: "dismissHistoryNotice" } -> { ok: true }
//   { kind: "setRecording", paused: boolean } -> { ok: true, paused }
//   Any other kind or a malformed message -> { ok: false, error: string }.
//
// History (storage.local, written only by the background, through one queue):
//   HISTORY_KEY = { schema: 1, records: Record[] }; Record is defined in
//   src/history/record.rs (site, host, time, balance, fame, connection, cues,
//   stats, phrases, first_balance, text only if settings.history.store_text,
//   fingerprint: { words, shingles: base64 hashes }, outcome: { replies,
//   reposts, likes, views, read_at } once counts were read).
//   HISTORY_SUMMARY_KEY = the Summary of src/history/summary.rs, written in the
//   same storage.set as the history, so the popup reads kilobytes, not the
//   whole history. A change of HISTORY_KEY without it (not written by the
//   background) makes the background re-read, repair and summarise.
//   HISTORY_NOTICE_KEY = { kind: "unreadable" | "damaged-records" |
//   "newer-schema", dropped, kept, at }: shown in the popup until dismissed.
//   HISTORY_BACKUP_KEY = the damaged value as it was before a repair.
//   Extension pages may read these keys directly; only the background writes.
//
// Settings (storage.local key SETTINGS_KEY) = { options: { platform, profile:
//   { names, handles, flag_phrases, ignore_phrases }, disabled_rules },
//   paused_sites: string[] (hostnames), extra_sites: string[] (origins
//   granted through optional_host_permissions; the background registers the
//   content scripts for them), nudge: boolean, history: { max_posts,
//   max_age_days (0 = no limit), store_text, paused, read_outcomes },
//   ui_language: "auto" | "en" | "es" | "pt_BR" | "fr" | "de" (the language
//   of the extension's own words; "auto" follows the browser) }. Content
//   scripts watch storage.onChanged, so a change applies to open tabs without
//   reload (a new ui_language: their gauge and cards are drawn again in it).
//
// Only messages from this extension's own contexts are answered; page scripts
// cannot reach the background (no externally_connectable) and content scripts
// never listen to window messages.
(() => {
  const HINT_NUMBERS = ["start", "end"];
  const HINT_TEXTS = ["rule_id", "cue", "polarity", "severity", "message", "note", "suggestion", "replacement"];

  /** The background's side of one composer port: hints -> { rows, texts new to this port }. */
  function hintPacker() {
    const known = new Map(); // text -> its index on this port
    return (hints) => {
      const texts = [];
      const ref = (v) => {
        if (typeof v !== "string") return -1;
        let i = known.get(v);
        if (i === undefined) {
          i = known.size;
          known.set(v, i);
          texts.push(v);
        }
        return i;
      };
      const rows = hints.map((h) => [...HINT_NUMBERS.map((k) => h[k]), ...HINT_TEXTS.map((k) => ref(h[k]))]);
      return { rows, texts };
    };
  }

  /**
   * The content script's side of the same port: { rows, texts } -> hints.
   * Returns null for a row that refers to a text this port never sent (a
   * malformed or foreign answer), so nothing half-built is drawn.
   */
  function hintUnpacker() {
    const known = [];
    return ({ rows, texts }) => {
      if (!Array.isArray(rows) || !Array.isArray(texts)) return null;
      known.push(...texts);
      const hints = [];
      for (const row of rows) {
        if (!Array.isArray(row) || row.length !== HINT_NUMBERS.length + HINT_TEXTS.length) return null;
        const h = {};
        HINT_NUMBERS.forEach((k, i) => { h[k] = row[i]; });
        for (let i = 0; i < HINT_TEXTS.length; i++) {
          const j = row[HINT_NUMBERS.length + i];
          if (!Number.isInteger(j) || j < -1 || j >= known.length) return null;
          h[HINT_TEXTS[i]] = j < 0 ? null : known[j];
        }
        hints.push(h);
      }
      return hints;
    };
  }

  globalThis.RapportProtocol = Object.freeze({
    hintPacker,
    hintUnpacker,
    PORT_COMPOSER: "rapport.composer",
    SETTINGS_KEY: "settings",
    HISTORY_KEY: "history",
    HISTORY_SUMMARY_KEY: "history_summary",
    HISTORY_NOTICE_KEY: "history_notice",
    HISTORY_BACKUP_KEY: "history_backup",
    // The developer setting (extension/content/core.js, background.js), written only from extension pages.
    DEV_KEY: "dev",
    MAX_TEXT_UTF16: 1_000_000,
    Kinds: Object.freeze({
      ANALYZE: "analyze",
      ANALYSIS: "analysis",
      ERROR: "error",
      PING: "ping",
      GET_SETTINGS: "getSettings",
      SET_SETTINGS: "setSettings",
      ANALYZE_ONCE: "analyzeOnce",
      RECORD_POST: "recordPost",
      REPAIR_HISTORY: "repairHistory",
      EXPORT_HISTORY: "exportHistory",
      CLEAR_HISTORY: "clearHistory",
      DISMISS_HISTORY_NOTICE: "dismissHistoryNotice",
      SET_RECORDING: "setRecording",
      LOG_ACTIVE_DRAFT: "logActiveDraft",
      COMPOSER_STATUS: "composerStatus",
      RUN_COMMAND: "runCommand",
      READ_OUTCOMES: "readOutcomes",
      UI_MESSAGES: "uiMessages",
    }),
    // The manifest's "commands" (keyboard shortcuts the user can rebind).
    COMMANDS: Object.freeze({ nextHint: "next-hint", applyFix: "apply-fix" }),
  });
})();
