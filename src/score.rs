//! From hints to the two 0-100 scores and the balance label.
//!
//! Each side adds its hints' weights with diminishing returns (the second
//! "buy now" says less than the first), divides by a gentle length factor
//! (one ask in a long article weighs less than in a one-liner) and maps the
//! result onto 0-100 with a saturating curve, so no count of hints overflows.

/// How much each further hint of the same side counts, relative to the last.
pub(crate) const DECAY: f32 = 0.6;
/// Raw weight that reaches about 63 points.
const SCALE: f32 = 2.5;
/// A reply to a person is conversation before any cue is counted.
pub(crate) const REPLY_BASE: f32 = 1.0;
pub(crate) const REPLY_BOOST: f32 = 1.5;

/// Hints past this many on one side change the score by less than a point,
/// so only the heaviest are kept (in a fixed array: no allocation).
const COUNTED: usize = 24;

/// The weights of one side, in any order.
pub(crate) fn side_raw(weights: impl IntoIterator<Item = f32>) -> f32 {
    let mut top = [0.0f32; COUNTED];
    let mut n = 0;
    for w in weights {
        // Insertion into the descending top list.
        if n == COUNTED && w <= top[COUNTED - 1] {
            continue;
        }
        let mut i = n.min(COUNTED - 1);
        while i > 0 && top[i - 1] < w {
            top[i] = top[i - 1];
            i -= 1;
        }
        top[i] = w;
        n = (n + 1).min(COUNTED);
    }
    let mut factor = 1.0;
    let mut raw = 0.0;
    for w in &top[..n] {
        raw += w * factor;
        factor *= DECAY;
    }
    raw
}

pub(crate) fn to_score(raw: f32, words: u32) -> u8 {
    if raw <= 0.0 {
        return 0;
    }
    let length = (words as f32 / 50.0).max(1.0).sqrt();
    let score = 100.0 * (1.0 - (-(raw / length) / SCALE).exp());
    // At least 1 so that a fired cue never reads as "nothing found".
    (score.round() as u8).clamp(1, 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_diminish_and_scores_saturate() {
        let one = side_raw([3.0]);
        let three = side_raw([3.0, 3.0, 3.0]);
        assert!(three < 3.0 * one);
        assert!(to_score(side_raw([5.0; 1000]), 10) >= 99);
        assert_eq!(to_score(0.0, 10), 0);
    }

    #[test]
    fn longer_posts_dilute_one_hint() {
        assert!(to_score(3.0, 400) < to_score(3.0, 20));
    }
}
