//! The whole post's balance, as a strategist reads it
//! (`../shared/docs/balance-guidelines.md`).
//!
//! Hints say where a phrase leans; the verdict says what the post is for.
//! Adding up hint weights made one "learn more" turn a safety tip into
//! broadcasting, so the verdict is a small linear model over evidence
//! *per cue family* (how strongly each cue is present, whether the post is a
//! reply to a person, whether both sides are present): one score per class
//! (fame, mixed, neutral, connection), the highest wins. What a mild pointer
//! is worth, or how much a warm reply outweighs a link, is then a fitted
//! number instead of a guess. The weights are data
//! (`lexicon/verdict/weights.toml`), fitted by `rapport fit` on the
//! annotated corpora and reported 5-fold cross-validated by `rapport eval`;
//! the model sees only these features, never a word of a post, so it cannot
//! memorise one.

use crate::analysis::{Balance, Cue, Polarity, Stats};
use crate::rules::Candidate;
use crate::score;

// Fitted numbers may happen to come close to a named constant (0.5236).
#[allow(clippy::approx_constant)]
mod data {
    include!(concat!(env!("OUT_DIR"), "/verdict_data.rs"));
}

/// The four readings people give a post, in the order of the weights' rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Fame,
    Mixed,
    Neutral,
    Connection,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Fame, Class::Mixed, Class::Neutral, Class::Connection];

    pub fn name(self) -> &'static str {
        match self {
            Class::Fame => "fame",
            Class::Mixed => "mixed",
            Class::Neutral => "neutral",
            Class::Connection => "connection",
        }
    }

    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The class a balance label stands for (how people's labels are compared).
    pub fn of_balance(b: Balance) -> Class {
        match b {
            Balance::Broadcasting | Balance::LeaningBroadcast => Class::Fame,
            Balance::Mixed => Class::Mixed,
            Balance::Neutral => Class::Neutral,
            Balance::LeaningConnection | Balance::Connecting => Class::Connection,
        }
    }
}

/// Features past the per-cue ones.
const REPLY: usize = Cue::ALL.len();
const PASTED_REPLY: usize = REPLY + 1;
const BOTH_SIDES: usize = REPLY + 2;
/// Whom the post talks to and how loudly: how much it addresses the reader
/// rather than the brand, and exclamation. Weak on their own; they tip a
/// post whose cues are few. (Emoji, hashtags, links and length were tried
/// and left out: they told the annotated sets apart more than the labels,
/// and called a plain holiday-hours post with emoji broadcasting.)
const TO_READER: usize = REPLY + 3;
const ABOUT_US: usize = REPLY + 4;
const EXCLAIMS: usize = REPLY + 5;
/// Phrases of the formal register (`[[register]]` in the lexicon): a recall
/// notice, a statement, service facts. People read these as information
/// even when they say sorry or thanks.
const FORMAL: usize = REPLY + 6;
/// The share of the post's sentences that carry a fame cue, and a
/// connection cue: the side that fills the post is the side that carries
/// it (a thank-you around a share ask is still a share ask).
const FAME_SENTENCES: usize = REPLY + 7;
const CONNECTION_SENTENCES: usize = REPLY + 8;

/// How many numbers describe a post. (Fame evidence split by the hints'
/// severity was tried too: no better agreement, and it took weight from the
/// cues, which are what an explanation can name.)
pub const FEATURES: usize = Cue::ALL.len() + 9;

/// Feature names, in order: the cue names, then the post-level ones. The
/// weights file names its columns the same way, and a test checks they agree.
pub fn feature_names() -> [&'static str; FEATURES] {
    let mut names = [""; FEATURES];
    for (n, cue) in names.iter_mut().zip(Cue::ALL) {
        *n = cue.name();
    }
    names[REPLY] = "reply";
    names[PASTED_REPLY] = "reply-with-only-a-link";
    names[BOTH_SIDES] = "both-sides";
    names[TO_READER] = "to-the-reader";
    names[ABOUT_US] = "about-us";
    names[EXCLAIMS] = "exclamations";
    names[FORMAL] = "formal-register";
    names[FAME_SENTENCES] = "fame-sentences";
    names[CONNECTION_SENTENCES] = "connection-sentences";
    names
}

/// Raw weight that makes a feature about 0.63: one typical hint.
const SATURATION: f32 = 2.0;

/// `n` of `full`, capped at 1.
fn share(n: u32, full: u32) -> f32 {
    (n.min(full) as f32) / full as f32
}

