//! The history functions the background calls: string in, string out, so the
//! store's logic (schema migration, repair, caps, summary) stays in the pure
//! core and JavaScript only reads and writes `storage.local`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::habits::record::load_str;
use crate::habits::summary::Summary;
use crate::habits::{export, update, Caps, Update};

/// Loads the stored history (`raw`: its JSON text, or "" when absent), adds
/// `add` (a record as JSON, or "") and applies the caps. Returns
/// `{update: {store, write, problem, dropped, added, rejected}, summary}` as
/// JSON: the background writes the store and the summary together, so the
/// popup reads a few kilobytes instead of the whole history.
#[wasm_bindgen]
pub fn history_update(
    raw: &str,
    add: &str,
    now_ms: f64,
    max_posts: u32,
    max_age_days: u32,
) -> String {
    #[derive(Serialize)]
    struct Reply {
        update: Update,
        summary: Summary,
    }
    let add = (!add.is_empty()).then_some(add);
    let caps = Caps {
        max_posts: max_posts as usize,
        max_age_days,
    };
    let update = update(load_str(raw), add, now_ms as i64, caps);
    let summary = Summary::compute(&update.store.records);
    serde_json::to_string(&Reply { update, summary }).expect("reply serialises")
}

/// The history (JSON text as stored) exported as `"json"` or `"csv"`.
#[wasm_bindgen]
pub fn history_export(raw: &str, format: &str) -> String {
    let records = load_str(raw).records;
    if format == "csv" {
        export::to_csv(&records)
    } else {
        export::to_json(&records)
    }
}
