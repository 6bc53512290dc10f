//! Brand-centric: the post keeps saying "we" and never once "you". A reply
//! to a person is a conversation and is never judged this way.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // With an "I" in it, "we" is usually people in general, not the brand.
    if ctx.is_reply
        || ctx.stats.you_words > 0
        || ctx.toks.has_class(crate::text::words::FIRST_PERSON)
    {
        return;
    }
    let we = ctx.stats.we_words + ctx.stats.brand_mentions;
    if we < 4 {
        return;
    }
    if let Some(first) = ctx.tokens.iter().find(|t| ctx.is_we(t)) {
        out.extend(ctx.code_hit(
            code_rule!("brand-centric.all-about-us"),
            Span::new(first.start as usize, first.end as usize),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn all_about_us_fires_unless_the_reader_appears() {
        let post = "We are proud of our team. We shipped our new app and we love it.";
        assert!(fires(post, "brand-centric.all-about-us"));
        assert!(!fires(
            "We made our new app for you. We hope our work helps you.",
            "brand-centric.all-about-us"
        ));
        assert!(!fires(
            "@sam We are sorry, we will fix our app and we will tell our team.",
            "brand-centric.all-about-us"
        ));
    }
}
