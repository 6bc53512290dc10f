//! `analyze(text, options)`: what the extension's background and pages call.
//!
//! The result object is assembled by a few lines of JavaScript (`build` below)
//! from numbers plus a table of the lexicon's fixed texts that crosses the
//! boundary once: a typical post then costs one typed-array view instead of
//! encoding, decoding and parsing every message and note on each keystroke.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use rapport::analysis::{Analysis, Balance, Cue, Hint, NoticeKind, Severity, Stats};
use rapport::language::Lang;
use rapport::lexicon;
use rapport::options::Options;
use rapport::settings::{clean_options, LeftOut};
use rapport::Analyzer;

use crate::json::{push_json_list, push_json_opt, push_json_str};
use crate::settings::Js;
use crate::utf16::bytes_to_utf16;

#[wasm_bindgen(inline_js = r#"
let RULES, CUES, POLARITIES, SEVERITIES, BALANCES, STAT_NAMES, INSTALLED;
// Per installed language pack: its rules' texts, as pkg/lexicon.json's.
const PACK_RULES = new Map();
const LANGUAGES = ["", "en", "es", "pt", "fr", "de"];
export function set_pack_texts(lang, rules) {
  PACK_RULES.set(lang, rules);
}
export function load_tables(json) {
  const t = JSON.parse(json);
  RULES = INSTALLED || t.rules; CUES = t.cues; POLARITIES = t.polarities;
  SEVERITIES = t.severities; BALANCES = t.balances; STAT_NAMES = t.stats;
}
// The rules' texts from pkg/lexicon.json, for a module built without them.
export function set_rule_texts(rules) {
  INSTALLED = rules;
  if (RULES) RULES = rules;
}
// flat: [fame, connection, balance, hint count, stats..., then per hint:
// rule index (or -1 as u32), cue, severity, start, end, then the basis:
// count, hint indices, reply, conversation, then the language's index in
// LANGUAGES]; a rule index is into that language's rules. extra: JSON of
// {overrides: {hint index: fields}, notices: [...]}, or undefined when there
// is nothing beyond the numbers.
export function build(flat, extra) {
  const stats = {};
  const nStats = STAT_NAMES.length;
  for (let i = 0; i < nStats; i++) stats[STAT_NAMES[i]] = flat[4 + i];
  const more = extra === undefined ? null : JSON.parse(extra);
  const count = flat[3];
  const language = LANGUAGES[flat[flat.length - 1]] ?? "";
  const rules = PACK_RULES.get(language) ?? RULES;
  const hints = [];
  for (let h = 0, p = 4 + nStats; h < count; h++, p += 5) {
    const rule = flat[p] === 0xffffffff ? null : rules[flat[p]];
    const cue = flat[p + 1];
    const hint = {
      rule_id: rule ? rule[0] : "",
      cue: CUES[cue],
      polarity: POLARITIES[cue],
      start: flat[p + 3],
      end: flat[p + 4],
      message: rule ? rule[1] : "",
      note: rule ? rule[2] : "",
      suggestion: rule ? rule[3] : null,
      replacement: rule ? rule[4] : null,
      severity: SEVERITIES[flat[p + 2]],
    };
    const own = more && more.overrides[h];
    hints.push(own ? Object.assign(hint, own) : hint);
  }
  let p = 4 + nStats + count * 5;
  const basis = { hints: Array.from(flat.subarray(p + 1, p + 1 + flat[p])), reply: false, conversation: false };
  p += 1 + flat[p];
  basis.reply = flat[p] === 1;
  basis.conversation = flat[p + 1] === 1;
  return { hints, fame: flat[0], connection: flat[1], balance: BALANCES[flat[2]], basis, stats, notices: more ? more.notices : [], language };
}
"#)]
extern "C" {
    fn load_tables(json: &str);
    fn set_rule_texts(rules: &JsValue);
    fn set_pack_texts(lang: &str, rules: &JsValue);
    fn build(flat: &[u32], extra: Option<&str>) -> JsValue;
}

