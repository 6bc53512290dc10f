//! Link-only: a link with a promo line and nothing a person would say.

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
    if let Some(link) = ctx.tokens.iter().find(|t| t.kind == Kind::Url) {
        out.push(Candidate::lexicon(
            code_rule("link-only.bare-link"),
            Span::new(link.start as usize, link.end as usize),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

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
    }
}
