//! `analyze(text, options)`: what the extension's background and pages call.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::analysis::{Analysis, Balance, Cue, Notice, Polarity, Severity, Stats};
use crate::options::Options;
use crate::Analyzer;

use super::utf16::bytes_to_utf16;

thread_local! {
    /// The analyser for the options object last seen. Building one compiles the
    /// brand profile's automaton, so it is reused while the caller passes the
    /// same (identical) options object, which is what the background does
    /// between settings changes.
    static CACHED: RefCell<Option<(JsValue, Analyzer)>> = const { RefCell::new(None) };
}

/// A hint as JavaScript sees it: offsets in UTF-16 code units.
#[derive(Serialize)]
struct JsHint<'a> {
    rule_id: &'a str,
    cue: Cue,
    polarity: Polarity,
    start: u32,
    end: u32,
    message: &'a str,
    note: &'a str,
    suggestion: Option<&'a str>,
    replacement: Option<&'a str>,
    severity: Severity,
}

#[derive(Serialize)]
struct JsAnalysis<'a> {
    hints: Vec<JsHint<'a>>,
    fame: u8,
    connection: u8,
    balance: Balance,
    stats: &'a Stats,
    notices: &'a [Notice],
}

/// Converts every span of `analysis` in one pass over `text`.
fn to_js_shape<'a>(text: &str, analysis: &'a Analysis) -> JsAnalysis<'a> {
    let mut offsets: Vec<u32> = Vec::with_capacity(analysis.hints.len() * 2);
    for hint in &analysis.hints {
        offsets.push(hint.span.start() as u32);
        offsets.push(hint.span.end() as u32);
    }
    if !text.is_ascii() {
        bytes_to_utf16(text, &mut offsets);
    }
    let hints = analysis
        .hints
        .iter()
        .zip(offsets.chunks_exact(2))
        .map(|(h, se)| JsHint {
            rule_id: &h.rule_id,
            cue: h.cue,
            polarity: h.polarity,
            start: se[0],
            end: se[1],
            message: &h.message,
            note: &h.note,
            suggestion: h.suggestion.as_deref(),
            replacement: h.replacement.as_deref(),
            severity: h.severity,
        })
        .collect();
    JsAnalysis {
        hints,
        fame: analysis.fame,
        connection: analysis.connection,
        balance: analysis.balance,
        stats: &analysis.stats,
        notices: &analysis.notices,
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
/// Offsets in the result are UTF-16 code units, ready for `Range`/`setSelectionRange`.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    with_analyzer(&options, |analyzer| {
        let analysis = analyzer.analyze(text);
        let json = serde_json::to_string(&to_js_shape(text, &analysis))
            .expect("analysis always serialises");
        // One JSON.parse is much cheaper than building the object property by property across the boundary.
        js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal: analysis JSON did not parse"))
    })?
}

/// The flat variant for hot loops: `[fame, connection, balance, hint count,
/// then per hint: cue index, start, end]` (UTF-16 offsets; indices into
/// `cue_names()` and `balance_names()`).
#[wasm_bindgen]
pub fn analyze_flat(text: &str, options: JsValue) -> Result<Vec<u32>, JsError> {
    with_analyzer(&options, |analyzer| {
        let analysis = analyzer.analyze(text);
        let mut offsets: Vec<u32> = Vec::with_capacity(analysis.hints.len() * 2);
        for hint in &analysis.hints {
            offsets.push(hint.span.start() as u32);
            offsets.push(hint.span.end() as u32);
        }
        if !text.is_ascii() {
            bytes_to_utf16(text, &mut offsets);
        }
        let mut out = Vec::with_capacity(4 + analysis.hints.len() * 3);
        out.extend([
            analysis.fame as u32,
            analysis.connection as u32,
            Balance::ALL.iter().position(|b| *b == analysis.balance).unwrap_or(0) as u32,
            analysis.hints.len() as u32,
        ]);
        for (hint, se) in analysis.hints.iter().zip(offsets.chunks_exact(2)) {
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
