//! Which language a draft is written in (issue 15): English, Spanish,
//! Portuguese, French, German, or none of them. Each sentence is judged by
//! its function words (`lexicon/<lang>/words.toml`: the common ones, and
//! those frequent in one language and rare in its neighbours, which count
//! double); the draft is in the language most of its judged words are in,
//! so a Spanish post with an English tagline or hashtags is Spanish.
//! Hashtags, mentions and links are nobody's words.
//!
//! Not used by the analyser yet: it reads English only until the other
//! languages' lexicons are loaded (DESIGN.md, issue 15's closing notes).

use crate::span::Span;

mod words {
    include!(concat!(env!("OUT_DIR"), "/language_words.rs"));
}

/// A language the analyser may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    En,
    Es,
    Pt,
    Fr,
    De,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::Pt, Lang::Fr, Lang::De];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    fn words(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Lang::En => (ENGLISH, ENGLISH_DISTINCTIVE),
            Lang::Es => (words::ES_FUNCTION_WORDS, words::ES_DISTINCTIVE),
            Lang::Pt => (words::PT_FUNCTION_WORDS, words::PT_DISTINCTIVE),
            Lang::Fr => (words::FR_FUNCTION_WORDS, words::FR_DISTINCTIVE),
            Lang::De => (words::DE_FUNCTION_WORDS, words::DE_DISTINCTIVE),
        }
    }
}

/// English function words (the other languages' are data beside their lexicons).
const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from",
    "by", "about", "as", "into", "over", "after", "before", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could",
    "should", "may", "might", "must", "it", "its", "this", "that", "these", "those", "there",
    "here", "we", "our", "us", "you", "your", "they", "their", "them", "he", "his", "she", "her",
    "i", "my", "me", "what", "which", "who", "when", "where", "why", "how", "not", "no", "all",
    "some", "any", "more", "most", "just", "so", "if", "than", "then", "too", "very", "also", "up",
    "out", "off", "only", "every", "each", "new", "today", "now",
];
/// Words frequent in English and rare in the other four.
const ENGLISH_DISTINCTIVE: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "was", "were", "with", "you", "your", "we're", "we've",
    "it's", "don't", "that", "this", "what", "which", "have", "has", "will", "would", "our",
    "they", "their", "just", "been", "from", "about", "thanks", "who", "how", "why",
];

/// Below this evidence a sentence is nobody's.
const MIN_SCORE: u32 = 2;

/// What the detector found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The draft's language; None when no sentence had enough evidence, or
    /// when most judged words are of no language the analyser reads.
    pub lang: Option<Lang>,
    /// Each sentence judged, with its language.
    pub sentences: Vec<(Span, Lang)>,
}

/// The words of a sentence as the detector sees them: lowercase, hashtags,
/// mentions and links left out; an elided French or Portuguese word also
/// gives its article ("l'", "qu'", "d'").
fn words_of(sentence: &str) -> impl Iterator<Item = String> + '_ {
    sentence
        .split(|c: char| c.is_whitespace() || "¿¡!?.,:;\"«»„“”()[]…/–—".contains(c))
        .filter(|w| {
            !(w.starts_with('#')
                || w.starts_with('@')
                || w.contains("://")
                || w.starts_with("www."))
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
}

fn score(word: &str, lang: Lang) -> u32 {
    let (common, distinctive) = lang.words();
    let mut s = 0;
    let mut check = |w: &str| {
        s += u32::from(common.contains(&w)) + 2 * u32::from(distinctive.contains(&w));
    };
    check(word);
    if let Some(cut) = word.find('\'') {
        if cut + 1 < word.len() {
            check(&word[..=cut]);
        }
    }
    s
}

/// The byte spans of `text`'s sentences: cut after . ! ? and at line breaks.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end_here = c == '\n'
            || (matches!(c, '.' | '!' | '?' | '…')
                && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()));
        if end_here {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push(Span::within(text, start, end).expect("char boundaries"));
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(Span::within(text, start, text.len()).expect("char boundaries"));
    }
    out
}

