//! Exports of the history: JSON that imports back as it is, and CSV for
//! spreadsheets.

use std::fmt::Write;

use super::record::{format_rfc3339, History, Record, SCHEMA_VERSION};

/// The history itself: importing it needs no conversion. Compact rather than
/// pretty: a second (pretty) serializer for every type would grow the wasm.
pub fn to_json(records: &[Record]) -> String {
    serde_json::to_string(&History {
        schema: SCHEMA_VERSION,
        records: records.to_vec(),
    })
    .expect("records always serialise")
}

pub const CSV_HEADER: &str = "time,site,host,balance,first_balance,fame,connection,questions,you_words,we_words,hashtags,mentions,links,caps_words,exclamation_runs,emoji,words,chars,cues,phrases,replies,reposts,likes,views,outcome_read_at,text";

/// One row per post, RFC 4180 quoting, `\r\n` line ends (what spreadsheets expect).
pub fn to_csv(records: &[Record]) -> String {
    let mut out = String::with_capacity(64 + records.len() * 160);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for r in records {
        let s = &r.stats;
        let cues: Vec<String> = r
            .cues
            .iter()
            .map(|(c, n)| format!("{}:{n}", c.name()))
            .collect();
        let phrases: Vec<&str> = r.phrases.iter().map(|p| p.text.as_str()).collect();
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},",
            format_rfc3339(r.time),
            r.site.name(),
            cell(&r.host),
            r.balance.name(),
            r.first_balance.map(|b| b.name()).unwrap_or(""),
            r.fame,
            r.connection,
            s.questions,
            s.you_words,
            s.we_words,
            s.hashtags,
            s.mentions,
            s.links,
            s.caps_words,
            s.exclamation_runs,
            s.emoji,
            s.words,
            s.chars,
        );
        let o = r.outcome.unwrap_or_default();
        let count = |n: Option<u64>| n.map_or(String::new(), |n| n.to_string());
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{}\r\n",
            cell(&cues.join(";")),
            cell(&phrases.join(" | ")),
            count(o.replies),
            count(o.reposts),
            count(o.likes),
            count(o.views),
            o.read_at.map(format_rfc3339).unwrap_or_default(),
            cell(r.text.as_deref().unwrap_or(""))
        );
    }
    out
}

/// Quotes a text cell when needed, and defuses a leading `=`, `+`, `-`, `@`
/// so a spreadsheet never runs a post's text as a formula.
fn cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Balance, Cue, Stats};
    use crate::history::record::{load, Phrase};
    use crate::options::Platform;
    use crate::outcomes::{fingerprint, Outcome};

    fn record(text: Option<&str>) -> Record {
        Record {
            id: "a".into(),
            site: Platform::Mastodon,
            host: "mastodon.social".into(),
            time: 1_767_323_045_000,
            balance: Balance::LeaningBroadcast,
            fame: 55,
            connection: 20,
            cues: [(Cue::FollowAsk, 1), (Cue::Gratitude, 2)]
                .into_iter()
                .collect(),
            stats: Stats {
                hashtags: 3,
                you_words: 1,
                ..Stats::default()
            },
            phrases: vec![
                Phrase {
                    cue: Cue::FollowAsk,
                    text: "follow us".into(),
                },
                Phrase {
                    cue: Cue::Gratitude,
                    text: "thanks, all".into(),
                },
            ],
            first_balance: Some(Balance::Broadcasting),
            text: text.map(str::to_string),
            fingerprint: text.map(fingerprint),
            outcome: text.is_some().then_some(Outcome {
                replies: Some(4),
                likes: Some(1_200),
                read_at: Some(1_767_400_000_000),
                ..Outcome::default()
            }),
        }
    }

    #[test]
    fn json_export_imports_back_unchanged() {
        let records = vec![record(Some("Thanks, all! Follow us"))];
        let value: serde_json::Value = serde_json::from_str(&to_json(&records)).unwrap();
        let loaded = load(Some(&value));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.records, records);
    }

    #[test]
    fn csv_has_one_row_per_post_with_quoting() {
        let csv = to_csv(&[record(Some("He said \"hi\",\nthen left")), record(None)]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "2026-01-02T03:04:05Z,mastodon,mastodon.social,leaning-broadcast,broadcasting,55,20,0,1,0,3,0,0,0,0,0,0,0,follow-ask:1;gratitude:2,\"follow us | thanks, all\",4,,1200,,2026-01-03T00:26:40Z,\"He said \"\"hi\"\",\nthen left\""
        );
        assert!(lines[2].ends_with(",follow-ask:1;gratitude:2,\"follow us | thanks, all\",,,,,,"));
        assert_eq!(lines.len(), 4, "a final line end and nothing after it");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@acme"), "'@acme");
        assert_eq!(cell("plain"), "plain");
    }
}
