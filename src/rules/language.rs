//! A cheap test for drafts the English lexicon cannot judge. Guessing on
//! other languages would produce confident nonsense, so the analyser says so
//! and stays quiet instead.

use crate::text::words::{ENGLISH, FOREIGN, OTHER_SCRIPT};
use crate::text::Token;

/// Word counts the language test needs. Gathered in the analyser's stats pass
/// over the tokens (`add`), so that judging the language costs no pass of its
/// own.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    words: u32,
    other_script: u32,
    english: u32,
    foreign: u32,
}

impl Counts {
    /// Counts one word token.
    #[inline]
    pub fn add_word(&mut self, t: &Token) {
        self.words += 1;
        self.other_script += t.is(OTHER_SCRIPT) as u32;
        self.english += t.is(ENGLISH) as u32;
        self.foreign += t.is(FOREIGN) as u32;
    }

    /// Whether the draft may be in another language: worth asking the
    /// language detector (`crate::language`), which costs more than this
    /// count. An English draft with a "café de la rue" is asked too and
    /// comes back English.
    pub fn may_be_foreign(&self, text: &str) -> bool {
        // A page of English quoting "de la" or a café is not asked about.
        // Nor is a short English post with no function word ("Great game
        // tonight!!"): another language shows its words or its letters.
        self.is_unsupported()
            || (self.foreign >= 1 && self.foreign * 3 >= self.english)
            || (self.english * 4 < self.words && !text.is_ascii())
    }

    /// True when the draft is mostly in another script, or reads as another
    /// Latin-script language (its function words, few of ours).
    pub fn is_unsupported(&self) -> bool {
        let Counts {
            words,
            other_script,
            english,
            foreign,
            ..
        } = *self;
        if words < 3 {
            return other_script > 0 && other_script == words;
        }
        other_script * 2 > words
            || (words - other_script >= 6 && foreign >= 2 && foreign > english * 2)
    }
}

#[cfg(test)]
pub(crate) fn is_unsupported(tokens: &[Token]) -> bool {
    let mut counts = Counts::default();
    for t in tokens.iter().filter(|t| t.kind == crate::text::Kind::Word) {
        counts.add_word(t);
    }
    counts.is_unsupported()
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