/// The language with clear evidence in `scores`: enough of it, and more than the runner-up's.
fn leader(scores: &[u32; Lang::ALL.len()], margin: (u32, u32)) -> Option<usize> {
    let mut ranked: Vec<(u32, usize)> = scores.iter().copied().zip(0..).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let ((best, at), second) = (ranked[0], ranked[1].0);
    (best >= MIN_SCORE && best * margin.1 > second * margin.0).then_some(at)
}

/// Detects the language of `text`: the draft's from the evidence of all its
/// words (neighbouring languages share many function words, and a short
/// sentence may hold too few to tell them apart), and each sentence's that
/// has clear evidence of its own.
pub fn detect(text: &str) -> Detected {
    let mut total = [0u32; Lang::ALL.len()];
    let mut judged = Vec::new();
    for span in sentences(text) {
        let mut scores = [0u32; Lang::ALL.len()];
        for w in words_of(span.slice(text)) {
            for (i, lang) in Lang::ALL.into_iter().enumerate() {
                scores[i] += score(&w, lang);
            }
        }
        for (t, s) in total.iter_mut().zip(scores) {
            *t += s;
        }
        // A sentence of its own language needs half as much again as the runner-up.
        if let Some(at) = leader(&scores, (3, 2)) {
            judged.push((span, Lang::ALL[at]));
        }
    }
    Detected {
        lang: leader(&total, (1, 1)).map(|i| Lang::ALL[i]),
        sentences: judged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(text: &str) -> Option<Lang> {
        detect(text).lang
    }

    #[test]
    fn each_language_by_its_function_words() {
        for (text, want) in [
            ("Thanks to everyone who came to the market this weekend. What should we bring next time?", Lang::En),
            ("Gracias a todos los que vinieron al mercado este fin de semana. ¿Qué traemos la próxima vez?", Lang::Es),
            ("Obrigado a todos que vieram à feira neste fim de semana. O que vocês querem que a gente traga da próxima vez?", Lang::Pt),
            ("Merci à tous ceux qui sont venus au marché ce week-end. Qu'est-ce qu'on apporte la prochaine fois ?", Lang::Fr),
            ("Danke an alle, die am Wochenende auf dem Markt waren. Was sollen wir nächstes Mal mitbringen?", Lang::De),
        ] {
            assert_eq!(lang(text), Some(want), "{text}");
        }
    }

    #[test]
    fn a_spanish_post_with_an_english_tagline_and_hashtags_is_spanish() {
        let text = "¡Gracias a todas las personas que vinieron a la feria del libro! Nos vemos el año que viene.\nJust do it. #bookfair #readmore";
        let d = detect(text);
        assert_eq!(d.lang, Some(Lang::Es));
        assert!(
            d.sentences.iter().any(|(_, l)| *l == Lang::En),
            "the tagline is judged English on its own"
        );
    }

    #[test]
    fn elisions_count_for_their_article() {
        assert_eq!(
            lang("L'offre s'arrête ce soir, c'est la dernière chance qu'on vous propose."),
            Some(Lang::Fr)
        );
    }

    #[test]
    fn too_little_evidence_is_nobodys() {
        assert_eq!(lang("🔥🔥🔥 #sale"), None);
        assert_eq!(lang("Ok"), None);
        assert_eq!(lang(""), None);
    }

    /// The annotated drafts (`../shared/corpora/annotated-drafts-dev.jsonl`)
    /// carry their language: each language's drafts are told apart.
    #[test]
    fn annotated_drafts_are_detected_in_their_language() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/annotated-drafts-dev.jsonl");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let mut seen = std::collections::BTreeMap::<String, (u32, u32)>::new();
        let mut wrong = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let want = row["lang"].as_str().unwrap().to_string();
            let got = lang(row["text"].as_str().unwrap()).map(Lang::code);
            let entry = seen.entry(want.clone()).or_default();
            entry.1 += 1;
            if got == Some(want.as_str()) {
                entry.0 += 1;
            } else {
                wrong.push(format!("{} {want} -> {got:?}", row["id"]));
            }
        }
        for (lang, (right, all)) in &seen {
            let share = f64::from(*right) / f64::from(*all);
            eprintln!("{lang}: {right} of {all} detected");
            assert!(share >= 0.95, "{lang}: {right} of {all}; {wrong:?}");
        }
    }
}