thread_local! {
    /// The analyser for the options object last seen. Building one compiles the
    /// brand profile's automaton, so it is reused while the caller passes the
    /// same (identical) options object, which is what the background does
    /// between settings changes.
    static CACHED: RefCell<Option<(JsValue, Analyzer)>> = const { RefCell::new(None) };
    static TABLES_LOADED: Cell<bool> = const { Cell::new(false) };
}

const NO_RULE: u32 = u32::MAX;

/// The fixed texts JavaScript needs to turn numbers back into hints: per
/// lexicon rule `[id, message, note, suggestion, replacement]`, and the names
/// of cues, polarities, severities, balances and stats. Written by hand (as is
/// `extra_json`) so the background's module carries no JSON serialiser.
fn tables_json() -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("{\"rules\":[");
    for (i, r) in lexicon::rules().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_json_str(&mut out, r.id);
        out.push(',');
        push_json_str(&mut out, r.message);
        out.push(',');
        push_json_str(&mut out, r.note);
        out.push(',');
        push_json_opt(&mut out, (!r.suggestion.is_empty()).then_some(r.suggestion));
        out.push(',');
        push_json_opt(&mut out, r.replacement);
        out.push(']');
    }
    out.push_str("],\"cues\":");
    push_json_list(&mut out, Cue::ALL.iter().map(|c| c.name()));
    out.push_str(",\"polarities\":");
    push_json_list(&mut out, Cue::ALL.iter().map(|c| c.polarity().name()));
    out.push_str(",\"severities\":");
    push_json_list(&mut out, Severity::ALL.map(Severity::name));
    out.push_str(",\"balances\":");
    push_json_list(&mut out, Balance::ALL.iter().map(|b| b.name()));
    out.push_str(",\"stats\":");
    push_json_list(&mut out, Stats::FIELDS);
    out.push('}');
    out
}

fn notice_kind_name(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::UnsupportedLanguage => "unsupported-language",
        NoticeKind::OverLength => "over-length",
        NoticeKind::Truncated => "truncated",
        NoticeKind::LanguageNotLoaded => "language-not-loaded",
    }
}

/// `{"overrides": {hint index: fields that differ from the lexicon entry},
/// "notices": [...]}`, or "" when there is nothing to say beyond the numbers.
fn extra_json(analysis: &Analysis) -> String {
    let rules = Lang::from_code(analysis.language)
        .and_then(lexicon::installed)
        .map_or_else(lexicon::rules, |l| l.rules());
    let mut overrides = String::new();
    for (i, hint) in analysis.hints.iter().enumerate() {
        let rule = hint.lexicon_entry.map(|e| &rules[e as usize]);
        // A lexicon hint borrows the entry's texts, so the pointers match and
        // nothing is compared byte by byte on the hot path.
        let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
            (Some(a), Some(b)) => std::ptr::eq(a, b) || a == b,
            (a, b) => a == b,
        };
        let suggestion = rule.map(|r| (!r.suggestion.is_empty()).then_some(r.suggestion));
        let mut fields = String::new();
        let mut field = |name: &str, value: Option<&str>| {
            fields.push_str(if fields.is_empty() { "{" } else { "," });
            push_json_str(&mut fields, name);
            fields.push(':');
            push_json_opt(&mut fields, value);
        };
        if rule.is_none() {
            field("rule_id", Some(&hint.rule_id));
        }
        if !same(rule.map(|r| r.message), Some(&hint.message)) {
            field("message", Some(&hint.message));
        }
        if !same(rule.map(|r| r.note), Some(&hint.note)) {
            field("note", Some(&hint.note));
        }
        if suggestion.is_none_or(|s| !same(s, hint.suggestion.as_deref())) {
            field("suggestion", hint.suggestion.as_deref());
        }
        if rule.is_none_or(|r| !same(r.replacement, hint.replacement.as_deref())) {
            field("replacement", hint.replacement.as_deref());
        }
        if !fields.is_empty() {
            fields.push('}');
            overrides.push_str(if overrides.is_empty() { "{" } else { "," });
            overrides.push_str(&format!("\"{i}\":"));
            overrides.push_str(&fields);
        }
    }
    if overrides.is_empty() && analysis.notices.is_empty() {
        return String::new();
    }
    let mut out = String::from("{\"overrides\":");
    if overrides.is_empty() {
        out.push_str("{}");
    } else {
        out.push_str(&overrides);
        out.push('}');
    }
    out.push_str(",\"notices\":[");
    for (i, notice) in analysis.notices.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"kind\":");
        push_json_str(&mut out, notice_kind_name(notice.kind));
        out.push_str(",\"message\":");
        push_json_str(&mut out, &notice.message);
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// Index of the hint's lexicon entry, or `NO_RULE`.
fn rule_index(hint: &Hint) -> u32 {
    hint.lexicon_entry.map_or(NO_RULE, u32::from)
}

