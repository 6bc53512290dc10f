//! Hashtag stuffing: more tags than the platform's readers expect, or a post
//! that is mostly tags. Tags past the norm read as reaching for an audience.

use super::{platform::hashtag_norm, Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::Kind;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let norm = hashtag_norm(ctx.platform) as usize;
    let mut tags = ctx.tokens.iter().filter(|t| t.kind == Kind::Hashtag);
    let count = ctx.stats.hashtags as usize;
    if count > norm {
        let first_extra = tags.nth(norm).expect("count > norm");
        let last = ctx
            .tokens
            .iter()
            .rev()
            .find(|t| t.kind == Kind::Hashtag)
            .expect("has tags");
        out.push(Candidate::lexicon(
            code_rule!("hashtag-stuffing.over-norm"),
            Span::new(first_extra.start as usize, last.end as usize),
        ));
        return;
    }
    if count >= 3 && count >= ctx.tokens.iter().filter(|t| t.kind == Kind::Word).count() {
        let first = ctx
            .tokens
            .iter()
            .find(|t| t.kind == Kind::Hashtag)
            .expect("has tags");
        let last = ctx
            .tokens
            .iter()
            .rev()
            .find(|t| t.kind == Kind::Hashtag)
            .expect("has tags");
        out.push(Candidate::lexicon(
            code_rule!("hashtag-stuffing.mostly-tags"),
            Span::new(first.start as usize, last.end as usize),
        ));
    }
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
