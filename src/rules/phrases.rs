//! Data rules: phrases from the lexicon found with one Aho-Corasick pass,
//! then checked for word boundaries, their placeholder tail and position.

use super::{Candidate, Ctx, PostMarks};
use crate::language::Lang;
use crate::lexicon::{At, PhraseMeta, PhraseOwner, TailPart, WordTable};
use crate::span::Span;
use crate::text::{is_emoji_start, is_word_char, next_char, prev_char, Kind};

use unicode_segmentation::UnicodeSegmentation;

pub(crate) fn find(ctx: &Ctx<'_>, out: &mut Vec<Candidate>, marks: &mut PostMarks) {
    let set = ctx.lexicon.phrases();
    let words = ctx.lexicon.words.as_ref();
    let text = ctx.text;
    // The automaton folds ASCII case only; another language's capitals
    // ("ÚLTIMAS", "ÜBERRASCHUNG") are folded here, byte for byte, so that
    // offsets stay the text's.
    let folded = match words {
        Some(_) => fold_case(text),
        None => std::borrow::Cow::Borrowed(text),
    };
    let elision = ctx.lexicon.lang == Lang::Fr;
    set.dfa
        .for_each_match(folded.as_bytes(), |start, end, pattern| {
            let PhraseMeta {
                tail,
                owner,
                kind,
                lead_number,
            } = set.tails[pattern];
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return;
            }
            if !(boundary_before(text, start) || elision && after_elision(text, start))
                || !boundary_after(text, start, end)
            {
                return;
            }
            let Some(end) = match_tail(text, end, tail, words) else {
                return;
            };
            let start = if lead_number {
                match number_before(text, start, words) {
                    // "1 million followers": a scale word may follow a number.
                    Some(s) => number_before(text, s, words).unwrap_or(s),
                    None => return,
                }
            } else {
                start
            };
            match kind {
                PhraseOwner::Exemption => {
                    marks.exempt = true;
                    return;
                }
                PhraseOwner::Register => {
                    marks.formal += 1;
                    return;
                }
                PhraseOwner::Rule => {}
            }
            let rule = &ctx.lexicon.rules()[owner as usize];
            if !position_ok(ctx, rule.at, start, end) || !requirements_ok(ctx, rule.requires, start)
            {
                return;
            }
            out.push(Candidate::of(ctx.lexicon, owner, Span::new(start, end)));
        });
}

/// The text with every capital whose lowercase is one character of the same
/// length lowercased ("Ú" and "ú" are both two bytes), the rest as it is.
fn fold_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// French elides an article or pronoun into the next word ("l'offre",
/// "d'abonnés", "qu'on"): a phrase may start after it.
fn after_elision(text: &str, start: usize) -> bool {
    let before = &text.as_bytes()[..start];
    let rest = match before {
        [rest @ .., b'\''] => rest,
        [rest @ .., 0xE2, 0x80, 0x99] => rest,
        _ => return false,
    };
    // The elided word: the ASCII letters before the apostrophe.
    let letters = rest
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if rest.len() > letters && is_word_char(prev_char(text, rest.len() - letters)) {
        return false;
    }
    let word = rest[rest.len() - letters..].to_ascii_lowercase();
    matches!(
        &word[..],
        b"l" | b"d"
            | b"j"
            | b"m"
            | b"n"
            | b"s"
            | b"t"
            | b"c"
            | b"qu"
            | b"jusqu"
            | b"lorsqu"
            | b"puisqu"
    )
}

/// A phrase starts a word, and is not the inside of a hashtag or handle.
fn boundary_before(text: &str, start: usize) -> bool {
    if start == 0 {
        return true;
    }
    let c = prev_char(text, start);
    let first = next_char(text, start);
    if !is_word_char(first) {
        return true;
    }
    !(is_word_char(c)
        || c == '#'
        || c == '@'
        || c == '$'
        || c == '\''
        || c == '\u{2019}'
        || c == '-')
}

fn boundary_after(text: &str, start: usize, end: usize) -> bool {
    if end >= text.len() || end == start {
        return true;
    }
    let last = prev_char(text, end);
    if !is_word_char(last) {
        return true;
    }
    let c = next_char(text, end);
    // "follow us" must not match "follow used"; "buy now-" still ends a word.
    !(is_word_char(c)
        || ((c == '\'' || c == '\u{2019}')
            && end + 1 < text.len()
            && text.as_bytes()[end + 1].is_ascii_alphabetic()))
}

