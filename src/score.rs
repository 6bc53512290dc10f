//! From hints to the two 0-100 scores and the balance label.
//!
//! Each side adds its hints' weights with diminishing returns (the second
//! "buy now" says less than the first), divides by a gentle length factor
//! (one ask in a long article weighs less than in a one-liner) and maps the
//! result onto 0-100 with a saturating curve, so no count of hints overflows.

use crate::analysis::Balance;

/// How much each further hint of the same side counts, relative to the last.
const DECAY: f32 = 0.6;
/// Raw weight that reaches about 63 points.
const SCALE: f32 = 2.5;
/// Both sides under this read as neutral.
const NEUTRAL_BELOW: u8 = 25;
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

pub(crate) fn balance(fame: u8, connection: u8) -> Balance {
    // A passing weak cue ("how to", one "I") does not make a factual post
    // lean either way.
    if fame < NEUTRAL_BELOW && connection < NEUTRAL_BELOW {
        return Balance::Neutral;
    }
    let d = connection as i16 - fame as i16;
    match d {
        55.. => Balance::Connecting,
        12..=54 => Balance::LeaningConnection,
        -11..=11 => Balance::Mixed,
        -54..=-12 => Balance::LeaningBroadcast,
        _ => Balance::Broadcasting,
    }
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

    #[test]
    fn balance_labels() {
        assert_eq!(balance(0, 0), Balance::Neutral);
        assert_eq!(balance(0, 20), Balance::Neutral);
        assert_eq!(balance(80, 0), Balance::Broadcasting);
        assert_eq!(balance(40, 10), Balance::LeaningBroadcast);
        assert_eq!(balance(30, 30), Balance::Mixed);
        assert_eq!(balance(0, 30), Balance::LeaningConnection);
        assert_eq!(balance(0, 70), Balance::Connecting);
    }
}
