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
        let wh = WH_OPENERS.iter().any(|o| eq_fold(first, o));
        let asks_for_us = wh && tokens.iter().any(|t| t.is(WE));
        // "What would make matchdays better for families?" asks the reader's
        // view without saying "you"; so does "Anyone with local knowledge…?".
        let asks_a_view =
            wh && words().any(|w| ["would", "should", "could"].iter().any(|m| eq_fold(w, m)));
        let asks_anyone = ["anyone", "anybody"].iter().any(|a| eq_fold(first, a));
        if !(mentions_you || asks_for_us || asks_a_view || asks_anyone) {
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
            out.extend(ctx.code_hit(rule, span));
        }
    }
    // A question followed by a sale is a hook, not an invitation ("Tired of
    // slow Wi-Fi? Switch today and save 20%"). A real question after the
    // sale, or well apart from it, still asks.
    let sales: Vec<usize> = out[..hits_before]
        .iter()
        .filter(|c| matches!(c.cue(), crate::analysis::Cue::HardSell))
        .map(|c| c.span.start())
        .collect();
    if !sales.is_empty() {
        // The questions are the candidates this rule pushed, after `hits_before`.
        let mut k = 0;
        out.retain(|c| {
            k += 1;
            k <= hits_before || !is_hook(c.span, &sales)
        });
    }
}

/// A question whose sale comes right after it (within a few sentences).
fn is_hook(question: Span, sales: &[usize]) -> bool {
    const HOOK_REACH: usize = 240;
    sales
        .iter()
        .any(|&s| s >= question.end() && s - question.end() <= HOOK_REACH)
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
        assert!(fires(
            "What would make matchdays better for families?",
            "open-question.genuine"
        ));
        assert!(fires(
            "Anyone with local knowledge of Bradford or Halifax?",
            "open-question.genuine"
        ));
    }

    #[test]
    fn a_question_before_a_sale_is_a_hook_one_after_it_still_asks() {
        assert!(!fires(
            "Is your loft cold every winter? Shop now, this week only: 20% off.",
            "open-question.genuine"
        ));
        assert!(fires(
            "Our SPF 50 is 20% off this weekend. Also, we're working on a tinted version: what's the one shade range brands always get wrong for you?",
            "open-question.genuine"
        ));
    }
}
