//! Reading what followed the user's posts onto their records (issue 14).
//!
//! A content script sees the user's own posts on a page they opened and
//! hands over, for each, the text as rendered and the strings the site
//! printed around its counts. Here a rendered post is matched to the one
//! record it is (outcomes::fingerprint: no text is kept for it) and the
//! counts parsed from those strings are stored on that record. The
//! summary's "what works for you" section is built from them
//! ([`OutcomesSummary`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::Record;
use crate::options::Platform;
use crate::outcomes::{
    fingerprint, first_count, match_rendered_as, report, Fingerprint, Outcome, Report,
};

/// A post that takes a few minutes to confirm, and a site clock that
/// differs from the device's, stay well within this of the record's time;
/// two posts with the same words a few days apart do not.
pub const TIME_WINDOW_MS: i64 = 36 * 3_600_000;
/// A reading whose counts did not change refreshes its time at most this often,
/// so scrolling one's own profile does not rewrite the history.
pub const REREAD_AFTER_MS: i64 = 6 * 3_600_000;
/// The most posts one message may hand over: a profile shows a screenful.
pub const MAX_SEEN_POSTS: usize = 100;
/// The longest rendered text and label considered, in bytes.
const MAX_SEEN_TEXT: usize = 40_000;
const MAX_LABEL: usize = 400;
const MAX_LABELS: usize = 16;

/// One of the user's posts as a page shows it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SeenPost {
    /// Its text as rendered (perhaps cut by the site, links shortened).
    pub text: String,
    /// Whether the site shows it cut ("… see more"), when the page says so
    /// by a control rather than by words in the text.
    #[serde(default)]
    pub truncated: bool,
    /// When the site says it was posted, in milliseconds since the epoch.
    #[serde(default)]
    pub time: Option<i64>,
    /// The texts of the controls whose metric the page's structure says
    /// (a like button's label, a counter beside the reply icon): their
    /// first number is the count.
    #[serde(default)]
    pub counts: Controls,
    /// Accessible labels and texts that name their counts in words ("12
    /// replies, 3 reposts, 40 likes"), for what `counts` did not give.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// The text of each metric's control, when the page has one.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Controls {
    #[serde(default)]
    pub replies: Option<String>,
    #[serde(default)]
    pub reposts: Option<String>,
    #[serde(default)]
    pub likes: Option<String>,
    #[serde(default)]
    pub views: Option<String>,
}

impl SeenPost {
    /// The counts this post shows: each control's first number, else what
    /// the labels' words name.
    pub fn outcome(&self) -> Outcome {
        let labels = self
            .labels
            .iter()
            .take(MAX_LABELS)
            .filter(|l| l.len() <= MAX_LABEL)
            .map(String::as_str);
        let named = Outcome::from_labels(labels);
        let control = |text: &Option<String>| {
            text.as_deref()
                .filter(|t| t.len() <= MAX_LABEL)
                .and_then(first_count)
        };
        let c = &self.counts;
        Outcome {
            replies: control(&c.replies).or(named.replies),
            reposts: control(&c.reposts).or(named.reposts),
            likes: control(&c.likes).or(named.likes),
            views: control(&c.views).or(named.views),
            read_at: None,
        }
    }
}

/// What one reading did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Read {
    /// Ids of the records whose counts were stored.
    pub matched: Vec<String>,
    /// Posts that matched no record, or more than one.
    pub unmatched: usize,
    /// Whether any record changed.
    pub changed: bool,
}

