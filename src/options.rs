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

    /// Everything the extension and the analyser know about the platform,
    /// from the one table both read (`PLATFORM_FACTS`).
    pub fn facts(self) -> &'static PlatformFacts {
        &PLATFORM_FACTS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.facts().name
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

/// What is known of a platform. The extension reads the same table through
/// the generated `extension/shared/facts.js` (`rapport export-facts`), so a
/// host or a limit is written here only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformFacts {
    /// Canonical name (settings, messages, CLI).
    pub name: &'static str,
    /// As the user reads it in a notice ("over the 280 that X allows").
    pub label: &'static str,
    /// Hostnames the extension's content scripts are declared for (the
    /// manifest's matches) and that pausing the site switches off.
    pub hosts: &'static [&'static str],
    /// Registrable domains whose hosts, subdomains included, the site's
    /// adapter takes for its own (a user may add `new.reddit.com`).
    pub domains: &'static [&'static str],
    /// Characters a post may have (long-form limits where the platform has
    /// one for ordinary accounts would only hide the short-form norm); 0 for
    /// none known.
    pub char_limit: u32,
    /// The most hashtags that still read as natural there.
    pub hashtag_norm: u32,
}

/// In the order of [`Platform`]'s variants: name, label, hosts, domains,
/// character limit, hashtag norm.
#[rustfmt::skip]
const PLATFORM_FACTS: [PlatformFacts; 9] = [
    // mobile.x.com serves the same app, laid out for narrow screens
    // (docs/site-dom-evidence.md, X).
    facts("x", "X", &["x.com", "twitter.com", "mobile.x.com"], &["x.com", "twitter.com"], 280, 2),
    facts("bluesky", "Bluesky", &["bsky.app"], &["bsky.app"], 300, 2),
    // Mastodon has no hosts of its own: its instances are added as extra
    // sites, and its adapter recognises the app by its page.
    facts("mastodon", "Mastodon", &[], &[], 500, 5),
    facts("threads", "Threads", &["www.threads.net", "www.threads.com"], &["threads.net", "threads.com"], 500, 1),
    facts("linkedin", "LinkedIn", &["www.linkedin.com"], &["linkedin.com"], 3_000, 5),
    // m.facebook.com serves another DOM (docs/site-dom-evidence.md, Hosts):
    // its composers get the generic path.
    facts("facebook", "Facebook", &["www.facebook.com", "web.facebook.com", "m.facebook.com"], &["facebook.com"], 63_206, 2),
    facts("instagram", "Instagram", &["www.instagram.com"], &["instagram.com"], 2_200, 5),
    facts("reddit", "Reddit", &["www.reddit.com", "old.reddit.com", "sh.reddit.com"], &["reddit.com"], 40_000, 0),
    // Any other field the user enabled: no limit, and the most lenient of
    // the common hashtag norms.
    facts("generic", "this site", &[], &[], 0, 5),
];

const fn facts(
    name: &'static str,
    label: &'static str,
    hosts: &'static [&'static str],
    domains: &'static [&'static str],
    char_limit: u32,
    hashtag_norm: u32,
) -> PlatformFacts {
    PlatformFacts {
        name,
        label,
        hosts,
        domains,
        char_limit,
        hashtag_norm,
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
    /// The writer's language, which a draft too short to tell is read in
    /// (the extension passes the UI's). `None`: English. Not a stored
    /// setting: left out of the settings' JSON when absent, as the
    /// background's own writer leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::language::Lang>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facts_table_is_in_the_order_of_the_variants() {
        for p in Platform::ALL {
            assert_eq!(Platform::from_name(p.facts().name), Some(p));
        }
    }

    #[test]
    fn every_host_belongs_to_one_of_its_platforms_domains() {
        for p in Platform::ALL {
            let f = p.facts();
            for host in f.hosts {
                assert!(
                    f.domains
                        .iter()
                        .any(|d| host == d || host.ends_with(&format!(".{d}"))),
                    "{host} is outside {:?}",
                    f.domains
                );
            }
        }
    }
}
