//! Shouting: runs of words in capitals and runs of "!!"/"?!". Acronyms are
//! how names are written, not raised voices, so they never count.
//!
//! People shout in their own posts out of joy or anger, and that is their
//! voice, not a bid for attention. Shouting reads as fame-seeking when it is
//! hype: the capitals carry a promotional word ("BIGGEST SALE EVER"), or the
//! post already pushes, sells or baits. Stats count every caps word and "!!"
//! run regardless, so the habit summary still sees the volume.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::CAPS;
use crate::text::{Kind, Token};

const ACRONYMS: [&str; 64] = [
    "NASA", "CEO", "CFO", "CTO", "COO", "CMO", "USA", "US", "UK", "EU", "UN", "FAQ", "AI", "API",
    "NYC", "LA", "PR", "HR", "IT", "TV", "DJ", "OK", "ID", "PDF", "SEO", "ROI", "B2B", "FYI",
    "ASAP", "RSVP", "DIY", "LOL", "OMG", "TBT", "ICYMI", "AMA", "RT", "DM", "PM", "AM", "ET",
    "EST", "PST", "GMT", "UTC", "NBA", "NFL", "BBC", "CNN", "NPR", "HBO", "ESPN", "SUV", "ATM",
    "GPS", "USB", "HTML", "CSS", "LGBTQ", "NGO", "NHS", "FDA", "CDC", "COVID",
];

/// Written in capitals because it is a name or abbreviation, not for volume.
pub(crate) fn is_acronym(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() <= 2
        || bytes.iter().any(|&b| b.is_ascii_digit() || b == b'&')
        // No listed acronym is longer (see the test below).
        || (bytes.len() <= ACRONYM_MAX_LEN && ACRONYM_KEYS.binary_search(&acronym_key(bytes)).is_ok())
}

const ACRONYM_MAX_LEN: usize = 5;

