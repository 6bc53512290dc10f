//! Analyses an arbitrary draft under arbitrary options and checks what the
//! overlay, the wasm binding and the history rely on: spans that slice the
//! text in UTF-8 and in UTF-16, hints in their documented order, scores and
//! probabilities in range, and the same answer every time.
//!
//! Input: `[options 0xFF] text`. Without a 0xFF byte the whole input is the
//! text under default options, so any plain draft is a seed. The options part
//! is lines of one tag byte and a value:
//!   p platform name (an unknown name picks a platform by its bytes)
//!   n brand name    h handle    f flag phrase    i ignore phrase
//!   d a disabled rule, verbatim
//!   r / c / u  the disabled lexicon rule / cue / user flag with that number,
//!              because arbitrary bytes almost never spell a real id
//!   x  repeat the text that many times (long drafts without long inputs)
//! The text is decoded lossily, as the extension never sees invalid UTF-8.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::analyzer::{user_rule_id, MAX_BYTES};
use rapport::cli::BatchRecord;
use rapport::history::record::{parse_record, Record, SCHEMA_VERSION};
use rapport::{
    lexicon, verdict, Analysis, Analyzer, Balance, Cue, NoticeKind, Options, Platform, Polarity,
};

// The wasm binding's byte-to-UTF-16 conversion is pure; fuzz the very code
// the extension runs against the standard library's encoder.
use rapport_web::utf16;

/// Longest draft built by repetition: long enough for the length-dependent
/// paths, short enough to keep the fuzzer fast. (A draft past
/// `MAX_BYTES` took seconds per run, so the cut is not fuzzed.)
const LONG: usize = 1 << 12;

/// A draft with many tokens, sentences and hints, analysed in between to
/// leave the reused buffers full.
const OTHER: &str = "Follow us for more!!! Tag 3 friends 👇 #ad #win @acme https://x.example \
    We're the BEST bakery in town. Thank you, Ana! What do you think? Buy now.";

fn number(value: &[u8]) -> usize {
    match std::str::from_utf8(value).ok().map(str::trim) {
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().unwrap_or(usize::MAX)
        }
        _ => value.iter().map(|&b| b as usize).sum(),
    }
}

fn decode(data: &[u8]) -> (Options, String) {
    let mut options = Options::default();
    let Some(split) = data.iter().position(|&b| b == 0xFF) else {
        return (options, String::from_utf8_lossy(data).into_owned());
    };
    let mut text = String::from_utf8_lossy(&data[split + 1..]).into_owned();
    let mut repeat = 1;
    for field in data[..split].split(|&b| b == b'\n') {
        let Some((&tag, value)) = field.split_first() else {
            continue;
        };
        let s = || String::from_utf8_lossy(value).into_owned();
        let p = &mut options.profile;
        match tag {
            b'p' => {
                options.platform = Platform::from_name(&s())
                    .unwrap_or(Platform::ALL[number(value) % Platform::ALL.len()])
            }
            b'n' => p.names.push(s()),
            b'h' => p.handles.push(s()),
            b'f' => p.flag_phrases.push(s()),
            b'i' => p.ignore_phrases.push(s()),
            b'd' => options.disabled_rules.push(s()),
            b'r' => {
                let rules = lexicon::rules();
                let id = rules[number(value) % rules.len()].id;
                options.disabled_rules.push(id.to_string());
            }
            b'c' => {
                let cue = Cue::ALL[number(value) % Cue::ALL.len()];
                options.disabled_rules.push(cue.name().to_string());
            }
            b'u' => options
                .disabled_rules
                .push(user_rule_id(number(value) % 16)),
            b'x' => repeat = number(value).max(1),
            _ => {}
        }
    }
    if repeat > 1 && !text.is_empty() {
        text = text.repeat(repeat.min(LONG / text.len()).max(1));
    }
    (options, text)
}

/// The analyser's sort key: start, end, then the rule id, with every user
/// flag under one name.
fn sort_key(h: &rapport::Hint) -> (usize, usize, &str) {
    let id = match h.lexicon_entry {
        Some(_) => &h.rule_id,
        None => "user.flag",
    };
    (h.span.start(), h.span.end(), id)
}

