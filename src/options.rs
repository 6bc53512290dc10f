//! What the caller tells the analyser besides the text.

use serde::{Deserialize, Serialize};

/// The site a draft is for. Decides length limits and hashtag norms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    X,
    Bluesky,
    Mastodon,
    Threads,
    Linkedin,
    Facebook,
    Instagram,
    Reddit,
    /// Any other text field the user enabled.
    #[default]
    Generic,
}

impl Platform {
    pub const ALL: [Platform; 9] = [
        Platform::X,
        Platform::Bluesky,
        Platform::Mastodon,
        Platform::Threads,
        Platform::Linkedin,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Reddit,
        Platform::Generic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Threads => "threads",
            Platform::Linkedin => "linkedin",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Reddit => "reddit",
            Platform::Generic => "generic",
        }
    }

    /// Accepts the canonical names and common aliases ("twitter").
    pub fn from_name(name: &str) -> Option<Platform> {
        let lower = name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "twitter" | "x.com" => Some(Platform::X),
            "bsky" => Some(Platform::Bluesky),
            "" => Some(Platform::Generic),
            other => Platform::ALL.into_iter().find(|p| p.name() == other),
        }
    }
}

/// The user's brand: what counts as "us" and what they want flagged or left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrandProfile {
    /// Brand names ("Acme", "Acme Coffee").
    pub names: Vec<String>,
    /// Handles, with or without the leading `@`.
    pub handles: Vec<String>,
    /// Extra phrases the user wants flagged as fame-seeking.
    pub flag_phrases: Vec<String>,
    /// Phrases the user never wants flagged.
    pub ignore_phrases: Vec<String>,
}

/// Everything besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub platform: Platform,
    pub profile: BrandProfile,
    /// Rule ids or cue names switched off.
    pub disabled_rules: Vec<String>,
}
