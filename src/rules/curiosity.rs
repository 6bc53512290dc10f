//! Curiosity-bait that phrases cannot catch: listicles that promise the
//! reader a reaction ("17 things that will make you…", "21 signs you're…").
//! A number alone is not bait: "3 tips for…" is useful.
//!
//! Headlines get their own reading. A headline (one line in Title Case with
//! no closing punctuation, link, tag or handle) that speaks to "you", or
//! opens with "This", "These", "Here's" or "Which", is teasing the reader
//! into a click: news headlines name their subject instead. In a post, "you"
//! is connection; in a headline it is a hook.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{MINOR as MINOR_WORD, YOU};
use crate::text::{eq_fold, Kind};

const HOOK_WORDS: [&str; 4] = ["that", "who", "only", "literally"];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    listicle(ctx, out);
    if is_headline(ctx) {
        headline_hook(ctx, out);
    }
}

fn is_headline(ctx: &Ctx<'_>) -> bool {
    let tokens = ctx.tokens;
    if ctx.toks.sentences.len() != 1 || ctx.text.contains('\n') {
        return false;
    }
    // "I am listening to Since I Fell For You" is a person, not a headline.
    if ctx.toks.has_class(crate::text::words::FIRST_PERSON) {
        return false;
    }
    if [Kind::Url, Kind::Mention, Kind::Hashtag, Kind::Bang]
        .into_iter()
        .any(|k| ctx.toks.has_kind(k))
    {
        return false;
    }
    if tokens
        .last()
        .is_some_and(|t| t.kind == Kind::Punct && ctx.tok_text(t) == ".")
    {
        return false;
    }
    let mut major = 0;
    let mut capitalised = 0;
    let mut words = 0;
    for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
        words += 1;
        let w = ctx.tok_text(t);
        let upper = w.chars().next().is_some_and(char::is_uppercase);
        // Only a lowercase word can be a minor word Title Case leaves alone.
        if !upper && t.is(MINOR_WORD) {
            continue;
        }
        major += 1;
        capitalised += upper as u32;
        // Two lowercase major words already rule out a short headline.
        if major - capitalised > 2 && capitalised * 5 < major * 4 {
            return false;
        }
    }
    (4..=25).contains(&words) && major > 0 && capitalised * 5 >= major * 4
}

fn headline_hook(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    const OPENERS: [&str; 6] = ["this", "these", "here's", "here", "which", "heres"];
    let tokens = ctx.tokens;
    let opener = tokens
        .first()
        .filter(|t| t.kind == Kind::Word && OPENERS.iter().any(|o| eq_fold(ctx.tok_text(t), o)));
    let hook = opener.or_else(|| tokens.iter().find(|t| t.is(YOU)));
    if let Some(t) = hook {
        out.extend(ctx.code_hit(
            code_rule!("curiosity-bait.headline-hook"),
            Span::new(t.start as usize, t.end as usize),
        ));
    }
}

fn listicle(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let tokens = ctx.tokens;
    let Some(first) = tokens.first() else { return };
    if first.kind != Kind::Number || !first.text(ctx.text).bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    // The listicle promise sits in the first few words.
    let window = tokens
        .iter()
        .skip(1)
        .take(7)
        .take_while(|t| t.sentence == first.sentence);
    let mut end = None;
    for t in window {
        if t.kind != Kind::Word {
            continue;
        }
        let w = ctx.tok_text(t);
        // "9 habits to ignite your passion" states its purpose: a list of help.
        if ["to", "for", "and", "i", "but"]
            .iter()
            .any(|p| eq_fold(w, p))
        {
            break;
        }
        if crate::text::words::classify(w) & crate::text::words::YOU != 0
            || HOOK_WORDS.iter().any(|h| eq_fold(w, h))
        {
            end = Some(t.end);
            break;
        }
    }
    if let Some(end) = end {
        out.extend(ctx.code_hit(
            code_rule!("curiosity-bait.listicle-hook"),
            Span::new(first.start as usize, end as usize),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn listicle_hooks_fire_plain_lists_do_not() {
        assert!(fires(
            "17 Things That Will Make You Miss The '90s",
            "curiosity-bait.listicle-hook"
        ));
        assert!(fires(
            "21 Signs You're Secretly A Morning Person",
            "curiosity-bait.listicle-hook"
        ));
        assert!(!fires(
            "3 tips for brewing better coffee at home",
            "curiosity-bait.listicle-hook"
        ));
    }
}
