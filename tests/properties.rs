//! Properties that must hold for any text a user can paste: no panic, spans
//! inside the text on char boundaries, hints sorted and never two of one cue
//! overlapping, deterministic output, and time that grows linearly.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use rapport::{analyze, Analysis, Analyzer, Options};
use unicode_segmentation::UnicodeSegmentation;

fn check_invariants(text: &str, a: &Analysis) {
    for h in &a.hints {
        let (s, e) = (h.span.start(), h.span.end());
        assert!(
            s <= e && e <= text.len(),
            "span {s}..{e} outside text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} splits a char"
        );
        assert!(!h.message.is_empty() && !h.note.is_empty());
    }
    for w in a.hints.windows(2) {
        assert!(
            w[0].span.start() <= w[1].span.start(),
            "hints not sorted by start"
        );
    }
    let mut by_cue: Vec<_> = a.hints.iter().map(|h| (h.cue, h.span)).collect();
    by_cue.sort();
    for w in by_cue.windows(2) {
        assert!(
            !(w[0].0 == w[1].0 && w[0].1.overlaps(&w[1].1)),
            "two {} hints overlap",
            w[0].0.name()
        );
    }
    assert!(a.fame <= 100 && a.connection <= 100);
}

/// Text built from pieces that exercise every tokenizer path.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,10}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("!!!".to_string()),
        Just("?".to_string()),
        Just("\u{FFFD}".to_string()),
        Just("👍🏽".to_string()),
        Just("❤️".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("#tag".to_string()),
        Just("@ana".to_string()),
        Just("https://x.example/a?b=c".to_string()),
        Just("’".to_string()),
        Just("follow us".to_string()),
        Just("Tag 3 friends".to_string()),
        Just("comment 'YES'".to_string()),
        Just("RT @x".to_string()),
        Just("U.S.".to_string()),
        Just("10,000".to_string()),
        Just("é".to_string()),
        Just("中文".to_string()),
        Just("\r\n".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1F1EB}\u{1F1F7}".to_string()),
        Just("Привет".to_string()),
        Just("€ ™ …".to_string()),
        "\\PC{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_breaks_the_invariants(text in "\\PC{0,200}") {
        let a = analyze(&text, &Options::default());
        check_invariants(&text, &a);
        prop_assert_eq!(a.stats.chars as usize, text.graphemes(true).count());
    }

    #[test]
    fn composed_text_never_breaks_the_invariants(pieces in proptest::collection::vec(piece(), 0..60)) {
        let text = pieces.concat();
        let a = analyze(&text, &Options::default());
        check_invariants(&text, &a);
        // The character count's fast paths agree with full grapheme segmentation.
        prop_assert_eq!(a.stats.chars as usize, text.graphemes(true).count());
        prop_assert_eq!(a, analyze(&text, &Options::default()));
    }
}

fn time(analyzer: &Analyzer, text: &str) -> Duration {
    // Best of five, so a scheduler hiccup does not decide the ratio.
    (0..5)
        .map(|_| {
            let t = Instant::now();
            let a = analyzer.analyze(text);
            let d = t.elapsed();
            check_invariants(text, &a);
            d
        })
        .min()
        .unwrap()
}

/// Compares a text with one 16 times longer: linear work takes about 16x the
/// time, quadratic work 256x. The threshold sits far from both so a loaded
/// machine (CI shares two cores) cannot turn scheduling noise into a failure.
#[track_caller]
fn assert_linear(unit: &str, n: usize) {
    let analyzer = Analyzer::new(&Options::default());
    let small = unit.repeat(n / 4);
    let large = unit.repeat(4 * n);
    let (t1, t16) = (time(&analyzer, &small), time(&analyzer, &large));
    let ratio = t16.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    assert!(
        ratio < 64.0,
        "{unit:?}: 16x the text took {ratio:.1}x the time ({t1:?} vs {t16:?})"
    );
}

#[test]
fn time_grows_linearly_on_hostile_pastes() {
    // 100k emoji, 100k "!", 10k hashtags at the large end.
    assert_linear("😀", 25_000);
    assert_linear("!", 25_000);
    assert_linear("#tag ", 2_500);
    assert_linear("Follow us for more! We are the best. ", 2_000);
    assert_linear("\u{FFFD}", 25_000);
    assert_linear("word ", 10_000);
    assert_linear("BIG ", 10_000);
    assert_linear("tag a ", 10_000);
}

#[test]
fn a_megabyte_paste_is_analysed_without_panicking() {
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str("Thanks @ana! Tag 3 friends 🔥🔥 #sale https://x.example BUY NOW!!! ");
    }
    let a = analyze(&text, &Options::default());
    check_invariants(&text, &a);
}

/// Any JSON at all, biased towards the settings' own keys so that cleaning
/// meets both well-formed and damaged fields.
fn loose_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    const KEYS: [&str; 13] = [
        "options",
        "platform",
        "profile",
        "names",
        "disabled_rules",
        "paused_sites",
        "extra_sites",
        "nudge",
        "history",
        "max_posts",
        "max_age_days",
        "paused",
        "ui_language",
    ];
    let key = prop_oneof![
        prop::sample::select(&KEYS[..]).prop_map(String::from),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|n| json!(n)),
        prop_oneof![
            Just("x".to_string()),
            Just("https://a.example".to_string()),
            Just("pt_BR".to_string()),
            "\\PC{0,12}"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Cleaning never fails, and what it returns is clean: cleaned again it
    /// comes back the same with nothing left out.
    #[test]
    fn cleaned_settings_are_a_fixed_point(raw in loose_json()) {
        use rapport::settings::clean_settings;
        let mut left_out = Vec::new();
        let once = clean_settings(&raw, &mut left_out);
        let mut again_left_out = Vec::new();
        let twice = clean_settings(&serde_json::to_value(&once).unwrap(), &mut again_left_out);
        prop_assert_eq!(&once, &twice);
        prop_assert!(again_left_out.is_empty(), "{:?}", again_left_out);
    }
}
