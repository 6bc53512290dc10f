//! Replies to a person are conversation. Pointing that person to help is
//! service, not broadcasting: "try restarting", "follow us so we can DM
//! you" are instructions for them. A reply's call to action stays an ask
//! only when it sends the person to a link without engaging with them at
//! all (no greeting, apology, thanks, question or signature): a statement pasted
//! into many replies.

use super::{Candidate, Ctx};
use crate::analysis::Cue;
use crate::text::{eq_fold, Kind};

pub(crate) fn apply(ctx: &Ctx<'_>, candidates: &mut Vec<Candidate>) {
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
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{cue_fires, fires};

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
