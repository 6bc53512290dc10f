//! Which language a draft is written in (issue 15): English, Spanish,
//! Portuguese, French, German, or none of them. Each sentence is judged by
//! its words (`lexicon/<lang>/words.toml`: function words, those frequent
//! in one language and rare in its neighbours, which count double, and the
//! words a post asks, thanks and talks to the reader with) and by letters
//! only some languages write; the draft is in the language most of its
//! judged words are in, so a Spanish post with an English tagline or
//! hashtags is Spanish. Hashtags, mentions and links are other kinds of
//! token, nobody's words. The analyser reads a draft in the language found
//! (DESIGN.md, "Languages").

use crate::span::Span;

#[cfg(not(feature = "external-lexicon"))]
mod words {
    include!(concat!(env!("OUT_DIR"), "/language_words.rs"));
}

/// A language the analyser may read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
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

    /// The language's English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Pt => "Portuguese",
            Lang::Fr => "French",
            Lang::De => "German",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The other languages' evidence: words, sorted, and per word its score
/// for Spanish, Portuguese, French and German, 3 bits each (build.rs's
/// `language_words`).
type Evidence = (&'static [&'static str], &'static [u32]);

#[cfg(not(feature = "external-lexicon"))]
fn evidence() -> Evidence {
    (words::DETECT_WORDS, words::DETECT_SCORES)
}

/// The extension's analyser leaves the table out (its size budget); it
/// comes with the English lexicon's data, `install_evidence`.
#[cfg(feature = "external-lexicon")]
static INSTALLED: std::sync::OnceLock<Evidence> = std::sync::OnceLock::new();

#[cfg(feature = "external-lexicon")]
fn evidence() -> Evidence {
    INSTALLED.get().copied().unwrap_or((&[], &[]))
}

/// Installs the other languages' evidence (`pkg/lexicon.json`'s
/// `languages`: the words joined by spaces, and their scores). Builds with
/// the table built in keep theirs; a table whose parts differ in length is
/// refused.
pub fn install_evidence(words: &str, scores: Vec<u32>) -> bool {
    let words: Vec<&'static str> = Box::leak(words.to_string().into_boxed_str())
        .split(' ')
        .collect();
    if words.len() != scores.len() {
        return false;
    }
    #[cfg(feature = "external-lexicon")]
    let _ = INSTALLED.set((
        Box::leak(words.into_boxed_slice()),
        Box::leak(scores.into_boxed_slice()),
    ));
    true
}

/// The evidence table as `install_evidence` takes it, for the lexicon file
/// (`lexicon::export_json`).
#[cfg(not(feature = "external-lexicon"))]
pub fn evidence_table() -> (String, &'static [u32]) {
    let (words, scores) = evidence();
    (words.join(" "), scores)
}

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

/// A word's evidence for each language, in `Lang::ALL` order, and for the
/// unread ones (bits 15-17 of the table); an elided French or Portuguese
/// word ("l'offre") also gives its article's.
fn scores(word: &str) -> ([u32; Lang::ALL.len()], u32) {
    let mut s = [0; Lang::ALL.len()];
    let mut unread = 0;
    let mut add = |w: &str| {
        let (words, bits) = evidence();
        if let Ok(i) = words.binary_search(&w) {
            for (l, score) in s.iter_mut().enumerate() {
                *score += bits[i] >> (3 * l) & 7;
            }
            unread += bits[i] >> 15 & 7;
        }
    };
    add(word);
    if let Some(cut) = word.find('\'') {
        if cut + 1 < word.len() {
            add(&word[..=cut]);
        }
    }
    (s, unread)
}

/// Letters and marks only some of the languages write: "¿" and "ñ" are
/// Spanish, "ã" Portuguese, "ß" German, "œ" French. Each counts once a
/// sentence, as a function word does.
fn letters(sentence: &str, scores: &mut [u32; Lang::ALL.len()]) {
    if sentence.is_ascii() {
        return;
    }
    let mut seen = [false; Lang::ALL.len()];
    for c in sentence.chars() {
        let langs: &[Lang] = match c {
            '¿' | '¡' | 'ñ' | 'Ñ' => &[Lang::Es],
            'ã' | 'õ' | 'Ã' | 'Õ' => &[Lang::Pt],
            'ß' | 'ä' | 'ö' | 'Ä' | 'Ö' => &[Lang::De],
            'è' | 'ù' | 'œ' | 'î' | 'ë' | 'È' | 'Œ' => &[Lang::Fr],
            'ç' | 'Ç' => &[Lang::Pt, Lang::Fr],
            'ê' | 'â' | 'ô' | 'Ê' => &[Lang::Pt, Lang::Fr],
            _ => &[],
        };
        for l in langs {
            let i = Lang::ALL.iter().position(|x| x == l).unwrap();
            if !seen[i] {
                seen[i] = true;
                scores[i] += 1;
            }
        }
    }
}