/// Matches the placeholder tail of a phrase after the literal prefix.
/// Returns the end of the whole match.
fn match_tail(
    text: &str,
    pos: usize,
    tail: &[TailPart],
    words: Option<&WordTable>,
) -> Option<usize> {
    let Some((part, rest)) = tail.split_first() else {
        return Some(pos);
    };
    let at = skip_space(text, pos);
    let glued = match part {
        TailPart::Literal(l) => !l.starts_with(|c: char| c.is_ascii_punctuation()),
        _ => false,
    };
    if glued && at == pos && pos < text.len() {
        // Two words need something between them.
        return None;
    }
    let end = match *part {
        TailPart::AnyWords => {
            // Zero to three words, shortest first, so the next literal decides.
            let mut cursor = pos;
            for _ in 0..4 {
                if let Some(end) = match_tail(text, cursor, rest, words) {
                    return Some(end);
                }
                let next = skip_space(text, cursor);
                cursor = word_end(text, next)?;
            }
            return None;
        }
        TailPart::Number => number_end(text, at, words)?,
        TailPart::Word => word_end(text, at)?,
        TailPart::Emoji => emoji_end(text, at)?,
        TailPart::Answer => answer_end(text, at, words)?,
        // The sentence ends here: "Which princess are you?" but not "Which
        // device are you using?".
        TailPart::End => {
            let ends = at >= text.len()
                || matches!(
                    next_char(text, at),
                    '?' | '!' | '.' | '\n' | ':' | ')' | '"'
                );
            if !ends {
                return None;
            }
            pos
        }
        TailPart::Literal(literal) => literal_end(text, at, literal)?,
    };
    match_tail(text, end, rest, words)
}

fn skip_space(text: &str, mut pos: usize) -> usize {
    while pos < text.len() {
        let c = next_char(text, pos);
        if !c.is_whitespace() {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn word_end(text: &str, pos: usize) -> Option<usize> {
    let mut end = pos;
    while end < text.len() {
        let c = next_char(text, end);
        if is_word_char(c) || ((c == '\'' || c == '\u{2019}' || c == '-') && end > pos) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    (end > pos).then_some(end)
}

const NUMBER_WORDS: [&str; 16] = [
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
    "fifty", "hundred", "thousand", "million",
];

fn number_end(text: &str, pos: usize, words: Option<&WordTable>) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = pos;
    if end < bytes.len() && (bytes[end] == b'$' || bytes[end] == b'#') {
        end += 1;
    }
    let digits_start = end;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit()
            || ((bytes[end] == b',' || bytes[end] == b'.')
                && end > digits_start
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()))
    {
        end += 1;
    }
    // Other languages group thousands with a space, often a no-break one
    // ("10 000", "10\u{202F}000").
    while words.is_some() && end > digits_start {
        let rest = &text[end..];
        let gap = [' ', '\u{a0}', '\u{202f}']
            .into_iter()
            .find(|g| rest.starts_with(*g))
            .map_or(0, char::len_utf8);
        let group = &rest.as_bytes()[gap.min(rest.len())..];
        if gap > 0
            && group.len() >= 3
            && group[..3].iter().all(u8::is_ascii_digit)
            && group.get(3).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            end += gap + 3;
        } else {
            break;
        }
    }
    if end > digits_start {
        // 10k, 1M, 50%, 100+
        if end < bytes.len() && matches!(bytes[end], b'k' | b'K' | b'm' | b'M' | b'%' | b'+') {
            end += 1;
        }
        return (end >= bytes.len() || !is_word_char(next_char(text, end))).then_some(end);
    }
    let word = word_end(text, pos)?;
    let w = &text[pos..word];
    match words {
        Some(table) => table.is_number_word(w),
        None => NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)),
    }
    .then_some(word)
}

/// The start of a number token that ends just before `pos` (a space between).
fn number_before(text: &str, pos: usize, words: Option<&WordTable>) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = pos;
    while end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    if end == pos {
        return None;
    }
    let mut start = end;
    while start > 0
        && (bytes[start - 1].is_ascii_alphanumeric()
            || matches!(bytes[start - 1], b',' | b'.' | b'+' | b'%' | b'$' | b'#'))
    {
        start -= 1;
    }
    if start == end || (start > 0 && is_word_char(prev_char(text, start))) {
        return None;
    }
    (number_end(text, start, words) == Some(end)).then_some(start)
}

