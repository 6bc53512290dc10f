//! One published post as the history keeps it, and the loader that turns
//! whatever `storage.local` holds into valid records.
//!
//! The loader never fails: a history written by an older version is migrated, a
//! damaged or foreign value gives up only the parts that cannot be read, and
//! what was dropped is reported so the popup can tell the user.

use std::collections::{BTreeMap, HashSet};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::analysis::{Analysis, Balance, Cue, Stats};
use crate::options::Platform;
use crate::outcomes::{fingerprint, Fingerprint, Outcome};
use crate::span::Span;

/// The version of the history layout written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// At most this many fired phrases are kept per post: enough for the "most
/// repeated" list, small enough that 1,000 posts stay quick to load.
pub const MAX_PHRASES_PER_RECORD: usize = 12;
/// A phrase is a span of a hint; anything longer is not a phrase worth ranking.
pub const MAX_PHRASE_CHARS: usize = 80;

/// A span of the published text that fired a cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub cue: Cue,
    pub text: String,
}

/// One published post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Unique per post; the history drops a second record with the same id, so a
    /// publish reported twice (button and shortcut) counts once.
    pub id: String,
    pub site: Platform,
    /// The hostname it was published on (Mastodon instances differ).
    #[serde(default)]
    pub host: String,
    /// Milliseconds since the Unix epoch.
    pub time: i64,
    pub balance: Balance,
    pub fame: u8,
    pub connection: u8,
    /// How many hints of each cue fired.
    #[serde(default)]
    pub cues: BTreeMap<Cue, u32>,
    pub stats: Stats,
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// The balance of the draft when it was first analysed, to see whether it
    /// was improved before posting.
    #[serde(default)]
    pub first_balance: Option<Balance>,
    /// The full text, only when the user opted in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Hashes of the text's words, to find the post again on the site's
    /// pages without keeping its text (outcomes::fingerprint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
    /// The counts last read under the post on the site (history::outcomes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl Record {
    pub fn cue_count(&self, cue: Cue) -> u32 {
        self.cues.get(&cue).copied().unwrap_or(0)
    }

    pub fn has_any(&self, cues: &[Cue]) -> bool {
        cues.iter().any(|c| self.cue_count(*c) > 0)
    }
}

/// A published post as the analyser read it: everything a record is built
/// from besides the hints' cues and spans.
#[derive(Debug, Clone)]
pub struct Published<'t> {
    pub id: String,
    pub site: Platform,
    /// The hostname it was published on.
    pub host: String,
    /// Milliseconds since the Unix epoch.
    pub time: i64,
    pub text: &'t str,
    pub balance: Balance,
    pub fame: u8,
    pub connection: u8,
    pub stats: Stats,
    /// The draft's balance when it was first analysed, if it differed.
    pub first_balance: Option<Balance>,
    /// Whether the user chose to keep posts' full text.
    pub keep_text: bool,
}

impl Record {
    /// The record of a post as analysed in Rust (byte spans into `text`), as
    /// the CLI builds them.
    pub fn from_analysis(
        id: String,
        site: Platform,
        time: i64,
        text: &str,
        analysis: &Analysis,
    ) -> Record {
        let published = Published {
            id,
            site,
            host: String::new(),
            time,
            text,
            balance: analysis.balance,
            fame: analysis.fame,
            connection: analysis.connection,
            stats: analysis.stats.clone(),
            first_balance: None,
            keep_text: false,
        };
        Record::from_hints(published, analysis.hints.iter().map(|h| (h.cue, h.span)))
    }

    /// The one way a record is built, in the CLI and the extension alike:
    /// the cues counted, and the first few fired phrases kept (trimmed, not
    /// too long), from each hint's cue and byte span in `post.text`.
    pub fn from_hints(post: Published<'_>, hints: impl IntoIterator<Item = (Cue, Span)>) -> Record {
        let mut cues = BTreeMap::new();
        let mut phrases = Vec::new();
        for (cue, span) in hints {
            *cues.entry(cue).or_insert(0) += 1;
            let text = span.slice(post.text).trim();
            if phrases.len() < MAX_PHRASES_PER_RECORD
                && !text.is_empty()
                && text.chars().count() <= MAX_PHRASE_CHARS
            {
                phrases.push(Phrase {
                    cue,
                    text: text.to_string(),
                });
            }
        }
        Record {
            id: post.id,
            site: post.site,
            host: post.host,
            time: post.time,
            balance: post.balance,
            fame: post.fame,
            connection: post.connection,
            cues,
            stats: post.stats,
            phrases,
            first_balance: post.first_balance,
            text: post.keep_text.then(|| post.text.to_string()),
            fingerprint: Some(fingerprint(post.text)),
            outcome: None,
        }
    }
}