/// Stores the counts of `seen` posts (shown on `site`, at `host`) on the
/// records they match. Only records of that site, and for Mastodon of that
/// instance, are candidates; a post with a time matches only records within
/// [`TIME_WINDOW_MS`] of it.
pub fn read_outcomes(
    records: &mut [Record],
    site: Platform,
    host: &str,
    seen: &[SeenPost],
    now_ms: i64,
) -> Read {
    let candidates: Vec<usize> = (0..records.len())
        .filter(|&i| {
            let r = &records[i];
            // One Mastodon (or added site's) account is one instance's; the
            // other sites are one site under several hosts (x.com, mobile.x.com).
            let per_host = matches!(site, Platform::Mastodon | Platform::Generic);
            r.site == site && (!per_host || r.host.is_empty() || host.is_empty() || r.host == host)
        })
        .collect();
    let prints: Vec<Option<Fingerprint>> = candidates
        .iter()
        .map(|&i| {
            let r = &records[i];
            r.fingerprint
                .clone()
                .or_else(|| r.text.as_deref().map(fingerprint))
        })
        .collect();
    let mut read = Read::default();
    for post in seen.iter().take(MAX_SEEN_POSTS) {
        if post.text.len() > MAX_SEEN_TEXT {
            read.unmatched += 1;
            continue;
        }
        // Only the records this post could be: its site's, near its time,
        // with a fingerprint. An empty fingerprint never fits.
        let (indices, within): (Vec<usize>, Vec<Fingerprint>) = candidates
            .iter()
            .zip(&prints)
            .filter(|(&i, _)| {
                post.time
                    .is_none_or(|t| (records[i].time - t).abs() <= TIME_WINDOW_MS)
            })
            .map(|(&i, f)| (i, f.clone().unwrap_or_default()))
            .unzip();
        let Some(at) = match_rendered_as(&post.text, post.truncated, &within) else {
            read.unmatched += 1;
            continue;
        };
        let counts = post.outcome();
        if !counts.is_known() {
            read.unmatched += 1;
            continue;
        }
        let record = &mut records[indices[at]];
        let old = record.outcome.unwrap_or_default();
        let merged = Outcome {
            replies: counts.replies.or(old.replies),
            reposts: counts.reposts.or(old.reposts),
            likes: counts.likes.or(old.likes),
            views: counts.views.or(old.views),
            read_at: old.read_at,
        };
        let same = Outcome {
            read_at: None,
            ..merged
        } == Outcome {
            read_at: None,
            ..old
        };
        let stale = old.read_at.is_none_or(|t| now_ms - t >= REREAD_AFTER_MS);
        if !same || stale {
            record.outcome = Some(Outcome {
                read_at: Some(now_ms),
                ..merged
            });
            read.changed = true;
        }
        read.matched.push(record.id.clone());
    }
    read
}

/// The "what works for you" section of the summary: the report over every
/// post with counts, and one per site that has any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomesSummary {
    /// Posts whose counts were read.
    pub with_outcomes: u32,
    pub all: Report,
    pub sites: Vec<SiteOutcomes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteOutcomes {
    pub site: Platform,
    pub report: Report,
}

impl OutcomesSummary {
    /// No post has counts yet (what a summary written before outcomes
    /// were read stands for), built without the statistics' code, which
    /// the popup's module then does not carry.
    pub fn empty() -> OutcomesSummary {
        OutcomesSummary {
            with_outcomes: 0,
            all: Report {
                groups: Vec::new(),
                connection_minus_broadcast: Vec::new(),
                min_posts_per_group: crate::outcomes::MIN_POSTS_PER_GROUP,
            },
            sites: Vec::new(),
        }
    }

