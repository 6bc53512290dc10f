//! Matching a post the site renders to the record of a post Rapport saw
//! published, without keeping its text (issue 14): a record keeps a
//! fingerprint, hashes of its normalised words three at a time, and a
//! rendered post matches the one record whose fingerprint holds nearly all
//! of its own. Robust to the site's truncation ("… see more"), shortened
//! links, emoji, spacing and an edit of a few characters; a rendered text
//! that could be either of two records matches neither.

use std::collections::HashSet;

/// Words per shingle.
const SHINGLE: usize = 3;
/// Shingles kept per record: enough for any truncated rendering to be checked, small to store.
const KEPT: usize = 96;
/// Share of a rendering's shingles a record must hold.
const CONTAINED: f64 = 0.8;
/// Share of a record's shingles an untruncated rendering must hold.
const COVERED: f64 = 0.8;
/// Fewer shingles than this and a rendering must equal the record's words exactly.
const MIN_SHINGLES: usize = 4;

/// What a record keeps to be found again. Stored as
/// `{"words": n, "shingles": "<base64 of the hashes, little-endian>"}`:
/// 512 characters at most, a third of the same hashes as JSON numbers, so a
/// history of 1,000 posts stays quick to read.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "StoredFingerprint", into = "StoredFingerprint")]
pub struct Fingerprint {
    /// FNV-1a hashes of the first KEPT shingles, in order.
    pub shingles: Vec<u32>,
    /// How many words the normalised text has.
    pub words: u32,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredFingerprint {
    words: u32,
    shingles: String,
}

impl From<Fingerprint> for StoredFingerprint {
    fn from(f: Fingerprint) -> StoredFingerprint {
        let bytes: Vec<u8> = f.shingles.iter().flat_map(|h| h.to_le_bytes()).collect();
        StoredFingerprint {
            words: f.words,
            shingles: base64::encode(&bytes),
        }
    }
}

impl TryFrom<StoredFingerprint> for Fingerprint {
    type Error = String;

    fn try_from(stored: StoredFingerprint) -> Result<Fingerprint, String> {
        let bytes = base64::decode(&stored.shingles)
            .filter(|b| b.len() % 4 == 0 && b.len() / 4 <= KEPT)
            .ok_or("a fingerprint's shingles are not valid")?;
        Ok(Fingerprint {
            shingles: bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            words: stored.words,
        })
    }
}

/// Standard base64 without padding; a crate for forty lines would cost the
/// history's wasm module more than it saves.
mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let digits: Vec<u32> = text
            .bytes()
            .map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32))
            .collect::<Option<_>>()?;
        if digits.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(digits.len() * 3 / 4);
        for chunk in digits.chunks(4) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        Some(out)
    }
}

/// Words a site appends to a truncated post, lower-cased, in the adapters' UI languages.
const MORE_MARKERS: &[&str] = &[
    "see more",
    "show more",
    "…more",
    "...more",
    "ver más",
    "mostrar más",
    "ver mais",
    "voir plus",
    "mehr anzeigen",
    "… mehr",
    "もっと見る",
    "続きを読む",
];

fn fnv1a(text: &str) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The text's words as matching sees them: lower-cased, links and handles'
/// punctuation, emoji and symbols left out; and whether the site marked it
/// truncated.
pub fn normalised_words(text: &str) -> (Vec<String>, bool) {
    let mut lower = text.to_lowercase();
    let mut truncated = false;
    let trimmed = lower
        .trim_end()
        .trim_end_matches(['…', '.'])
        .trim_end()
        .to_string();
    for marker in MORE_MARKERS {
        if let Some(cut) = trimmed.strip_suffix(marker) {
            lower = cut.to_string();
            truncated = true;
            break;
        }
    }
    let body = lower.trim_end();
    if body.ends_with('…') || body.ends_with("...") {
        truncated = true;
    }
    let words = body
        .split_whitespace()
        // A link is shortened or expanded by the site: it is left out whole.
        .filter(|w| {
            !(w.starts_with("http://")
                || w.starts_with("https://")
                || w.starts_with("www.")
                || w.contains(".co/")
                || w.contains("lnkd.in/"))
        })
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    (words, truncated)
}

fn shingles(words: &[String]) -> Vec<u32> {
    if words.len() < SHINGLE {
        return vec![fnv1a(&words.join(" "))];
    }
    words
        .windows(SHINGLE)
        .map(|w| fnv1a(&w.join(" ")))
        .collect()
}

/// The fingerprint a record keeps of its text.
pub fn fingerprint(text: &str) -> Fingerprint {
    let (words, _) = normalised_words(text);
    let mut all = shingles(&words);
    all.truncate(KEPT);
    Fingerprint {
        shingles: all,
        words: words.len() as u32,
    }
}

