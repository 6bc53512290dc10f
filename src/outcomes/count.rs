//! Counts as the sites print them: "1,234", "1.234", "1 234", "1.2K",
//! "12 k", "1,2 mil", "3,5 Mio.", "1.2万", and the sentences of their
//! accessible labels ("12 replies, 3 reposts, 40 likes", "Me gusta: 1,2 mil",
//! "Gefällt 12 Mal", "1234件のいいね"), in the UI languages the site adapters
//! support (English, Spanish, Portuguese, French, German, Japanese).

/// What a count counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Metric {
    /// Replies, comments.
    Replies,
    /// Reposts, retweets, shares, boosts.
    Reposts,
    /// Likes, reactions, favourites.
    Likes,
    /// Views, impressions.
    Views,
}

/// Multipliers the sites print after a number, lower-cased, longest first
/// where one is the start of another ("mill" before "mil", "mio" before "mi").
const MULTIPLIERS: &[(&str, u64)] = &[
    ("millones", 1_000_000),
    ("millón", 1_000_000),
    ("mrd", 1_000_000_000),
    ("mill", 1_000_000),
    ("mio", 1_000_000),
    ("tsd", 1_000),
    ("mil", 1_000),
    ("mi", 1_000_000),
    ("mn", 1_000_000),
    ("bn", 1_000_000_000),
    ("k", 1_000),
    ("m", 1_000_000),
    ("b", 1_000_000_000),
    ("千", 1_000),
    ("万", 10_000),
    ("億", 100_000_000),
];

/// Characters sites put between groups of three digits (or before decimals).
fn is_separator(c: char) -> bool {
    matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// A number as printed, with where it ends in the text.
struct Printed {
    start: usize,
    end: usize,
    value: u64,
}

/// Reads the number (with its multiplier) that starts at byte `start` of `text`, which is a digit.
fn read_number(text: &str, start: usize) -> Option<Printed> {
    let bytes = text.as_bytes();
    // Digits and the separators between them: [(separator, digits after it)].
    let mut first = String::new();
    let mut groups: Vec<(char, String)> = Vec::new();
    let mut i = start;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        first.push(bytes[i] as char);
        i += 1;
    }
    while let Some(sep) = text[i..].chars().next().filter(|&c| is_separator(c)) {
        let after = i + sep.len_utf8();
        let digits: String = text[after..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() {
            break;
        }
        // A space only groups digits when three follow ("1 234"), never "3 12".
        if sep.is_whitespace() && digits.len() != 3 {
            break;
        }
        groups.push((sep, digits.clone()));
        i = after + digits.len();
    }
    let end_digits = i;
    // An optional multiplier, right after or after one space.
    let rest = &text[end_digits..];
    let spaced = rest
        .strip_prefix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(rest);
    let lower = spaced.to_lowercase();
    let mut multiplier = None;
    let mut end = end_digits;
    for &(word, factor) in MULTIPLIERS {
        if let Some(after) = lower.strip_prefix(word) {
            // A Latin multiplier is a word of its own: "12 likes" has no "l" multiplier, "1 mil" is not "1 million".
            let next = after.chars().next();
            let latin = word.chars().all(|c| c.is_ascii_alphabetic() || c == 'ó');
            if latin && next.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            multiplier = Some(factor);
            let taken = &spaced[..word.len()];
            end = end_digits + (rest.len() - spaced.len()) + taken.len();
            if latin && spaced[taken.len()..].starts_with('.') {
                end += 1; // "Mio.", "Tsd."
            }
            break;
        }
    }
    let value = match multiplier {
        Some(factor) => {
            // With a multiplier, one separator before one or two digits is the decimal point ("1.2K", "1,2 mil").
            let (whole, fraction) = match groups.as_slice() {
                [] => (first.clone(), String::new()),
                [(sep, digits)] if !sep.is_whitespace() && digits.len() < 3 => {
                    (first.clone(), digits.clone())
                }
                _ if groups.iter().all(|(_, d)| d.len() == 3) => (
                    first.clone() + &groups.iter().map(|(_, d)| d.as_str()).collect::<String>(),
                    String::new(),
                ),
                _ => return None,
            };
            let whole: u64 = whole.parse().ok()?;
            let mut value = whole.checked_mul(factor)?;
            let mut scale = factor;
            for d in fraction.chars() {
                scale /= 10;
                value += u64::from(d.to_digit(10)?) * scale;
            }
            value
        }
        None => {
            // Without one, separators only group thousands; "1,5" is not a count.
            if groups.iter().any(|(_, d)| d.len() != 3) {
                return None;
            }
            let digits = first + &groups.iter().map(|(_, d)| d.as_str()).collect::<String>();
            digits.parse().ok()?
        }
    };
    Some(Printed { start, end, value })
}

/// Every printed number of `text`, in order.
fn numbers(text: &str) -> Vec<Printed> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        // A number starts at a digit not glued to a word ("X2" is a name).
        let glued = text[..i]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_alphabetic() && p.is_ascii());
        if c.is_ascii_digit() && !glued {
            match read_number(text, i) {
                Some(p) => {
                    i = p.end.max(i + 1);
                    out.push(p);
                    continue;
                }
                None => {
                    // Skip the rest of this unreadable number.
                    while i < text.len()
                        && (text.as_bytes()[i].is_ascii_digit()
                            || text[i..].starts_with(is_separator))
                    {
                        i += text[i..].chars().next().map_or(1, char::len_utf8);
                    }
                    continue;
                }
            }
        }
        i += c.len_utf8();
    }
    out
}

