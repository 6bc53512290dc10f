//! Hashtag stuffing: more tags than the platform's readers expect, or a post
//! that is mostly tags. Tags past the norm read as reaching for an audience.

use super::{platform::hashtag_norm, Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::Kind;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let norm = hashtag_norm(ctx.platform) as usize;
    let count = ctx.stats.hashtags as usize;
    let is_tag = |t: &&crate::text::Token| t.kind == Kind::Hashtag;
    let (rule, first) = if count > norm {
        // The span starts at the first tag past the norm: those are the extra ones.
        (
            code_rule!("hashtag-stuffing.over-norm"),
            ctx.tokens.iter().filter(is_tag).nth(norm),
        )
    } else if count >= 3 && count >= ctx.tokens.iter().filter(|t| t.kind == Kind::Word).count() {
        (
            code_rule!("hashtag-stuffing.mostly-tags"),
            ctx.tokens.iter().find(is_tag),
        )
    } else {
        return;
    };
    let (Some(first), Some(last)) = (first, ctx.tokens.iter().rev().find(is_tag)) else {
        return;
    };
    out.extend(ctx.code_hit(rule, Span::new(first.start as usize, last.end as usize)));
}

#[cfg(test)]
mod tests {
    use crate::options::{Options, Platform};

    fn stuffed(text: &str, platform: Platform) -> bool {
        let options = Options {
            platform,
            ..Options::default()
        };
        crate::analyze(text, &options)
            .hints
            .iter()
            .any(|h| h.cue.name() == "hashtag-stuffing")
    }

    #[test]
    fn norms_differ_per_platform() {
        let post = "New roast is in #coffee #espresso #latte";
        assert!(stuffed(post, Platform::X));
        assert!(!stuffed(post, Platform::Instagram));
        assert!(stuffed("Our spring menu is out #food", Platform::Reddit));
        assert!(!stuffed("Our spring menu is out #food", Platform::Threads));
    }
}