/// The UTF-16 [start, end] of every hint, converted in one pass over `text`.
fn utf16_spans(text: &str, analysis: &Analysis) -> Vec<u32> {
    let mut offsets: Vec<u32> = Vec::with_capacity(analysis.hints.len() * 2);
    for hint in &analysis.hints {
        offsets.push(hint.span.start() as u32);
        offsets.push(hint.span.end() as u32);
    }
    if !text.is_ascii() {
        bytes_to_utf16(text, &mut offsets);
    }
    offsets
}

fn balance_index(balance: Balance) -> u32 {
    Balance::ALL.iter().position(|b| *b == balance).unwrap_or(0) as u32
}

fn severity_index(severity: Severity) -> u32 {
    Severity::ALL
        .iter()
        .position(|s| *s == severity)
        .unwrap_or(0) as u32
}

/// Reads `{platform, profile: {names, handles, flag_phrases, ignore_phrases},
/// disabled_rules}` (every field optional) with the settings' own cleaning
/// (`crate::settings`), but strictly: anything it would drop is an error, so
/// a caller's mistake is reported rather than silently ignored.
fn options_from_js(value: &JsValue) -> Result<Options, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() {
        return Err("options must be an object".into());
    }
    let mut dropped = Vec::new();
    let options = clean_options(&Js(value.clone()), &mut dropped);
    // The first problem is enough to point at the mistake.
    match dropped.first() {
        None => Ok(options),
        Some(LeftOut { field, why }) => {
            let field = field.strip_prefix("options.").unwrap_or(field);
            Err(format!("{field}: {why}"))
        }
    }
}

fn with_analyzer<R>(options: &JsValue, f: impl FnOnce(&Analyzer) -> R) -> Result<R, JsError> {
    if !lexicon::is_ready() {
        return Err(JsError::new(
            "the lexicon is not installed: call install_lexicon with pkg/lexicon.json first",
        ));
    }
    CACHED.with(|cell| {
        let mut cached = cell.borrow_mut();
        let hit = matches!(&*cached, Some((key, _)) if js_sys::Object::is(key, options));
        if !hit {
            let parsed = options_from_js(options)
                .map_err(|e| JsError::new(&format!("invalid options: {e}")))?;
            *cached = Some((options.clone(), Analyzer::new(&parsed)));
        }
        let (_, analyzer) = cached.as_ref().expect("just filled");
        Ok(f(analyzer))
    })
}

/// Analyses one draft. `options` is `{platform, profile, disabled_rules}` (all
/// optional); pass the same object again to reuse the prepared analyser.
/// Returns `{hints, fame, connection, balance, stats, notices}`; hint
/// `start`/`end` are UTF-16 code units, ready for `Range`/`setSelectionRange`.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    // The texts cross to JavaScript once per module instance; checked on
    // the Rust side so that a keystroke makes no extra call into JavaScript.
    TABLES_LOADED.with(|loaded| {
        if !loaded.get() {
            load_tables(&tables_json());
            loaded.set(true);
        }
    });
    with_analyzer(&options, |analyzer| {
        let analysis = analyzer.analyze(text);
        let spans = utf16_spans(text, &analysis);
        let mut flat = Vec::with_capacity(4 + 14 + analysis.hints.len() * 5);
        flat.extend([
            analysis.fame as u32,
            analysis.connection as u32,
            balance_index(analysis.balance),
            analysis.hints.len() as u32,
        ]);
        flat.extend(analysis.stats.values());
        for (hint, se) in analysis.hints.iter().zip(spans.chunks_exact(2)) {
            flat.extend([
                rule_index(hint),
                hint.cue as u32,
                severity_index(hint.severity),
                se[0],
                se[1],
            ]);
        }
        let basis = &analysis.basis;
        flat.push(basis.hints.len() as u32);
        flat.extend(&basis.hints);
        flat.extend([u32::from(basis.reply), u32::from(basis.conversation)]);
        flat.push(language_index(analysis.language));
        let extra = extra_json(&analysis);
        build(&flat, (!extra.is_empty()).then_some(extra.as_str()))
    })
}

