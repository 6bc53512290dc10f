//! The lexicon: every rule the analyser knows, as data compiled from
//! `lexicon/*.toml` by `build.rs`, plus the phrase automaton built from it.

use std::sync::OnceLock;

mod pack;
mod phrase_dfa;
pub(crate) use pack::WordTable;
#[cfg(not(target_arch = "wasm32"))]
pub use pack::{builtin_text, install_text as install_pack_text};
pub use pack::{install as install_pack, installed, PackParts};
pub(crate) use phrase_dfa::PhraseDfa;

use crate::analysis::{Cue, Severity};
use crate::language::Lang;

/// One language's lexicon: its rules, its phrases and, for a language other
/// than English, its word classes. English is built in; the others are
/// packs (`pack.rs`).
pub struct Lexicon {
    pub lang: Lang,
    rules: &'static [LexRule],
    /// `None` for English, whose set is built (or installed) on first use.
    set: Option<&'static PhraseSet>,
    /// Per English rule: the index of this lexicon's twin, `u16::MAX` for
    /// none. `None` for English itself.
    code_twins: Option<&'static [u16]>,
    pub(crate) words: Option<WordTable>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("lang", &self.lang)
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Lexicon {
    pub fn rules(&self) -> &'static [LexRule] {
        self.rules
    }

    pub(crate) fn phrases(&self) -> &'static PhraseSet {
        self.set.unwrap_or_else(phrase_set)
    }

    /// The entry a code rule fires in this language, given its English
    /// entry; `None` where the language has no twin, so the rule stays quiet
    /// rather than speak English.
    #[inline]
    pub(crate) fn code_entry(&self, english: u16) -> Option<u16> {
        match self.code_twins {
            None => Some(english),
            Some(twins) => twins
                .get(english as usize)
                .copied()
                .filter(|&t| t != u16::MAX),
        }
    }

    /// The entry whose id is `id`, in this lexicon.
    pub fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }
}

/// The English lexicon.
pub fn english() -> &'static Lexicon {
    static ENGLISH: Lexicon = Lexicon {
        lang: Lang::En,
        rules: data::RULES,
        set: None,
        code_twins: None,
        words: None,
    };
    &ENGLISH
}

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
    /// Fired by a phrase of the lexicon (not by a code rule).
    pub phrase: bool,
    pub message: &'static str,
    pub note: &'static str,
    pub suggestion: &'static str,
    pub replacement: Option<&'static str>,
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

/// Markers of the formal register, documented like exemptions.
pub fn registers() -> &'static [Exemption] {
    docs_data::REGISTERS
}

pub fn rule(id: &str) -> Option<&'static LexRule> {
    data::RULES.iter().find(|r| r.id == id)
}

/// The lexicon index of a code rule's entry, resolved at compile time: an id
/// the lexicon lacks fails the build, and a rule pays nothing per draft.
macro_rules! code_rule {
    ($id:literal) => {
        const { $crate::lexicon::code_rule_index($id) }
    };
}
pub(crate) use code_rule;

/// The entry a code rule fires (a `const fn`, evaluated by [`code_rule!`]).
pub(crate) const fn code_rule_index(id: &str) -> u16 {
    let ids = data::RULE_IDS;
    let mut i = 0;
    while i < ids.len() {
        if const_eq(ids[i].as_bytes(), id.as_bytes()) {
            return i as u16;
        }
        i += 1;
    }
    panic!("a code rule names an id that is not in the lexicon");
}

const fn const_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(crate) struct PhraseSet {
    pub dfa: PhraseDfa,
    /// Per automaton pattern, what a match means.
    pub tails: Vec<PhraseMeta>,
}

/// What owns a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseOwner {
    /// The n-th rule of [`rules`].
    Rule,
    /// An exemption (asking for help, a missing person, a fundraiser).
    Exemption,
    /// A marker of the formal register (notices, statements, service
    /// facts): no hint, read by the verdict.
    Register,
}

/// One word of a phrase's tail: a placeholder or a literal word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TailPart {
    /// `{n}`: a number ("10k", "fifty").
    Number,
    /// `{w}`: any one word.
    Word,
    /// `{w*}`: zero to three words.
    AnyWords,
    /// `{e}`: one emoji.
    Emoji,
    /// `{q}`: the answer a comment-bait asks for.
    Answer,
    /// `{end}`: the sentence ends here.
    End,
    Literal(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct PhraseMeta {
    pub tail: &'static [TailPart],
    pub owner: u16,
    pub kind: PhraseOwner,
    /// The match starts with a number before the literal prefix.
    pub lead_number: bool,
}

/// The shared automaton over every lexicon phrase, built once per process.
pub(crate) fn phrase_set() -> &'static PhraseSet {
    static SET: OnceLock<PhraseSet> = OnceLock::new();
    SET.get_or_init(|| {
        let (prefixes, meta) = phrase_table();
        debug_assert_eq!(prefixes.lines().count(), meta.len());
        PhraseSet {
            dfa: PhraseDfa::new(prefixes.lines()),
            tails: meta
                .iter()
                .map(|&m| PhraseMeta {
                    tail: data::PHRASE_TAILS[(m >> 12 & 0xff) as usize],
                    owner: (m & 0xfff) as u16,
                    kind: owner_kind(m),
                    lead_number: m & 1 << 21 != 0,
                })
                .collect(),
        }
    })
}

