//! Feeds arbitrary stored values to the history loader and arbitrary writes
//! to `update`: whatever `storage.local` holds (damaged, older, foreign or
//! imported), the loader must not panic, must return valid records oldest
//! first, and what it returns must load back unchanged once written.
//!
//! Input: `stored [0xFF added [0xFF caps]]`. `stored` is the stored JSON
//! text, `added` a record to add (absent: no write), `caps` little-endian
//! bytes for the clock, the post cap and the age cap. Without a 0xFF byte
//! the input is a stored value alone, so any JSON file is a seed.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use rapport::history::export;
use rapport::history::record::{
    load, load_str, parse_record, update, Caps, Loaded, Problem, Record, MAX_PHRASES_PER_RECORD,
    MAX_PHRASE_CHARS, SCHEMA_VERSION,
};
use rapport::history::Summary;
use serde_json::Value;

/// Year 9999 in milliseconds. The background passes `Date.now()`, so the
/// clock is a plausible time, not any `i64`.
const LATEST_NOW: u64 = 253_402_300_799_999;

fn caps(bytes: Option<&[u8]>) -> (i64, Caps) {
    let Some(bytes) = bytes else {
        let defaults = Caps {
            max_posts: 1000,
            max_age_days: 365,
        };
        return (1_800_000_000_000, defaults);
    };
    let mut b = [0u8; 14];
    let n = bytes.len().min(b.len());
    b[..n].copy_from_slice(&bytes[..n]);
    let now = u64::from_le_bytes(b[..8].try_into().unwrap()) % (LATEST_NOW + 1);
    let max_posts = u16::from_le_bytes([b[8], b[9]]) as usize;
    let max_age_days = u32::from_le_bytes(b[10..14].try_into().unwrap());
    (
        now as i64,
        Caps {
            max_posts,
            max_age_days,
        },
    )
}

/// Valid records, oldest first, ids unique: what every reader of the history assumes.
fn check_records(records: &[Record]) {
    let mut ids = HashSet::new();
    for r in records {
        assert!(!r.id.is_empty() && r.id.len() <= 100, "id {:?}", r.id);
        assert!(ids.insert(r.id.as_str()), "duplicate id {:?}", r.id);
        assert!(r.time > 0);
        assert!(r.fame <= 100 && r.connection <= 100);
        assert!(r.phrases.len() <= MAX_PHRASES_PER_RECORD);
        for p in &r.phrases {
            assert!(!p.text.trim().is_empty());
            assert!(p.text.chars().count() <= MAX_PHRASE_CHARS);
        }
    }
    assert!(records.windows(2).all(|w| w[0].time <= w[1].time));
}

/// Written in the current schema and read again, records come back as they
/// were, with nothing to report or repair.
fn check_round_trip(records: &[Record]) {
    let again = load_str(&export::to_json(records));
    assert_eq!(again.records, records);
    assert_eq!(again.problem, None);
    assert!(again.dropped.is_empty());
    assert!(!again.needs_rewrite);
}

fn check_loaded(l: &Loaded) {
    check_records(&l.records);
    assert!(l.dropped.windows(2).all(|w| w[0].index < w[1].index));
    match l.problem {
        None => assert!(l.dropped.is_empty()),
        Some(Problem::Unreadable) => {
            assert!(l.records.is_empty() && l.dropped.is_empty() && l.needs_rewrite)
        }
        Some(Problem::NewerSchema { schema }) => {
            assert!(schema > u64::from(SCHEMA_VERSION) && !l.needs_rewrite)
        }
        Some(Problem::DamagedRecords { dropped }) => {
            assert!(dropped > 0 && dropped == l.dropped.len() && l.needs_rewrite)
        }
    }
    check_round_trip(&l.records);
    let summary = Summary::compute(&l.records);
    assert_eq!(summary.posts as usize, l.records.len());
    let _ = summary.report();
    let _ = export::to_csv(&l.records);
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let stored = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let added = parts.next().map(String::from_utf8_lossy);
    let (now, caps) = caps(parts.next());

    let loaded = load_str(&stored);
    check_loaded(&loaded);
    if let Ok(value) = serde_json::from_str::<Value>(&stored) {
        check_loaded(&load(Some(&value)));
    }

    let before = loaded.clone();
    let u = update(loaded, added.as_deref(), now, caps);
    assert_eq!(u.history.schema, SCHEMA_VERSION);
    assert_eq!(u.problem, before.problem);
    assert_eq!(u.dropped, before.dropped.len());
    assert_eq!(u.added.is_some(), added.is_some());
    assert_eq!(u.added == Some(false), u.rejected.is_some());
    check_records(&u.history.records);
    check_round_trip(&u.history.records);

    let newer = matches!(before.problem, Some(Problem::NewerSchema { .. }));
    let new = added
        .as_deref()
        .and_then(|a| parse_record(a, u64::from(SCHEMA_VERSION)).ok())
        .filter(|r| !newer && before.records.iter().all(|old| old.id != r.id));
    assert_eq!(u.added == Some(true), new.is_some());
    if newer {
        // Left as the newer version wrote it.
        assert_eq!(u.history.records, before.records);
        assert!(!u.write);
    } else {
        // The caps keep the newest posts within the age limit, in order.
        let mut all = before.records.clone();
        all.extend(new);
        all.sort_by_key(|r| r.time);
        if caps.max_age_days > 0 {
            let oldest = now - i64::from(caps.max_age_days) * 86_400_000;
            all.retain(|r| r.time >= oldest);
        }
        let keep = all.len().min(caps.max_posts);
        assert_eq!(u.history.records, all[all.len() - keep..]);
        let changed = u.history.records.len() != before.records.len() || u.added == Some(true);
        assert_eq!(u.write, before.needs_rewrite || changed);
    }
    let _ = Summary::compute(&u.history.records).report();
});
