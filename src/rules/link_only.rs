//! Link-only: a link with a promo line and nothing a person would say. A
//! person's "Morning view <link>" is not promotion; "New blog post: <link>"
//! is, so the line must carry a promotional word or the brand itself.

use super::{Candidate, Ctx};
use crate::analysis::Polarity;
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::Kind;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    if ctx.is_reply || ctx.stats.links == 0 || ctx.stats.questions > 0 {
        return;
    }
    let words = ctx.tokens.iter().filter(|t| t.kind == Kind::Word).count();
    if words > 6
        || out
            .iter()
            .any(|c| c.cue().polarity() == Polarity::Connection)
    {
        return;
    }
    // Words that announce (new, out, launch) or name a channel (blog), not
    // words that merely say what the link is ("video", "podcast").
    const PROMO: [&str; 17] = [
        "new",
        "latest",
        "out",
        "available",
        "introducing",
        "announcing",
        "launch",
        "launches",
        "launched",
        "blog",
        "newsletter",
        "release",
        "sale",
        "shop",
        "deal",
        "offer",
        "update",
    ];
    // Anything a person would add (an emoji, a "!", a feeling, an "I")
    // makes the line more than a promo line.
    const FEELINGS: [&str; 14] = [
        "love",
        "loving",
        "awesome",
        "great",
        "funny",
        "lol",
        "cool",
        "amazing",
        "kinda",
        "fun",
        "beautiful",
        "wow",
        "yay",
        "haha",
    ];
    let human = ctx.tokens.iter().any(|t| {
        matches!(t.kind, Kind::Emoji | Kind::Bang)
            || t.is(crate::text::words::FIRST_PERSON)
            || (t.kind == Kind::Word
                && FEELINGS
                    .iter()
                    .any(|f| crate::text::eq_fold(ctx.tok_text(t), f)))
    }) || has_smiley(ctx.text.as_bytes());
    if human {
        return;
    }
    let promotional = ctx.tokens.iter().any(|t| {
        t.is(crate::text::words::WE)
            || ctx.is_brand_at(t)
            || (t.kind == Kind::Word
                && PROMO
                    .iter()
                    .any(|p| crate::text::eq_fold(ctx.tok_text(t), p)))
    }) || out.iter().any(|c| c.cue().polarity() == Polarity::Fame);
    if !promotional {
        return;
    }
    if let Some(link) = ctx.tokens.iter().find(|t| t.kind == Kind::Url) {
        out.extend(ctx.code_hit(
            code_rule!("link-only.bare-link"),
            Span::new(link.start as usize, link.end as usize),
        ));
    }
}

/// ":)", ":-)" or ":D". A byte scan: `str::contains` with a string pattern
/// brings a two-way searcher into the wasm for three tiny needles.
fn has_smiley(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b':'
            && match bytes.get(i + 1) {
                Some(b')' | b'D') => true,
                Some(b'-') => bytes.get(i + 2) == Some(&b')'),
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::has_smiley;
    use crate::rules::testing::fires;

    #[test]
    fn smileys_are_found_anywhere_and_only_whole() {
        for yes in [":)", "new post :-)", "ok:D", "a :) b"] {
            assert!(has_smiley(yes.as_bytes()), "{yes}");
        }
        for no in ["", ":", ":-", ": )", "time 10:30", ":-D", "):"] {
            assert!(!has_smiley(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn bare_link_with_promo_line_fires() {
        assert!(fires(
            "New blog post: https://acme.co/blog/1",
            "link-only.bare-link"
        ));
        assert!(!fires(
            "I wrote up what we learned from a year of repairs, with the mistakes too: https://acme.co/blog/1",
            "link-only.bare-link"
        ));
        assert!(!fires(
            "Morning view http://example.com/p",
            "link-only.bare-link"
        ));
    }
}
