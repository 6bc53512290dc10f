//! The whole-post balance on today's drafts: `tests/data/balance-drafts.toml`
//! holds realistic 2025-26 brand drafts of every kind issue 11 names (LinkedIn
//! hooks, polite reach asks, giveaways, hiring, apologies, sales, customer
//! quotes, result numbers, polls, casual emoji voice, replies to complaints
//! and praise, awards, tips, spotlights, plain information, launches), written
//! for this project by a writer who never saw the analyser or the annotated
//! corpora and labelled by `../shared/docs/balance-guidelines.md`.
//!
//! The weights were never fitted on them, so they stand in for the held-out
//! drafts: each kind must mostly agree with its writer, and no draft may be
//! read as the opposite side (a fame post as connection or the reverse)
//! beyond one per kind. Thresholds sit one draft below what the analyser
//! reached when they were set (polite reach asks, the weakest kind, at what
//! it reached: 4 of 8), so that a change that loses ground fails here.

use std::collections::BTreeMap;

use rapport::verdict::Class;
use rapport::{analyze, Cue, Options, Platform};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    draft: Vec<Draft>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Draft {
    kind: String,
    platform: String,
    expect: String,
    cues: Vec<String>,
    why: String,
    text: String,
}

fn drafts() -> Vec<Draft> {
    let src = include_str!("data/balance-drafts.toml");
    toml::from_str::<File>(src)
        .expect("balance-drafts.toml parses")
        .draft
}

struct Outcome<'d> {
    draft: &'d Draft,
    expected: Class,
    got: Class,
    cues: Vec<Cue>,
}

fn judge(d: &Draft) -> Outcome<'_> {
    let options = Options {
        platform: Platform::from_name(&d.platform).expect("known platform"),
        ..Options::default()
    };
    let a = analyze(&d.text, &options);
    Outcome {
        draft: d,
        expected: Class::from_name(&d.expect).expect("known label"),
        got: Class::of_balance(a.balance),
        cues: a.cues(),
    }
}

fn opposite(a: Class, b: Class) -> bool {
    matches!(
        (a, b),
        (Class::Fame, Class::Connection) | (Class::Connection, Class::Fame)
    )
}

/// At least `agree` of the kind's drafts get their writer's label, and at
/// most one is read as the opposite side.
#[track_caller]
fn kind(name: &str, agree: usize) {
    let all = drafts();
    let outcomes: Vec<Outcome> = all.iter().filter(|d| d.kind == name).map(judge).collect();
    assert!(
        outcomes.len() >= 6,
        "{name}: only {} drafts",
        outcomes.len()
    );
    let wrong: Vec<String> = outcomes
        .iter()
        .filter(|o| o.got != o.expected)
        .map(|o| {
            format!(
                "  expected {}, got {} ({}): {:?}",
                o.expected.name(),
                o.got.name(),
                o.draft.why,
                o.draft.text.chars().take(120).collect::<String>()
            )
        })
        .collect();
    let agreed = outcomes.len() - wrong.len();
    let flipped = outcomes
        .iter()
        .filter(|o| opposite(o.expected, o.got))
        .count();
    assert!(
        agreed >= agree && flipped <= 1,
        "{name}: {agreed} of {} agree (at least {agree}), {flipped} read as the opposite side (at most 1)\n{}",
        outcomes.len(),
        wrong.join("\n")
    );
}

#[test]
fn linkedin_hook_posts() {
    kind("linkedin-hook", 5);
}

#[test]
fn polite_reach_asks() {
    kind("polite-reach-ask", 4);
}

#[test]
fn giveaways() {
    kind("giveaway", 7);
}

#[test]
fn hiring_posts() {
    kind("hiring", 5);
}

#[test]
fn apologies_including_those_that_turn_into_self_praise() {
    kind("apology", 5);
}

#[test]
fn sales_hard_and_honest() {
    kind("sale", 5);
}

#[test]
fn customer_quotes_and_reposts() {
    kind("customer-quote", 5);
}

#[test]
fn numbers_that_are_results_not_fame() {
    kind("results-numbers", 6);
}

#[test]
fn polls() {
    kind("poll", 6);
}

#[test]
fn casual_emoji_voice() {
    kind("casual-emoji", 7);
}

#[test]
fn replies_to_complaints() {
    kind("reply-complaint", 6);
}

#[test]
fn replies_to_praise() {
    kind("reply-praise", 5);
}

#[test]
fn awards() {
    kind("award", 6);
}

#[test]
fn tips_and_safety_advice() {
    kind("tips", 5);
}

#[test]
fn spotlights_on_other_people() {
    kind("spotlight", 6);
}

#[test]
fn plain_information() {
    kind("plain-info", 6);
}

#[test]
fn launches() {
    kind("launch", 6);
}

#[test]
fn every_kind_has_a_test() {
    let tested = [
        "linkedin-hook",
        "polite-reach-ask",
        "giveaway",
        "hiring",
        "apology",
        "sale",
        "customer-quote",
        "results-numbers",
        "poll",
        "casual-emoji",
        "reply-complaint",
        "reply-praise",
        "award",
        "tips",
        "spotlight",
        "plain-info",
        "launch",
    ];
    for d in drafts() {
        assert!(
            tested.contains(&d.kind.as_str()),
            "untested kind {}",
            d.kind
        );
    }
}

/// The held-out drafts are scored the same way: aim for three in four or
/// better over the whole set.
#[test]
fn the_whole_set_agrees_with_its_writer() {
    let all = drafts();
    let agreed = all
        .iter()
        .map(judge)
        .filter(|o| o.got == o.expected)
        .count();
    let share = agreed as f64 / all.len() as f64;
    assert!(
        share >= 0.8,
        "{agreed} of {} drafts agree ({share:.3}), below 0.8",
        all.len()
    );
}

/// Every cue the writer saw in a draft is found in at least half of the
/// drafts that carry it (the held-out drafts are scored on this too).
#[test]
fn each_cue_is_found_in_at_least_half_of_its_drafts() {
    let all = drafts();
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for o in all.iter().map(judge) {
        for c in &o.draft.cues {
            let cue = Cue::from_name(c).unwrap_or_else(|| panic!("unknown cue {c}"));
            let e = seen.entry(c.clone()).or_default();
            e.0 += 1;
            e.1 += o.cues.contains(&cue) as usize;
        }
    }
    let short: Vec<String> = seen
        .iter()
        .filter(|(_, (n, found))| *n >= 3 && found * 2 < *n)
        .map(|(c, (n, found))| format!("{c}: {found} of {n}"))
        .collect();
    assert!(
        short.is_empty(),
        "cues found in fewer than half of their drafts: {}",
        short.join(", ")
    );
}