    pub fn compute(records: &[Record]) -> OutcomesSummary {
        let with: Vec<&Record> = records
            .iter()
            .filter(|r| r.outcome.is_some_and(|o| o.is_known()))
            .collect();
        let of = |rs: &[&Record]| {
            let posts: Vec<_> = rs
                .iter()
                .map(|r| (r.balance, r.outcome.unwrap_or_default()))
                .collect();
            report(&posts)
        };
        let mut by_site: BTreeMap<&str, (Platform, Vec<&Record>)> = BTreeMap::new();
        for r in &with {
            by_site
                .entry(r.site.name())
                .or_insert((r.site, Vec::new()))
                .1
                .push(r);
        }
        let mut sites: Vec<SiteOutcomes> = by_site
            .into_values()
            .map(|(site, rs)| SiteOutcomes {
                site,
                report: of(&rs),
            })
            .collect();
        sites.sort_by_key(|s| std::cmp::Reverse(s.report.posts()));
        OutcomesSummary {
            with_outcomes: with.len() as u32,
            all: of(&with),
            sites,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Balance, Stats};
    use crate::history::record::Published;
    use crate::outcomes::Group;

    const HOUR: i64 = 3_600_000;
    const T0: i64 = 1_780_000_000_000;

    fn record(id: &str, site: Platform, text: &str, time: i64) -> Record {
        let published = Published {
            id: id.to_string(),
            site,
            host: String::new(),
            time,
            text,
            balance: Balance::Neutral,
            fame: 0,
            connection: 0,
            stats: Stats::default(),
            first_balance: None,
            keep_text: false,
        };
        Record::from_hints(published, [])
    }

    fn seen(text: &str, labels: &[&str]) -> SeenPost {
        SeenPost {
            text: text.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            ..SeenPost::default()
        }
    }

    const MEETUP: &str = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. We learned so much from your questions about offline sync. What should we cover next time?";
    const LAUNCH: &str = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. Our new app is live today, download it now and share it with five friends!";
    const OTHER: &str = "Quarterly results are in, and the road ahead for the company looks bright for everyone involved.";

    fn history() -> Vec<Record> {
        vec![
            record("meetup", Platform::X, MEETUP, T0),
            record("launch", Platform::X, LAUNCH, T0 + 72 * HOUR),
            record("other", Platform::Linkedin, OTHER, T0),
        ]
    }

    #[test]
    fn counts_go_onto_the_matching_record_with_the_time_read() {
        let mut records = history();
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "x.com",
            &[seen(
                LAUNCH,
                &["12 replies, 3 reposts, 1.2K likes, 2 bookmarks, 45K views"],
            )],
            T0 + 100 * HOUR,
        );
        assert_eq!(read.matched, ["launch"]);
        assert!(read.changed);
        assert_eq!(
            records[1].outcome,
            Some(Outcome {
                replies: Some(12),
                reposts: Some(3),
                likes: Some(1_200),
                views: Some(45_000),
                read_at: Some(T0 + 100 * HOUR),
            })
        );
        assert_eq!(records[0].outcome, None);
    }

    #[test]
    fn a_controls_first_number_is_its_count_in_any_language() {
        let mut records = history();
        let post = SeenPost {
            counts: Controls {
                replies: Some("Responder (3 respuestas)".into()),
                likes: Some("Like (1.234 me gusta)".into()),
                reposts: Some("1,2\u{a0}mil".into()),
                views: None,
            },
            // Words fill in what no control gave, never what one did.
            labels: vec!["9 replies, 40 views".into()],
            ..seen(MEETUP, &[])
        };
        read_outcomes(&mut records, Platform::X, "", &[post], T0);
        let o = records[0].outcome.unwrap();
        assert_eq!(
            (o.replies, o.reposts, o.likes, o.views),
            (Some(3), Some(1_200), Some(1_234), Some(40))
        );
    }

    #[test]
    fn another_sites_record_is_never_a_candidate() {
        let mut records = history();
        let read = read_outcomes(
            &mut records,
            Platform::Bluesky,
            "bsky.app",
            &[seen(OTHER, &["3 likes"])],
            T0,
        );
        assert_eq!((read.matched.len(), read.unmatched), (0, 1));
        assert!(records.iter().all(|r| r.outcome.is_none()));
    }

