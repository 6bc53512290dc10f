//! Table-driven span checks: each row is (text, rule id, start, end) in bytes,
//! plus regression tests named after the bug they fix.

use rapport::{analyze, BrandProfile, Options};

fn has_span(text: &str, options: &Options, rule: &str, start: usize, end: usize) -> bool {
    analyze(text, options)
        .hints
        .iter()
        .any(|h| h.rule_id == rule && h.span.start() == start && h.span.end() == end)
}

#[test]
fn spans_are_exact_byte_ranges() {
    let table: &[(&str, &str, usize, usize)] = &[
        ("Follow us for more tips!", "follow-ask.follow-us", 0, 18),
        (
            "Great coffee. Follow us for more",
            "follow-ask.follow-us",
            14,
            32,
        ),
        ("Tag 3 friends to enter", "tag-bait.tag-friends", 0, 13),
        (
            "Comment YES if you agree",
            "comment-bait.comment-word",
            0,
            14,
        ),
        ("Drop a 🔥 below", "comment-bait.comment-word", 0, 11),
        ("Buy now and save!", "hard-sell.buy-now", 0, 7),
        ("Thank you, Ana!", "gratitude.thanks", 0, 9),
        ("Café news: buy now", "hard-sell.buy-now", 12, 19),
        (
            "We\u{2019}re the best bakery",
            "self-praise.superlative-about-us",
            8,
            16,
        ),
        ("BIGGEST SALE EVER!!!", "shouting.caps-run", 0, 17),
        ("BIGGEST SALE EVER!!!", "shouting.exclamation-run", 17, 20),
        ("❤️ for cats, 😂 for dogs", "vote-bait.reaction-poll", 0, 30),
        (
            "New blog post: https://acme.example/b",
            "link-only.bare-link",
            15,
            37,
        ),
        (
            "We just hit 1 million followers!",
            "fame-metrics.our-numbers",
            12,
            31,
        ),
    ];
    for &(text, rule, start, end) in table {
        assert!(
            has_span(text, &Options::default(), rule, start, end),
            "{rule} {start}..{end} in {text:?}: got {:?}",
            analyze(text, &Options::default())
                .hints
                .iter()
                .map(|h| (h.rule_id.clone(), h.span.start(), h.span.end()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn brand_profile_spans() {
    let options = Options {
        profile: BrandProfile {
            names: vec!["Acme".into()],
            flag_phrases: vec!["synergy".into()],
            ..BrandProfile::default()
        },
        ..Options::default()
    };
    assert!(has_span(
        "Acme is the best",
        &options,
        "self-praise.superlative-about-us",
        8,
        16
    ));
    assert!(has_span(
        "Real synergy here",
        &options,
        "user.flag.0",
        5,
        12
    ));
}

#[test]
fn regression_us_initials_are_not_the_pronoun_you() {
    let a = analyze(
        "3 U.S. Soldiers Die in Attack at a Base",
        &Options::default(),
    );
    assert_eq!(a.stats.you_words, 0);
    assert!(
        a.hints.iter().all(|h| h.cue.name() != "curiosity-bait"),
        "{:?}",
        a.hints
    );
}

#[test]
fn regression_follow_us_to_get_a_dm_in_support_replies_is_not_a_follow_ask() {
    let a = analyze(
        "@sam Please follow us so we can send you a DM.",
        &Options::default(),
    );
    assert!(a.hints.iter().all(|h| h.cue.name() != "follow-ask"));
}

#[test]
fn regression_we_d_like_to_is_not_reaction_bait() {
    let a = analyze(
        "We'd like to thank everyone who came. We like if you bring a friend.",
        &Options::default(),
    );
    assert!(a.hints.iter().all(|h| h.cue.name() != "reaction-bait"));
}

#[test]
fn regression_people_shouting_in_their_own_voice_is_not_hype() {
    let a = analyze(
        "UGH. I HATE HATE HATE getting blood drawn!!!",
        &Options::default(),
    );
    assert!(a.hints.iter().all(|h| h.cue.name() != "shouting"));
}

#[test]
fn regression_quoted_retweet_asks_belong_to_the_quoted_author() {
    let a = analyze(
        "Nice! RT @ana Sign up for her newsletter https://a.example",
        &Options::default(),
    );
    assert!(a.hints.iter().all(|h| h.cue.name() != "call-to-action"));
}

/// Found by `make fuzz` (analyze): disabled user flags were looked up by
/// their position among the non-empty phrases, not by their id's number, so
/// an empty phrase in the list switched off the wrong flag.
#[test]
fn regression_an_empty_flag_phrase_shifts_which_user_flag_is_disabled() {
    let fired = |phrases: &[&str], disabled: &str, text: &str| -> Vec<String> {
        let options = Options {
            profile: BrandProfile {
                flag_phrases: phrases.iter().map(|p| p.to_string()).collect(),
                ..BrandProfile::default()
            },
            disabled_rules: vec![disabled.to_string()],
            ..Options::default()
        };
        let a = analyze(text, &options);
        let ids = a.hints.iter().map(|h| h.rule_id.to_string());
        ids.filter(|id| id.starts_with("user.flag.")).collect()
    };
    assert_eq!(
        fired(&["", "wn"], "user.flag.1", "WN"),
        Vec::<String>::new()
    );
    assert_eq!(
        fired(
            &["", "alpha", "beta", "gamma"],
            "user.flag.3",
            "alpha beta gamma"
        ),
        ["user.flag.1", "user.flag.2"]
    );
}

/// Found by `make fuzz` (analyze): a NUL in a brand-profile phrase made
/// every byte that no phrase holds step through the automaton as a NUL, so
/// the phrase matched text it is not in.
#[test]
fn regression_a_nul_in_a_profile_phrase_matched_bytes_no_phrase_holds() {
    let options = Options {
        profile: BrandProfile {
            flag_phrases: vec!["\0".into(), "\0\0".into()],
            ..BrandProfile::default()
        },
        ..Options::default()
    };
    let flagged = |text: &str| {
        analyze(text, &options)
            .hints
            .iter()
            .filter(|h| h.rule_id.starts_with("user.flag."))
            .map(|h| (h.span.start(), h.span.end()))
            .collect::<Vec<_>>()
    };
    assert_eq!(flagged("t"), []);
    assert_eq!(flagged("ok, tea"), []);
    assert_eq!(flagged("tea \0\0 time"), [(4, 6)]);
}
