//! The history functions the background calls: string in, string out, so the
//! history's logic (schema migration, repair, caps, summary) stays in the pure
//! core and JavaScript only reads and writes `storage.local`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::utf16::utf16_to_bytes;
use rapport::analysis::{Balance, Cue, Stats};
use rapport::history::outcomes::{read_outcomes, Read, SeenPost};
use rapport::history::record::{load_str, Published, Record};
use rapport::history::summary::Summary;
use rapport::history::{export, update, Caps, Update};
use rapport::options::Platform;
use rapport::span::Span;

/// A published post as the background reports it: the text, the analysis's
/// reading of it with each hint's cue and UTF-16 span, and where it was
/// published. The record is built from it here, once, as the CLI builds its
/// own (`Record::from_hints`).
#[derive(Deserialize)]
struct PostReport {
    /// The composer's id for the post, if it gave a usable one.
    #[serde(default)]
    id: Option<String>,
    /// A fresh id (JavaScript's `crypto.randomUUID()`) for when it did not.
    fresh_id: String,
    site: String,
    #[serde(default)]
    host: String,
    text: String,
    #[serde(default)]
    keep_text: bool,
    balance: Balance,
    fame: u8,
    connection: u8,
    stats: Stats,
    hints: Vec<HintReport>,
    #[serde(default)]
    first_balance: Option<Balance>,
}

#[derive(Deserialize)]
struct HintReport {
    cue: Cue,
    start: u32,
    end: u32,
}

/// A post id longer than this (UTF-16 units, as the composer made it) is
/// not the composer's own; the fresh one is used instead.
const MAX_ID_UTF16: usize = 100;

/// The record of a reported post.
fn record_of(report: &str, now_ms: i64) -> Result<Record, String> {
    let post: PostReport =
        serde_json::from_str(report).map_err(|e| format!("the post report is not valid: {e}"))?;
    let site = Platform::ALL
        .into_iter()
        .find(|p| p.name() == post.site)
        .unwrap_or(Platform::Generic);
    let id = post
        .id
        .filter(|id| id.encode_utf16().count() <= MAX_ID_UTF16)
        .unwrap_or(post.fresh_id);
    let units: Vec<u32> = post.hints.iter().flat_map(|h| [h.start, h.end]).collect();
    let bytes = utf16_to_bytes(&post.text, &units);
    let spans: Vec<(Cue, Span)> = post
        .hints
        .iter()
        .zip(bytes.chunks_exact(2))
        .filter_map(|(h, b)| {
            let span = Span::within(&post.text, b[0]?, b[1]?).ok()?;
            Some((h.cue, span))
        })
        .collect();
    let published = Published {
        id,
        site,
        host: post.host,
        time: now_ms,
        text: &post.text,
        balance: post.balance,
        fame: post.fame,
        connection: post.connection,
        stats: post.stats,
        first_balance: post.first_balance,
        keep_text: post.keep_text,
    };
    Ok(Record::from_hints(published, spans))
}

/// Loads the stored history (`raw`: its JSON text, or "" when absent), adds
/// the record of `post` (a [`PostReport`] as JSON, or "") and applies the
/// caps. Returns
/// `{update: {history, write, problem, dropped, added, rejected}, summary}` as
/// JSON: the background writes the history and the summary together, so the
/// popup reads a few kilobytes instead of the whole history.
#[wasm_bindgen]
pub fn history_update(
    raw: &str,
    post: &str,
    now_ms: f64,
    max_posts: u32,
    max_age_days: u32,
) -> String {
    #[derive(Serialize)]
    struct Reply {
        update: Update,
        summary: Summary,
        /// The id the reported post's record was given.
        record_id: Option<String>,
    }
    let caps = Caps {
        max_posts: max_posts as usize,
        max_age_days,
    };
    let now = now_ms as i64;
    let record = (!post.is_empty()).then(|| record_of(post, now));
    let record_id = record
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|r| r.id.clone());
    let update = match record {
        Some(Err(reason)) => {
            let mut update = update(load_str(raw), None, now, caps);
            update.added = Some(false);
            update.rejected = Some(reason);
            update
        }
        Some(Ok(record)) => {
            let json = serde_json::to_string(&record).expect("a record serialises");
            update(load_str(raw), Some(&json), now, caps)
        }
        None => update(load_str(raw), None, now, caps),
    };
    let summary = Summary::compute(&update.history.records);
    serde_json::to_string(&Reply {
        update,
        summary,
        record_id,
    })
    .expect("reply serialises")
}

/// What a content script saw of the user's own posts on a page (the
/// protocol's `readOutcomes`).
#[derive(Deserialize)]
struct SeenReport {
    site: String,
    #[serde(default)]
    host: String,
    posts: Vec<SeenPost>,
}

/// Loads the stored history (`raw`), applies the caps, and stores on the
/// records the counts of the posts `seen` (a [`SeenReport`] as JSON) shows.
/// Returns `{update, summary, read: {matched, unmatched, changed}}` as JSON,
/// or `{error}` when the report cannot be read; `update.write` says whether
/// the history is to be written back.
#[wasm_bindgen]
pub fn history_read_outcomes(
    raw: &str,
    seen: &str,
    now_ms: f64,
    max_posts: u32,
    max_age_days: u32,
) -> String {
    #[derive(Serialize)]
    struct Reply {
        update: Update,
        summary: Summary,
        read: Read,
    }
    let seen: SeenReport = match serde_json::from_str(seen) {
        Ok(seen) => seen,
        Err(e) => {
            #[derive(Serialize)]
            struct Refused {
                error: String,
            }
            return serde_json::to_string(&Refused {
                error: format!("the outcomes report is not valid: {e}"),
            })
            .expect("an error serialises");
        }
    };
    let caps = Caps {
        max_posts: max_posts as usize,
        max_age_days,
    };
    let now = now_ms as i64;
    let mut update = update(load_str(raw), None, now, caps);
    let site = Platform::ALL
        .into_iter()
        .find(|p| p.name() == seen.site)
        .unwrap_or(Platform::Generic);
    let read = if matches!(
        update.problem,
        Some(rapport::history::Problem::NewerSchema { .. })
    ) {
        // A newer version's history is left as it is (history::update).
        Read::default()
    } else {
        read_outcomes(
            &mut update.history.records,
            site,
            &seen.host,
            &seen.posts,
            now,
        )
    };
    update.write |= read.changed;
    let summary = Summary::compute(&update.history.records);
    serde_json::to_string(&Reply {
        update,
        summary,
        read,
    })
    .expect("reply serialises")
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