pub(crate) fn owner_kind(meta: u32) -> PhraseOwner {
    if meta & 1 << 20 != 0 {
        PhraseOwner::Exemption
    } else if meta & 1 << 22 != 0 {
        PhraseOwner::Register
    } else {
        PhraseOwner::Rule
    }
}

/// The phrase prefixes (one per line) and their packed owners and tails.
#[cfg(not(feature = "external-lexicon"))]
pub fn phrase_table() -> (&'static str, &'static [u32]) {
    (data::PHRASE_PREFIXES, data::PHRASE_META)
}

/// What the extension's analyser, built without them, needs of the
/// lexicon: each rule's texts (in the order of [`rules`]), the phrase table
/// and the fingerprint that ties them to the build. Read by
/// `web/src/api.rs` (`install_lexicon`).
#[cfg(not(feature = "external-lexicon"))]
pub fn export_json() -> String {
    let rules: Vec<serde_json::Value> = rules()
        .iter()
        .map(|r| {
            serde_json::json!([
                r.id,
                r.message,
                r.note,
                (!r.suggestion.is_empty()).then_some(r.suggestion),
                r.replacement
            ])
        })
        .collect();
    let (prefixes, meta) = phrase_table();
    let (words, scores) = crate::language::evidence_table();
    serde_json::json!({
        "fingerprint": fingerprint(),
        "rules": rules,
        "prefixes": prefixes,
        "meta": meta,
        "languages": { "words": words, "scores": scores },
    })
    .to_string()
}

/// Identifies the lexicon this build was made from.
pub fn fingerprint() -> &'static str {
    data::FINGERPRINT
}

#[cfg(feature = "external-lexicon")]
static INSTALLED: OnceLock<(String, Vec<u32>)> = OnceLock::new();

#[cfg(feature = "external-lexicon")]
pub fn phrase_table() -> (&'static str, &'static [u32]) {
    INSTALLED
        .get()
        .map_or(("", &[][..]), |(p, m)| (p.as_str(), m.as_slice()))
}

/// Whether the phrases are there to analyse with: always, unless this build
/// leaves them out and nothing has installed them yet.
pub fn is_ready() -> bool {
    cfg!(not(feature = "external-lexicon")) || !phrase_table().1.is_empty()
}

/// Installs the phrase table that `rapport export-lexicon` wrote, after
/// checking it belongs to this build's lexicon and is well formed. Only
/// builds without the phrases (feature `external-lexicon`) take one; once
/// installed it stays.
pub fn install(prefixes: String, meta: Vec<u32>, fingerprint: &str) -> Result<(), crate::Error> {
    check_installable(&prefixes, &meta, fingerprint)?;
    #[cfg(feature = "external-lexicon")]
    {
        let _ = INSTALLED.set((prefixes, meta));
        Ok(())
    }
    #[cfg(not(feature = "external-lexicon"))]
    Err(crate::Error::invalid_input(
        "this analyser has its lexicon built in and takes no other",
    ))
}

/// Whether a phrase table (from `export_json`) belongs to this build's
/// lexicon and is well formed: the same fingerprint, one owner per phrase,
/// every owner and tail one this build has.
pub fn check_installable(
    prefixes: &str,
    meta: &[u32],
    fingerprint: &str,
) -> Result<(), crate::Error> {
    if fingerprint != data::FINGERPRINT {
        return Err(crate::Error::invalid_input(format!(
            "the lexicon file is {fingerprint}, this analyser was built with {}: rebuild the extension",
            data::FINGERPRINT
        )));
    }
    if prefixes.lines().count() != meta.len() || meta.is_empty() {
        return Err(crate::Error::invalid_input(
            "the lexicon file's phrases and their owners do not line up",
        ));
    }
    for &m in meta {
        let owner = (m & 0xfff) as usize;
        let owners = match owner_kind(m) {
            PhraseOwner::Exemption => data::EXEMPTION_COUNT,
            PhraseOwner::Register => data::REGISTER_COUNT,
            PhraseOwner::Rule => data::RULES.len(),
        };
        if owner >= owners || (m >> 12 & 0xff) as usize >= data::PHRASE_TAILS.len() {
            return Err(crate::Error::invalid_input(
                "the lexicon file names a rule or tail this analyser does not have",
            ));
        }
    }
    Ok(())
}

#[cfg(all(test, not(feature = "external-lexicon")))]
mod install_tests {
    use super::*;

    #[test]
    fn an_exported_table_is_installable_and_damaged_or_foreign_ones_are_refused() {
        let (prefixes, meta) = phrase_table();
        assert!(check_installable(prefixes, meta, fingerprint()).is_ok());
        let err = check_installable(prefixes, meta, "0000000000000000").unwrap_err();
        assert!(err.to_string().contains("rebuild the extension"), "{err}");
        assert!(check_installable(prefixes, &meta[1..], fingerprint()).is_err());
        let mut foreign = meta.to_vec();
        foreign[0] = 0xfff;
        assert!(check_installable(prefixes, &foreign, fingerprint()).is_err());
        assert!(check_installable("", &[], fingerprint()).is_err());
        // A build with its lexicon built in takes no other.
        assert!(install(prefixes.to_string(), meta.to_vec(), fingerprint()).is_err());
    }
}
