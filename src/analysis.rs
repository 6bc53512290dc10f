//! The output of one analysis: the contract between the core, the wasm layer,
//! the CLI and the habit summary. Field names are what JavaScript sees.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Which way a cue pulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    Fame,
    Connection,
}

impl Polarity {
    pub fn name(self) -> &'static str {
        match self {
            Polarity::Fame => "fame",
            Polarity::Connection => "connection",
        }
    }
}

/// Every cue of the spec (`analysis-spec.md`), fame first, then connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cue {
    ReactionBait,
    CommentBait,
    ShareBait,
    TagBait,
    VoteBait,
    LikeForGood,
    FollowAsk,
    HardSell,
    CallToAction,
    QuestionBait,
    SelfPraise,
    FameMetrics,
    CuriosityBait,
    Shouting,
    HashtagStuffing,
    BrandCentric,
    LinkOnly,
    OpenQuestion,
    Listening,
    Gratitude,
    Spotlight,
    CoCreation,
    Honesty,
    HelpfulValue,
    SharedValues,
    PersonalVoice,
}

impl Cue {
    pub const ALL: [Cue; 26] = [
        Cue::ReactionBait,
        Cue::CommentBait,
        Cue::ShareBait,
        Cue::TagBait,
        Cue::VoteBait,
        Cue::LikeForGood,
        Cue::FollowAsk,
        Cue::HardSell,
        Cue::CallToAction,
        Cue::QuestionBait,
        Cue::SelfPraise,
        Cue::FameMetrics,
        Cue::CuriosityBait,
        Cue::Shouting,
        Cue::HashtagStuffing,
        Cue::BrandCentric,
        Cue::LinkOnly,
        Cue::OpenQuestion,
        Cue::Listening,
        Cue::Gratitude,
        Cue::Spotlight,
        Cue::CoCreation,
        Cue::Honesty,
        Cue::HelpfulValue,
        Cue::SharedValues,
        Cue::PersonalVoice,
    ];

    pub fn polarity(self) -> Polarity {
        if (self as u8) <= (Cue::LinkOnly as u8) {
            Polarity::Fame
        } else {
            Polarity::Connection
        }
    }

    /// The kebab-case name used in lexicon files, JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Cue::ReactionBait => "reaction-bait",
            Cue::CommentBait => "comment-bait",
            Cue::ShareBait => "share-bait",
            Cue::TagBait => "tag-bait",
            Cue::VoteBait => "vote-bait",
            Cue::LikeForGood => "like-for-good",
            Cue::FollowAsk => "follow-ask",
            Cue::HardSell => "hard-sell",
            Cue::CallToAction => "call-to-action",
            Cue::QuestionBait => "question-bait",
            Cue::SelfPraise => "self-praise",
            Cue::FameMetrics => "fame-metrics",
            Cue::CuriosityBait => "curiosity-bait",
            Cue::Shouting => "shouting",
            Cue::HashtagStuffing => "hashtag-stuffing",
            Cue::BrandCentric => "brand-centric",
            Cue::LinkOnly => "link-only",
            Cue::OpenQuestion => "open-question",
            Cue::Listening => "listening",
            Cue::Gratitude => "gratitude",
            Cue::Spotlight => "spotlight",
            Cue::CoCreation => "co-creation",
            Cue::Honesty => "honesty",
            Cue::HelpfulValue => "helpful-value",
            Cue::SharedValues => "shared-values",
            Cue::PersonalVoice => "personal-voice",
        }
    }

    pub fn from_name(name: &str) -> Option<Cue> {
        Cue::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Bait cues: the ones platform policies demote and exemptions silence.
    pub fn is_bait(self) -> bool {
        matches!(
            self,
            Cue::ReactionBait
                | Cue::CommentBait
                | Cue::ShareBait
                | Cue::TagBait
                | Cue::VoteBait
                | Cue::LikeForGood
                | Cue::QuestionBait
                | Cue::CuriosityBait
        )
    }
}

/// How strongly a hint should be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; shown softly (and every connection hint).
    Mild,
    /// Reads as fame-seeking to most readers.
    Moderate,
    /// What platforms demote or readers distrust outright.
    Strong,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Mild, Severity::Moderate, Severity::Strong];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Mild => "mild",
            Severity::Moderate => "moderate",
            Severity::Strong => "strong",
        }
    }
}

/// The overall reading of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Balance {
    Broadcasting,
    LeaningBroadcast,
    Mixed,
    LeaningConnection,
    Connecting,
    Neutral,
}

