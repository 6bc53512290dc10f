// The message protocol between content scripts, extension pages and the
// background. This file is the documentation: every message kind and its shape.
//
// Long-lived port, one per composer (content script -> background):
//   name: PORT_COMPOSER
//   -> { kind: "analyze", seq: number, text: string, platform: string }
//        The background answers only the newest seq it has seen on the port;
//        older requests that arrive late are dropped (newest text wins).
//   <- { kind: "analysis", seq: number, analysis: Analysis }
//        Analysis = { hints: [{ rule_id, cue, polarity, start, end, message,
//        note, suggestion, replacement, severity }], fame, connection,
//        balance, stats, notices }; start/end are UTF-16 code units.
//   <- { kind: "error", seq: number, message: string }
//
// One-shot runtime.sendMessage (any extension context -> background):
//   { kind: "ping" }            -> { ok: true, version: string, ready: boolean }
//   { kind: "getSettings" }     -> { ok: true, settings: Settings }
//   { kind: "setSettings", settings: Settings } -> { ok: true }
//   { kind: "analyzeOnce", text, platform } -> { ok: true, analysis }
//   Any other kind or a malformed message -> { ok: false, error: string }.
//
// Settings (storage.local key SETTINGS_KEY) = { options: { platform, profile:
//   { names, handles, flag_phrases, ignore_phrases }, disabled_rules },
//   paused_sites: string[] }. Content scripts watch storage.onChanged, so a
//   change applies to open tabs without reload.
//
// Only messages from this extension's own contexts are answered; page scripts
// cannot reach the background (no externally_connectable) and content scripts
// never listen to window messages.
(() => {
  globalThis.RapportProtocol = Object.freeze({
    PORT_COMPOSER: "rapport.composer",
    SETTINGS_KEY: "settings",
    MAX_TEXT_UTF16: 1_000_000,
    Kinds: Object.freeze({
      ANALYZE: "analyze",
      ANALYSIS: "analysis",
      ERROR: "error",
      PING: "ping",
      GET_SETTINGS: "getSettings",
      SET_SETTINGS: "setSettings",
      ANALYZE_ONCE: "analyzeOnce",
    }),
  });
})();