fn emoji_end(text: &str, pos: usize) -> Option<usize> {
    if pos >= text.len() || !is_emoji_start(next_char(text, pos)) {
        return None;
    }
    text[pos..].graphemes(true).next().map(|g| pos + g.len())
}

/// The answer a comment-bait asks for: a quoted word, a word in capitals,
/// an emoji or a number.
fn answer_end(text: &str, pos: usize, words: Option<&WordTable>) -> Option<usize> {
    if pos >= text.len() {
        return None;
    }
    let c = next_char(text, pos);
    // Quotes as each language writes them: "…", ‘…’, “…”, «…», „…“, »…«.
    if matches!(
        c,
        '"' | '\'' | '\u{2018}' | '\u{201C}' | '\u{AB}' | '\u{201E}' | '\u{BB}' | '\u{2039}'
    ) {
        let inner = pos + c.len_utf8();
        let close = text[inner..].char_indices().take(24).find(|(_, ch)| {
            matches!(
                ch,
                '"' | '\''
                    | '\u{2019}'
                    | '\u{201D}'
                    | '\u{BB}'
                    | '\u{201C}'
                    | '\u{AB}'
                    | '\u{203A}'
            )
        })?;
        return (close.0 > 0).then_some(inner + close.0 + close.1.len_utf8());
    }
    if let Some(end) = emoji_end(text, pos) {
        return Some(end);
    }
    if let Some(end) = number_end(text, pos, words) {
        if text.as_bytes()[pos].is_ascii_digit() {
            return Some(end);
        }
    }
    let end = word_end(text, pos)?;
    crate::text::is_all_caps(&text[pos..end]).then_some(end)
}

fn literal_end(text: &str, pos: usize, literal: &str) -> Option<usize> {
    let end = pos + literal.len();
    if end > text.len() || !text.is_char_boundary(end) {
        return None;
    }
    let segment = &text[pos..end];
    let same = segment.eq_ignore_ascii_case(literal)
        || (!segment.is_ascii() && {
            let mut lower = String::new();
            crate::text::lower_into(segment, &mut lower);
            lower == literal
        });
    if !same {
        return None;
    }
    boundary_after(text, pos, end).then_some(end)
}

fn position_ok(ctx: &Ctx<'_>, at: At, start: usize, end: usize) -> bool {
    match at {
        At::Any => true,
        At::Start => {
            let Some(i) = ctx.token_at(start) else {
                return false;
            };
            let s = ctx.tokens[i].sentence;
            // Only mentions, emoji or hashtags may come before it in the sentence.
            ctx.tokens[..i]
                .iter()
                .rev()
                .take_while(|t| t.sentence == s)
                .all(|t| {
                    matches!(
                        t.kind,
                        Kind::Mention | Kind::Emoji | Kind::Hashtag | Kind::Punct
                    )
                })
        }
        At::WholeSentence => {
            let Some(i) = ctx.token_at(start) else {
                return false;
            };
            let s = ctx.tokens[i].sentence;
            let filler = |t: &&crate::text::Token| {
                matches!(
                    t.kind,
                    Kind::Mention
                        | Kind::Emoji
                        | Kind::Hashtag
                        | Kind::Url
                        | Kind::Punct
                        | Kind::Bang
                )
            };
            let before_ok = ctx.tokens[..i]
                .iter()
                .rev()
                .take_while(|t| t.sentence == s)
                .all(|t| filler(&t));
            let j = ctx.token_index_after(end.saturating_sub(1));
            let after_ok = ctx.tokens[(j + 1).min(ctx.tokens.len())..]
                .iter()
                .take_while(|t| t.sentence == s)
                .all(|t| filler(&t));
            before_ok && after_ok
        }
    }
}