/// The value written under the history key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub schema: u32,
    pub records: Vec<Record>,
}

/// Why a stored value could not be read as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Problem {
    /// Not a history at all (a string, a number, an object without records).
    Unreadable,
    /// Written by a newer version of Rapport; records that still parse are kept.
    NewerSchema { schema: u64 },
    /// Some records were damaged and dropped; the others are kept.
    DamagedRecords { dropped: usize },
}

/// A record that was dropped, with the reason (for the console and tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    pub index: usize,
    pub reason: String,
}

/// The result of reading a stored value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loaded {
    /// Valid records, oldest first, without duplicate ids.
    pub records: Vec<Record>,
    pub dropped: Vec<Dropped>,
    pub problem: Option<Problem>,
    /// True when the stored value differs from `records` in the current
    /// schema, so the background should write the repaired history back.
    pub needs_rewrite: bool,
}

/// Reads a stored value already parsed as JSON (`None` when the key is
/// absent). A convenience for native callers and tests; the extension passes
/// text to [`load_str`].
pub fn load(raw: Option<&Value>) -> Loaded {
    match raw {
        None => load_str(""),
        Some(value) => load_str(&value.to_string()),
    }
}

fn empty(problem: Option<Problem>) -> Loaded {
    Loaded {
        records: Vec::new(),
        dropped: Vec::new(),
        needs_rewrite: problem.is_some(),
        problem,
    }
}

/// Reads the stored value from its JSON text (`""` when the key is absent).
/// A history in the current schema is parsed straight into records. Anything
/// else (damaged, older, foreign) is split into its items first, each parsed
/// on its own, so one bad record costs only itself. No `serde_json::Value` on
/// the way: it would add tens of kilobytes to the wasm module.
pub fn load_str(raw: &str) -> Loaded {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return empty(None);
    }
    #[derive(Deserialize)]
    struct Current {
        schema: u64,
        records: Vec<Record>,
    }
    #[derive(Deserialize)]
    struct Items<'a> {
        #[serde(default)]
        schema: Option<u64>,
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    if let Ok(history) = serde_json::from_str::<Current>(raw) {
        if history.schema == u64::from(SCHEMA_VERSION) {
            return finish(history.schema, history.records.into_iter().map(validate));
        }
    }
    let (schema, items) = if let Ok(history) = serde_json::from_str::<Items>(raw) {
        (history.schema.unwrap_or(0), history.records)
    } else if let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(raw) {
        // Unversioned: a bare list of records (schema 0).
        (0, list)
    } else {
        return empty(Some(Problem::Unreadable));
    };
    finish(
        schema,
        items.iter().map(|item| parse_record(item.get(), schema)),
    )
}

/// De-duplicates, sorts and reports the parsed items of a history.
fn finish(schema: u64, items: impl ExactSizeIterator<Item = Result<Record, String>>) -> Loaded {
    let mut records = Vec::with_capacity(items.len());
    let mut dropped = Vec::new();
    let mut seen = HashSet::with_capacity(items.len());
    for (index, item) in items.enumerate() {
        match item {
            Ok(record) => {
                if seen.insert(record.id.clone()) {
                    records.push(record);
                } else {
                    dropped.push(Dropped {
                        index,
                        reason: format!("duplicate id {}", record.id),
                    });
                }
            }
            Err(reason) => dropped.push(Dropped { index, reason }),
        }
    }
    // Stable, so records with equal times keep the order they were written in.
    let sorted = records.windows(2).all(|w| w[0].time <= w[1].time);
    if !sorted {
        records.sort_by_key(|r| r.time);
    }
    let problem = if schema > u64::from(SCHEMA_VERSION) {
        Some(Problem::NewerSchema { schema })
    } else if !dropped.is_empty() {
        Some(Problem::DamagedRecords {
            dropped: dropped.len(),
        })
    } else {
        None
    };
    // A newer schema is left as it is: rewriting it would lose what this
    // version cannot represent, and the newer version will read it again.
    let needs_rewrite = !matches!(problem, Some(Problem::NewerSchema { .. }))
        && (schema != u64::from(SCHEMA_VERSION) || !dropped.is_empty() || !sorted);
    Loaded {
        records,
        dropped,
        problem,
        needs_rewrite,
    }
}

