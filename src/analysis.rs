//! The output of one analysis: the contract between the core, the wasm layer,
//! the CLI and the habit summary. Field names are what JavaScript sees.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Which way a cue pulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    Fame,
    Connection,
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
}

/// One finding on a span of the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hint {
    /// Stable id of the lexicon entry or code rule (`follow-ask.follow-us`).
    pub rule_id: String,
    pub cue: Cue,
    pub polarity: Polarity,
    /// Byte range in the analysed text (UTF-16 at the JS boundary).
    pub span: Span,
    /// One short line, hedged ("may read as engagement bait").
    pub message: String,
    /// Why, in the product's own words.
    pub note: String,
    /// A concrete better phrasing or a question to ask instead.
    pub suggestion: Option<String>,
    /// Replacement text for the span when the suggestion is a drop-in rewrite
    /// (`Some("")` deletes the span); `None` when it needs the writer's judgement.
    pub replacement: Option<String>,
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
    pub stats: Stats,
    pub notices: Vec<Notice>,
}

impl Analysis {
    /// Cue names that fired, sorted and without duplicates.
    pub fn cues(&self) -> Vec<Cue> {
        let mut cues: Vec<Cue> = self.hints.iter().map(|h| h.cue).collect();
        cues.sort();
        cues.dedup();
        cues
    }
}
