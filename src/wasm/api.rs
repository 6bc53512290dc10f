//! `analyze(text, options)`: what the extension's background and pages call.
//!
//! The result object is assembled by a few lines of JavaScript (`build` below)
//! from numbers plus a table of the lexicon's fixed texts that crosses the
//! boundary once: a typical post then costs one typed-array view instead of
//! encoding, decoding and parsing every message and note on each keystroke.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::analysis::{Analysis, Balance, Cue, Hint, Notice, Severity, Stats};
use crate::lexicon;
use crate::options::Options;
use crate::Analyzer;

use super::utf16::bytes_to_utf16;

#[wasm_bindgen(inline_js = r#"
let TABLES = null;
export function tables_loaded() { return TABLES !== null; }
export function load_tables(json) { TABLES = JSON.parse(json); }
// flat: [fame, connection, balance, hint count, stats..., then per hint:
// rule index (or -1 as u32), cue, severity, start, end]; extra: JSON of
// {overrides: {hint index: fields}, notices: [...]} or "" when there is none.
export function build(flat, extra) {
  const { rules, cues, polarities, severities, balances, stats: statNames } = TABLES;
  const stats = {};
  const nStats = statNames.length;
  for (let i = 0; i < nStats; i++) stats[statNames[i]] = flat[4 + i];
  const more = extra === "" ? null : JSON.parse(extra);
  const hints = new Array(flat[3]);
  for (let h = 0, p = 4 + nStats; h < hints.length; h++, p += 5) {
    const rule = flat[p] === 0xffffffff ? null : rules[flat[p]];
    const cue = flat[p + 1];
    const hint = {
      rule_id: rule ? rule[0] : "",
      cue: cues[cue],
      polarity: polarities[cue],
      start: flat[p + 3],
      end: flat[p + 4],
      message: rule ? rule[1] : "",
      note: rule ? rule[2] : "",
      suggestion: rule ? rule[3] : null,
      replacement: rule ? rule[4] : null,
      severity: severities[flat[p + 2]],
    };
    const own = more && more.overrides[h];
    hints[h] = own ? Object.assign(hint, own) : hint;
  }
  return { hints, fame: flat[0], connection: flat[1], balance: balances[flat[2]], stats, notices: more ? more.notices : [] };
}
"#)]
extern "C" {
    fn tables_loaded() -> bool;
    fn load_tables(json: &str);
    fn build(flat: &[u32], extra: &str) -> JsValue;
}

thread_local! {
    /// The analyser for the options object last seen. Building one compiles the
    /// brand profile's automaton, so it is reused while the caller passes the
    /// same (identical) options object, which is what the background does
    /// between settings changes.
    static CACHED: RefCell<Option<(JsValue, Analyzer)>> = const { RefCell::new(None) };
}

const NO_RULE: u32 = u32::MAX;

/// The fixed texts JavaScript needs to turn numbers back into hints.
#[derive(Serialize)]
struct Tables {
    /// Per lexicon rule: [id, message, note, suggestion, replacement].
    rules: Vec<(
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    )>,
    cues: Vec<&'static str>,
    polarities: Vec<crate::analysis::Polarity>,
    severities: [Severity; 3],
    balances: Vec<&'static str>,
    stats: [&'static str; 14],
}

fn tables_json() -> String {
    let tables = Tables {
        rules: lexicon::rules()
            .iter()
            .map(|r| {
                let suggestion = (!r.suggestion.is_empty()).then_some(r.suggestion);
                (r.id, r.message, r.note, suggestion, r.replacement)
            })
            .collect(),
        cues: Cue::ALL.iter().map(|c| c.name()).collect(),
        polarities: Cue::ALL.iter().map(|c| c.polarity()).collect(),
        severities: [Severity::Mild, Severity::Moderate, Severity::Strong],
        balances: Balance::ALL.iter().map(|b| b.name()).collect(),
        stats: Stats::FIELDS,
    };
    serde_json::to_string(&tables).expect("tables serialise")
}

/// The texts of a hint that differ from its lexicon entry (or all of them for
/// a hint with no entry, such as the user's own phrases).
#[derive(Serialize, Default)]
struct Override<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<Option<&'a str>>,
}

