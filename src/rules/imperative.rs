//! Calls to action phrased as a bare imperative at the start of a sentence:
//! "Read her story: <link>", "Learn how…", "Watch it live here". The verb
//! alone is not enough ("See you soon!", "Take care"), so the sentence must
//! point somewhere (a link in the post, or "here", "below", "link in bio")
//! and the verb must take an object the way an instruction does.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{ACTION_VERB, PREFACE};
use crate::text::{eq_fold, Kind};

/// Verbs that double as nouns at the head of a title ("Book Review").
const NOUN_LIKE: [&str; 10] = [
    "book", "order", "call", "head", "vote", "catch", "view", "pledge", "tune", "swipe",
];

/// Words after the verb that make it a farewell or a wish, not an ask.
const NOT_ASKS: [(&str, &str); 4] = [
    ("see", "you"),
    ("see", "ya"),
    ("find", "yourself"),
    ("hear", "me"),
];

/// Words that point the reader somewhere when the post has no link.
const POINTERS: [&str; 5] = ["here", "below", "link", "website", "bio"];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let rule = code_rule!("call-to-action.imperative");
    let has_link = ctx.stats.links > 0;
    // In a reply, "visit the store" is help for that person; only a link
    // makes it a pointer to the brand's page.
    if ctx.is_reply && !has_link {
        return;
    }
    for s in &ctx.toks.sentences {
        let tokens = &ctx.tokens[s.first as usize..s.last as usize];
        let k = verb_position(tokens);
        let Some(verb) = tokens.get(k) else { continue };
        if verb.kind != Kind::Word {
            continue;
        }
        let v = ctx.tok_text(verb);
        let next = tokens.get(k + 1);
        let next_text = next.map_or("", |t| ctx.tok_text(t));
        // The verbs themselves are a word class (`words::ACTION_VERB`).
        let dont_miss = (eq_fold(v, "don't") || eq_fold(v, "dont")) && eq_fold(next_text, "miss");
        if !dont_miss && !verb.is(ACTION_VERB) {
            continue;
        }
        if NOT_ASKS
            .iter()
            .any(|(a, b)| eq_fold(v, a) && eq_fold(next_text, b))
        {
            continue;
        }
        if !dont_miss && !takes_object(v, next, next_text) {
            continue;
        }
        let points = has_link
            || tokens[k + 1..].iter().any(|t| {
                t.kind == Kind::Word && POINTERS.iter().any(|p| eq_fold(ctx.tok_text(t), p))
            });
        if points {
            let end = next
                .filter(|t| t.kind == Kind::Word)
                .map_or(verb.end, |t| t.end);
            out.extend(ctx.code_hit(rule, Span::new(verb.start as usize, end as usize)));
        }
    }
}

/// Skips what may open a sentence before its verb: handles, tags, emoji,
/// "RT @x:", "Please".
fn verb_position(tokens: &[crate::text::Token]) -> usize {
    let mut k = 0;
    while let Some(t) = tokens.get(k) {
        let skippable = matches!(
            t.kind,
            Kind::Mention | Kind::Hashtag | Kind::Emoji | Kind::Punct | Kind::Number
        ) || t.is(PREFACE);
        if !skippable {
            break;
        }
        k += 1;
    }
    k
}

/// An instruction goes on to its object: "Read her story", "Learn how",
/// "Join us", "Watch Emily bake". "Check my footwork" shows off rather than
/// asks, and a capitalised word after a noun-like verb is a title.
fn takes_object(verb: &str, next: Option<&crate::text::Token>, next_text: &str) -> bool {
    let Some(next) = next else { return true };
    match next.kind {
        Kind::Url | Kind::Punct | Kind::Mention | Kind::Hashtag | Kind::Bang => true,
        Kind::Word => {
            let capitalised = next_text.chars().next().is_some_and(char::is_uppercase);
            if capitalised {
                !NOUN_LIKE.iter().any(|n| eq_fold(verb, n))
            } else {
                !eq_fold(next_text, "my") && !eq_fold(next_text, "me")
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn imperatives_that_point_somewhere_are_calls_to_action() {
        assert!(fires(
            "Listen to the interview: https://acme.example/ana",
            "call-to-action.imperative"
        ));
        assert!(fires(
            "#graduates see us here at the fair tomorrow.",
            "call-to-action.imperative"
        ));
        assert!(fires(
            "Cookie lovers! Watch Emily bake: https://acme.example/v",
            "call-to-action.imperative"
        ));
    }

    #[test]
    fn farewells_titles_and_showing_off_are_not() {
        assert!(!fires("See you soon!", "call-to-action.imperative"));
        assert!(!fires(
            "Book Review: a fine novel https://example.com/r",
            "call-to-action.imperative"
        ));
        assert!(!fires(
            "Check my footwork https://example.com/v",
            "call-to-action.imperative"
        ));
        assert!(!fires(
            "Read a great book on the train today",
            "call-to-action.imperative"
        ));
    }
}
