//! The extension's settings as the options page edits them. The background
//! (JavaScript) sanitises what it stores, and options.js merges what this
//! page saves over the settings it was given, so keys unknown here survive.

use serde::{Deserialize, Serialize};

use crate::options::{Options, Platform};

/// The history caps a user may choose; outside them a value keeps its
/// previous setting.
pub const MAX_POSTS_RANGE: std::ops::RangeInclusive<u32> = 10..=5000;
/// Days; 0 keeps posts of any age.
pub const MAX_AGE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 0..=3650;
/// The most entries a settings list (brand names, phrases, sites) keeps, and
/// the longest entry, in UTF-16 code units as the background measures it.
pub const LIST_MAX_ITEMS: usize = 500;
pub const LIST_ITEM_MAX_UTF16: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistorySettings {
    pub max_posts: u32,
    /// 0 keeps posts of any age.
    pub max_age_days: u32,
    pub store_text: bool,
    pub paused: bool,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            max_posts: 1000,
            max_age_days: 365,
            store_text: false,
            paused: false,
        }
    }
}

/// Everything the options page edits; the background sanitises what it stores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub options: Options,
    /// Hostnames where the user switched Rapport off.
    pub paused_sites: Vec<String>,
    /// Origins (`https://mastodon.example`) granted through the optional permission.
    pub extra_sites: Vec<String>,
    /// A reminder when publishing a broadcasting draft (off unless chosen).
    pub nudge: bool,
    pub history: HistorySettings,
}

/// The hostnames of a site with its own adapter, as `paused_sites` lists them.
pub fn site_hosts(site: Platform) -> &'static [&'static str] {
    site.facts().hosts
}

/// Whether Rapport runs on `site` with these paused hostnames.
pub fn site_enabled(site: Platform, paused_sites: &[String]) -> bool {
    !site_hosts(site)
        .iter()
        .any(|h| paused_sites.iter().any(|p| p == h))
}

/// Switches `site` on or off in `paused_sites`, leaving other hosts alone.
pub fn set_site_enabled(site: Platform, paused_sites: &mut Vec<String>, enabled: bool) {
    let hosts = site_hosts(site);
    paused_sites.retain(|p| !hosts.contains(&p.as_str()));
    if !enabled {
        paused_sites.extend(hosts.iter().map(|h| h.to_string()));
    }
}

/// `https://host` for what a user types: a host, an origin or a whole URL.
pub fn origin_of(input: &str) -> Option<String> {
    let s = input.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let valid = host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    valid.then(|| format!("https://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_from_what_users_type() {
        assert_eq!(
            origin_of("Mastodon.Social").as_deref(),
            Some("https://mastodon.social")
        );
        assert_eq!(
            origin_of("https://fosstodon.org/home?x=1").as_deref(),
            Some("https://fosstodon.org")
        );
        assert_eq!(origin_of("localhost"), None);
        assert_eq!(origin_of("bad host.com"), None);
        assert_eq!(origin_of(""), None);
    }

    #[test]
    fn missing_keys_take_their_defaults() {
        let s: Settings =
            serde_json::from_str(r#"{"options":{"platform":"x"},"overlay":{"position":"left"}}"#)
                .unwrap();
        assert!(!s.nudge && s.history.max_posts == 1000 && s.history.max_age_days == 365);
        assert_eq!(s.options.platform, Platform::X);
    }

    #[test]
    fn site_switches_pause_every_host_of_the_site_only() {
        let mut paused = vec!["blog.example".to_string()];
        set_site_enabled(Platform::X, &mut paused, false);
        assert_eq!(paused, ["blog.example", "x.com", "twitter.com"]);
        assert!(!site_enabled(Platform::X, &paused) && site_enabled(Platform::Reddit, &paused));
        set_site_enabled(Platform::X, &mut paused, true);
        assert_eq!(paused, ["blog.example"]);
    }
}
