//! "What works for you": the user's own posts in three balance groups, with
//! how many there are and the median of what followed them, and the
//! difference between connection-leaning and broadcast-leaning posts with its
//! uncertainty. Shared by the CLI (`rapport batch --outcomes`) and, later,
//! the popup. It describes; it never says one thing caused another.

use serde::{Deserialize, Serialize};

use super::stats::{compare_medians, median, Comparison, MIN_POSTS_PER_GROUP};
use super::Outcome;
use crate::analysis::Balance;

/// The three groups the report compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    ConnectionLeaning,
    MixedOrNeutral,
    BroadcastLeaning,
}

impl Group {
    pub const ALL: [Group; 3] = [
        Group::ConnectionLeaning,
        Group::MixedOrNeutral,
        Group::BroadcastLeaning,
    ];

    pub fn of(balance: Balance) -> Group {
        match balance {
            Balance::Connecting | Balance::LeaningConnection => Group::ConnectionLeaning,
            Balance::Broadcasting | Balance::LeaningBroadcast => Group::BroadcastLeaning,
            Balance::Mixed | Balance::Neutral => Group::MixedOrNeutral,
        }
    }

    /// The name it serialises with.
    pub fn name(self) -> &'static str {
        match self {
            Group::ConnectionLeaning => "connection-leaning",
            Group::MixedOrNeutral => "mixed-or-neutral",
            Group::BroadcastLeaning => "broadcast-leaning",
        }
    }

    pub fn from_name(name: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.name() == name)
    }

    fn label(self) -> &'static str {
        match self {
            Group::ConnectionLeaning => "connection-leaning",
            Group::MixedOrNeutral => "mixed or neutral",
            Group::BroadcastLeaning => "broadcast-leaning",
        }
    }
}

/// One group's figures. Medians are over the posts whose count is known,
/// and only when there are enough of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    pub group: Group,
    pub posts: usize,
    pub with_outcomes: usize,
    pub enough: bool,
    pub median_replies: Option<f64>,
    pub median_reposts: Option<f64>,
    pub median_likes: Option<f64>,
}

/// A difference of medians, connection-leaning minus broadcast-leaning, for one count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// "replies", "reposts" or "likes".
    pub metric: String,
    /// Posts with this count in each group.
    pub connection_posts: usize,
    pub broadcast_posts: usize,
    /// Null when a group has too few posts with this count.
    pub estimate: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Whether the 95% interval leaves out zero.
    pub clear: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub groups: Vec<GroupFigures>,
    pub connection_minus_broadcast: Vec<Difference>,
    pub min_posts_per_group: usize,
}

type Pick = fn(&Outcome) -> Option<u64>;
const METRICS: [(&str, Pick); 3] = [
    ("replies", |o| o.replies),
    ("reposts", |o| o.reposts),
    ("likes", |o| o.likes),
];

fn values(posts: &[(Balance, Outcome)], group: Group, pick: Pick) -> Vec<f64> {
    posts
        .iter()
        .filter(|(b, _)| Group::of(*b) == group)
        .filter_map(|(_, o)| pick(o))
        .map(|v| v as f64)
        .collect()
}

/// The report for these posts: each one's balance and what followed it.
pub fn report(posts: &[(Balance, Outcome)]) -> Report {
    let groups = Group::ALL
        .iter()
        .map(|&group| {
            let in_group = posts.iter().filter(|(b, _)| Group::of(*b) == group);
            let with_outcomes = in_group.clone().filter(|(_, o)| o.is_known()).count();
            let enough = with_outcomes >= MIN_POSTS_PER_GROUP;
            let med = |pick: Pick| {
                let v = values(posts, group, pick);
                if v.len() >= MIN_POSTS_PER_GROUP {
                    median(&v)
                } else {
                    None
                }
            };
            GroupFigures {
                group,
                posts: in_group.count(),
                with_outcomes,
                enough,
                median_replies: med(METRICS[0].1),
                median_reposts: med(METRICS[1].1),
                median_likes: med(METRICS[2].1),
            }
        })
        .collect();
    let connection_minus_broadcast = METRICS
        .iter()
        .map(|&(metric, pick)| {
            let connection = values(posts, Group::ConnectionLeaning, pick);
            let broadcast = values(posts, Group::BroadcastLeaning, pick);
            let (connection_posts, broadcast_posts) = (connection.len(), broadcast.len());
            let none = Difference {
                metric: metric.to_string(),
                connection_posts,
                broadcast_posts,
                estimate: None,
                low: None,
                high: None,
                clear: false,
            };
            match compare_medians(&connection, &broadcast) {
                Comparison::Difference {
                    estimate,
                    low,
                    high,
                    clear,
                } => Difference {
                    estimate: Some(estimate),
                    low: Some(low),
                    high: Some(high),
                    clear,
                    ..none
                },
                _ => none,
            }
        })
        .collect();
    Report {
        groups,
        connection_minus_broadcast,
        min_posts_per_group: MIN_POSTS_PER_GROUP,
    }
}

