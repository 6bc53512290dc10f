//! Outcomes of the user's own published posts (issue 14): the counts the
//! sites print under a post (replies, reposts, likes, views), read from the
//! page the user opened, and the statistics that compare them across balance
//! groups. Everything here is pure: the content scripts hand over the
//! printed strings, the popup and the CLI take the figures.

pub mod count;
pub mod fingerprint;
pub mod report;
pub mod stats;

pub use count::{counts_in_label, first_count, parse_count, Metric};
pub use fingerprint::{fingerprint, match_rendered, match_rendered_as, Fingerprint};
pub use report::{report, Difference, Group, GroupFigures, Report};
pub use stats::{compare_medians, median, Comparison, MIN_POSTS_PER_GROUP};

/// What followed a published post, as far as it is known: the counts the
/// site printed (or an archive held) and, for counts read from a page, when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replies: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reposts: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// Milliseconds since the epoch when the counts were read from the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<i64>,
}

impl Outcome {
    /// Whether any count is known.
    pub fn is_known(&self) -> bool {
        self.replies.is_some()
            || self.reposts.is_some()
            || self.likes.is_some()
            || self.views.is_some()
    }

    /// The counts a page's labels name, the first of each metric winning
    /// (a post's own action bar comes before anything quoted inside it).
    pub fn from_labels<'a>(labels: impl IntoIterator<Item = &'a str>) -> Outcome {
        let mut outcome = Outcome::default();
        for label in labels {
            for (metric, n) in counts_in_label(label) {
                let slot = match metric {
                    Metric::Replies => &mut outcome.replies,
                    Metric::Reposts => &mut outcome.reposts,
                    Metric::Likes => &mut outcome.likes,
                    Metric::Views => &mut outcome.views,
                };
                slot.get_or_insert(n);
            }
        }
        outcome
    }
}