impl Balance {
    pub const ALL: [Balance; 6] = [
        Balance::Broadcasting,
        Balance::LeaningBroadcast,
        Balance::Mixed,
        Balance::LeaningConnection,
        Balance::Connecting,
        Balance::Neutral,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Balance::Broadcasting => "broadcasting",
            Balance::LeaningBroadcast => "leaning-broadcast",
            Balance::Mixed => "mixed",
            Balance::LeaningConnection => "leaning-connection",
            Balance::Connecting => "connecting",
            Balance::Neutral => "neutral",
        }
    }

    pub fn from_name(name: &str) -> Option<Balance> {
        Balance::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The extension's localisation key of the label (`_locales`).
    pub fn message_key(self) -> &'static str {
        match self {
            Balance::Broadcasting => "balanceBroadcasting",
            Balance::LeaningBroadcast => "balanceLeaningBroadcast",
            Balance::Mixed => "balanceMixed",
            Balance::LeaningConnection => "balanceLeaningConnection",
            Balance::Connecting => "balanceConnecting",
            Balance::Neutral => "balanceNeutral",
        }
    }

    /// The label as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Balance::Broadcasting => "Broadcasting",
            Balance::LeaningBroadcast => "Leaning broadcast",
            Balance::Mixed => "Mixed",
            Balance::LeaningConnection => "Leaning connection",
            Balance::Connecting => "Connecting",
            Balance::Neutral => "Neutral",
        }
    }
}

/// One finding on a span of the draft. Texts that come from the lexicon are
/// borrowed from it: a hint costs no allocation unless its text is the
/// user's own (a brand-profile phrase).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hint {
    /// Stable id of the lexicon entry or code rule (`follow-ask.follow-us`).
    pub rule_id: Cow<'static, str>,
    /// Index of the entry in [`crate::lexicon::rules`] that fired, `None` for
    /// the user's own phrases.
    #[serde(skip)]
    pub lexicon_entry: Option<u16>,
    pub cue: Cue,
    pub polarity: Polarity,
    /// Byte range in the analysed text (UTF-16 at the JS boundary).
    pub span: Span,
    /// One short line, hedged ("may read as engagement bait").
    pub message: Cow<'static, str>,
    /// Why, in the product's own words.
    pub note: Cow<'static, str>,
    /// A concrete better phrasing or a question to ask instead.
    pub suggestion: Option<Cow<'static, str>>,
    /// Replacement text for the span when the suggestion is a drop-in rewrite
    /// (`Some("")` deletes the span); `None` when it needs the writer's judgement.
    pub replacement: Option<Cow<'static, str>>,
    pub severity: Severity,
}

/// Counts the habit summary aggregates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// User-perceived characters (grapheme clusters).
    pub chars: u32,
    /// The platform's length limit for this kind of post.
    pub char_limit: u32,
    pub words: u32,
    pub sentences: u32,
    /// Questions addressed to the audience (genuine or not).
    pub questions: u32,
    /// you / your / yours / you're …
    pub you_words: u32,
    /// we / our / us / ours …
    pub we_words: u32,
    /// Mentions of the user's brand names or handles.
    pub brand_mentions: u32,
    pub hashtags: u32,
    pub mentions: u32,
    pub links: u32,
    /// ALL-CAPS words that are not acronyms.
    pub caps_words: u32,
    /// Runs of two or more `!`/`?` and single `!` counted once per run.
    pub exclamation_runs: u32,
    pub emoji: u32,
}

impl Stats {
    /// Field names in declaration order, as JSON names them.
    pub const FIELDS: [&'static str; 14] = [
        "chars",
        "char_limit",
        "words",
        "sentences",
        "questions",
        "you_words",
        "we_words",
        "brand_mentions",
        "hashtags",
        "mentions",
        "links",
        "caps_words",
        "exclamation_runs",
        "emoji",
    ];

    /// The values in the order of `FIELDS`, for bindings that pass numbers
    /// rather than objects.
    pub fn values(&self) -> [u32; 14] {
        [
            self.chars,
            self.char_limit,
            self.words,
            self.sentences,
            self.questions,
            self.you_words,
            self.we_words,
            self.brand_mentions,
            self.hashtags,
            self.mentions,
            self.links,
            self.caps_words,
            self.exclamation_runs,
            self.emoji,
        ]
    }
}

/// A note about the whole draft rather than a span of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The draft is not in a language the lexicon covers; no hints were given.
    UnsupportedLanguage,
    /// The draft exceeds the platform's length limit.
    OverLength,
    /// The draft is so long that only its beginning was analysed.
    Truncated,
    /// The draft is in a language whose lexicon is not installed yet
    /// (`Analysis::language` says which): install it and analyse again.
    LanguageNotLoaded,
}

/// The result of analysing one draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Sorted by span start, then end, then rule id.
    pub hints: Vec<Hint>,
    /// 0-100.
    pub fame: u8,
    /// 0-100.
    pub connection: u8,
    pub balance: Balance,
    /// What carried the balance, so the writer sees why and can disagree.
    pub basis: Basis,
    pub stats: Stats,
    pub notices: Vec<Notice>,
    /// The language the draft was read in ("en", "es", "pt", "fr", "de"),
    /// or the one it needs (with `LanguageNotLoaded`); "" when not judged.
    pub language: &'static str,
}

