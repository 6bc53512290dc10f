// The background: loads the wasm analyser once and answers the protocol in
// shared/protocol.js. Service worker in Chromium, event page in Firefox.
import "./shared/browser.js";
import "./shared/protocol.js";
import init, { analyze, version } from "./pkg/rapport.js";

const { api } = globalThis.RapportBrowser;
const { Kinds, PORT_COMPOSER, SETTINGS_KEY, MAX_TEXT_UTF16 } = globalThis.RapportProtocol;

const PLATFORMS = new Set(["x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram", "reddit", "generic"]);

// Started at once so the first analysis after a wake-up waits only for what is left.
const wasmReady = init({ module_or_path: api.runtime.getURL("pkg/rapport_bg.wasm") });
let wasmLoaded = false;
wasmReady.then(() => { wasmLoaded = true; }, (e) => console.error("Rapport: the analyser failed to load", e));

// Options objects are never mutated: the wasm side reuses its prepared
// analyser while it is handed the identical object, so a change makes new ones.
const optionsCache = new Map();
let settings = defaultSettings();
const settingsReady = loadSettings();

function defaultSettings() {
  return { options: { platform: "generic", profile: { names: [], handles: [], flag_phrases: [], ignore_phrases: [] }, disabled_rules: [] }, paused_sites: [] };
}

const strings = (v) => (Array.isArray(v) ? v.filter((s) => typeof s === "string" && s.length <= 200).slice(0, 500) : []);

/** Keeps what is valid in a stored or imported value, so bad data loses nothing else. */
export function sanitizeSettings(raw) {
  const base = defaultSettings();
  if (!raw || typeof raw !== "object") return base;
  const o = raw.options && typeof raw.options === "object" ? raw.options : {};
  const p = o.profile && typeof o.profile === "object" ? o.profile : {};
  return {
    options: {
      platform: PLATFORMS.has(o.platform) ? o.platform : "generic",
      profile: { names: strings(p.names), handles: strings(p.handles), flag_phrases: strings(p.flag_phrases), ignore_phrases: strings(p.ignore_phrases) },
      disabled_rules: strings(o.disabled_rules),
    },
    paused_sites: strings(raw.paused_sites),
  };
}

async function loadSettings() {
  try {
    const stored = await api.storage.local.get(SETTINGS_KEY);
    settings = sanitizeSettings(stored[SETTINGS_KEY]);
  } catch (e) {
    console.error("Rapport: settings could not be read; using defaults", e);
    settings = defaultSettings();
  }
  optionsCache.clear();
}

api.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes[SETTINGS_KEY]) {
    settings = sanitizeSettings(changes[SETTINGS_KEY].newValue);
    optionsCache.clear();
  }
});

function optionsFor(platform) {
  const key = PLATFORMS.has(platform) ? platform : "generic";
  let o = optionsCache.get(key);
  if (!o) {
    o = Object.freeze({ ...settings.options, platform: key });
    optionsCache.set(key, o);
  }
  return o;
}

/** Cuts at most MAX_TEXT_UTF16 code units without splitting a surrogate pair. */
function clampText(text) {
  if (text.length <= MAX_TEXT_UTF16) return { text, truncated: false };
  let end = MAX_TEXT_UTF16;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

async function analyzeText(text, platform) {
  if (typeof text !== "string") throw new Error("text must be a string");
  await Promise.all([wasmReady, settingsReady]);
  const clamped = clampText(text);
  const analysis = analyze(clamped.text, optionsFor(platform));
  if (clamped.truncated) {
    analysis.notices.push({ kind: "truncated", message: api.i18n.getMessage("noticeTruncated", [String(MAX_TEXT_UTF16)]) });
  }
  return analysis;
}

const fromThisExtension = (sender) => sender && sender.id === api.runtime.id;

api.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_COMPOSER || !fromThisExtension(port.sender)) {
    port.disconnect();
    return;
  }
  let newest = -1;
  port.onMessage.addListener(async (msg) => {
    if (!msg || msg.kind !== Kinds.ANALYZE || !Number.isSafeInteger(msg.seq)) {
      port.postMessage({ kind: Kinds.ERROR, seq: msg?.seq ?? -1, message: "malformed request" });
      return;
    }
    if (msg.seq <= newest) return;
    newest = msg.seq;
    try {
      const analysis = await analyzeText(msg.text, msg.platform);
      // A newer text arrived while this one waited for the wasm: it wins.
      if (msg.seq === newest) port.postMessage({ kind: Kinds.ANALYSIS, seq: msg.seq, analysis });
    } catch (e) {
      port.postMessage({ kind: Kinds.ERROR, seq: msg.seq, message: String(e?.message ?? e) });
    }
  });
});

async function handleMessage(msg) {
  switch (msg?.kind) {
    case Kinds.PING:
      await wasmReady.catch(() => {});
      return { ok: true, version: wasmLoaded ? version() : null, ready: wasmLoaded };
    case Kinds.GET_SETTINGS:
      await settingsReady;
      return { ok: true, settings };
    case Kinds.SET_SETTINGS: {
      const clean = sanitizeSettings(msg.settings);
      await api.storage.local.set({ [SETTINGS_KEY]: clean });
      return { ok: true, settings: clean };
    }
    case Kinds.ANALYZE_ONCE:
      return { ok: true, analysis: await analyzeText(msg.text, msg.platform) };
    default:
      return { ok: false, error: `unknown message kind: ${String(msg?.kind).slice(0, 40)}` };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!fromThisExtension(sender)) return false;
  handleMessage(msg).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true; // the answer is sent asynchronously
});
