//! Outcomes of the user's own published posts (issue 14): the counts the
//! sites print under a post (replies, reposts, likes, views), read from the
//! page the user opened, and the statistics that compare them across balance
//! groups. Everything here is pure: the content scripts hand over the
//! printed strings, the popup and the CLI take the figures.

pub mod count;
pub mod fingerprint;
pub mod stats;

pub use count::{counts_in_label, parse_count, Metric};
pub use fingerprint::{fingerprint, match_rendered, Fingerprint};
pub use stats::{compare_medians, median, Comparison, MIN_POSTS_PER_GROUP};
