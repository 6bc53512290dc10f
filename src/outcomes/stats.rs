//! The statistics "what works for you" may claim: medians per balance
//! group, and a difference between two groups only with its uncertainty
//! (a bootstrap interval), only when both groups have enough posts, and
//! never as a cause.

/// Below this many posts with outcomes, a group's figures are "not enough posts yet".
pub const MIN_POSTS_PER_GROUP: usize = 10;

/// Resamples drawn for a bootstrap interval.
const BOOTSTRAP_ROUNDS: usize = 2_000;

/// The median of `values` (the mean of the middle two for an even count), or None when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    })
}

/// What may be said of two groups' medians.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Comparison {
    /// A group has fewer than MIN_POSTS_PER_GROUP posts: nothing is claimed.
    NotEnoughPosts { first: usize, second: usize },
    /// The first group's median minus the second's, with a 95% bootstrap
    /// interval. `clear` only when the interval leaves out zero.
    Difference {
        estimate: f64,
        low: f64,
        high: f64,
        clear: bool,
    },
}

/// A small deterministic generator (SplitMix64): the same posts always give the same interval.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The median of a resample of `sorted` (ascending). A resample's k-th
/// smallest value is the value at its k-th smallest drawn index, so the
/// drawn indices are selected, not the values sorted: O(n) a round, which
/// keeps the popup's summary of 1,000 posts quick to recompute.
fn resampled_median(sorted: &[f64], rng: &mut SplitMix, scratch: &mut Vec<usize>) -> f64 {
    let n = sorted.len();
    scratch.clear();
    scratch.extend((0..n).map(|_| rng.below(n)));
    let mid = n / 2;
    let (below, &mut upper, _) = scratch.select_nth_unstable(mid);
    if n % 2 == 1 {
        sorted[upper]
    } else {
        let lower = below.iter().copied().max().unwrap_or(upper);
        (sorted[lower] + sorted[upper]) / 2.0
    }
}

/// Compares the medians of two groups (say replies per post of
/// connection-leaning against broadcast-leaning posts): the difference and
/// a percentile bootstrap interval, or "not enough posts".
pub fn compare_medians(first: &[f64], second: &[f64]) -> Comparison {
    if first.len() < MIN_POSTS_PER_GROUP || second.len() < MIN_POSTS_PER_GROUP {
        return Comparison::NotEnoughPosts {
            first: first.len(),
            second: second.len(),
        };
    }
    let (Some(a), Some(b)) = (median(first), median(second)) else {
        return Comparison::NotEnoughPosts {
            first: 0,
            second: 0,
        };
    };
    let mut rng = SplitMix(0x5EED ^ (first.len() as u64) << 32 ^ second.len() as u64);
    let ascending = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v
    };
    let (first, second) = (ascending(first), ascending(second));
    let mut scratch = Vec::with_capacity(first.len().max(second.len()));
    let mut diffs: Vec<f64> = (0..BOOTSTRAP_ROUNDS)
        .map(|_| {
            resampled_median(&first, &mut rng, &mut scratch)
                - resampled_median(&second, &mut rng, &mut scratch)
        })
        .collect();
    diffs.sort_by(f64::total_cmp);
    let at = |q: f64| diffs[((q * (diffs.len() - 1) as f64).round() as usize).min(diffs.len() - 1)];
    let (low, high) = (at(0.025), at(0.975));
    Comparison::Difference {
        estimate: a - b,
        low,
        high,
        clear: low > 0.0 || high < 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn not_enough_posts_claims_nothing() {
        let nine = vec![10.0; MIN_POSTS_PER_GROUP - 1];
        let ten = vec![1.0; MIN_POSTS_PER_GROUP];
        assert_eq!(
            compare_medians(&nine, &ten),
            Comparison::NotEnoughPosts {
                first: 9,
                second: 10
            }
        );
        assert_eq!(
            compare_medians(&ten, &nine),
            Comparison::NotEnoughPosts {
                first: 10,
                second: 9
            }
        );
        assert_eq!(
            compare_medians(&[], &[]),
            Comparison::NotEnoughPosts {
                first: 0,
                second: 0
            }
        );
        assert!(matches!(
            compare_medians(&ten, &ten),
            Comparison::Difference { .. }
        ));
    }

    #[test]
    fn a_clear_difference_has_an_interval_that_leaves_out_zero() {
        let connection: Vec<f64> = (0..30).map(|i| 8.0 + (i % 5) as f64).collect();
        let broadcast: Vec<f64> = (0..30).map(|i| (i % 3) as f64).collect();
        let Comparison::Difference {
            estimate,
            low,
            high,
            clear,
        } = compare_medians(&connection, &broadcast)
        else {
            panic!("enough posts")
        };
        assert_eq!(estimate, 9.0);
        assert!(
            low <= estimate && estimate <= high,
            "{low} <= {estimate} <= {high}"
        );
        assert!(clear && low > 0.0);
    }

    #[test]
    fn the_same_posts_in_both_groups_show_no_clear_difference() {
        let posts: Vec<f64> = (0..25).map(|i| ((i * 7) % 11) as f64).collect();
        let Comparison::Difference {
            estimate,
            low,
            high,
            clear,
        } = compare_medians(&posts, &posts)
        else {
            panic!("enough posts")
        };
        assert_eq!(estimate, 0.0);
        assert!(low <= 0.0 && high >= 0.0 && !clear, "[{low}, {high}]");
    }

    #[test]
    fn the_interval_is_the_same_every_time() {
        let a: Vec<f64> = (0..12).map(|i| (i * i % 13) as f64).collect();
        let b: Vec<f64> = (0..15).map(|i| (i % 4) as f64).collect();
        assert_eq!(compare_medians(&a, &b), compare_medians(&a, &b));
    }
}
