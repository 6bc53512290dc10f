//! Calls to action phrased as a bare imperative at the start of a sentence:
//! "Read her story: <link>", "Learn how…", "Watch it today at 12pm". The verb
//! alone is not enough ("See you soon!", "Take care"), so the sentence must
//! point somewhere: a link in the post, or "here", "at", "below", "today"…

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::{eq_fold, Kind};

const ACTION_VERBS: [&str; 40] = [
    "read", "watch", "listen", "learn", "see", "visit", "discover", "find", "join", "follow",
    "register", "download", "view", "explore", "get", "tune", "sign", "apply", "book", "order",
    "call", "donate", "discuss", "vote", "submit", "click", "tap", "swipe", "grab", "head", "hear",
    "catch", "weigh", "rsvp", "nominate", "pledge", "attend", "check", "look", "remember",
];

/// Words after the verb that make it a farewell or a wish, not an ask.
const NOT_ASKS: [(&str, &str); 8] = [
    ("see", "you"),
    ("see", "ya"),
    ("get", "well"),
    ("get", "ready"),
    ("look", "forward"),
    ("stop", "by"),
    ("find", "yourself"),
    ("check", "in"),
];

/// Words that point the reader somewhere when the post has no link.
const POINTERS: [&str; 5] = ["here", "below", "link", "website", "bio"];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let rule = code_rule("call-to-action.imperative");
    let has_link = ctx.stats.links > 0;
    // In a reply, "try restarting" or "visit the store" is help for that
    // person; only a link makes it a pointer to the brand's page.
    if ctx.is_reply && !has_link {
        return;
    }
    for s in &ctx.toks.sentences {
        let tokens = &ctx.tokens[s.first as usize..s.last as usize];
        // Skip what may open a sentence before its verb: handles, tags,
        // emoji, "RT @x:", "Please".
        let mut k = 0;
        while k < tokens.len() {
            let t = &tokens[k];
            let w = ctx.tok_text(t);
            let skippable = matches!(
                t.kind,
                Kind::Mention | Kind::Hashtag | Kind::Emoji | Kind::Punct | Kind::Number
            ) || (t.kind == Kind::Word
                && (eq_fold(w, "please") || eq_fold(w, "rt") || eq_fold(w, "so")));
            if !skippable {
                break;
            }
            k += 1;
        }
        let Some(verb) = tokens.get(k) else { continue };
        if verb.kind != Kind::Word {
            continue;
        }
        let v = ctx.tok_text(verb);
        let is_dont_miss = (eq_fold(v, "don't") || eq_fold(v, "dont"))
            && tokens
                .get(k + 1)
                .is_some_and(|n| eq_fold(ctx.tok_text(n), "miss"));
        if !is_dont_miss && !ACTION_VERBS.iter().any(|a| eq_fold(v, a)) {
            continue;
        }
        // A capitalised verb mid-sentence is a name; an imperative is lowercase
        // after the first word, so only the verb's own case is free.
        let next = tokens.get(k + 1).map(|t| ctx.tok_text(t)).unwrap_or("");
        if NOT_ASKS
            .iter()
            .any(|(a, b)| eq_fold(v, a) && eq_fold(next, b))
        {
            continue;
        }
        let points = has_link
            || tokens[k + 1..].iter().any(|t| {
                t.kind == Kind::Url
                    || (t.kind == Kind::Word
                        && POINTERS.iter().any(|p| eq_fold(ctx.tok_text(t), p)))
            });
        if points {
            let end = tokens
                .get(k + 1)
                .filter(|t| t.kind == Kind::Word)
                .map_or(verb.end, |t| t.end);
            out.push(Candidate::lexicon(
                rule,
                Span::new(verb.start as usize, end as usize),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn imperatives_that_point_somewhere_are_calls_to_action() {
        assert!(fires(
            "Read her story: https://acme.example/ana",
            "call-to-action.imperative"
        ));
        assert!(fires(
            "#graduates see us at the fair tomorrow.",
            "call-to-action.imperative"
        ));
        assert!(fires(
            "Cookie lovers! Watch Emily bake: https://acme.example/v",
            "call-to-action.imperative"
        ));
        assert!(!fires("See you soon!", "call-to-action.imperative"));
        assert!(!fires(
            "Book Review: a fine novel https://example.com/r",
            "call-to-action.imperative"
        ));
        assert!(!fires(
            "Take care of yourselves this winter",
            "call-to-action.imperative"
        ));
    }
}
