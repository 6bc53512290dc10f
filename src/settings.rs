//! The extension's settings: their schema, defaults and bounds, and the
//! cleaning every stored, imported or saved value goes through
//! ([`clean_settings`]), which keeps what is valid and says what it dropped,
//! so one bad field never costs the user the rest. The background cleans with
//! this code (through the analyser's module, `web/src/settings.rs`), the options
//! page edits the result, and `rapport export-facts` gives JavaScript the
//! defaults.

use serde::{Deserialize, Serialize};

use crate::options::{BrandProfile, Options, Platform};

/// The history caps a user may choose; outside them a value keeps its
/// previous setting.
pub const MAX_POSTS_RANGE: std::ops::RangeInclusive<u32> = 10..=5000;
/// Days; 0 keeps posts of any age.
pub const MAX_AGE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 0..=3650;
/// The most entries a settings list (brand names, phrases, sites) keeps, and
/// the longest entry, in UTF-16 code units as the page's text fields count.
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
    /// Read the counts the sites show under the user's own posts (issue 14).
    pub read_outcomes: bool,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            max_posts: 1000,
            max_age_days: 365,
            store_text: false,
            paused: false,
            read_outcomes: true,
        }
    }
}

/// The language of the extension's own words (the popup, the options page,
/// the gauge and cards on the sites): the browser's, or one of the
/// extension's locales (`extension/_locales`). Stored as the locale's folder
/// name, `"auto"` for the browser's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum UiLanguage {
    /// Whatever the browser's UI language picks among the locales.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt_BR")]
    PtBr,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "de")]
    De,
}

impl UiLanguage {
    /// Every value, the browser's first, in the order the options page lists them.
    pub const ALL: [UiLanguage; 6] = [
        UiLanguage::Auto,
        UiLanguage::En,
        UiLanguage::Es,
        UiLanguage::PtBr,
        UiLanguage::Fr,
        UiLanguage::De,
    ];

    /// The stored name: `"auto"`, or the folder of the locale in `_locales`.
    pub fn name(self) -> &'static str {
        match self {
            UiLanguage::Auto => "auto",
            UiLanguage::En => "en",
            UiLanguage::Es => "es",
            UiLanguage::PtBr => "pt_BR",
            UiLanguage::Fr => "fr",
            UiLanguage::De => "de",
        }
    }

    pub fn from_name(name: &str) -> Option<UiLanguage> {
        UiLanguage::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The BCP 47 tag of the language (`pt-BR`), as its locale's
    /// `languageTag` message says it; `None` for the browser's.
    pub fn tag(self) -> Option<&'static str> {
        match self {
            UiLanguage::Auto => None,
            UiLanguage::PtBr => Some("pt-BR"),
            other => Some(other.name()),
        }
    }

    /// The localisation key of the language's name on the options page.
    pub fn message_key(self) -> &'static str {
        match self {
            UiLanguage::Auto => "uiLanguage_auto",
            UiLanguage::En => "uiLanguage_en",
            UiLanguage::Es => "uiLanguage_es",
            UiLanguage::PtBr => "uiLanguage_pt_BR",
            UiLanguage::Fr => "uiLanguage_fr",
            UiLanguage::De => "uiLanguage_de",
        }
    }
}

/// Everything the options page edits; the background cleans what it stores.
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
    /// The language of the extension's own words; hints keep the lexicon's.
    pub ui_language: UiLanguage,
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
    let origin = format!("https://{host}");
    is_site_origin(&origin).then_some(origin)
}

/// Whether `s` is an origin an added site may have: `https://`, a host of at
/// least two dot-separated labels of `[a-z0-9-]` (not starting or ending
/// with `-`), and an optional port. The content scripts are registered for
/// `{origin}/*`, so anything else would be a match pattern the browser
/// refuses or one wider than the user meant.
pub fn is_site_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else {
        return false;
    };
    let (host, port) = match rest.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let labels_ok = host.split('.').count() >= 2
        && host.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
                && b.iter()
                    .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        });
    port_ok && labels_ok
}

/// A loosely typed value as stored or handed over: JSON read back from
/// storage or a file, or the object JavaScript passes. Settings are cleaned
/// through this, so the same rules hold wherever a value comes from.
pub trait Loose: Sized {
    /// The field `name` of an object; `None` when this is not an object or
    /// the field is absent, `null` or `undefined`.
    fn field(&self, name: &str) -> Option<Self>;
    fn is_object(&self) -> bool;
    fn string(&self) -> Option<String>;
    fn boolean(&self) -> Option<bool>;
    fn number(&self) -> Option<f64>;
    /// The items of an array; `None` when this is not an array.
    fn items(&self) -> Option<Vec<Self>>;
}