/// The language with clear evidence in `scores`: enough of it, and more than the runner-up's.
fn leader(scores: &[u32; Lang::ALL.len()], margin: (u32, u32)) -> Option<usize> {
    // The first of the highest, and the highest of the rest.
    let mut at = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[at] {
            at = i;
        }
    }
    let best = scores[at];
    let second = (0..scores.len())
        .filter(|i| *i != at)
        .map(|i| scores[i])
        .max()
        .unwrap_or(0);
    (best >= MIN_SCORE && best * margin.1 > second * margin.0).then_some(at)
}

/// Detects the language of `text`: the draft's from the evidence of all its
/// words (neighbouring languages share many function words, and a short
/// sentence may hold too few to tell them apart), and each sentence's that
/// has clear evidence of its own.
pub fn detect(text: &str) -> Detected {
    detect_for(text, None)
}

/// Detects the language of a draft by a writer who usually writes in
/// `usual`: where the evidence leaves their language close behind the
/// leader (two thirds of its score or more), a draft is read in theirs.
/// Portuguese and Spanish share most of their short words, and a
/// Portuguese writer's "Somos a melhor padaria da cidade" is Portuguese.
pub fn detect_for(text: &str, usual: Option<Lang>) -> Detected {
    detect_tokens(text, &crate::text::tokenize(text), usual)
}

/// `detect_for` over the analyser's tokens: its words (hashtags, mentions
/// and links are other kinds of token) and its sentences.
pub(crate) fn detect_tokens(
    text: &str,
    toks: &crate::text::Tokens,
    usual: Option<Lang>,
) -> Detected {
    let mut total = [0u32; Lang::ALL.len()];
    // Per language, the words it knows; and all the words.
    let mut known = [0u32; Lang::ALL.len()];
    let mut words = 0;
    let mut judged = Vec::new();
    let mut lower = String::new();
    // Evidence of the languages nearest to these that Rapport does not read.
    let mut unread = 0;
    for sentence in &toks.sentences {
        let mut scores = [0u32; Lang::ALL.len()];
        let tokens = &toks.tokens[sentence.first as usize..sentence.last as usize];
        for t in tokens.iter().filter(|t| t.kind == crate::text::Kind::Word) {
            crate::text::lower_into(t.text(text), &mut lower);
            words += 1;
            let (word_scores, word_unread) = self::scores(&lower);
            unread += word_unread;
            for (i, s) in word_scores.into_iter().enumerate() {
                scores[i] += s;
                known[i] += u32::from(s > 0);
            }
        }
        let span = Span::new(sentence.start as usize, sentence.end as usize);
        letters(span.slice(text), &mut scores);
        for (t, s) in total.iter_mut().zip(scores) {
            *t += s;
        }
        // A sentence of its own language needs half as much again as the runner-up.
        if let Some(at) = leader(&scores, (3, 2)) {
            judged.push((span, Lang::ALL[at]));
        }
    }
    // A language whose words are under a quarter of a longer draft's is
    // a neighbour's (Italian shares "la", "con", "per" with Spanish), not it.
    let enough = |i: usize| i == Lang::En as usize || words < 8 || known[i] * 4 >= words;
    let mut lang = leader(&total, (1, 1))
        .filter(|i| enough(*i) && total[*i] > unread)
        .map(|i| Lang::ALL[i]);
    if let Some(u) = usual {
        let at = u as usize;
        let best = total.iter().copied().max().unwrap_or(0);
        if total[at] >= MIN_SCORE && total[at] * 3 >= best * 2 && enough(at) {
            lang = Some(u);
        }
    }
    Detected {
        lang,
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