fn requirements_ok(ctx: &Ctx<'_>, requires: &[&str], start: usize) -> bool {
    requires.iter().all(|r| {
        let Some(i) = ctx
            .token_at(start)
            .or_else(|| Some(ctx.token_index_after(start)))
        else {
            return false;
        };
        let Some(tok) = ctx.tokens.get(i) else {
            return false;
        };
        let s = tok.sentence;
        match *r {
            // The subject sits close before its claim: "Our router is the
            // fastest", not "we had the who-eats-the-carrot-fastest contest".
            "we-subject" => ctx.tokens[..i]
                .iter()
                .rev()
                .take_while(|t| t.sentence == s)
                .take(5)
                .any(|t| ctx.is_we(t)),
            "question" => sentence_is_question(ctx, s),
            "not-question" => !sentence_is_question(ctx, s),
            "link" => ctx.stats.links > 0,
            // Without a link or the brand, "check it out" recommends someone
            // else's work, which is not an ask for the brand.
            "link-or-we" => {
                ctx.stats.links > 0 || ctx.stats.we_words > 0 || !ctx.brand_spans.is_empty()
            }
            // News reports awards and records too ("Gorillaz nominated for 5
            // Grammys"); a brand's post about itself carries a link, a tag,
            // a handle, "we" or the brand's name.
            "brand-context" => {
                ctx.stats.links + ctx.stats.hashtags + ctx.stats.mentions + ctx.stats.we_words > 0
                    || !ctx.brand_spans.is_empty()
            }
            // "We want you to have the best experience" wishes, it does not boast.
            "claim" => !ctx.tokens[..i]
                .iter()
                .rev()
                .take_while(|t| t.sentence == s)
                .take(4)
                .any(|t| {
                    t.kind == Kind::Word
                        && ASPIRATION
                            .iter()
                            .any(|a| crate::text::eq_fold(ctx.tok_text(t), a))
                }),
            "imperative" => {
                i == 0 || {
                    let prev = &ctx.tokens[i - 1];
                    prev.sentence != s
                        || prev.kind != Kind::Word
                        || !is_subject_or_auxiliary(ctx.tok_text(prev))
                }
            }
            _ => false,
        }
    })
}

const ASPIRATION: [&str; 14] = [
    "want", "wants", "provide", "offer", "give", "deserve", "deserves", "get", "have", "do", "try",
    "strive", "striving", "wish",
];

fn sentence_is_question(ctx: &Ctx<'_>, sentence: u32) -> bool {
    // Sentence numbers are dense: every number has at least one token.
    ctx.toks
        .sentences
        .get(sentence as usize)
        .is_some_and(|x| x.question)
}

/// Words after which a verb is a statement, not an ask: "I'd like this to",
/// "we share your concern", "want to check it out".
fn is_subject_or_auxiliary(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "i", "we", "you", "they", "he", "she", "it", "who", "would", "could", "should", "will",
        "can", "might", "must", "to", "did", "didn't", "really", "also", "just", "not", "never",
        "always", "people", "don't", "cannot", "can't", "may", "all", "let", "let's", "lets",
        "gonna", "wanna", "want", "need", "going", "the",
    ];
    const CONTRACTIONS: [&str; 5] = ["d", "ll", "m", "re", "ve"];
    if WORDS.iter().any(|w| crate::text::eq_fold(word, w)) {
        return true;
    }
    // "I'd", "we'll": a pronoun with its auxiliary.
    let Some(apostrophe) = word.rfind(['\'', '\u{2019}']) else {
        return false;
    };
    let ending = word[apostrophe..].trim_start_matches(['\'', '\u{2019}']);
    apostrophe > 0 && CONTRACTIONS.iter().any(|c| ending.eq_ignore_ascii_case(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_placeholders_match_numbers_answers_and_words() {
        use TailPart::{Answer, AnyWords, Literal, Number};
        let t = "tag 3 friends now";
        assert_eq!(
            match_tail(t, 3, &[Number, Literal("friends")], None),
            Some(13)
        );
        let t = "comment 'TGIF' below";
        assert_eq!(match_tail(t, 7, &[Answer], None), Some(14));
        let t = "comment YES if";
        assert_eq!(match_tail(t, 7, &[Answer, Literal("if")], None), Some(14));
        assert_eq!(
            match_tail("comment yes if", 7, &[Answer, Literal("if")], None),
            None
        );
        let t = "tag a friend who";
        assert_eq!(
            match_tail(t, 3, &[AnyWords, Literal("friend")], None),
            Some(12)
        );
    }

    #[test]
    fn words_inside_hashtags_and_longer_words_do_not_match() {
        assert!(!boundary_before("#buynow", 1));
        assert!(!boundary_after("follow used", 0, 9));
        assert!(boundary_after("follow us!", 0, 9));
    }
}