#[derive(Serialize)]
struct Extra<'a> {
    overrides: std::collections::BTreeMap<usize, Override<'a>>,
    notices: &'a [Notice],
}

/// Index of the hint's lexicon entry and what differs from it.
fn rule_and_override(hint: &Hint) -> (u32, Option<Override<'_>>) {
    let rules = lexicon::rules();
    let Some(index) = rules.iter().position(|r| r.id == hint.rule_id) else {
        return (
            NO_RULE,
            Some(Override {
                rule_id: Some(&hint.rule_id),
                message: Some(&hint.message),
                note: Some(&hint.note),
                suggestion: Some(hint.suggestion.as_deref()),
                replacement: Some(hint.replacement.as_deref()),
            }),
        );
    };
    let rule = &rules[index];
    let suggestion = (!rule.suggestion.is_empty()).then_some(rule.suggestion);
    let own = Override {
        rule_id: None,
        message: (hint.message != rule.message).then_some(hint.message.as_str()),
        note: (hint.note != rule.note).then_some(hint.note.as_str()),
        suggestion: (hint.suggestion.as_deref() != suggestion)
            .then_some(hint.suggestion.as_deref()),
        replacement: (hint.replacement.as_deref() != rule.replacement)
            .then_some(hint.replacement.as_deref()),
    };
    let differs = own.message.is_some()
        || own.note.is_some()
        || own.suggestion.is_some()
        || own.replacement.is_some();
    (index as u32, differs.then_some(own))
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
    match severity {
        Severity::Mild => 0,
        Severity::Moderate => 1,
        Severity::Strong => 2,
    }
}

fn with_analyzer<R>(options: &JsValue, f: impl FnOnce(&Analyzer) -> R) -> Result<R, JsError> {
    CACHED.with(|cell| {
        let mut cached = cell.borrow_mut();
        let hit = matches!(&*cached, Some((key, _)) if js_sys::Object::is(key, options));
        if !hit {
            let parsed: Options = if options.is_undefined() || options.is_null() {
                Options::default()
            } else {
                serde_wasm_bindgen::from_value(options.clone())
                    .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
            };
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
    if !tables_loaded() {
        load_tables(&tables_json());
    }
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
        let mut overrides = std::collections::BTreeMap::new();
        for (i, (hint, se)) in analysis.hints.iter().zip(spans.chunks_exact(2)).enumerate() {
            let (rule, own) = rule_and_override(hint);
            if let Some(own) = own {
                overrides.insert(i, own);
            }
            flat.extend([
                rule,
                hint.cue as u32,
                severity_index(hint.severity),
                se[0],
                se[1],
            ]);
        }
        let extra = if overrides.is_empty() && analysis.notices.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&Extra {
                overrides,
                notices: &analysis.notices,
            })
            .expect("overrides serialise")
        };
        build(&flat, &extra)
    })
}

/// The flat variant for hot loops: `[fame, connection, balance, hint count,
/// then per hint: cue index, start, end]` (UTF-16 offsets; indices into
/// `cue_names()` and `balance_names()`).
#[wasm_bindgen]
pub fn analyze_flat(text: &str, options: JsValue) -> Result<Vec<u32>, JsError> {
    with_analyzer(&options, |analyzer| {
        let analysis = analyzer.analyze(text);
        let spans = utf16_spans(text, &analysis);
        let mut out = Vec::with_capacity(4 + analysis.hints.len() * 3);
        out.extend([
            analysis.fame as u32,
            analysis.connection as u32,
            balance_index(analysis.balance),
            analysis.hints.len() as u32,
        ]);
        for (hint, se) in analysis.hints.iter().zip(spans.chunks_exact(2)) {
            out.extend([hint.cue as u32, se[0], se[1]]);
        }
        out
    })
}

/// Cue names in the order `analyze_flat` indexes them.
#[wasm_bindgen]
pub fn cue_names() -> Vec<String> {
    Cue::ALL.iter().map(|c| c.name().to_string()).collect()
}

/// Balance names in the order `analyze_flat` indexes them.
#[wasm_bindgen]
pub fn balance_names() -> Vec<String> {
    Balance::ALL.iter().map(|b| b.name().to_string()).collect()
}

/// The crate version, so the background can report what it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
