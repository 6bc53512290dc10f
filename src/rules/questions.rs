//! Open questions: a question the reader can answer from their own
//! experience. A question is not connection by default: a sales hook ("Are
//! you tired of…?"), a rhetorical teaser or a one-word prompt is not asking.

use super::{Candidate, Ctx};
use crate::lexicon::code_rule;
use crate::span::Span;
use crate::text::words::{WE, YOU};
use crate::text::{eq_fold, Kind};

const WH_OPENERS: [&str; 9] = [
    "what", "what's", "how", "which", "who", "where", "when", "why", "should",
];

/// Openers of questions that sell, tease or answer themselves.
const NOT_ASKING: [&[&str]; 14] = [
    &["are", "you", "tired"],
    &["are", "you", "sick"],
    &["are", "you", "ready"],
    &["are", "you", "looking"],
    &["are", "you", "struggling"],
    &["do", "you", "want"],
    &["do", "you", "need"],
    &["do", "you", "wish"],
    &["did", "you", "know"],
    &["can", "you", "believe"],
    &["can", "you", "guess"],
    &["tired", "of"],
    &["want", "to"],
    &["what", "if"],
];

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let rule = code_rule!("open-question.genuine");
    let hits_before = out.len();
    // Bait spans sorted by start, so each question looks only at its own.
    let mut bait: Vec<Span> = Vec::new();
    let mut bait_sorted = false;
    for s in &ctx.toks.sentences {
        if !s.question {
            continue;
        }
        let tokens = &ctx.tokens[s.first as usize..s.last as usize];
        let words = || {
            tokens
                .iter()
                .filter(|t| t.kind == Kind::Word)
                .map(|t| ctx.tok_text(t))
        };
        let Some(first) = words().next() else {
            continue;
        };
        if words().nth(3).is_none() {
            continue;
        }
        let opens_with = |seq: &[&str]| {
            let mut w = words();
            seq.iter().all(|a| w.next().is_some_and(|b| eq_fold(b, a)))
        };
        if NOT_ASKING.iter().any(|seq| opens_with(seq)) {
            continue;
        }
        // Asking means asking someone: "you", or a wh-question about what
        // "we" should do ("Which should we make next?"). A wh-question with
        // neither is usually rhetorical or a headline ("What made it possible?").
        let mentions_you = tokens.iter().any(|t| t.is(YOU));
        let asks_for_us =
            WH_OPENERS.iter().any(|o| eq_fold(first, o)) && tokens.iter().any(|t| t.is(WE));
        if !(mentions_you || asks_for_us) {
            continue;
        }
        let span = Span::new(s.start as usize, s.end as usize);
        if !bait_sorted {
            bait.extend(
                out[..hits_before]
                    .iter()
                    .filter(|c| c.cue().is_bait())
                    .map(|c| c.span),
            );
            bait.sort_unstable();
            bait_sorted = true;
        }
        // A bait prompt or clickbait hook inside the question decides it.
        // Bait spans are short, so those starting well before cannot reach in.
        let from = bait.partition_point(|b| b.start() + 512 < span.start());
        let baited = bait[from..]
            .iter()
            .take_while(|b| b.start() < span.end())
            .any(|b| b.overlaps(&span));
        if !baited {
            out.push(Candidate::lexicon(rule, span));
        }
    }
    // A question in a post that then sells is a hook, not an invitation.
    let sells = out[..hits_before]
        .iter()
        .any(|c| matches!(c.cue(), crate::analysis::Cue::HardSell));
    if sells {
        out.truncate(hits_before);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn genuine_questions_count_sales_hooks_do_not() {
        assert!(fires(
            "What's the one tool you can't work without?",
            "open-question.genuine"
        ));
        assert!(fires(
            "How do you handle feedback from your team?",
            "open-question.genuine"
        ));
        assert!(!fires(
            "Are you tired of slow Wi-Fi? Buy now and save 20%.",
            "open-question.genuine"
        ));
        assert!(!fires(
            "Did you know coffee is a fruit?",
            "open-question.genuine"
        ));
        assert!(!fires("Agree?", "open-question.genuine"));
        assert!(fires(
            "Which flavour should we make next?",
            "open-question.genuine"
        ));
        assert!(!fires(
            "What made the project possible?",
            "open-question.genuine"
        ));
    }
}