/// A word of up to `ACRONYM_MAX_LEN` bytes as one number, its length in the
/// top byte: every caps word in a draft is looked up, and comparing numbers
/// in a sorted table beats comparing strings one by one.
const fn acronym_key(bytes: &[u8]) -> u64 {
    let mut key = (bytes.len() as u64) << 56;
    let mut i = 0;
    while i < bytes.len() {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

static ACRONYM_KEYS: [u64; ACRONYMS.len()] = {
    let mut keys = [0u64; ACRONYMS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = acronym_key(ACRONYMS[i].as_bytes());
        i += 1;
    }
    // Sorted at compile time for `binary_search` (insertion sort: const fn).
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// Inlined so that the common case, a word not in capitals, costs one test.
#[inline]
fn is_shouted(ctx: &Ctx<'_>, t: &Token) -> bool {
    t.kind == Kind::Word
        && t.is(CAPS)
        && !t.is(crate::text::words::NOT_SHOUTING)
        && !is_acronym(ctx.tok_text(t))
        && !ctx.is_brand_at(t)
}

const PROMO_WORDS: [&str; 16] = [
    "SALE",
    "FREE",
    "NEW",
    "DEAL",
    "DEALS",
    "BUY",
    "SHOP",
    "LIMITED",
    "EXCLUSIVE",
    "BIGGEST",
    "HURRY",
    "ORDER",
    "SAVE",
    "OFFER",
    "GIVEAWAY",
    "SUBSCRIBE",
];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let already_pushing = out
        .iter()
        .any(|c| c.cue().polarity() == crate::analysis::Polarity::Fame);
    let caps_rule = code_rule!("shouting.caps-run");
    let bang_rule = code_rule!("shouting.exclamation-run");
    let tokens = ctx.tokens;
    // "FREE DENTAL AND VISION. If you've talked to me…" is a person's joy.
    let personal = ctx.toks.has_class(crate::text::words::FIRST_PERSON);
    // If the whole draft is in capitals it is a style, still shouting, but
    // one hint is enough to say so.
    // Most drafts have no word in capitals; stats already know.
    let mut i = if ctx.stats.caps_words == 0 {
        tokens.len()
    } else {
        0
    };
    while i < tokens.len() {
        if !is_shouted(ctx, &tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        let mut words = 1;
        let mut j = i + 1;
        while j < tokens.len() {
            let t = &tokens[j];
            if is_shouted(ctx, t) {
                words += 1;
                last = j;
            } else if !matches!(
                t.kind,
                Kind::Punct | Kind::Bang | Kind::Emoji | Kind::Number
            ) && !t.is(CAPS)
            {
                break;
            }
            j += 1;
        }
        let letters: usize = tokens[start..=last]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.end as usize - t.start as usize)
            .sum();
        let promotional = tokens[start..=last].iter().any(|t| {
            t.kind == Kind::Word
                && match &ctx.lexicon.words {
                    Some(words) => words.is_promo_word(ctx.tok_text(t)),
                    None => PROMO_WORDS
                        .iter()
                        .any(|p| ctx.tok_text(t).eq_ignore_ascii_case(p)),
                }
        });
        // Two words in capitals are emphasis ("TOTALLY FREE"); a run of three
        // is a raised voice, and in a post that already pushes two will do.
        let hype = (promotional && !personal && words >= 3) || (already_pushing && words >= 2);
        if letters >= 7 && hype {
            out.extend(ctx.code_hit(
                caps_rule,
                Span::new(tokens[start].start as usize, tokens[last].end as usize),
            ));
        }
        i = j.max(i + 1);
    }
    let pushing = already_pushing
        || out
            .iter()
            .any(|c| c.cue() == crate::analysis::Cue::Shouting);
    if !pushing {
        return;
    }
    for t in tokens.iter().filter(|t| t.kind == Kind::Bang) {
        let run = ctx.tok_text(t);
        let marks = run
            .chars()
            .filter(|c| matches!(c, '!' | '?' | '\u{203C}' | '\u{2049}'))
            .count();
        if crate::text::has_byte(run, b'!') && marks >= 3 || run.contains('\u{203C}') {
            out.extend(ctx.code_hit(bang_rule, Span::new(t.start as usize, t.end as usize)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn no_acronym_is_longer_than_the_length_checked() {
        assert!(super::ACRONYMS
            .iter()
            .all(|a| a.len() <= super::ACRONYM_MAX_LEN));
    }

    #[test]
    fn acronym_table_agrees_with_the_list() {
        let listed = |w: &str| {
            w.len() <= 2
                || w.bytes().any(|b| b.is_ascii_digit() || b == b'&')
                || super::ACRONYMS.contains(&w)
        };
        for w in super::ACRONYMS {
            assert!(super::is_acronym(w), "{w}");
            // Neighbours that differ by one byte or by length are not listed.
            for probe in [
                &w[1..],
                &w[..w.len() - 1],
                &format!("{w}S"),
                &w.to_lowercase(),
            ] {
                assert_eq!(super::is_acronym(probe), listed(probe), "{probe}");
            }
        }
        for w in ["SALE", "FREE", "HUGE", "NASAS", "CEOS", "ESPNX"] {
            assert!(!super::is_acronym(w), "{w}");
        }
    }

    #[test]
    fn caps_run_is_shouting_acronyms_are_not() {
        assert!(fires("BIGGEST SALE EVER!!!", "shouting.caps-run"));
        assert!(fires("BIGGEST SALE EVER!!!", "shouting.exclamation-run"));
        assert!(!fires(
            "NASA and the CEO of a USA firm read the FAQ on AI in Q3",
            "shouting.caps-run"
        ));
        assert!(!fires("This is HUGE news for us", "shouting.caps-run"));
        // Joy and anger in a person's own voice are not hype.
        assert!(!fires(
            "UGH. I HATE HATE HATE getting blood drawn!!!",
            "shouting.caps-run"
        ));
        assert!(!fires(
            "That was FUN!!! I LIKE winning at trivia!!!",
            "shouting.exclamation-run"
        ));
        assert!(fires("Buy now!!! Only today", "shouting.exclamation-run"));
    }
}
