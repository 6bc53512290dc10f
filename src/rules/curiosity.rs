//! Curiosity-bait that phrases cannot catch: listicles that promise the
//! reader a reaction ("17 things that will make you…", "21 signs you're…").
//! A number alone is not bait: "3 tips for…" is useful.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::{eq_fold, Kind};

const HOOK_WORDS: [&str; 6] = ["that", "who", "which", "will", "only", "literally"];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
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
        if crate::text::words::classify(w) & crate::text::words::YOU != 0
            || HOOK_WORDS.iter().any(|h| eq_fold(w, h))
        {
            end = Some(t.end);
            break;
        }
    }
    if let Some(end) = end {
        out.push(Candidate::lexicon(
            code_rule("curiosity-bait.listicle-hook"),
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
