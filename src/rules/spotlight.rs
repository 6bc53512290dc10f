//! Spotlight: credit given to a named person ("@ana built this", "meet Sam,
//! who…", "a big thank you to Fiona"). The brand's own handle is never a
//! spotlight. A handle is credited when a verb of making follows it, so
//! "@ana built this" counts even at the start of a post, where a bare handle
//! would only address a reply; thanks are credit when a name follows them.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{CREDIT, MEET, THANKS};
use crate::text::{eq_fold, Kind};

const NOT_NAMES: [&str; 8] = ["us", "our", "the", "me", "you", "your", "them", "all"];

/// Capitalised words that are not people: pronouns and groups, days, months.
const NOT_PEOPLE: [&str; 33] = [
    "you",
    "your",
    "everyone",
    "everybody",
    "all",
    "team",
    "the",
    "our",
    "we",
    "i",
    "it",
    "this",
    "so",
    "for",
    "guys",
    "folks",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    thanks_by_name(ctx, out);
    // Credit by a verb of making needs a handle or "meet".
    if !ctx.toks.has_kind(Kind::Mention) && !ctx.toks.has_class(MEET) {
        return;
    }
    let rule = code_rule!("spotlight.named-credit");
    let tokens = ctx.tokens;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let next = tokens.get(i + 1);
        if t.kind == Kind::Mention && !ctx.is_brand_at(t) {
            // The verbs of making are a word class (`words::CREDIT`). Other
            // languages put an auxiliary first, and German the participle
            // last ("@ana a construit", "@ana hat dieses Regal gebaut"):
            // there the verb may come later in the sentence, before another
            // handle.
            let reach = if ctx.lexicon.words.is_some() { 8 } else { 1 };
            let verb = tokens[i + 1..]
                .iter()
                .take(reach)
                .take_while(|n| n.sentence == t.sentence && n.kind != Kind::Mention)
                .find(|n| n.kind == Kind::Word && n.is(CREDIT));
            if let Some(v) = verb {
                out.extend(ctx.code_hit(rule, Span::new(t.start as usize, v.end as usize)));
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
                out.extend(ctx.code_hit(rule, Span::new(t.start as usize, end as usize)));
            }
        }
    }
}

/// "Thank you to Sam", "Thank you, Kwame", "special shout-out to Kemi": a
/// person's name (or handle) among the three words after the thanks.
fn thanks_by_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let rule = code_rule!("spotlight.thanks-by-name");
    let tokens = ctx.tokens;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let thanks = t.kind == Kind::Word && t.is(THANKS);
        if !thanks {
            i += 1;
            continue;
        }
        // German capitalises every noun ("Danke für deine Geduld"): there a
        // name must follow the thanks at once ("Danke, Kemi"), or "an"
        // ("Danke an Kemi"), not come among the next words.
        let nouns_capitalised = ctx.lexicon.lang == crate::language::Lang::De;
        let mut named = None;
        let mut words = 0;
        let mut after_an = false;
        for (k, n) in tokens[i + 1..].iter().enumerate() {
            if !matches!(n.kind, Kind::Word | Kind::Mention) {
                continue;
            }
            if words == 3 || (nouns_capitalised && words == 2) || n.sentence != t.sentence {
                break;
            }
            words += 1;
            let is_name = if n.kind == Kind::Mention {
                !ctx.is_brand_at(n)
            } else {
                let w = ctx.tok_text(n);
                w.chars().next().is_some_and(char::is_uppercase)
                    && !n.is(crate::text::words::CAPS)
                    && !NOT_PEOPLE.iter().any(|x| eq_fold(w, x))
                    // Another language's pronouns and small words are classed.
                    && (ctx.lexicon.words.is_none() || n.class == 0)
                    && !ctx.is_brand_at(n)
                    && (!nouns_capitalised || words == 1 || after_an)
            };
            if is_name {
                named = Some((k, n));
                break;
            }
            after_an = words == 1 && ctx.tok_text(n) == "an";
        }
        if let Some((k, n)) = named {
            out.extend(ctx.code_hit(rule, Span::new(t.start as usize, n.end as usize)));
            i += k + 2;
        } else {
            i += 1;
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
        assert!(fires(
            "A big thank you to Fiona for sharing it openly",
            "spotlight.thanks-by-name"
        ));
        assert!(fires("Thank you, Kwame.", "spotlight.thanks-by-name"));
        assert!(!fires(
            "Thank you to everyone who came",
            "spotlight.thanks-by-name"
        ));
        assert!(!fires(
            "Thanks, see you Saturday",
            "spotlight.thanks-by-name"
        ));
        let a = crate::analyze("Look what @acme made today", &options);
        assert!(a
            .hints
            .iter()
            .all(|h| h.rule_id != "spotlight.named-credit"));
    }
}