/// Why the balance is what it is: the hints, and whether the draft answering
/// a person, that carried it (`src/verdict.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// Indices into `hints`, heaviest first: one hint for each cue that
    /// carried the balance.
    pub hints: Vec<u32>,
    /// The draft answers a person, and that carried the balance too.
    pub reply: bool,
    /// The draft answers a person ("@ana …", a comment on a retweet),
    /// whether or not that carried the balance.
    pub conversation: bool,
}

impl Analysis {
    /// One line that names what carried the balance: "Leaning broadcast:
    /// self-praise “award-winning”, follow-ask “follow us”". `text` is the
    /// analysed draft.
    pub fn explain(&self, text: &str) -> String {
        let label = self.balance.label();
        let mut parts: Vec<String> = Vec::new();
        if self.basis.reply {
            parts.push("a reply to a person".to_string());
        }
        for &i in &self.basis.hints {
            if let Some(h) = self.hints.get(i as usize) {
                parts.push(format!(
                    "{} \u{201C}{}\u{201D}",
                    h.cue.name(),
                    h.span.slice(text).trim()
                ));
            }
        }
        if !parts.is_empty() {
            return format!("{label}: {}", parts.join(", "));
        }
        // Nothing carried it: say what was weighed and found too light.
        let light: Vec<String> = self
            .hints
            .iter()
            .take(2)
            .map(|h| {
                format!(
                    "{} \u{201C}{}\u{201D}",
                    h.cue.name(),
                    h.span.slice(text).trim()
                )
            })
            .collect();
        match light.len() {
            0 => format!("{label}: no cue either way"),
            1 => format!("{label}: {} alone does not carry the post", light[0]),
            _ => format!(
                "{label}: {} do not carry the post either way",
                light.join(" and ")
            ),
        }
    }

    /// Cue names that fired, sorted and without duplicates.
    pub fn cues(&self) -> Vec<Cue> {
        let mut cues: Vec<Cue> = self.hints.iter().map(|h| h.cue).collect();
        cues.sort();
        cues.dedup();
        cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_fields_and_values_follow_the_serialised_order() {
        let stats = Stats {
            chars: 1,
            char_limit: 2,
            words: 3,
            sentences: 4,
            questions: 5,
            you_words: 6,
            we_words: 7,
            brand_mentions: 8,
            hashtags: 9,
            mentions: 10,
            links: 11,
            caps_words: 12,
            exclamation_runs: 13,
            emoji: 14,
        };
        let json = serde_json::to_value(&stats).unwrap();
        let object = json.as_object().unwrap();
        assert_eq!(object.len(), Stats::FIELDS.len());
        for (name, value) in Stats::FIELDS.iter().zip(stats.values()) {
            assert_eq!(object[*name], value, "{name}");
        }
    }

    fn hint(cue: Cue, start: usize, end: usize) -> Hint {
        Hint {
            rule_id: Cow::Borrowed("test"),
            lexicon_entry: None,
            cue,
            polarity: cue.polarity(),
            span: Span::new(start, end),
            message: Cow::Borrowed(""),
            note: Cow::Borrowed(""),
            suggestion: None,
            replacement: None,
            severity: Severity::Mild,
        }
    }

    #[test]
    fn the_explanation_names_what_carried_the_balance_or_what_was_too_light() {
        let text = "Our award-winning team. Follow us! Learn more";
        let mut a = Analysis {
            hints: vec![
                hint(Cue::SelfPraise, 4, 17),
                hint(Cue::FollowAsk, 24, 33),
                hint(Cue::CallToAction, 35, 45),
            ],
            fame: 80,
            connection: 0,
            balance: Balance::LeaningBroadcast,
            basis: Basis {
                hints: vec![0, 1],
                reply: false,
                conversation: false,
            },
            stats: Stats::default(),
            notices: Vec::new(),
            language: "en",
        };
        assert_eq!(
            a.explain(text),
            "Leaning broadcast: self-praise \u{201C}award-winning\u{201D}, follow-ask \u{201C}Follow us\u{201D}"
        );
        a.balance = Balance::Neutral;
        a.basis = Basis::default();
        a.hints.drain(..2);
        assert_eq!(
            a.explain(text),
            "Neutral: call-to-action \u{201C}Learn more\u{201D} alone does not carry the post"
        );
        a.hints.clear();
        assert_eq!(a.explain(text), "Neutral: no cue either way");
        a.balance = Balance::LeaningConnection;
        a.basis.reply = true;
        assert_eq!(a.explain(text), "Leaning connection: a reply to a person");
    }

    #[test]
    fn cue_order_matches_polarity_split() {
        for cue in Cue::ALL {
            assert_eq!(Cue::from_name(cue.name()), Some(cue));
        }
        assert_eq!(Cue::LinkOnly.polarity(), Polarity::Fame);
        assert_eq!(Cue::OpenQuestion.polarity(), Polarity::Connection);
    }
}
