//! Reaction polls: "❤️ for cats, 😂 for dogs", "like for A, share for B".
//! A poll needs at least two options; each option maps a reaction to a choice.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{FOR, REACTION};
use crate::text::Kind;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // Every option starts with a reaction: an emoji or a reaction word.
    if !ctx.toks.has_kind(Kind::Emoji) && !ctx.toks.has_class(REACTION) {
        return;
    }
    let tokens = ctx.tokens;
    let mut options = 0;
    let mut first = None;
    let mut last_end = 0;
    for i in 0..tokens.len().saturating_sub(2) {
        let t = &tokens[i];
        // The cheap test first: most words are not followed by "for" or "=".
        let link = &tokens[i + 1];
        // "=" and ":" are one byte: compared as bytes, without slicing the text.
        let is_link = link.is(FOR)
            || (link.kind == Kind::Punct
                && link.end - link.start == 1
                && matches!(ctx.text.as_bytes()[link.start as usize], b'=' | b':'));
        if !is_link {
            continue;
        }
        let is_reaction = t.kind == Kind::Emoji || t.is(REACTION);
        let choice = &tokens[i + 2];
        if is_reaction
            && matches!(
                choice.kind,
                Kind::Word | Kind::Emoji | Kind::Hashtag | Kind::Number
            )
        {
            options += 1;
            first.get_or_insert(t.start as usize);
            last_end = choice.end as usize;
        }
    }
    if options >= 2 {
        let start = first.expect("an option was seen");
        out.extend(ctx.code_hit(
            code_rule!("vote-bait.reaction-poll"),
            Span::new(start, last_end),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn reaction_polls_fire_single_mappings_do_not() {
        assert!(fires(
            "Cats or dogs? ❤️ for cats, 😂 for dogs",
            "vote-bait.reaction-poll"
        ));
        assert!(fires(
            "Like for pizza, share for tacos!",
            "vote-bait.reaction-poll"
        ));
        assert!(!fires(
            "We love you for being here",
            "vote-bait.reaction-poll"
        ));
    }
}