/// How well a rendered text fits a record: the share of its shingles the record holds, or None when it does not fit.
fn fit(rendered: &[u32], truncated: bool, record: &Fingerprint) -> Option<f64> {
    if rendered.is_empty() || record.shingles.is_empty() {
        return None;
    }
    // Only the part of the rendering the record's kept shingles can speak for.
    let checked = &rendered[..rendered.len().min(KEPT)];
    let held: HashSet<u32> = record.shingles.iter().copied().collect();
    let found = checked.iter().filter(|s| held.contains(s)).count();
    let contained = found as f64 / checked.len() as f64;
    if checked.len() < MIN_SHINGLES || record.shingles.len() < MIN_SHINGLES {
        return (checked == record.shingles.as_slice()).then_some(1.0);
    }
    if contained < CONTAINED {
        return None;
    }
    if !truncated {
        // The whole post is shown: it must also cover the record.
        let shown: HashSet<u32> = checked.iter().copied().collect();
        let covered = record.shingles.iter().filter(|s| shown.contains(s)).count() as f64
            / record.shingles.len() as f64;
        if covered < COVERED {
            return None;
        }
    }
    Some(contained)
}

/// The index of the one record a rendered post is, among `records`; None
/// when none fits, or when more than one does (a truncated opening that two
/// posts share is nobody's).
pub fn match_rendered(rendered: &str, records: &[Fingerprint]) -> Option<usize> {
    match_rendered_as(rendered, false, records)
}

/// [`match_rendered`] for a page that says by a control ("…more" button),
/// not by words in the text, that it shows the post cut: `cut_by_site`.
pub fn match_rendered_as(
    rendered: &str,
    cut_by_site: bool,
    records: &[Fingerprint],
) -> Option<usize> {
    let (words, marked) = normalised_words(rendered);
    let truncated = marked || cut_by_site;
    if words.is_empty() {
        return None;
    }
    let own = shingles(&words);
    let mut fits = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| fit(&own, truncated, r).map(|score| (i, score)));
    let first = fits.next()?;
    if fits.next().is_some() {
        return None;
    }
    Some(first.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. We learned so much from your questions about offline sync. What should we cover next time? Slides: https://example.com/blog/2026/meetup-slides 🎉";
    const OTHER: &str = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. Our new app is live today, download it now and share it with five friends!";

    fn records() -> Vec<Fingerprint> {
        vec![fingerprint(POST), fingerprint(OTHER), fingerprint("Another post entirely, about our quarterly results and the road ahead for the company.")]
    }

    #[test]
    fn a_fingerprint_is_stored_compactly_and_read_back() {
        let f = fingerprint(POST);
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.len() < 16 + f.shingles.len() * 6, "{json}");
        assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), f);
        for n in 0..=7 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 250) as u8).collect();
            assert_eq!(base64::decode(&base64::encode(&bytes)), Some(bytes));
        }
        assert_eq!(base64::encode(b"Man"), "TWFu");
        assert_eq!(base64::encode(b"Ma"), "TWE");
        for bad in [
            r#"{"words":3,"shingles":"A"}"#,
            r#"{"words":3,"shingles":"ab*d"}"#,
            r#"{"words":3,"shingles":"TWE"}"#,
        ] {
            assert!(serde_json::from_str::<Fingerprint>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_post_matches_its_record() {
        assert_eq!(match_rendered(POST, &records()), Some(0));
        assert_eq!(match_rendered(OTHER, &records()), Some(1));
    }

    #[test]
    fn truncated_by_the_site_still_matches() {
        let shown = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. We learned so much from your questions… see more";
        assert_eq!(match_rendered(shown, &records()), Some(0));
        let spanish_ui = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. Our new app is live today, download… ver más";
        assert_eq!(match_rendered(spanish_ui, &records()), Some(1));
    }

    #[test]
    fn shortened_links_emoji_and_spacing_do_not_matter() {
        let shown = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup.\n\nWe learned so much from your questions about offline sync.  What should we cover next time? Slides: https://t.co/x1Yz9  ";
        assert_eq!(match_rendered(shown, &records()), Some(0));
    }

    #[test]
    fn an_edit_of_a_few_characters_still_matches() {
        let edited = POST.replace("questions about offline sync", "questions on offline sync");
        assert_eq!(match_rendered(&edited, &records()), Some(0));
    }

    #[test]
    fn a_different_post_with_the_same_opening_never_matches() {
        let different = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup. Tickets for the next one are on sale, grab yours before they run out!";
        assert_eq!(match_rendered(different, &records()), None);
        // Truncated right where the two recorded posts still agree: it could be either, so it is neither.
        let ambiguous = "Huge thanks to Maria and the Lisbon team for hosting our first community meetup… see more";
        assert_eq!(match_rendered(ambiguous, &records()), None);
    }

    #[test]
    fn short_posts_match_only_exactly() {
        let recs = vec![fingerprint("Thank you!"), fingerprint("Thank you all!")];
        assert_eq!(match_rendered("thank you", &recs), Some(0));
        assert_eq!(match_rendered("Thank you all", &recs), Some(1));
        assert_eq!(match_rendered("Thank", &recs), None);
        assert_eq!(match_rendered("", &recs), None);
    }

    #[test]
    fn the_fingerprint_is_small_and_keeps_no_words() {
        let long = "word ".repeat(5_000) + POST;
        let f = fingerprint(&long);
        assert!(f.shingles.len() <= KEPT);
        let json = serde_json::to_string(&fingerprint(POST)).unwrap();
        assert!(
            !json.to_lowercase().contains("maria") && !json.contains("thanks"),
            "{json}"
        );
    }
}