impl Report {
    /// Posts in the report, with counts or not.
    pub fn posts(&self) -> usize {
        self.groups.iter().map(|g| g.posts).sum()
    }

    /// The difference for one metric ("replies", "reposts", "likes").
    pub fn difference(&self, metric: &str) -> Option<&Difference> {
        self.connection_minus_broadcast
            .iter()
            .find(|d| d.metric == metric)
    }

    /// The report for a person: figures where there are enough posts, "not enough posts yet" elsewhere, and no claim of cause.
    pub fn text(&self) -> String {
        let figure = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v}"));
        let mut out =
            String::from("What followed your posts, by balance group (medians per post):\n");
        for g in &self.groups {
            if g.enough {
                out += &format!(
                    "  {:<20} {:>5} posts, {:>5} with counts: replies {}, reposts {}, likes {}\n",
                    g.group.label(),
                    g.posts,
                    g.with_outcomes,
                    figure(g.median_replies),
                    figure(g.median_reposts),
                    figure(g.median_likes)
                );
            } else {
                out += &format!(
                    "  {:<20} {:>5} posts, {:>5} with counts: not enough posts yet (needs {})\n",
                    g.group.label(),
                    g.posts,
                    g.with_outcomes,
                    self.min_posts_per_group
                );
            }
        }
        out += "Connection-leaning minus broadcast-leaning (median difference, 95% bootstrap interval):\n";
        for d in &self.connection_minus_broadcast {
            match (d.estimate, d.low, d.high) {
                (Some(e), Some(l), Some(h)) => {
                    let reading = if d.clear {
                        "a difference beyond chance in these posts"
                    } else {
                        "no clear difference"
                    };
                    out += &format!("  {:<8} {e:+} [{l:+}, {h:+}]: {reading}\n", d.metric);
                }
                _ if d.connection_posts + d.broadcast_posts == 0 => {
                    out += &format!("  {:<8} not counted in these posts\n", d.metric)
                }
                _ => {
                    out += &format!(
                        "  {:<8} not enough posts yet ({} and {}, needs {} each)\n",
                        d.metric, d.connection_posts, d.broadcast_posts, self.min_posts_per_group
                    )
                }
            }
        }
        out +=
            "These describe your posts; they do not show that the wording caused what followed.\n";
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(balance: Balance, replies: u64, likes: u64) -> (Balance, Outcome) {
        (
            balance,
            Outcome {
                replies: Some(replies),
                reposts: None,
                likes: Some(likes),
                ..Outcome::default()
            },
        )
    }

    #[test]
    fn group_names_match_what_serde_writes() {
        for g in Group::ALL {
            assert_eq!(serde_json::to_value(g).unwrap(), g.name());
            assert_eq!(Group::from_name(g.name()), Some(g));
        }
    }

    #[test]
    fn groups_below_ten_posts_claim_nothing() {
        let mut posts: Vec<_> = (0..12)
            .map(|i| post(Balance::Connecting, 5 + i % 3, 20))
            .collect();
        posts.extend((0..9).map(|_| post(Balance::Broadcasting, 1, 30)));
        posts.push((Balance::Mixed, Outcome::default()));
        let r = report(&posts);
        assert_eq!(
            r.groups[0],
            GroupFigures {
                group: Group::ConnectionLeaning,
                posts: 12,
                with_outcomes: 12,
                enough: true,
                median_replies: Some(6.0),
                median_reposts: None,
                median_likes: Some(20.0)
            }
        );
        assert_eq!(
            (
                r.groups[2].posts,
                r.groups[2].enough,
                r.groups[2].median_replies
            ),
            (9, false, None)
        );
        assert_eq!((r.groups[1].posts, r.groups[1].with_outcomes), (1, 0));
        assert!(r
            .connection_minus_broadcast
            .iter()
            .all(|d| d.estimate.is_none() && !d.clear));
        let text = r.text();
        assert!(
            text.contains("broadcast-leaning") && text.contains("not enough posts yet"),
            "{text}"
        );
        assert!(
            text.contains("do not show that the wording caused"),
            "{text}"
        );
    }

    #[test]
    fn enough_posts_give_a_difference_with_its_interval() {
        let mut posts: Vec<_> = (0..15)
            .map(|i| post(Balance::LeaningConnection, 6 + i % 4, 10))
            .collect();
        posts.extend((0..15).map(|i| post(Balance::LeaningBroadcast, i % 2, 10)));
        let r = report(&posts);
        let replies = &r.connection_minus_broadcast[0];
        assert_eq!(replies.metric, "replies");
        assert_eq!(replies.estimate, Some(7.0));
        assert!(replies.clear && replies.low.unwrap() > 0.0);
        let likes = &r.connection_minus_broadcast[2];
        assert_eq!((likes.estimate, likes.clear), (Some(0.0), false));
        // Reposts were never counted.
        assert_eq!(r.connection_minus_broadcast[1].estimate, None);
    }
}
