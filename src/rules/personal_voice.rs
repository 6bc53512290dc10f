//! A human voice: someone writing as "I", or signing the post. People trust
//! people; a named person behind a brand account is the start of that.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::FIRST_PERSON;
use crate::text::Kind;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let tokens = ctx.tokens;
    let first_person = if ctx.toks.has_class(FIRST_PERSON) {
        tokens.iter().find(|t| t.is(FIRST_PERSON))
    } else {
        None
    };
    if let Some(t) = first_person {
        out.extend(ctx.code_hit(
            code_rule!("personal-voice.first-person"),
            Span::new(t.start as usize, t.end as usize),
        ));
    }
    if let Some(span) = signature(ctx) {
        out.extend(ctx.code_hit(code_rule!("personal-voice.signature"), span));
    }
}

/// "^JS", "-Sam", "– Ana K" closing the post: support teams sign replies.
fn signature(ctx: &Ctx<'_>) -> Option<Span> {
    let tokens = ctx.tokens;
    let n = tokens.len();
    if n < 3 {
        return None;
    }
    let mut end = n;
    while end > 0
        && matches!(
            tokens[end - 1].kind,
            Kind::Url | Kind::Emoji | Kind::Hashtag
        )
    {
        end -= 1;
    }
    for name_len in 1..=2 {
        if end < name_len + 1 {
            continue;
        }
        let names = &tokens[end - name_len..end];
        let mark = &tokens[end - name_len - 1];
        let mark_text = ctx.tok_text(mark);
        let is_mark =
            mark.kind == Kind::Punct && matches!(mark_text, "^" | "-" | "–" | "—" | "*" | "~");
        let initials = |w: &str| w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase());
        let capitalised =
            |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.len() <= 12;
        let name_ok = names.iter().all(|t| {
            t.kind == Kind::Word && (initials(ctx.tok_text(t)) || capitalised(ctx.tok_text(t)))
        });
        // "^" signs for sure; a dash must sit at a sentence end after some text.
        let dash_ok = mark_text == "^" || mark_text == "*" || end - name_len > 3;
        if is_mark
            && name_ok
            && dash_ok
            && (mark_text == "^" || names.iter().all(|t| ctx.tok_text(t).len() >= 2))
        {
            return Some(Span::new(
                mark.start as usize,
                names[name_len - 1].end as usize,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn first_person_and_signatures() {
        assert!(fires(
            "I spent the morning with our bakers.",
            "personal-voice.first-person"
        ));
        assert!(fires(
            "@ana We're on it and will update you soon ^JS",
            "personal-voice.signature"
        ));
        assert!(fires(
            "Thanks for your patience today -Sam",
            "personal-voice.signature"
        ));
        assert!(!fires("Open 9-5 every day", "personal-voice.signature"));
    }
}
