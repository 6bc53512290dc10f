//! The lexicon: every rule the analyser knows, as data compiled from
//! `lexicon/*.toml` by `build.rs`, plus the phrase automaton built from it.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind, StartKind};

use crate::analysis::{Cue, Polarity, Severity};

/// Where a phrase has to sit for its rule to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Any,
    /// The phrase is the whole sentence (apart from emoji, hashtags and links):
    /// "Thoughts?" as a closing line, not inside a real question.
    WholeSentence,
    /// The phrase opens a sentence.
    Start,
}

/// One entry of the lexicon: what the analyser and the UI need. Examples,
/// allows, phrases, themes and sources are in [`docs`], which the analyser
/// never reads, so that they stay out of the wasm module.
#[derive(Debug)]
pub struct LexRule {
    pub id: &'static str,
    pub cue: Cue,
    pub weight: f32,
    pub severity: Severity,
    pub at: At,
    /// Extra conditions on a phrase hit (see `build.rs`).
    pub requires: &'static [&'static str],
    pub message: &'static str,
    pub note: &'static str,
    pub suggestion: &'static str,
    pub replacement: Option<&'static str>,
}

impl LexRule {
    pub fn polarity(&self) -> Polarity {
        self.cue.polarity()
    }
}

/// The documentation half of a lexicon entry, for tests and tools.
#[derive(Debug)]
pub struct RuleDocs {
    pub id: &'static str,
    pub theme: &'static str,
    /// The Rust rule that fires this entry, for rules data cannot express.
    pub code: Option<&'static str>,
    pub source: Option<&'static str>,
    pub phrases: &'static [&'static str],
    pub examples: &'static [&'static str],
    pub allows: &'static [&'static str],
}

/// Phrases that take a post out of engagement-bait territory: asking for help,
/// a missing person, a fundraiser that does not trade on engagement.
#[derive(Debug)]
pub struct Exemption {
    pub id: &'static str,
    pub note: &'static str,
    pub phrases: &'static [&'static str],
    pub examples: &'static [&'static str],
}

mod data {
    use super::{At, LexRule};
    use crate::analysis::{Cue, Severity};
    include!(concat!(env!("OUT_DIR"), "/lexicon_data.rs"));
}

mod docs_data {
    use super::{Exemption, RuleDocs};
    include!(concat!(env!("OUT_DIR"), "/lexicon_docs.rs"));
}

/// Every rule, in a stable order (by lexicon file, then position in it).
pub fn rules() -> &'static [LexRule] {
    data::RULES
}

/// Examples, allows, phrases and sources of every rule, in the order of
/// [`rules`]. Only tests and tools read them.
pub fn docs() -> &'static [RuleDocs] {
    docs_data::RULE_DOCS
}

pub fn exemptions() -> &'static [Exemption] {
    docs_data::EXEMPTIONS
}

pub fn rule(id: &str) -> Option<&'static LexRule> {
    data::RULES.iter().find(|r| r.id == id)
}

/// The lexicon index of a code rule's entry, looked up once per call site:
/// rules run on every keystroke, ids are only resolved the first time.
macro_rules! code_rule {
    ($id:literal) => {{
        static INDEX: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
        *INDEX.get_or_init(|| $crate::lexicon::code_rule_index($id))
    }};
}
pub(crate) use code_rule;

/// The entry a code rule fires. Panics when the lexicon lacks it: the lexicon
/// test catches that before anyone ships.
pub(crate) fn code_rule_index(id: &str) -> u16 {
    // Code rules look their entry up on every draft, so index ids once.
    static INDEX: OnceLock<Vec<(&'static str, u16)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut v: Vec<_> = data::RULES
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i as u16))
            .collect();
        v.sort_unstable();
        v
    });
    match index.binary_search_by(|(k, _)| (*k).cmp(id)) {
        Ok(i) => index[i].1,
        Err(_) => panic!("code rule {id} has no lexicon entry"),
    }
}

pub(crate) struct PhraseSet {
    dfa: DFA,
    /// Per automaton pattern: (tail, owner index, is exemption, number before).
    pub tails: Vec<(&'static str, u16, bool, bool)>,
}

impl PhraseSet {
    /// Every (overlapping) occurrence of a literal prefix, as
    /// `(start, end, pattern)`, in the order of their ends: one table lookup
    /// per byte, the same matches as `AhoCorasick::find_overlapping_iter`.
    #[inline]
    pub fn for_each_match(&self, haystack: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let dfa = &self.dfa;
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return;
        };
        for (i, &b) in haystack.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) && dfa.is_match(sid) {
                let end = i + 1;
                for k in 0..dfa.match_len(sid) {
                    let pid = dfa.match_pattern(sid, k);
                    f(end - dfa.pattern_len(pid), end, pid.as_usize());
                }
            }
        }
    }
}

/// The shared automaton over every lexicon phrase, built once per process.
pub(crate) fn phrase_set() -> &'static PhraseSet {
    static SET: OnceLock<PhraseSet> = OnceLock::new();
    SET.get_or_init(|| {
        let prefixes = data::PHRASES.iter().map(|p| p.0);
        // A DFA costs more memory and build time once, and is the fastest
        // search on every keystroke after that. It is driven byte by byte
        // (`for_each_match`), so no prefilter and only an unanchored start.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(prefixes)
            .expect("lexicon phrases form a valid automaton");
        PhraseSet {
            dfa,
            tails: data::PHRASES.iter().map(|p| (p.1, p.2, p.3, p.4)).collect(),
        }
    })
}

/// Overlapping search needs standard match semantics; ASCII case folding is
/// enough because every phrase is English.
pub(crate) fn build_automaton<I, P>(patterns: I) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .expect("lexicon phrases form a valid automaton")
}
