//! Replies to a person are conversation. Pointing that person to help is
//! service, not broadcasting: "try restarting", "follow us so we can DM
//! you" are instructions for them. A reply's call to action stays an ask
//! only when it sends the person to a link without engaging with them at
//! all (no greeting, apology, thanks, question or signature): a statement pasted
//! into many replies.

use super::{Candidate, Ctx};
use crate::analysis::{Cue, Polarity};
use crate::text::{eq_fold, Kind};

pub(crate) fn apply(ctx: &Ctx<'_>, candidates: &mut Vec<Candidate>) {
    drop_quoted(ctx, candidates);
    drop_personal_recommendations(ctx, candidates);
    if !ctx.is_reply {
        return;
    }
    // A greeting, a signature or an "I" means a person is answering.
    let greets = ctx
        .tokens
        .iter()
        .skip_while(|t| t.kind == Kind::Mention)
        .take(2)
        .any(|t| {
            let w = ctx.tok_text(t);
            t.kind == Kind::Word && (eq_fold(w, "hi") || eq_fold(w, "hey") || eq_fold(w, "hello"))
        });
    let engages = greets
        || ctx.stats.questions > 0
        || candidates.iter().any(|c| {
            matches!(
                c.cue(),
                Cue::Listening
                    | Cue::Honesty
                    | Cue::Gratitude
                    | Cue::OpenQuestion
                    | Cue::PersonalVoice
            )
        });
    let pasted_pointer = ctx.stats.links > 0 && !engages;
    let direct_message = ctx.tokens.iter().any(|t| {
        t.kind == Kind::Word && {
            let w = ctx.tok_text(t);
            eq_fold(w, "dm") || eq_fold(w, "message") || eq_fold(w, "messages")
        }
    });
    candidates.retain(|c| match c.cue() {
        Cue::CallToAction => pasted_pointer,
        Cue::FollowAsk => !direct_message,
        // "Right??" or "this is why…" in a reply is talk, not a bid for comments.
        Cue::QuestionBait | Cue::CuriosityBait => false,
        _ => true,
    });
}

/// "I just downloaded it, get yours": someone writing as "I", with no "we"
/// and no brand in sight, is passing on a recommendation, not asking on a
/// brand's behalf. Hard selling and bait still count.
fn drop_personal_recommendations(ctx: &Ctx<'_>, candidates: &mut Vec<Candidate>) {
    let personal = ctx.toks.has_class(crate::text::words::FIRST_PERSON);
    if personal && ctx.stats.we_words == 0 && ctx.brand_spans.is_empty() {
        candidates.retain(|c| c.cue() != Cue::CallToAction);
    }
}

/// "Nice! RT @ana Sign up for her newsletter": what follows "RT @name" is
/// someone else's post, quoted; only a comment before it is the writer's
/// voice. Fame hints on quoted words would blame the writer for them. The
/// quote ends with its line, so a later paragraph is judged again.
fn drop_quoted(ctx: &Ctx<'_>, candidates: &mut Vec<Candidate>) {
    // "RT @name" needs a handle.
    if !ctx.toks.has_kind(Kind::Mention) {
        return;
    }
    let tokens = ctx.tokens;
    let quote = tokens
        .windows(2)
        .position(|w| w[0].is_word(ctx.text, "RT") && w[1].kind == Kind::Mention);
    let Some(i) = quote else {
        return;
    };
    // The quote runs to the end of its line.
    let from = tokens[i].start as usize;
    let to = ctx.text[from..]
        .find('\n')
        .map_or(ctx.text.len(), |n| from + n);
    candidates.retain(|c| {
        c.cue().polarity() == Polarity::Connection || c.span.start() < from || c.span.start() >= to
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{cue_fires, fires};

    #[test]
    fn quoted_retweets_are_not_the_writers_asks() {
        assert!(!cue_fires(
            "Nice! RT @ana Sign up for her newsletter https://a.example",
            "call-to-action"
        ));
        assert!(!cue_fires(
            "RT @ana Sign up for our webinar https://a.example",
            "call-to-action"
        ));
        assert!(cue_fires(
            "Sign up for our webinar https://a.example",
            "call-to-action"
        ));
        assert!(cue_fires(
            "RT @ana great thread\nBuy now while stocks last",
            "hard-sell"
        ));
    }

    #[test]
    fn a_person_recommending_something_is_not_a_brand_ask() {
        assert!(!cue_fires(
            "I just downloaded this app, get yours here: https://a.example",
            "call-to-action"
        ));
        assert!(cue_fires(
            "We just launched our app, get yours here: https://a.example",
            "call-to-action"
        ));
    }

    #[test]
    fn support_instructions_in_replies_are_not_asks() {
        assert!(!cue_fires(
            "@sam Please follow us so we can send you a DM.",
            "follow-ask"
        ));
        assert!(!cue_fires(
            "@sam Check out the settings page and try again.",
            "call-to-action"
        ));
        assert!(fires(
            "@sam Our statement is here: https://acme.example/s",
            "call-to-action.more-info-link"
        ));
        assert!(!cue_fires(
            "@sam Sorry to hear that! More info here: https://help.example/1",
            "call-to-action"
        ));
    }
}