impl Loose for serde_json::Value {
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| !v.is_null()).cloned()
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

/// One thing cleaning left out: the field (`history.max_posts`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub field: &'static str,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Why {
    NotAnObject,
    NotAList,
    NotAString,
    NotTrueOrFalse,
    UnknownPlatform(String),
    UnknownLanguage(String),
    OutOfBounds {
        min: u32,
        max: u32,
    },
    /// List entries that were not strings, were too long or came past the
    /// most a list keeps.
    Entries {
        left_out: usize,
        of: usize,
    },
    /// Added sites that are not `https://` origins.
    NotOrigins(usize),
}

impl std::fmt::Display for LeftOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.why)
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::NotAnObject => f.write_str("not an object"),
            Why::NotAList => f.write_str("not a list"),
            Why::NotAString => f.write_str("not a string"),
            Why::NotTrueOrFalse => f.write_str("not true or false"),
            Why::UnknownPlatform(name) => write!(f, "unknown platform \"{name}\""),
            Why::UnknownLanguage(name) => write!(f, "unknown language \"{name}\""),
            Why::OutOfBounds { min, max } => write!(f, "not a whole number from {min} to {max}"),
            Why::Entries { left_out, of } => write!(
                f,
                "{left_out} of {of} entries (a list keeps up to {LIST_MAX_ITEMS} strings of at most {LIST_ITEM_MAX_UTF16} characters)"
            ),
            Why::NotOrigins(n) => write!(f, "{n} entries that are not https origins"),
        }
    }
}

/// The valid part of a stored, imported or saved settings value: each field
/// that is missing or invalid takes its default, each list keeps its valid
/// entries (at most [`LIST_MAX_ITEMS`], each at most [`LIST_ITEM_MAX_UTF16`]
/// UTF-16 code units), and `dropped` says what was left out. Keys this
/// version does not know are left out too: they are not data a user could
/// miss, so they are not reported.
pub fn clean_settings<V: Loose>(raw: &V, dropped: &mut Vec<LeftOut>) -> Settings {
    let defaults = Settings::default();
    if !raw.is_object() {
        drop_field(dropped, "settings", Why::NotAnObject);
        return defaults;
    }
    let options = match object_field(raw, "options", "options", dropped) {
        Some(o) => clean_options(&o, dropped),
        None => defaults.options,
    };
    let history = match object_field(raw, "history", "history", dropped) {
        Some(h) => clean_history(&h, dropped),
        None => defaults.history,
    };
    let mut extra_sites = strings(raw, "extra_sites", "extra_sites", dropped);
    let listed = extra_sites.len();
    extra_sites.retain(|o| is_site_origin(o));
    if extra_sites.len() < listed {
        let n = listed - extra_sites.len();
        drop_field(dropped, "extra_sites", Why::NotOrigins(n));
    }
    Settings {
        options,
        paused_sites: strings(raw, "paused_sites", "paused_sites", dropped),
        extra_sites,
        nudge: boolean(raw, "nudge", "nudge", defaults.nudge, dropped),
        history,
        ui_language: ui_language(raw, dropped),
    }
}

/// The field `ui_language`: one of [`UiLanguage::ALL`]'s names, else the default.
fn ui_language<V: Loose>(raw: &V, dropped: &mut Vec<LeftOut>) -> UiLanguage {
    let Some(v) = raw.field("ui_language") else {
        return UiLanguage::default();
    };
    let why = match v.string() {
        Some(name) => match UiLanguage::from_name(&name) {
            Some(language) => return language,
            None => Why::UnknownLanguage(name),
        },
        None => Why::NotAString,
    };
    drop_field(dropped, "ui_language", why);
    UiLanguage::default()
}