fn saturate(raw: f32) -> f32 {
    1.0 - (-raw / SATURATION).exp()
}

/// What the verdict is computed from.
pub type Features = [f32; FEATURES];

/// How many of a cue's hints count toward its evidence.
const PER_CUE: usize = 8;

/// The evidence of one draft.
/// How many of the post's sentences hold a cue of each side (pointers
/// aside), out of how many.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SentenceShares {
    pub fame: u32,
    pub connection: u32,
    pub sentences: u32,
}

pub(crate) fn features(
    candidates: &[Candidate],
    is_reply: bool,
    formal: u32,
    shares: SentenceShares,
    stats: &Stats,
) -> Features {
    // Each cue's heaviest few weights, for diminishing returns per cue
    // (`score::side_raw`); past these a hint adds under 2% of the first.
    let mut top = [[0.0f32; PER_CUE]; Cue::ALL.len()];
    for c in candidates {
        let list = &mut top[c.cue() as usize];
        let w = c.weight();
        if w > list[PER_CUE - 1] {
            let mut i = PER_CUE - 1;
            while i > 0 && list[i - 1] < w {
                list[i] = list[i - 1];
                i -= 1;
            }
            list[i] = w;
        }
    }
    // Each list is in descending order already: the same diminishing sum
    // as `score::side_raw`, without sorting again.
    let raw = top.map(|list| {
        let mut factor = 1.0;
        let mut sum = 0.0;
        for w in list.into_iter().take_while(|w| *w > 0.0) {
            sum += w * factor;
            factor *= score::DECAY;
        }
        sum
    });
    let mut x = [0.0f32; FEATURES];
    let (mut fame, mut connection) = (0.0, 0.0);
    for (cue, r) in Cue::ALL.iter().zip(raw) {
        // Most cues are absent from a post: no exp for them.
        x[*cue as usize] = if r > 0.0 { saturate(r) } else { 0.0 };
        match cue.polarity() {
            Polarity::Connection => connection += r,
            // A pointer ("learn more") is not a side of its own: it leans
            // with what it points to.
            Polarity::Fame if *cue != Cue::CallToAction => fame += r,
            Polarity::Fame => {}
        }
    }
    let pasted = is_reply && stats.links > 0 && connection == 0.0;
    x[REPLY] = (is_reply && !pasted) as u8 as f32;
    x[PASTED_REPLY] = pasted as u8 as f32;
    x[BOTH_SIDES] = saturate(fame).min(saturate(connection));
    let persons = (stats.you_words + stats.we_words + stats.brand_mentions) as f32 + 1.0;
    x[TO_READER] = stats.you_words as f32 / persons;
    x[ABOUT_US] = (stats.we_words + stats.brand_mentions) as f32 / persons;
    x[EXCLAIMS] = share(stats.exclamation_runs, 3);
    x[FORMAL] = share(formal, 3);
    let sentences = shares.sentences.max(1) as f32;
    x[FAME_SENTENCES] = shares.fame as f32 / sentences;
    x[CONNECTION_SENTENCES] = shares.connection as f32 / sentences;
    x
}

/// A linear model: one row of weights per class, the bias last.
pub type Weights = [[f32; FEATURES + 1]; 4];

/// The shipped weights (`lexicon/verdict/weights.toml`).
pub fn shipped() -> &'static Weights {
    &data::WEIGHTS
}

/// Names of the shipped weights' columns, as the file lists them.
pub fn shipped_feature_names() -> &'static [&'static str] {
    data::FEATURE_NAMES
}

/// Each class's score for these features. A lean needs something to lean
/// on: no fame verdict without a fame cue (a pointer alone is none), no
/// connection verdict without a connection cue or a reply, no mixed one
/// without both; those classes score minus infinity. So the verdict can
/// always name what carried it, and the form of a post (its "!" or whom it
/// addresses) only tips a post that has cues.
pub fn scores(w: &Weights, x: &Features) -> [f32; 4] {
    scores_present(w, x, &Present::of(x))
}

/// The features a draft has (most are zero): the scores and the
/// explanation add only these, in feature order, so the sums are the same
/// as over every feature.
struct Present {
    index: [u8; FEATURES],
    len: usize,
}

impl Present {
    fn of(x: &Features) -> Present {
        let mut index = [0u8; FEATURES];
        let mut len = 0;
        for (f, v) in x.iter().enumerate() {
            if *v != 0.0 {
                index[len] = f as u8;
                len += 1;
            }
        }
        Present { index, len }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.index[..self.len].iter().map(|&f| f as usize)
    }
}

