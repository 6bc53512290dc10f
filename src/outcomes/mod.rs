//! Outcomes of the user's own published posts (issue 14): the counts the
//! sites print under a post (replies, reposts, likes, views), read from the
//! page the user opened, and the statistics that compare them across balance
//! groups. Everything here is pure: the content scripts hand over the
//! printed strings, the popup and the CLI take the figures.

pub mod count;
pub mod fingerprint;
pub mod report;
pub mod stats;

pub use count::{counts_in_label, parse_count, Metric};
pub use fingerprint::{fingerprint, match_rendered, Fingerprint};
pub use report::{report, Group, Report};
pub use stats::{compare_medians, median, Comparison, MIN_POSTS_PER_GROUP};

/// What followed a published post, as far as it is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub replies: Option<u64>,
    pub reposts: Option<u64>,
    pub likes: Option<u64>,
}

impl Outcome {
    /// Whether any count is known.
    pub fn is_known(&self) -> bool {
        self.replies.is_some() || self.reposts.is_some() || self.likes.is_some()
    }
}