/// Installs the lexicon's texts and phrases (`pkg/lexicon.json`, written by
/// `rapport export-lexicon`) into an analyser built without them. Refuses a
/// file made from another lexicon, or a malformed one, with a clear error.
#[wasm_bindgen]
pub fn install_lexicon(lexicon: JsValue) -> Result<(), JsError> {
    let get = |name: &str| js_sys::Reflect::get(&lexicon, &JsValue::from_str(name)).ok();
    let bad = || JsError::new("pkg/lexicon.json is not a lexicon file");
    let fingerprint = get("fingerprint")
        .and_then(|v| v.as_string())
        .ok_or_else(bad)?;
    let prefixes = get("prefixes")
        .and_then(|v| v.as_string())
        .ok_or_else(bad)?;
    let meta = get("meta")
        .filter(js_sys::Array::is_array)
        .ok_or_else(bad)?;
    let meta: Vec<u32> = js_sys::Array::from(&meta)
        .iter()
        .map(|v| {
            v.as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n))
        })
        .map(|n| n.map(|n| n as u32))
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let rules = get("rules")
        .filter(|r| {
            js_sys::Array::is_array(r)
                && js_sys::Array::from(r).length() as usize == lexicon::rules().len()
        })
        .ok_or_else(bad)?;
    // The language detector's evidence (rapport::language::install_evidence).
    let languages = get("languages")
        .filter(JsValue::is_object)
        .ok_or_else(bad)?;
    let field = |name: &str| js_sys::Reflect::get(&languages, &JsValue::from_str(name)).ok();
    let words = field("words").and_then(|w| w.as_string()).ok_or_else(bad)?;
    let scores: Vec<u32> = field("scores")
        .filter(js_sys::Array::is_array)
        .map(|a| js_sys::Array::from(&a))
        .ok_or_else(bad)?
        .iter()
        .map(|v| v.as_f64().map(|n| n as u32))
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    lexicon::install(prefixes, meta, &fingerprint).map_err(|e| JsError::new(&e.to_string()))?;
    if !rapport::language::install_evidence(&words, scores) {
        return Err(bad());
    }
    set_rule_texts(&rules);
    Ok(())
}

/// The index of a language code in the JavaScript `LANGUAGES` above.
fn language_index(code: &str) -> u32 {
    ["", "en", "es", "pt", "fr", "de"]
        .iter()
        .position(|c| *c == code)
        .unwrap_or(0) as u32
}

/// Installs a language's lexicon (`pkg/lexicon-<lang>.txt`, written beside
/// `pkg/lexicon.json` by `rapport export-lexicon`), which the background
/// loads the first time a draft needs it (notice `language-not-loaded`)
/// and splits into these parts (`splitLanguageFile` in background.js; the
/// parts are `rapport::lexicon::PackParts`'s). `texts` is per rule `[id,
/// message, note, suggestion, replacement]`: the texts stay on this side,
/// as English's do. Refuses a file made from another lexicon, or a
/// malformed one, with a clear error. Returns the language code installed.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn install_language(
    lang: &str,
    fingerprint: &str,
    ids: &str,
    numbers: &[u32],
    prefixes: &str,
    meta: &[u32],
    tails: &str,
    words: &str,
    texts: JsValue,
) -> Result<String, JsError> {
    let parts = lexicon::PackParts {
        lang,
        fingerprint,
        ids,
        numbers,
        texts: "",
        prefixes,
        meta,
        tails,
        words,
    };
    let lang = lexicon::install_pack(&parts).map_err(|e| JsError::new(&e.to_string()))?;
    set_pack_texts(lang.code(), &texts);
    Ok(lang.code().to_string())
}

/// The crate version, so the background can report what it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
