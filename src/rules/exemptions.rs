//! Platform policies exempt posts that ask for help, look for a missing
//! person or raise money without trading engagement for it: their "please
//! share" is a plea, not bait.

use super::Candidate;
use crate::analysis::{Cue, Severity};

/// Drops bait candidates from an exempt post. Trading likes for donations
/// stays flagged: that is the one thing the exemption does not cover.
pub(crate) fn apply(candidates: &mut Vec<Candidate>) {
    candidates.retain(|c| {
        let cue = c.cue();
        !(cue.is_bait() || matches!(cue, Cue::ShareBait | Cue::TagBait | Cue::VoteBait))
            || cue == Cue::LikeForGood
    });
    for c in candidates.iter_mut() {
        if c.cue() == Cue::FollowAsk {
            c.severity = Severity::Mild;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::analyze;

    #[test]
    fn missing_person_plea_to_share_is_not_bait() {
        let a = analyze("Please share: our neighbour's son has been missing since Tuesday.");
        assert!(a.hints.iter().all(|h| !h.cue.is_bait()), "{:?}", a.hints);
    }

    #[test]
    fn likes_traded_for_donations_stay_flagged_even_for_a_cause() {
        let a = analyze("We're raising money for the shelter: every like = $1 for charity!");
        assert!(
            a.hints.iter().any(|h| h.cue.name() == "like-for-good"),
            "{:?}",
            a.hints
        );
    }
}