/// Parses one record (JSON text) written under `schema`, migrating older shapes.
pub fn parse_record(item: &str, schema: u64) -> Result<Record, String> {
    let record = if schema == 0 {
        serde_json::from_str::<Unversioned>(item).map(Record::from)
    } else {
        serde_json::from_str::<Record>(item)
    };
    validate(record.map_err(|e| e.to_string())?)
}

/// Schema 0 is any unversioned list of posts: the shape `rapport batch` prints
/// (`platform`, `cues` as a list of names, a numeric `id`) with a `time` in
/// seconds, milliseconds or RFC 3339, so a team can import posts analysed elsewhere.
#[derive(Deserialize)]
struct Unversioned {
    #[serde(default)]
    id: Option<AnyId>,
    #[serde(alias = "platform")]
    site: Platform,
    #[serde(default)]
    host: String,
    time: AnyTime,
    balance: Balance,
    fame: u8,
    connection: u8,
    #[serde(default)]
    cues: CueCounts,
    stats: Stats,
    #[serde(default)]
    phrases: Vec<Phrase>,
    #[serde(default)]
    first_balance: Option<Balance>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    outcome: Option<Outcome>,
}

impl From<Unversioned> for Record {
    fn from(old: Unversioned) -> Record {
        let time = old.time.0;
        Record {
            id: old
                .id
                .map_or_else(|| format!("import-{}-{time}", old.site.name()), |id| id.0),
            site: old.site,
            host: old.host,
            time,
            balance: old.balance,
            fame: old.fame,
            connection: old.connection,
            cues: old.cues.0,
            stats: old.stats,
            phrases: old.phrases,
            first_balance: old.first_balance,
            fingerprint: old.text.as_deref().map(fingerprint),
            text: old.text,
            outcome: old.outcome.filter(Outcome::is_known),
        }
    }
}

/// An id written as a string or a number.
struct AnyId(String);