/// The count a site prints on its own ("1.2K", "1,234", "1,2 mil", "1.2万"), or
/// None when the text holds no single count.
pub fn parse_count(text: &str) -> Option<u64> {
    let text = text.trim();
    let found = numbers(text);
    match found.as_slice() {
        [one] if text[..one.start].trim().is_empty() && text[one.end..].trim().is_empty() => {
            Some(one.value)
        }
        _ => None,
    }
}

/// The first count printed in a text whose metric the page's structure
/// already says (a like button's label "12 Likes. Like", "Responder (3
/// respuestas)", a counter "1,2 K"): no word needs reading, so it holds in
/// any UI language.
pub fn first_count(text: &str) -> Option<u64> {
    numbers(text).first().map(|n| n.value)
}

/// Words that name a metric, lower-cased, matched as the start of a word
/// (Latin) or anywhere (Japanese).
const KEYWORDS: &[(&str, Metric)] = &[
    // Replies and comments.
    ("repl", Metric::Replies),
    ("comment", Metric::Replies),
    ("respuesta", Metric::Replies),
    ("comentario", Metric::Replies),
    ("resposta", Metric::Replies),
    ("comentário", Metric::Replies),
    ("réponse", Metric::Replies),
    ("commentaire", Metric::Replies),
    ("antwort", Metric::Replies),
    ("kommentar", Metric::Replies),
    ("返信", Metric::Replies),
    ("コメント", Metric::Replies),
    // Reposts, shares, boosts.
    ("repost", Metric::Reposts),
    ("retweet", Metric::Reposts),
    ("reshare", Metric::Reposts),
    ("share", Metric::Reposts),
    ("boost", Metric::Reposts),
    ("compart", Metric::Reposts),
    ("republica", Metric::Reposts),
    ("impuls", Metric::Reposts),
    ("partage", Metric::Reposts),
    ("geteilt", Metric::Reposts),
    ("mal geteilt", Metric::Reposts),
    ("リポスト", Metric::Reposts),
    ("シェア", Metric::Reposts),
    // Likes, reactions, favourites.
    ("like", Metric::Likes),
    ("me gusta", Metric::Likes),
    ("reac", Metric::Likes),
    ("reaç", Metric::Likes),
    ("curtida", Metric::Likes),
    ("j'aime", Metric::Likes),
    ("j’aime", Metric::Likes),
    ("réaction", Metric::Likes),
    ("gefällt", Metric::Likes),
    ("reaktion", Metric::Likes),
    ("favo", Metric::Likes),
    ("いいね", Metric::Likes),
    // Views.
    ("view", Metric::Views),
    ("impression", Metric::Views),
    ("impresion", Metric::Views),
    ("visualiza", Metric::Views),
    ("vista", Metric::Views),
    ("vue", Metric::Views),
    ("aufruf", Metric::Views),
    ("ansicht", Metric::Views),
    ("表示", Metric::Views),
    ("閲覧", Metric::Views),
];

/// Where a clause ends: a count's words never reach past one.
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | '·' | '|' | '\n' | '。' | '、' | '•')
}

/// The metric named in `words` (the text right after or right before a count), nearest first.
fn metric_in(words: &str, after: bool) -> Option<Metric> {
    let lower = words.to_lowercase();
    let mut best: Option<(usize, Metric)> = None;
    for &(word, metric) in KEYWORDS {
        let latin = word.is_ascii()
            || word
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii() && c.len_utf8() == 2);
        for (at, _) in lower.match_indices(word) {
            // A Latin keyword starts a word: "unlike" is not "like".
            if latin
                && lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let distance = if after { at } else { lower.len() - at };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, metric));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// The counts an accessible label or a line of text names: each printed