    #[test]
    fn a_shared_opening_is_told_apart_by_time_or_matches_nothing() {
        let opening = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. Our… see more";
        let mut records = history();
        let undated = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(opening, &["4 likes"])],
            T0,
        );
        assert_eq!((undated.matched.len(), undated.unmatched), (0, 1));
        let dated = SeenPost {
            time: Some(T0 + 72 * HOUR + 60_000),
            ..seen(opening, &["4 likes"])
        };
        let read = read_outcomes(&mut records, Platform::X, "", &[dated], T0);
        assert_eq!(read.matched, ["launch"]);
    }

    #[test]
    fn a_post_cut_by_a_control_matches_when_the_page_says_so() {
        let shown = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. We learned so much from";
        let mut records = history();
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(shown, &["2 replies"])],
            T0,
        );
        assert!(read.matched.is_empty(), "uncut, it must cover the record");
        let cut = SeenPost {
            truncated: true,
            ..seen(shown, &["2 replies"])
        };
        let read = read_outcomes(&mut records, Platform::X, "", &[cut], T0);
        assert_eq!(read.matched, ["meetup"]);
    }

    #[test]
    fn a_post_the_user_edited_a_little_still_matches() {
        let edited = MEETUP.replace("offline sync", "offline syncing");
        let mut records = history();
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(&edited, &["Me gusta: 1,2 mil"])],
            T0,
        );
        assert_eq!(read.matched, ["meetup"]);
        assert_eq!(records[0].outcome.unwrap().likes, Some(1_200));
    }

    #[test]
    fn unchanged_counts_rewrite_nothing_until_the_reading_is_old() {
        let mut records = history();
        let labels = ["5 replies"];
        read_outcomes(&mut records, Platform::X, "", &[seen(MEETUP, &labels)], T0);
        let again = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(MEETUP, &labels)],
            T0 + HOUR,
        );
        assert!(!again.changed && again.matched == ["meetup"]);
        let later = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(MEETUP, &labels)],
            T0 + 7 * HOUR,
        );
        assert!(later.changed);
        assert_eq!(records[0].outcome.unwrap().read_at, Some(T0 + 7 * HOUR));
        let more = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(MEETUP, &["6 replies, 1 like"])],
            T0 + 8 * HOUR,
        );
        assert!(more.changed);
        assert_eq!(records[0].outcome.unwrap().replies, Some(6));
    }

    #[test]
    fn a_post_without_counts_or_a_record_without_fingerprint_stores_nothing() {
        let mut records = history();
        records[0].fingerprint = None;
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[
                seen(MEETUP, &["12 replies"]),
                seen(LAUNCH, &["Reply", "Repost"]),
            ],
            T0,
        );
        assert_eq!(
            (read.matched.len(), read.unmatched, read.changed),
            (0, 2, false)
        );
        // With the text kept, the fingerprint is made from it.
        records[0].text = Some(MEETUP.into());
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "",
            &[seen(MEETUP, &["12 replies"])],
            T0,
        );
        assert_eq!(read.matched, ["meetup"]);
    }

    #[test]
    fn a_post_recorded_on_one_of_a_sites_hosts_is_found_on_another() {
        let mut records = history();
        records[0].host = "mobile.x.com".into();
        let read = read_outcomes(
            &mut records,
            Platform::X,
            "x.com",
            &[seen(MEETUP, &["2 likes"])],
            T0,
        );
        assert_eq!(read.matched, ["meetup"]);
    }

    #[test]
    fn another_instances_records_are_not_candidates_on_mastodon() {
        let mut records = vec![record("toot", Platform::Mastodon, MEETUP, T0)];
        records[0].host = "mastodon.social".into();
        let elsewhere = read_outcomes(
            &mut records,
            Platform::Mastodon,
            "fosstodon.org",
            &[seen(MEETUP, &["3 boosts"])],
            T0,
        );
        assert!(elsewhere.matched.is_empty());
        let home = read_outcomes(
            &mut records,
            Platform::Mastodon,
            "mastodon.social",
            &[seen(MEETUP, &["3 boosts"])],
            T0,
        );
        assert_eq!(home.matched, ["toot"]);
    }

    #[test]
    fn the_summary_groups_posts_with_counts_overall_and_per_site() {
        let mut records = Vec::new();
        for i in 0..24 {
            let (site, balance, replies) = match i % 3 {
                0 => (Platform::X, Balance::Connecting, 6),
                1 => (Platform::X, Balance::Broadcasting, 1),
                _ => (Platform::Linkedin, Balance::Mixed, 3),
            };
            let mut r = record(&format!("p{i}"), site, "words", T0 + i * HOUR);
            r.balance = balance;
            r.outcome = (i < 21).then_some(Outcome {
                replies: Some(replies),
                likes: Some(2 * replies),
                read_at: Some(T0),
                ..Outcome::default()
            });
            records.push(r);
        }
        let s = OutcomesSummary::compute(&records);
        assert_eq!(s.with_outcomes, 21);
        let group = |r: &Report, g: Group| r.groups.iter().find(|f| f.group == g).unwrap().clone();
        assert_eq!(group(&s.all, Group::ConnectionLeaning).with_outcomes, 7);
        assert!(!group(&s.all, Group::ConnectionLeaning).enough);
        assert_eq!(
            s.sites.iter().map(|x| x.site).collect::<Vec<_>>(),
            [Platform::X, Platform::Linkedin]
        );
        assert_eq!(s.sites[1].report.posts(), 7);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<OutcomesSummary>(&json).unwrap(), s);
    }
}