/// The analyser's options from `raw`, cleaned as [`clean_settings`] cleans
/// `settings.options` (the fields in `dropped` start with `options.`).
pub fn clean_options<V: Loose>(raw: &V, dropped: &mut Vec<LeftOut>) -> Options {
    let platform = match raw.field("platform") {
        None => Platform::default(),
        Some(v) => match v.string() {
            Some(name) => Platform::from_name(&name).unwrap_or_else(|| {
                drop_field(dropped, "options.platform", Why::UnknownPlatform(name));
                Platform::default()
            }),
            None => {
                drop_field(dropped, "options.platform", Why::NotAString);
                Platform::default()
            }
        },
    };
    let profile = match object_field(raw, "profile", "options.profile", dropped) {
        Some(p) => BrandProfile {
            names: strings(&p, "names", "options.profile.names", dropped),
            handles: strings(&p, "handles", "options.profile.handles", dropped),
            flag_phrases: strings(&p, "flag_phrases", "options.profile.flag_phrases", dropped),
            ignore_phrases: strings(
                &p,
                "ignore_phrases",
                "options.profile.ignore_phrases",
                dropped,
            ),
        },
        None => BrandProfile::default(),
    };
    // The writer's language (a BCP 47 tag: "es-419", "pt-BR"), for drafts
    // too short to say which language they are in. Empty: none.
    let language = match raw.field("language").map(|v| v.string()) {
        None => None,
        Some(None) => {
            drop_field(dropped, "options.language", Why::NotAString);
            None
        }
        Some(Some(tag)) if tag.is_empty() => None,
        Some(Some(tag)) => {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let lang = crate::language::Lang::from_code(&primary.to_ascii_lowercase());
            if lang.is_none() {
                drop_field(dropped, "options.language", Why::UnknownLanguage(tag));
            }
            lang
        }
    };
    Options {
        platform,
        profile,
        disabled_rules: strings(raw, "disabled_rules", "options.disabled_rules", dropped),
        language,
    }
}

fn clean_history<V: Loose>(raw: &V, dropped: &mut Vec<LeftOut>) -> HistorySettings {
    let d = HistorySettings::default();
    HistorySettings {
        max_posts: bounded(
            raw,
            "max_posts",
            "history.max_posts",
            MAX_POSTS_RANGE,
            d.max_posts,
            dropped,
        ),
        max_age_days: bounded(
            raw,
            "max_age_days",
            "history.max_age_days",
            MAX_AGE_DAYS_RANGE,
            d.max_age_days,
            dropped,
        ),
        store_text: boolean(
            raw,
            "store_text",
            "history.store_text",
            d.store_text,
            dropped,
        ),
        paused: boolean(raw, "paused", "history.paused", d.paused, dropped),
        read_outcomes: boolean(
            raw,
            "read_outcomes",
            "history.read_outcomes",
            d.read_outcomes,
            dropped,
        ),
    }
}

fn drop_field(dropped: &mut Vec<LeftOut>, field: &'static str, why: Why) {
    dropped.push(LeftOut { field, why });
}

/// The field `name` when it is an object; anything else is reported.
fn object_field<V: Loose>(
    raw: &V,
    name: &str,
    field: &'static str,
    dropped: &mut Vec<LeftOut>,
) -> Option<V> {
    let v = raw.field(name)?;
    if v.is_object() {
        Some(v)
    } else {
        drop_field(dropped, field, Why::NotAnObject);
        None
    }
}

fn boolean<V: Loose>(
    raw: &V,
    name: &str,
    field: &'static str,
    default: bool,
    dropped: &mut Vec<LeftOut>,
) -> bool {
    scalar(raw, name, default, Loose::boolean).unwrap_or_else(|| {
        drop_field(dropped, field, Why::NotTrueOrFalse);
        default
    })
}

/// An integer in `range`, else `default`.
fn bounded<V: Loose>(
    raw: &V,
    name: &str,
    field: &'static str,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
    dropped: &mut Vec<LeftOut>,
) -> u32 {
    let (min, max) = (*range.start(), *range.end());
    let whole_in_range = |v: &V| {
        v.number()
            .filter(|n| n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max))
            .map(|n| n as u32)
    };
    scalar(raw, name, default, whole_in_range).unwrap_or_else(|| {
        drop_field(dropped, field, Why::OutOfBounds { min, max });
        default
    })
}

/// The field `name` read by `read`: `Some(default)` when it is absent,
/// `None` when it is there but `read` refuses it (the caller reports why).
fn scalar<V: Loose, T>(
    raw: &V,
    name: &str,
    default: T,
    read: impl Fn(&V) -> Option<T>,
) -> Option<T> {
    match raw.field(name) {
        None => Some(default),
        Some(v) => read(&v),
    }
}

