//! A cheap test for drafts the English lexicon cannot judge. Guessing on
//! other languages would produce confident nonsense, so the analyser says so
//! and stays quiet instead.

use crate::text::{Kind, Token};

const ENGLISH: [&str; 40] = [
    "the", "a", "an", "and", "or", "to", "of", "in", "on", "for", "with", "is", "are", "was", "be",
    "it", "this", "that", "you", "your", "we", "our", "i", "my", "me", "at", "from", "by", "not",
    "have", "has", "will", "can", "do", "just", "so", "what", "how", "all", "get",
];

const OTHER: [&str; 40] = [
    "de", "la", "el", "que", "y", "los", "las", "del", "por", "para", "con", "una", "et", "les",
    "des", "est", "pour", "avec", "une", "der", "die", "und", "das", "ist", "nicht", "mit", "ein",
    "il", "di", "che", "per", "sono", "della", "não", "com", "em", "um", "uma", "het", "een",
];

/// True when the draft is mostly in another script, or reads as another
/// Latin-script language (its function words, none of ours).
pub(crate) fn is_unsupported(text: &str, tokens: &[Token]) -> bool {
    let mut latin = 0u32;
    let mut other_script = 0u32;
    let mut english = 0u32;
    let mut foreign = 0u32;
    for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
        let w = t.text(text);
        let first = w.chars().next().unwrap_or(' ');
        if first.is_ascii_alphabetic() || matches!(first, 'À'..='ɏ') {
            latin += 1;
        } else if first.is_alphabetic() {
            other_script += 1;
            continue;
        }
        if ENGLISH.iter().any(|e| e.eq_ignore_ascii_case(w)) {
            english += 1;
        } else if OTHER
            .iter()
            .any(|o| w.eq_ignore_ascii_case(o) || w.to_lowercase() == *o)
        {
            foreign += 1;
        }
    }
    let words = latin + other_script;
    if words < 3 {
        return other_script > 0 && latin == 0;
    }
    if other_script * 2 > words {
        return true;
    }
    latin >= 6 && foreign >= 2 && foreign > english * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn unsupported(text: &str) -> bool {
        is_unsupported(text, &tokenize(text).tokens)
    }

    #[test]
    fn english_is_supported_other_languages_are_not() {
        assert!(!unsupported(
            "Thanks for the kind words, we love hearing from you!"
        ));
        assert!(!unsupported("Yay. Another good phone interview."));
        assert!(unsupported("Hoy lanzamos la nueva colección de primavera para toda la familia con los mejores precios"));
        assert!(unsupported(
            "Wir freuen uns, die neue Kollektion mit dem Team vorzustellen und das ist toll"
        ));
        assert!(unsupported("新しいコレクションを発表しました"));
        assert!(unsupported("Мы рады представить нашу новую коллекцию"));
    }

    #[test]
    fn one_foreign_word_does_not_make_a_post_foreign() {
        assert!(!unsupported(
            "Our new café de la rue opens today for all of you in Paris"
        ));
    }
}