/// number with the metric its words say, in order. Numbers without a
/// metric word beside them are left out.
pub fn counts_in_label(text: &str) -> Vec<(Metric, u64)> {
    let found = numbers(text);
    let mut out = Vec::new();
    for (i, n) in found.iter().enumerate() {
        let next_start = found.get(i + 1).map_or(text.len(), |p| p.start);
        let prev_end = if i == 0 { 0 } else { found[i - 1].end };
        let after = &text[n.end..next_start];
        let after = after
            .find(is_clause_break)
            .map_or(after, |cut| &after[..cut]);
        let before = &text[prev_end..n.start];
        let before = before.rfind(is_clause_break).map_or(before, |cut| {
            let width = before[cut..].chars().next().map_or(1, char::len_utf8);
            &before[cut + width..]
        });
        if let Some(metric) = metric_in(after, true).or_else(|| metric_in(before, false)) {
            out.push((metric, n.value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_count_of_a_labelled_control() {
        for (text, n) in [
            ("12 Likes. Like", Some(12)),
            ("Reply (3 replies)", Some(3)),
            ("Responder (1.234 respuestas)", Some(1_234)),
            ("1,2\u{a0}K", Some(1_200)),
            ("2619 reposts. Repostear", Some(2_619)),
            ("Like", None),
            ("", None),
        ] {
            assert_eq!(first_count(text), n, "{text}");
        }
    }

    #[test]
    fn every_printed_form() {
        let table: &[(&str, Option<u64>)] = &[
            ("0", Some(0)),
            ("7", Some(7)),
            ("999", Some(999)),
            ("1,234", Some(1_234)),
            ("1.234", Some(1_234)),
            ("1 234", Some(1_234)),
            ("1\u{a0}234", Some(1_234)),
            ("1\u{202f}234", Some(1_234)),
            ("1'234", Some(1_234)),
            ("12,345,678", Some(12_345_678)),
            ("1.2K", Some(1_200)),
            ("1.2k", Some(1_200)),
            ("12K", Some(12_000)),
            ("12 k", Some(12_000)),
            ("12,5 k", Some(12_500)),
            ("1,2 mil", Some(1_200)),
            ("15 mil", Some(15_000)),
            ("1,2 mi", Some(1_200_000)),
            ("2,3 M", Some(2_300_000)),
            ("2.5M", Some(2_500_000)),
            ("3,5 Mio.", Some(3_500_000)),
            ("1,2 Tsd.", Some(1_200)),
            ("2 mill.", Some(2_000_000)),
            ("1,5 millones", Some(1_500_000)),
            ("1.1B", Some(1_100_000_000)),
            ("1,2 Mrd.", Some(1_200_000_000)),
            ("1.2万", Some(12_000)),
            ("12万", Some(120_000)),
            ("3千", Some(3_000)),
            ("1.5億", Some(150_000_000)),
            (" 42 ", Some(42)),
            // Not one count.
            ("", None),
            ("likes", None),
            ("1,5", None),
            ("1,23,4", None),
            ("12 replies", None),
            ("1 2", None),
        ];
        for &(printed, want) in table {
            assert_eq!(parse_count(printed), want, "{printed:?}");
        }
    }

    #[test]
    fn label_sentences_in_every_language() {
        use Metric::*;
        let table: &[(&str, &[(Metric, u64)])] = &[
            (
                "12 replies, 3 reposts, 40 likes, 5 bookmarks, 1234 views",
                &[(Replies, 12), (Reposts, 3), (Likes, 40), (Views, 1_234)],
            ),
            ("1.2K Likes. Like", &[(Likes, 1_200)]),
            ("Reply. 4 Replies", &[(Replies, 4)]),
            ("23 comments · 4 reposts", &[(Replies, 23), (Reposts, 4)]),
            ("128 reactions", &[(Likes, 128)]),
            ("3 boosts, 7 favourites", &[(Reposts, 3), (Likes, 7)]),
            ("Me gusta: 1,2 mil", &[(Likes, 1_200)]),
            ("4 impulsos", &[(Reposts, 4)]),
            ("1.890 impresiones", &[(Views, 1_890)]),
            (
                "15 respuestas, 2 veces compartido, 1,2 mil Me gusta, 10 mil visualizaciones",
                &[(Replies, 15), (Reposts, 2), (Likes, 1_200), (Views, 10_000)],
            ),
            (
                "1,2 mil curtidas, 34 comentários, 5 compartilhamentos",
                &[(Likes, 1_200), (Replies, 34), (Reposts, 5)],
            ),
            (
                "12 réponses, 3 republications, 1,2 k J’aime",
                &[(Replies, 12), (Reposts, 3), (Likes, 1_200)],
            ),
            ("Gefällt 12 Mal", &[(Likes, 12)]),
            (
                "3 Antworten, 1.234 Mal geteilt, 2,5 Mio. Aufrufe",
                &[(Replies, 3), (Reposts, 1_234), (Views, 2_500_000)],
            ),
            ("1234件のいいね", &[(Likes, 1_234)]),
            (
                "返信 12件、リポスト 3件、いいね 1.2万件、表示 5万",
                &[
                    (Replies, 12),
                    (Reposts, 3),
                    (Likes, 12_000),
                    (Views, 50_000),
                ],
            ),
            // Numbers that are not counts stay out.
            ("Posted 3 hours ago", &[]),
            ("unlike 5", &[]),
        ];
        for &(label, want) in table {
            assert_eq!(counts_in_label(label), want, "{label:?}");
        }
    }

    #[test]
    fn a_number_glued_to_a_word_is_no_count() {
        assert_eq!(counts_in_label("X2 likes"), vec![]);
    }

    #[test]
    fn an_enormous_number_is_refused_not_wrapped() {
        assert_eq!(parse_count("99999999999999999999"), None);
        assert_eq!(parse_count("99999999999999999 M"), None);
    }
}
