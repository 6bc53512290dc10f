//! The rules. Phrase rules are data (`lexicon/*.toml`, matched in
//! `phrases.rs`); every rule that data cannot express is Rust, one kind per
//! file, each firing a lexicon entry so that its wording stays data too.

pub(crate) mod brand_centric;
pub(crate) mod curiosity;
pub(crate) mod exemptions;
pub(crate) mod hashtags;
pub(crate) mod imperative;
pub(crate) mod language;
pub(crate) mod link_only;
pub(crate) mod personal_voice;
pub(crate) mod phrases;
pub(crate) mod platform;
pub(crate) mod questions;
pub(crate) mod replies;
pub(crate) mod shouting;
pub(crate) mod spotlight;
pub(crate) mod vote_bait;

use crate::analysis::{Cue, Severity, Stats};
use crate::lexicon::Lexicon;
use crate::options::Platform;
use crate::span::Span;
use crate::text::{Kind, Token, Tokens};

/// Which rule produced a candidate hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Lexicon(u16),
    /// The n-th flag phrase of the brand profile, with the cue it reads as.
    User(u16, Cue),
}

/// A hint before scoring. `Source::Lexicon` indexes the rules of the
/// draft's lexicon, so the cue and weight are copied in: nothing after the
/// rules needs to know which language's entry it was.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub source: Source,
    pub span: Span,
    pub severity: Severity,
    cue: Cue,
    weight: f32,
}

impl Candidate {
    pub fn of(lexicon: &Lexicon, rule: u16, span: Span) -> Candidate {
        let r = &lexicon.rules()[rule as usize];
        Candidate {
            source: Source::Lexicon(rule),
            span,
            severity: r.severity,
            cue: r.cue,
            weight: r.weight,
        }
    }

    /// A brand-profile flag phrase.
    pub fn user(n: u16, cue: Cue, span: Span) -> Candidate {
        Candidate {
            source: Source::User(n, cue),
            span,
            severity: Severity::Moderate,
            cue,
            weight: 2.0,
        }
    }

    #[inline]
    pub fn cue(&self) -> Cue {
        self.cue
    }

    #[inline]
    pub fn weight(&self) -> f32 {
        self.weight
    }
}

/// Everything a rule may look at, computed once per draft.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub toks: &'a Tokens,
    pub platform: Platform,
    pub stats: &'a Stats,
    /// The draft opens with `@name`: a reply in a conversation.
    pub is_reply: bool,
    /// Byte ranges of the brand's names and handles in the text.
    pub brand_spans: &'a [Span],
    /// The draft's language's lexicon.
    pub lexicon: &'static Lexicon,
}

impl Ctx<'_> {
    /// The hint a code rule gives, by its English entry (`code_rule!`): the
    /// draft's language's twin of it, or none where that language has none.
    #[inline]
    pub fn code_hit(&self, english: u16, span: Span) -> Option<Candidate> {
        let rule = self.lexicon.code_entry(english)?;
        Some(Candidate::of(self.lexicon, rule, span))
    }

    #[inline]
    pub fn tok_text(&self, t: &Token) -> &str {
        t.text(self.text)
    }

    /// Index of the token starting at byte `start`, if any.
    pub fn token_at(&self, start: usize) -> Option<usize> {
        self.tokens
            .binary_search_by_key(&(start as u32), |t| t.start)
            .ok()
    }

    /// Index of the first token whose end is after `byte`.
    pub fn token_index_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| (t.end as usize) <= byte)
    }

    #[inline]
    pub fn is_brand_at(&self, t: &Token) -> bool {
        self.brand_spans
            .iter()
            .any(|s| s.start() <= t.start as usize && t.end as usize <= s.end())
    }

    /// A "we" word or the brand itself.
    #[inline]
    pub fn is_we(&self, t: &Token) -> bool {
        t.is(crate::text::words::WE)
            || (matches!(t.kind, Kind::Word | Kind::Mention | Kind::Hashtag) && self.is_brand_at(t))
    }
}

/// What the phrases say of the post as a whole rather than of a span.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PostMarks {
    /// It asks for help, looks for a missing person or raises money: bait
    /// cues do not apply (`exemptions.rs`).
    pub exempt: bool,
    /// Phrases of the formal register (a recall notice, a statement,
    /// service facts), which the verdict reads as neutral ground.
    pub formal: u32,
}

/// Runs every rule over the draft and returns the raw candidates.
pub(crate) fn collect(ctx: &Ctx<'_>, out: &mut Vec<Candidate>, marks: &mut PostMarks) {
    phrases::find(ctx, out, marks);
    hashtags::find(ctx, out);
    questions::find(ctx, out);
    imperative::find(ctx, out);
    vote_bait::find(ctx, out);
    personal_voice::find(ctx, out);
    spotlight::find(ctx, out);
    curiosity::find(ctx, out);
    // These two judge the draft as a whole, so they look at what fired above.
    brand_centric::find(ctx, out);
    link_only::find(ctx, out);
    // Capitals and "!!!" are judged by the company they keep.
    shouting::find(ctx, out);
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::analysis::Analysis;
    use crate::options::Options;

    pub fn analyze(text: &str) -> Analysis {
        crate::analyze(text, &Options::default())
    }

    pub fn fires(text: &str, rule_id: &str) -> bool {
        analyze(text).hints.iter().any(|h| h.rule_id == rule_id)
    }

    pub fn cue_fires(text: &str, cue: &str) -> bool {
        analyze(text).hints.iter().any(|h| h.cue.name() == cue)
    }
}