impl<'de> Deserialize<'de> for AnyId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyId;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnyId, E> {
                Ok(AnyId(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AnyId, E> {
                Ok(AnyId(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AnyId, E> {
                Ok(AnyId(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A time in milliseconds, written as seconds, milliseconds or RFC 3339.
struct AnyTime(i64);

impl<'de> Deserialize<'de> for AnyTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyTime;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a time in seconds, milliseconds or RFC 3339")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnyTime, E> {
                parse_rfc3339_ms(v)
                    .map(AnyTime)
                    .ok_or_else(|| E::custom(format!("not a time: {v}")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AnyTime, E> {
                // Before 2001-09 in milliseconds is implausible for a post, so small values are seconds.
                Ok(AnyTime(if v < 1e12 {
                    (v * 1000.0) as i64
                } else {
                    v as i64
                }))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AnyTime, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AnyTime, E> {
                self.visit_f64(v as f64)
            }
        }
        d.deserialize_any(V)
    }
}

/// Cue counts, written as a map or as a list of names (one per hint).
#[derive(Default)]
struct CueCounts(BTreeMap<Cue, u32>);

impl<'de> Deserialize<'de> for CueCounts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CueCounts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("cue counts or a list of cue names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CueCounts, A::Error> {
                let mut counts = BTreeMap::new();
                while let Some((cue, n)) = map.next_entry::<Cue, u32>()? {
                    counts.insert(cue, n);
                }
                Ok(CueCounts(counts))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CueCounts, A::Error> {
                let mut counts = BTreeMap::new();
                while let Some(cue) = seq.next_element::<Cue>()? {
                    *counts.entry(cue).or_insert(0) += 1;
                }
                Ok(CueCounts(counts))
            }
        }
        d.deserialize_any(V)
    }
}

fn validate(mut record: Record) -> Result<Record, String> {
    if record.id.is_empty() || record.id.len() > 100 {
        return Err("id missing or too long".into());
    }
    if record.time <= 0 {
        return Err("time missing".into());
    }
    if record.fame > 100 || record.connection > 100 {
        return Err("score out of range".into());
    }
    // Counts JavaScript cannot hold exactly, or a reading from before any
    // post, are not what a page printed: the counts go, the post stays.
    const MAX_COUNT: u64 = 1 << 53;
    if let Some(o) = record.outcome {
        let counts = [o.replies, o.reposts, o.likes, o.views];
        if !o.is_known()
            || counts.iter().flatten().any(|&n| n > MAX_COUNT)
            || o.read_at.is_some_and(|t| t <= 0)
        {
            record.outcome = None;
        }
    }
    record.phrases.truncate(MAX_PHRASES_PER_RECORD);
    record
        .phrases
        .retain(|p| !p.text.trim().is_empty() && p.text.chars().count() <= MAX_PHRASE_CHARS);
    Ok(record)
}

/// Keeps the newest `max_posts` records that are at most `max_age_days` old
/// (0 means no age limit). `records` must be oldest first.
pub fn apply_caps(records: &mut Vec<Record>, now_ms: i64, max_posts: usize, max_age_days: u32) {
    if max_age_days > 0 {
        let oldest = now_ms - i64::from(max_age_days) * 86_400_000;
        records.retain(|r| r.time >= oldest);
    }
    if records.len() > max_posts {
        records.drain(..records.len() - max_posts);
    }
}

/// What the user allows the history to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub max_posts: usize,
    /// 0 keeps posts of any age.
    pub max_age_days: u32,
}

/// The outcome of one write to the history, for the background to act on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Update {
    /// The history to write back (when `write`) and to show.
    pub history: History,
    /// Whether `history` differs from what was stored.
    pub write: bool,
    pub problem: Option<Problem>,
    pub dropped: usize,
    /// `Some(true)` when the new record was added, `Some(false)` when it was
    /// refused (see `rejected`), `None` when there was nothing to add.
    pub added: Option<bool>,
    pub rejected: Option<String>,
}

/// Loads the stored value, adds `add` (a record in the current schema, as JSON text) and
/// applies the caps. The only way the background changes the history, so the
/// repair, the de-duplication and the caps are the same for every write.
pub fn update(loaded: Loaded, add: Option<&str>, now_ms: i64, caps: Caps) -> Update {
    let mut records = loaded.records;
    let mut write = loaded.needs_rewrite;
    let newer = matches!(loaded.problem, Some(Problem::NewerSchema { .. }));
    let (mut added, mut rejected) = (None, None);
    if let Some(item) = add {
        let outcome = if newer {
            Err("the history was written by a newer version of Rapport".to_string())
        } else {
            parse_record(item, u64::from(SCHEMA_VERSION)).and_then(|r| {
                if records.iter().any(|old| old.id == r.id) {
                    Err(format!("duplicate id {}", r.id))
                } else {
                    Ok(r)
                }
            })
        };
        match outcome {
            Ok(record) => {
                // Usually the newest; a late report from a slow tab is put in its place.
                let at = records.partition_point(|r| r.time <= record.time);
                records.insert(at, record);
                added = Some(true);
                write = true;
            }
            Err(reason) => {
                added = Some(false);
                rejected = Some(reason);
            }
        }
    }
    if !newer {
        let before = records.len();
        apply_caps(&mut records, now_ms, caps.max_posts, caps.max_age_days);
        write |= records.len() != before;
    }
    Update {
        history: History {
            schema: SCHEMA_VERSION,
            records,
        },
        write,
        problem: loaded.problem,
        dropped: loaded.dropped.len(),
        added,
        rejected,
    }
}

/// Milliseconds since the epoch of an RFC 3339 timestamp:
/// `2026-01-02T03:04:05Z`, `2024-02-29T12:00:00+02:00`. Also read, as posts
/// analysed elsewhere may be written: a lowercase `t` or a space between date
/// and time, and no offset at all (UTC). Fractional seconds are dropped.
///
/// Dates go through the `time` crate in the wasm modules too, not through
/// JavaScript's `Date`. `Date.parse` reads a timestamp without an offset as
/// local time and takes other shapes that differ from browser to browser, so
/// an imported history would not mean the same in the CLI, in Chromium and
/// in Firefox; and the loader that reads these times is the core's, which
/// knows nothing of JavaScript. Only `time`'s RFC 3339 parser and its
/// calendar are linked in (no formatting machinery: [`format_rfc3339`] writes
/// its one shape itself), a cost the history's module can carry; the
/// analyser's module reads no dates at all.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;
    // `time` takes any character there, as RFC 3339 allows; this loader has
    // only ever taken these three.
    if !matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let t = match OffsetDateTime::parse(s, &Rfc3339) {
        Ok(t) => t,
        Err(_) => OffsetDateTime::parse(&format!("{s}Z"), &Rfc3339).ok()?,
    };
    t.unix_timestamp().checked_mul(1000)
}

/// `2026-11-23T05:10:00Z` for a time in milliseconds since the epoch (the
/// milliseconds dropped). A time outside the years 0 to 9999, which no
/// stored post has, is written as its number of milliseconds.
pub fn format_rfc3339(ms: i64) -> String {
    let t = match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(t) if (0..=9999).contains(&t.year()) => t,
        _ => return ms.to_string(),
    };
    let (y, m, d) = t.to_calendar_date();
    let (h, mi, s) = t.to_hms();
    format!("{y:04}-{:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z", m as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good(id: &str, time: i64) -> Value {
        json!({
            "id": id, "site": "x", "host": "x.com", "time": time, "balance": "mixed",
            "fame": 30, "connection": 40, "cues": {"follow-ask": 1, "gratitude": 2},
            "stats": Stats::default(), "phrases": [{"cue": "follow-ask", "text": "follow us"}],
            "first_balance": "broadcasting"
        })
    }

    #[test]
    fn current_history_round_trips() {
        let raw = json!({"schema": 1, "records": [good("a", 1_000_000_000_000), good("b", 1_000_000_000_001)]});
        let loaded = load(Some(&raw));
        assert_eq!(loaded.problem, None);
        assert!(!loaded.needs_rewrite);
        assert_eq!(loaded.records.len(), 2);
        let r = &loaded.records[0];
        assert_eq!(r.cue_count(Cue::Gratitude), 2);
        assert_eq!(r.first_balance, Some(Balance::Broadcasting));
        let again = serde_json::to_value(History {
            schema: SCHEMA_VERSION,
            records: loaded.records.clone(),
        })
        .unwrap();
        assert_eq!(load(Some(&again)).records, loaded.records);
    }

    #[test]
    fn absent_or_null_is_an_empty_history_without_a_problem() {
        for raw in [None, Some(&Value::Null)] {
            let loaded = load(raw);
            assert!(loaded.records.is_empty());
            assert_eq!(loaded.problem, None);
            assert!(!loaded.needs_rewrite);
        }
    }

    #[test]
    fn damaged_records_are_dropped_and_the_rest_kept() {
        let mut bad_score = good("c", 3_000_000_000_000);
        bad_score["fame"] = json!(250);
        let raw = json!({"schema": 1, "records": [
            good("a", 1_000_000_000_000), "garbage", {"id": "x"}, bad_score, good("b", 2_000_000_000_000), good("a", 5)
        ]});
        let loaded = load(Some(&raw));
        assert_eq!(
            loaded
                .records
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(
            loaded.dropped.iter().map(|d| d.index).collect::<Vec<_>>(),
            [1, 2, 3, 5]
        );
        assert_eq!(loaded.problem, Some(Problem::DamagedRecords { dropped: 4 }));
        assert!(loaded.needs_rewrite);
    }

    #[test]
    fn a_foreign_value_is_unreadable_and_replaced() {
        for raw in [
            json!("oops"),
            json!(42),
            json!({"hello": "world"}),
            json!({"schema": 1, "records": "no"}),
        ] {
            let loaded = load(Some(&raw));
            assert_eq!(loaded.problem, Some(Problem::Unreadable), "{raw}");
            assert!(loaded.records.is_empty());
            assert!(loaded.needs_rewrite);
        }
    }

    #[test]
    fn a_newer_schema_keeps_what_parses_and_is_not_rewritten() {
        let raw = json!({"schema": 7, "records": [good("a", 1_000_000_000_000)]});
        let loaded = load(Some(&raw));
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.problem, Some(Problem::NewerSchema { schema: 7 }));
        assert!(!loaded.needs_rewrite);
    }

    #[test]
    fn unversioned_batch_shaped_posts_are_migrated() {
        let raw = json!([
            {"id": 17, "platform": "linkedin", "time": "2026-01-02T03:04:05Z", "balance": "connecting",
             "fame": 0, "connection": 70, "cues": ["gratitude", "gratitude", "open-question"], "stats": Stats::default()},
            {"platform": "x", "time": 1_700_000_000, "balance": "mixed", "fame": 10, "connection": 10,
             "cues": [], "stats": Stats::default()}
        ]);
        let loaded = load(Some(&raw));
        assert_eq!(loaded.problem, None, "{:?}", loaded.dropped);
        assert!(
            loaded.needs_rewrite,
            "migrated histories are written back in the current schema"
        );
        let [first, second] = &loaded.records[..] else {
            panic!("two records")
        };
        assert_eq!(first.id, "import-x-1700000000000");
        assert_eq!(first.time, 1_700_000_000_000);
        assert_eq!(second.id, "17");
        assert_eq!(second.site, Platform::Linkedin);
        assert_eq!(second.cue_count(Cue::Gratitude), 2);
        assert_eq!(format_rfc3339(second.time), "2026-01-02T03:04:05Z");
    }

    #[test]
    fn records_are_sorted_oldest_first() {
        let raw = json!({"schema": 1, "records": [good("late", 2_000_000_000_000), good("early", 1_000_000_000_000)]});
        let loaded = load(Some(&raw));
        assert_eq!(loaded.records[0].id, "early");
        assert!(loaded.needs_rewrite);
    }

    #[test]
    fn caps_keep_the_newest_within_age() {
        let day = 86_400_000;
        let now = 1000 * day;
        let mut records: Vec<Record> = (0..10)
            .map(|i| {
                parse_record(
                    &good(&i.to_string(), now - (10 - i) * 10 * day).to_string(),
                    1,
                )
                .unwrap()
            })
            .collect();
        apply_caps(&mut records, now, 100, 35);
        // Ages 100, 90, … 10 days: only 30, 20 and 10 days old are within 35 days.
        assert_eq!(
            records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["7", "8", "9"]
        );
        apply_caps(&mut records, now, 2, 0);
        assert_eq!(
            records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["8", "9"]
        );
    }

    #[test]
    fn dates_round_trip() {
        for ms in [0, 951_782_400_000, 1_700_000_000_000, 4_102_444_800_000] {
            assert_eq!(parse_rfc3339_ms(&format_rfc3339(ms)), Some(ms));
        }
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T12:00:00+02:00"),
            Some(1_709_200_800_000)
        );
        assert_eq!(parse_rfc3339_ms("2024-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339_ms("yesterday"), None);
    }

    #[test]
    fn dates_in_the_shapes_posts_come_in() {
        let t = Some(1_767_323_045_000);
        for s in [
            "2026-01-02T03:04:05Z",
            "2026-01-02t03:04:05z",
            "2026-01-02 03:04:05Z",
            "2026-01-02T03:04:05",
            "2026-01-02T03:04:05.999Z",
            "2026-01-02T05:04:05.5+02:00",
            "2026-01-02T00:34:05-02:30",
        ] {
            assert_eq!(parse_rfc3339_ms(s), t, "{s}");
        }
        // Fractions are dropped towards the past, before 1970 too.
        assert_eq!(parse_rfc3339_ms("1969-12-31T23:59:59.5Z"), Some(-1000));
        for s in [
            "",
            "2026-01-02",
            "2026-01-02X03:04:05Z",
            "2026-01-02T03:04Z",
            "2026-01-02T03:04:05+0200",
            "2026-01-02T03:04:05.Z",
            "2026-01-00T03:04:05Z",
            "2026-01-32T03:04:05Z",
            "2026-02-29T03:04:05Z",
            "2026-01-02T24:00:00Z",
            "2026-01-02T03:04:05Z ",
            "2026-01-02T03:04:05Z[Europe/Paris]",
        ] {
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
        assert_eq!(format_rfc3339(1_767_323_045_999), "2026-01-02T03:04:05Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_rfc3339(253_402_300_799_000), "9999-12-31T23:59:59Z");
        assert_eq!(format_rfc3339(253_402_300_800_000), "253402300800000");
    }

    #[test]
    fn updates_add_once_repair_and_cap() {
        let caps = Caps {
            max_posts: 3,
            max_age_days: 0,
        };
        let now = 2_000_000_000_000;
        let raw = json!({"schema": 1, "records": [good("a", 1_000_000_000_000), "junk"]});
        let u = update(
            load(Some(&raw)),
            Some(&good("b", 1_500_000_000_000).to_string()),
            now,
            caps,
        );
        assert_eq!((u.added, u.write, u.dropped), (Some(true), true, 1));
        assert_eq!(u.problem, Some(Problem::DamagedRecords { dropped: 1 }));
        let stored = serde_json::to_value(&u.history).unwrap();
        let again = update(
            load(Some(&stored)),
            Some(&good("b", 1_500_000_000_000).to_string()),
            now,
            caps,
        );
        assert_eq!(
            (again.added, again.write, again.problem),
            (Some(false), false, None)
        );
        assert_eq!(again.rejected.as_deref(), Some("duplicate id b"));
        let mut latest = stored.clone();
        for (i, t) in [(1, 1_600_000_000_000), (2, 1_200_000_000_000)] {
            latest = serde_json::to_value(
                update(
                    load(Some(&latest)),
                    Some(&good(&format!("n{i}"), t).to_string()),
                    now,
                    caps,
                )
                .history,
            )
            .unwrap();
        }
        let ids: Vec<&str> = latest["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["n2", "b", "n1"],
            "oldest dropped at the cap, late arrivals in time order"
        );
    }

    #[test]
    fn nothing_is_added_to_a_newer_history() {
        let raw = json!({"schema": 2, "records": [good("a", 1_000_000_000_000)]});
        let u = update(
            load(Some(&raw)),
            Some(&good("b", 1_100_000_000_000).to_string()),
            2_000_000_000_000,
            Caps {
                max_posts: 1,
                max_age_days: 1,
            },
        );
        assert_eq!(
            (u.added, u.write, u.history.records.len()),
            (Some(false), false, 1)
        );
    }

    #[test]
    fn text_loading_agrees_with_value_loading() {
        let current = json!({"schema": 1, "records": [good("b", 2_000_000_000_000), good("a", 1_000_000_000_000)]});
        let damaged = json!({"schema": 1, "records": [good("a", 1_000_000_000_000), 7]});
        let unversioned = json!([good("a", 1_000_000_000_000)]);
        for raw in [current, damaged, unversioned, json!("x"), Value::Null] {
            assert_eq!(load_str(&raw.to_string()), load(Some(&raw)), "{raw}");
        }
        assert_eq!(load_str(""), load(None));
        let garbage = load_str("}{ not json");
        assert_eq!(garbage.problem, Some(Problem::Unreadable));
        assert!(garbage.needs_rewrite);
        let mut bad_score = good("c", 3_000_000_000_000);
        bad_score["fame"] = json!(101);
        let typed_but_invalid =
            json!({"schema": 1, "records": [good("a", 1_000_000_000_000), bad_score]});
        let loaded = load_str(&typed_but_invalid.to_string());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.dropped[0].index, 1);
    }

    #[test]
    fn records_from_an_analysis_count_cues_and_keep_phrases() {
        let text = "Follow us for more! Thanks to @ana. What do you use every day?";
        let analysis = crate::analyze(text, &crate::Options::default());
        let record = Record::from_analysis("1".into(), Platform::X, 1_000, text, &analysis);
        assert_eq!(
            record.cues.values().sum::<u32>() as usize,
            analysis.hints.len()
        );
        assert!(
            record
                .phrases
                .iter()
                .any(|p| p.cue == Cue::FollowAsk && p.text.to_lowercase().starts_with("follow us")),
            "{:?}",
            record.phrases
        );
        assert_eq!(record.balance, analysis.balance);
        assert_eq!(
            parse_record(&serde_json::to_string(&record).unwrap(), 1),
            Ok(record)
        );
    }
}