fn scores_present(w: &Weights, x: &Features, present: &Present) -> [f32; 4] {
    // Fame cues come first in `Cue::ALL`, the pointer among them.
    let split = Cue::OpenQuestion as usize;
    let fame = present
        .iter()
        .any(|f| f < split && f != Cue::CallToAction as usize);
    let connection = present
        .iter()
        .any(|f| f == REPLY || (split..Cue::ALL.len()).contains(&f));
    let allowed = [fame, fame && connection, true, connection];
    let mut s = [f32::NEG_INFINITY; 4];
    for (k, row) in w.iter().enumerate() {
        if allowed[k] {
            s[k] = row[FEATURES] + present.iter().map(|f| row[f] * x[f]).sum::<f32>();
        }
    }
    s
}

/// Class probabilities (softmax of the scores).
pub fn probabilities(s: &[f32; 4]) -> [f32; 4] {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = s.map(|v| (v - max).exp());
    let total: f32 = p.iter().sum();
    for v in &mut p {
        *v /= total;
    }
    p
}

/// A lean this sure is the whole post's (Broadcasting / Connecting), not
/// only its tilt.
const FIRM: f32 = 0.8;

/// How many features an explanation names at most.
pub const CARRIED: usize = 3;
/// A push smaller than this did not carry anything.
const MEANINGFUL: f32 = 0.05;

pub struct Verdict {
    pub class: Class,
    pub balance: Balance,
    /// The features that carried the verdict, heaviest first (at most
    /// [`CARRIED`]): each pushes toward the chosen class more than toward
    /// the reading it was weighed against.
    pub carried_by: [Option<u8>; CARRIED],
}

pub fn decide(w: &Weights, x: &Features) -> Verdict {
    let present = Present::of(x);
    let s = scores_present(w, x, &present);
    let k = (0..4).fold(0, |best, k| if s[k] > s[best] { k } else { best });
    let class = Class::ALL[k];
    // The winner's probability, as `probabilities` computes it; only a lean
    // needs it.
    let firm = || 1.0 / s.iter().map(|v| (v - s[k]).exp()).sum::<f32>() >= FIRM;
    let balance = match class {
        Class::Fame if firm() => Balance::Broadcasting,
        Class::Fame => Balance::LeaningBroadcast,
        Class::Mixed => Balance::Mixed,
        Class::Neutral => Balance::Neutral,
        Class::Connection if firm() => Balance::Connecting,
        Class::Connection => Balance::LeaningConnection,
    };
    // A lean is explained by what made it more than a neutral reading; a
    // neutral verdict has nothing that carried it.
    let neutral = &w[Class::Neutral as usize];
    // The heaviest few, by insertion into a short list (no allocation).
    let mut top = [(None, 0.0f32); CARRIED];
    // Only what a writer can point at explains a verdict: the cues and
    // answering a person, not the form features.
    let explaining = present.iter().filter(|&f| f <= REPLY);
    for f in explaining.take_while(|_| class != Class::Neutral) {
        let push = x[f] * (w[k][f] - neutral[f]);
        if push <= MEANINGFUL || push <= top[CARRIED - 1].1 {
            continue;
        }
        let mut i = CARRIED - 1;
        while i > 0 && top[i - 1].1 < push {
            top[i] = top[i - 1];
            i -= 1;
        }
        top[i] = (Some(f as u8), push);
    }
    Verdict {
        class,
        balance,
        carried_by: top.map(|(f, _)| f),
    }
}

/// The cue a feature stands for, if it is a cue.
pub fn feature_cue(f: usize) -> Option<Cue> {
    Cue::ALL.get(f).copied()
}

/// The post-level feature that says the draft answers a person.
pub const REPLY_FEATURE: usize = REPLY;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_name_the_features_in_order() {
        assert_eq!(shipped_feature_names(), &feature_names()[..]);
    }

    #[test]
    fn features_saturate_and_repeat_with_diminishing_returns() {
        assert!(saturate(2.0) > 0.6 && saturate(2.0) < 0.65);
        assert!(saturate(1000.0) <= 1.0);
    }

    #[test]
    fn probabilities_sum_to_one() {
        let p = probabilities(&[1.0, -2.0, 0.5, 3.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(p[3] > p[0] && p[0] > p[2]);
    }

    #[test]
    fn classes_round_trip_balances() {
        for b in Balance::ALL {
            let c = Class::of_balance(b);
            assert_eq!(Class::from_name(c.name()), Some(c));
        }
    }
}