/// The strings of the list `name`: entries that are not strings or are too
/// long are left out, and so is everything past the first [`LIST_MAX_ITEMS`].
fn strings<V: Loose>(
    raw: &V,
    name: &str,
    field: &'static str,
    dropped: &mut Vec<LeftOut>,
) -> Vec<String> {
    let Some(v) = raw.field(name) else {
        return Vec::new();
    };
    let Some(items) = v.items() else {
        drop_field(dropped, field, Why::NotAList);
        return Vec::new();
    };
    let of = items.len();
    let kept: Vec<String> = items
        .iter()
        .filter_map(Loose::string)
        .filter(|s| s.encode_utf16().count() <= LIST_ITEM_MAX_UTF16)
        .take(LIST_MAX_ITEMS)
        .collect();
    if kept.len() < of {
        let left_out = of - kept.len();
        drop_field(dropped, field, Why::Entries { left_out, of });
    }
    kept
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

    use serde_json::json;

    fn clean(raw: serde_json::Value) -> (Settings, Vec<LeftOut>) {
        let mut dropped = Vec::new();
        let s = clean_settings(&raw, &mut dropped);
        (s, dropped)
    }

    #[test]
    fn site_origins() {
        for (origin, ok) in [
            ("https://mastodon.social", true),
            ("https://a-b.example.org:8443", true),
            ("https://xn--bcher-kva.example", true),
            ("http://mastodon.social", false),
            ("https://localhost", false),
            ("https://Mastodon.social", false),
            ("https://-a.example", false),
            ("https://a..example", false),
            ("https://a.example:", false),
            ("https://a.example:123456", false),
            ("https://a.example/path", false),
            ("https://*.example", false),
            ("", false),
        ] {
            assert_eq!(is_site_origin(origin), ok, "{origin}");
        }
    }

    #[test]
    fn clean_settings_are_kept_whole() {
        let mut s = Settings::default();
        s.options.platform = Platform::Linkedin;
        s.options.profile.names = vec!["Acme".into(), "Acme Coffee ☕".into()];
        s.options.disabled_rules = vec!["follow-ask".into()];
        s.paused_sites = vec!["x.com".into()];
        s.extra_sites = vec!["https://fosstodon.org".into()];
        s.nudge = true;
        s.history = HistorySettings {
            max_posts: 10,
            max_age_days: 0,
            store_text: true,
            paused: true,
            read_outcomes: false,
        };
        s.ui_language = UiLanguage::PtBr;
        let (back, dropped) = clean(serde_json::to_value(&s).unwrap());
        assert_eq!(back, s);
        assert!(dropped.is_empty(), "{dropped:?}");
        let (back, dropped) = clean(serde_json::to_value(Settings::default()).unwrap());
        assert_eq!(back, Settings::default());
        assert!(dropped.is_empty());
    }

    #[test]
    fn corrupted_values_fall_back_to_the_defaults() {
        for raw in [json!(null), json!("settings"), json!(42), json!([1, 2])] {
            let (s, dropped) = clean(raw.clone());
            assert_eq!(s, Settings::default(), "{raw}");
            assert_eq!(dropped.len(), 1, "{raw}");
            assert_eq!(dropped[0].to_string(), "settings: not an object");
        }
    }

    #[test]
    fn one_bad_field_costs_only_itself() {
        let (s, dropped) = clean(json!({
            "options": {
                "platform": "myspace",
                "profile": { "names": ["Acme", 7, null, "x".repeat(201)], "handles": "@acme" },
                "disabled_rules": ["follow-ask"],
            },
            "paused_sites": ["x.com"],
            "extra_sites": ["https://fosstodon.org", "javascript:alert(1)", "https://*/*"],
            "nudge": "yes",
            "history": { "max_posts": 100.0, "max_age_days": 3651, "store_text": true, "paused": 1, "read_outcomes": "no" },
            "ui_language": "tlh",
            "unknown_key": { "kept": false },
        }));
        assert_eq!(s.options.platform, Platform::Generic);
        assert_eq!(s.options.profile.names, ["Acme"]);
        assert!(s.options.profile.handles.is_empty());
        assert_eq!(s.options.disabled_rules, ["follow-ask"]);
        assert_eq!(s.paused_sites, ["x.com"]);
        assert_eq!(s.extra_sites, ["https://fosstodon.org"]);
        assert!(!s.nudge);
        assert_eq!(s.history.max_posts, 100);
        assert_eq!(s.history.max_age_days, 365);
        assert!(s.history.store_text && !s.history.paused);
        let fields: Vec<&str> = dropped.iter().map(|d| d.field).collect();
        assert_eq!(
            fields,
            [
                "options.platform",
                "options.profile.names",
                "options.profile.handles",
                "history.max_age_days",
                "history.paused",
                "history.read_outcomes",
                "extra_sites",
                "nudge",
                "ui_language",
            ]
        );
        assert_eq!(s.ui_language, UiLanguage::Auto);
    }

    #[test]
    fn ui_languages_are_stored_by_their_locale_names() {
        for language in UiLanguage::ALL {
            // serde's name (what the background stores) is name(), and cleaning keeps it.
            assert_eq!(
                serde_json::to_value(language).unwrap(),
                json!(language.name())
            );
            assert_eq!(UiLanguage::from_name(language.name()), Some(language));
            let (s, dropped) = clean(json!({ "ui_language": language.name() }));
            assert_eq!(s.ui_language, language);
            assert!(dropped.is_empty(), "{dropped:?}");
        }
        assert_eq!(Settings::default().ui_language, UiLanguage::Auto);
        let (s, dropped) = clean(json!({ "nudge": true }));
        assert_eq!(s.ui_language, UiLanguage::Auto);
        assert!(dropped.is_empty(), "absent is not bad data: {dropped:?}");
        let (s, dropped) = clean(json!({ "ui_language": null }));
        assert_eq!(s.ui_language, UiLanguage::Auto);
        assert!(dropped.is_empty(), "null is absent: {dropped:?}");
    }

    #[test]
    fn unknown_ui_languages_take_the_browsers_and_are_reported() {
        for (value, why) in [
            (json!("pt-BR"), "unknown language \"pt-BR\""),
            (json!("PT_BR"), "unknown language \"PT_BR\""),
            (json!("pt"), "unknown language \"pt\""),
            (json!("ja"), "unknown language \"ja\""),
            (json!(""), "unknown language \"\""),
            (json!("../en"), "unknown language \"../en\""),
            (json!(true), "not a string"),
            (json!(["es"]), "not a string"),
            (json!({ "lang": "es" }), "not a string"),
        ] {
            let (s, dropped) = clean(json!({ "ui_language": value, "nudge": true }));
            assert_eq!(s.ui_language, UiLanguage::Auto, "{value}");
            assert!(s.nudge, "{value}: the rest is kept");
            assert_eq!(dropped.len(), 1, "{value}");
            assert_eq!(dropped[0].to_string(), format!("ui_language: {why}"));
        }
    }

    #[test]
    fn numbers_must_be_whole_and_in_bounds() {
        for (value, kept) in [
            (json!(10), Some(10)),
            (json!(5000), Some(5000)),
            (json!(9), None),
            (json!(5001), None),
            (json!(100.5), None),
            (json!("100"), None),
            (json!(-100), None),
            (json!(true), None),
        ] {
            let (s, dropped) = clean(json!({ "history": { "max_posts": value } }));
            assert_eq!(s.history.max_posts, kept.unwrap_or(1000), "{value}");
            assert_eq!(dropped.is_empty(), kept.is_some(), "{value}");
        }
    }

    #[test]
    fn lists_keep_their_first_valid_entries_measured_in_utf16() {
        let many: Vec<String> = (0..LIST_MAX_ITEMS + 20).map(|i| format!("n{i}")).collect();
        let (s, dropped) = clean(json!({ "paused_sites": many }));
        assert_eq!(s.paused_sites.len(), LIST_MAX_ITEMS);
        assert_eq!(
            s.paused_sites.last().unwrap(),
            &format!("n{}", LIST_MAX_ITEMS - 1)
        );
        assert_eq!(dropped.len(), 1);
        // An emoji outside the BMP is two UTF-16 units, as the page measured it.
        let at_limit = "😀".repeat(LIST_ITEM_MAX_UTF16 / 2);
        let over = format!("{at_limit}a");
        let (s, _) =
            clean(json!({ "options": { "profile": { "flag_phrases": [at_limit, over] } } }));
        assert_eq!(s.options.profile.flag_phrases.len(), 1);
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
        assert_eq!(
            paused,
            ["blog.example", "x.com", "twitter.com", "mobile.x.com"]
        );
        assert!(!site_enabled(Platform::X, &paused) && site_enabled(Platform::Reddit, &paused));
        set_site_enabled(Platform::X, &mut paused, true);
        assert_eq!(paused, ["blog.example"]);
    }
}
