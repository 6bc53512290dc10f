//! Spotlight: credit given to a named person ("@ana built this", "meet Sam,
//! who…"). The brand's own handle is never a spotlight. A handle is credited
//! when a verb of making follows it, so "@ana built this" counts even at the
//! start of a post, where a bare handle would only address a reply.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{CREDIT, MEET};
use crate::text::{eq_fold, Kind};

const NOT_NAMES: [&str; 8] = ["us", "our", "the", "me", "you", "your", "them", "all"];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // Credit needs a handle or "meet".
    if !ctx.toks.has_kind(Kind::Mention) && !ctx.toks.has_class(MEET) {
        return;
    }
    let rule = code_rule!("spotlight.named-credit");
    let tokens = ctx.tokens;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let next = tokens.get(i + 1);
        if t.kind == Kind::Mention && !ctx.is_brand_at(t) {
            // The verbs of making are a word class (`words::CREDIT`).
            let credited = next.is_some_and(|n| n.kind == Kind::Word && n.is(CREDIT));
            if credited {
                let end = next.map_or(t.end, |n| n.end);
                out.push(Candidate::lexicon(
                    rule,
                    Span::new(t.start as usize, end as usize),
                ));
            }
        }
        if t.is(MEET) {
            let named = next.is_some_and(|n| {
                let w = ctx.tok_text(n);
                (n.kind == Kind::Mention && !ctx.is_brand_at(n))
                    || (n.kind == Kind::Word
                        && w.chars().next().is_some_and(char::is_uppercase)
                        && !NOT_NAMES.iter().any(|x| eq_fold(w, x)))
            });
            if named {
                let end = next.map_or(t.end, |n| n.end);
                out.push(Candidate::lexicon(
                    rule,
                    Span::new(t.start as usize, end as usize),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::options::{BrandProfile, Options};
    use crate::rules::testing::fires;

    #[test]
    fn credits_named_people_not_the_brand() {
        assert!(fires(
            "@ana built this shelf with our kit",
            "spotlight.named-credit"
        ));
        assert!(fires(
            "Meet Sam, who roasts every batch by hand.",
            "spotlight.named-credit"
        ));
        assert!(!fires("Meet us at booth 12", "spotlight.named-credit"));
        let options = Options {
            profile: BrandProfile {
                handles: vec!["acme".into()],
                ..BrandProfile::default()
            },
            ..Options::default()
        };
        let a = crate::analyze("Look what @acme made today", &options);
        assert!(a
            .hints
            .iter()
            .all(|h| h.rule_id != "spotlight.named-credit"));
    }
}
