//! A cheap test for drafts the English lexicon cannot judge. Guessing on
//! other languages would produce confident nonsense, so the analyser says so
//! and stays quiet instead.

use crate::text::words::{ENGLISH, FOREIGN, OTHER_SCRIPT};
use crate::text::{Kind, Token};

/// True when the draft is mostly in another script, or reads as another
/// Latin-script language (its function words, few of ours).
pub(crate) fn is_unsupported(tokens: &[Token]) -> bool {
    let (mut words, mut other_script, mut english, mut foreign) = (0u32, 0u32, 0u32, 0u32);
    for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
        words += 1;
        other_script += t.is(OTHER_SCRIPT) as u32;
        english += t.is(ENGLISH) as u32;
        foreign += t.is(FOREIGN) as u32;
    }
    if words < 3 {
        return other_script > 0 && other_script == words;
    }
    other_script * 2 > words || (words - other_script >= 6 && foreign >= 2 && foreign > english * 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn unsupported(text: &str) -> bool {
        is_unsupported(&tokenize(text).tokens)
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