fn check(text: &str, options: &Options, a: &Analysis, x: &verdict::Features) {
    // Drafts here stay far below the cut, so the whole text is analysed.
    assert!(text.len() < MAX_BYTES);
    assert!(a.notices.iter().all(|n| n.kind != NoticeKind::Truncated));
    let analysed = text;

    // Spans: in range, on char boundaries, never two of one cue overlapping.
    for h in &a.hints {
        let (s, e) = (h.span.start(), h.span.end());
        assert!(
            s <= e && e <= analysed.len(),
            "{s}..{e} of {}",
            analysed.len()
        );
        assert!(analysed.is_char_boundary(s) && analysed.is_char_boundary(e));
        assert!(!h.message.is_empty() && !h.note.is_empty(), "{}", h.rule_id);
        assert_eq!(h.polarity, h.cue.polarity());
    }
    let mut by_cue: Vec<_> = a.hints.iter().map(|h| (h.cue, h.span)).collect();
    by_cue.sort();
    // In start order, a span overlaps an earlier one of its cue only if it
    // overlaps the one that reaches furthest.
    let mut furthest: Option<(Cue, rapport::Span)> = None;
    for (cue, span) in by_cue {
        if let Some((c, f)) = furthest.filter(|(c, _)| *c == cue) {
            assert!(!f.overlaps(&span), "two {} hints overlap", c.name());
            if span.end() <= f.end() {
                continue;
            }
        }
        furthest = Some((cue, span));
    }
    // Order: by start, then end, then rule id (the analyser's sort key).
    for w in a.hints.windows(2) {
        let (a, b) = (sort_key(&w[0]), sort_key(&w[1]));
        assert!(a <= b, "{a:?} before {b:?}");
    }

    // Each hint is what its id says, and nothing switched off fires.
    let off = |id: &str| options.disabled_rules.iter().any(|d| d.trim() == id);
    for h in &a.hints {
        assert!(!off(h.cue.name()), "disabled cue {} fired", h.cue.name());
        match h.lexicon_entry {
            Some(i) => {
                let rule = &lexicon::rules()[i as usize];
                assert_eq!(rule.id, h.rule_id);
                assert_eq!(rule.cue, h.cue);
                assert!(!off(rule.id), "disabled rule {} fired", rule.id);
            }
            None => {
                let n: usize = h
                    .rule_id
                    .strip_prefix("user.flag.")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("user hint with id {}", h.rule_id));
                let phrase = options.profile.flag_phrases[n].trim();
                assert!(h.span.slice(analysed).eq_ignore_ascii_case(phrase));
                // User flags are switched off by their exact id.
                assert!(
                    !options.disabled_rules.contains(&h.rule_id.to_string()),
                    "disabled {} fired",
                    h.rule_id
                );
            }
        }
    }

    // The same offsets in UTF-16 code units, as the extension receives them.
    let units: Vec<u16> = analysed.encode_utf16().collect();
    let mut offsets: Vec<u32> = a
        .hints
        .iter()
        .flat_map(|h| [h.span.start() as u32, h.span.end() as u32])
        .collect();
    let bytes: Vec<usize> = offsets.iter().map(|&o| o as usize).collect();
    utf16::bytes_to_utf16(analysed, &mut offsets);
    let mut wanted: Vec<usize> = bytes.clone();
    wanted.sort_unstable();
    wanted.dedup();
    let mut reference = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    let mut unit = 0;
    let ends = std::iter::once((analysed.len(), '\0'));
    for (i, c) in analysed.char_indices().chain(ends) {
        while next.next_if(|&&o| o == i).is_some() {
            reference.push(unit);
        }
        unit += c.len_utf16();
    }
    assert_eq!(
        reference.len(),
        wanted.len(),
        "an offset off a char boundary"
    );
    let to_utf16 = |b: usize| reference[wanted.binary_search(&b).unwrap()];
    for (k, h) in a.hints.iter().enumerate() {
        let (s, e) = (to_utf16(h.span.start()), to_utf16(h.span.end()));
        assert_eq!(
            (offsets[2 * k] as usize, offsets[2 * k + 1] as usize),
            (s, e)
        );
        assert!(s <= e && e <= units.len());
        let slice = String::from_utf16(&units[s..e]).expect("span splits a surrogate pair");
        assert_eq!(slice, h.span.slice(analysed));
    }
    for w in a.hints.windows(2) {
        assert!(to_utf16(w[0].span.start()) <= to_utf16(w[1].span.start()));
    }

    // Scores, evidence and the verdict.
    assert!(a.fame <= 100 && a.connection <= 100);
    let has = |side| a.hints.iter().any(|h| h.polarity == side);
    assert_eq!(a.fame > 0, has(Polarity::Fame), "fame {}", a.fame);
    if has(Polarity::Connection) {
        assert!(a.connection > 0);
    }
    for v in x {
        assert!(v.is_finite() && (0.0..=1.0).contains(v), "feature {v}");
    }
    let unsupported = a
        .notices
        .iter()
        .any(|n| n.kind == NoticeKind::UnsupportedLanguage);
    if unsupported {
        assert!(a.hints.is_empty() && a.fame == 0 && a.connection == 0);
        assert_eq!(a.balance, Balance::Neutral);
    } else {
        let scores = verdict::scores(verdict::shipped(), x);
        assert!(scores.iter().all(|s| !s.is_nan() && *s < f32::INFINITY));
        assert!(scores.iter().any(|s| s.is_finite()));
        let p = verdict::probabilities(&scores);
        assert!(
            p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)),
            "{p:?}"
        );
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{p:?}");
        assert_eq!(verdict::decide(verdict::shipped(), x).balance, a.balance);
    }
    // A lean needs something to lean on.
    let fame_cue = a
        .hints
        .iter()
        .any(|h| h.polarity == Polarity::Fame && h.cue != Cue::CallToAction);
    let connection_cue = has(Polarity::Connection) || a.basis.conversation;
    match a.balance {
        Balance::Broadcasting | Balance::LeaningBroadcast => assert!(fame_cue),
        Balance::Connecting | Balance::LeaningConnection => assert!(connection_cue),
        Balance::Mixed => assert!(fame_cue && connection_cue),
        Balance::Neutral => {}
    }
    assert!(a.basis.hints.len() <= verdict::CARRIED);
    for (k, &i) in a.basis.hints.iter().enumerate() {
        assert!((i as usize) < a.hints.len());
        assert!(!a.basis.hints[..k].contains(&i));
    }
    assert!(!a.basis.reply || a.basis.conversation);

    let s = &a.stats;
    assert!(s.questions <= s.sentences);
    assert!(s.you_words + s.we_words + s.caps_words <= s.words);
    assert!(s.chars as usize <= analysed.chars().count());
    if a.notices.iter().any(|n| n.kind == NoticeKind::OverLength) {
        assert!(s.char_limit > 0 && s.chars > s.char_limit);
    }

    // What else reads an analysis with its text.
    let why = a.explain(analysed);
    assert!(why.starts_with(a.balance.label()), "{why}");
    let _ = a.cues();
    let _ = BatchRecord {
        id: None,
        platform: options.platform,
        analysis: a.clone(),
    }
    .to_json(analysed);
    let mut record = Record::from_analysis(
        "fuzz".to_string(),
        options.platform,
        1_700_000_000_000,
        analysed,
        a,
    );
    record.text = Some(analysed.to_string());
    let json = serde_json::to_string(&record).unwrap();
    let back = parse_record(&json, u64::from(SCHEMA_VERSION)).expect("a new record loads");
    assert_eq!(back, record);
}

fuzz_target!(|data: &[u8]| {
    let (options, text) = decode(data);
    let analyzer = Analyzer::new(&options);
    let (a, x) = analyzer.analyze_with_evidence(&text);
    check(&text, &options, &a, &x);
    // Token and candidate buffers are reused from one call to the next:
    // what an earlier draft left in them must not change the answer. Checked
    // on a quarter of the inputs, as it doubles the cost of a run.
    if text.len() % 4 == 0 {
        let _ = analyzer.analyze(OTHER);
        assert_eq!(analyzer.analyze(&text), a);
    }
});
