//! Validates every lexicon entry: ids unique, fields filled, every example
//! fires its own rule and every allow stays quiet for that rule.

use std::collections::BTreeSet;

use rapport::{analyze, lexicon, Cue, Options};

#[test]
fn ids_are_unique_and_fields_are_filled() {
    let mut ids = BTreeSet::new();
    assert_eq!(lexicon::rules().len(), lexicon::docs().len());
    for (r, d) in lexicon::rules().iter().zip(lexicon::docs()) {
        assert_eq!(r.id, d.id, "docs in the order of the rules");
        assert!(ids.insert(r.id), "duplicate id {}", r.id);
        assert!(
            r.id.starts_with(r.cue.name()),
            "{} does not start with its cue",
            r.id
        );
        for (field, value) in [
            ("message", r.message),
            ("note", r.note),
            ("suggestion", r.suggestion),
            ("theme", d.theme),
        ] {
            assert!(!value.trim().is_empty(), "{}: empty {field}", r.id);
        }
        assert!(!d.examples.is_empty(), "{}: no examples", r.id);
        assert!(
            d.phrases.is_empty() != d.code.is_none(),
            "{}: phrases or code",
            r.id
        );
        for phrase in d.phrases {
            assert_eq!(
                phrase.trim(),
                *phrase,
                "{}: stray whitespace in {phrase:?}",
                r.id
            );
        }
    }
    for e in lexicon::exemptions() {
        assert!(ids.insert(e.id), "duplicate id {}", e.id);
    }
}

#[test]
fn messages_are_hedged_for_fame_cues() {
    for r in lexicon::rules()
        .iter()
        .filter(|r| r.cue.polarity() == rapport::Polarity::Fame)
    {
        assert!(
            r.message.contains("may"),
            "{}: fame messages hedge (\"may read as\")",
            r.id
        );
    }
}

#[test]
fn every_example_fires_its_own_rule() {
    let mut failures = Vec::new();
    for r in lexicon::docs() {
        for example in r.examples {
            let a = analyze(example, &Options::default());
            if !a.hints.iter().any(|h| h.rule_id == r.id) {
                let got: Vec<_> = a.hints.iter().map(|h| h.rule_id.as_ref()).collect();
                failures.push(format!("{}: {example:?} fired {got:?}", r.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "examples that do not fire:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_allow_stays_quiet() {
    let mut failures = Vec::new();
    for r in lexicon::docs() {
        for allow in r.allows {
            let a = analyze(allow, &Options::default());
            if a.hints.iter().any(|h| h.rule_id == r.id) {
                failures.push(format!("{}: {allow:?}", r.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "allows that fire:\n{}",
        failures.join("\n")
    );
}

#[test]
fn exemption_examples_fire_no_bait() {
    for e in lexicon::exemptions() {
        for example in e.examples {
            let a = analyze(example, &Options::default());
            assert!(
                a.hints
                    .iter()
                    .all(|h| !h.cue.is_bait() || h.cue == Cue::LikeForGood),
                "{}: {example:?} fired {:?}",
                e.id,
                a.hints.iter().map(|h| &h.rule_id).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn every_cue_has_at_least_one_rule() {
    for cue in Cue::ALL {
        assert!(
            lexicon::rules().iter().any(|r| r.cue == cue),
            "no rule for {}",
            cue.name()
        );
    }
}

#[test]
fn register_examples_mark_the_formal_register_and_give_no_hint_of_their_own() {
    let formal = rapport::verdict::feature_names()
        .iter()
        .position(|n| *n == "formal-register")
        .expect("the verdict reads the formal register");
    let analyzer = rapport::Analyzer::new(&Options::default());
    assert!(!lexicon::registers().is_empty());
    for r in lexicon::registers() {
        assert!(!r.note.trim().is_empty(), "{}: empty note", r.id);
        for example in r.examples {
            let (_, x) = analyzer.analyze_with_evidence(example);
            assert!(x[formal] > 0.0, "{}: {example:?} is not marked", r.id);
        }
    }
    let (a, x) = analyzer.analyze_with_evidence("Recall: please note the closing date");
    assert!(x[formal] > 0.0 && a.hints.is_empty(), "{:?}", a.hints);
}
