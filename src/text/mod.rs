//! Splits a draft into the tokens the rules reason about. URLs, @mentions,
//! #hashtags, emoji and numbers are recognised as such, so that a URL's path
//! is never read as words and "#1" is never read as a hashtag.

mod emoji;
#[cfg(test)]
mod reference;
pub mod words;

pub use emoji::is_emoji_start;

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Url,
    Mention,
    Hashtag,
    /// `$TICKER`
    Cashtag,
    Emoji,
    /// A run of `!` and `?`.
    Bang,
    /// Any other punctuation or symbol, one char each.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// `words::*` classes of a word token, 0 for others.
    pub class: u16,
}

impl Token {
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }
    #[inline]
    pub fn is(&self, class: u16) -> bool {
        self.class & class != 0
    }

    /// Is this the word `word`, exactly (case-sensitive)? Compares lengths
    /// before bytes, so scanning every token for "RT" costs next to nothing.
    #[inline]
    pub fn is_word(&self, text: &str, word: &str) -> bool {
        self.kind == Kind::Word
            && (self.end - self.start) as usize == word.len()
            && &text.as_bytes()[self.start as usize..self.end as usize] == word.as_bytes()
    }
}

/// A sentence as a range of token indices plus its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub first: u32,
    /// One past the last token.
    pub last: u32,
    pub start: u32,
    pub end: u32,
    /// Ends with a `?` run.
    pub question: bool,
}

/// Tokens and sentences of one draft.
#[derive(Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Every word class that occurs (the union of the tokens' `class`), so
    /// that a rule can skip a pass over the tokens that would find nothing.
    pub classes: u16,
    /// Every kind that occurs, as bits `1 << kind as u16`.
    pub kinds: u16,
}

impl Tokens {
    /// Does some token have this word class?
    #[inline]
    pub fn has_class(&self, class: u16) -> bool {
        self.classes & class != 0
    }

    /// Is there a token of this kind?
    #[inline]
    pub fn has_kind(&self, kind: Kind) -> bool {
        self.kinds & (1 << kind as u16) != 0
    }
}

#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

pub fn tokenize(text: &str) -> Tokens {
    let mut toks = Tokens::default();
    tokenize_into(text, &mut toks);
    toks
}

/// What an ASCII byte can start, so that the tokenizer dispatches on one
/// table lookup instead of a chain of comparisons per token.
const A_PUNCT: u8 = 0;
const A_SPACE: u8 = 1;
/// Tab, line breaks, vertical tab, form feed, carriage return.
const A_BREAK: u8 = 2;
const A_WORD: u8 = 3;
/// `@`, `#`, `$`.
const A_SIGIL: u8 = 4;
/// `!`, `?`.
const A_BANG: u8 = 5;

static ASCII_START: [u8; 128] = {
    let mut t = [A_PUNCT; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b' ' {
            A_SPACE
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            A_BREAK
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            A_WORD
        } else if matches!(c, b'@' | b'#' | b'$') {
            A_SIGIL
        } else if matches!(c, b'!' | b'?') {
            A_BANG
        } else {
            A_PUNCT
        };
        b += 1;
    }
    t
};

/// Per byte inside a word: 1 for an ASCII letter or `_` (counted as
/// letters), 2 for an ASCII digit, 0 for anything that needs a closer look
/// (non-ASCII, joiners, the end of the word).
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            t[b] = 1;
        } else if c.is_ascii_digit() {
            t[b] = 2;
        }
        b += 1;
    }
    t
};

/// Tokenizes into buffers the caller keeps, so that analysing keystroke
/// after keystroke does not allocate them again.
pub fn tokenize_into(text: &str, toks: &mut Tokens) {
    let tokens = &mut toks.tokens;
    let sentences = &mut toks.sentences;
    tokens.clear();
    sentences.clear();
    let mut classes = 0u16;
    let mut kinds = 0u16;
    tokens.reserve(text.len() / 4 + 4);
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = 0usize;
    let mut sentence = 0u32;
    // A sentence ends at . ! ? or a line break, once a token has been seen.
    let mut sentence_has_tokens = false;
    let mut open = Sentence {
        first: 0,
        last: 0,
        start: 0,
        end: 0,
        question: false,
    };
    while i < len {
        let b = bytes[i];
        let start = i;
        let kind;
        // Sentence punctuation ends the sentence after its token is pushed.
        let ends_sentence;
        if b < 0x80 {
            match ASCII_START[b as usize] {
                A_SPACE => {
                    i += 1;
                    continue;
                }
                A_BREAK => {
                    if b == b'\n' && sentence_has_tokens {
                        sentence += 1;
                        sentence_has_tokens = false;
                    }
                    i += 1;
                    continue;
                }
                A_WORD => {
                    if matches!(b, b'h' | b'H' | b'w' | b'W')
                        && starts_url(bytes, i)
                        && !prev_is_word(text, start)
                    {
                        i = url_end(text, i);
                        kind = Kind::Url;
                    } else {
                        (i, kind) = scan_word(text, start, b as char);
                    }
                    ends_sentence = false;
                }
                A_SIGIL => {
                    (i, kind) = scan_tag(text, start, b as char);
                    ends_sentence = false;
                }
                A_BANG => {
                    i = bang_end(text, i + 1);
                    kind = Kind::Bang;
                    ends_sentence = true;
                }
                _ => {
                    i += 1;
                    kind = Kind::Punct;
                    ends_sentence = b == b'.' && (i >= len || next_char(text, i).is_whitespace());
                }
            }
        } else {
            let c = next_char(text, i);
            let clen = c.len_utf8();
            if c.is_whitespace() {
                i += clen;
                continue;
            }
            ends_sentence = if c == '\u{FF03}' {
                (i, kind) = scan_tag(text, start, c);
                false
            } else if is_word_char(c) {
                (i, kind) = scan_word(text, start, c);
                false
            } else if c == '\u{203C}' || c == '\u{2049}' {
                i = bang_end(text, i + clen);
                kind = Kind::Bang;
                true
            } else if is_emoji_start(c) {
                // One user-perceived emoji, with its modifiers and joiners.
                let cluster = text[i..].graphemes(true).next().map_or(clen, str::len);
                i += cluster;
                kind = Kind::Emoji;
                false
            } else {
                i += clen;
                kind = Kind::Punct;
                c == '\u{2026}' && (i >= len || next_char(text, i).is_whitespace())
            };
        }
        let class = if kind == Kind::Word {
            words::classify_at(text, start, i)
        } else {
            0
        };
        classes |= class;
        kinds |= 1 << kind as u16;
        // Sentences are built as the tokens come: a token opens one when the
        // previous token closed the last (or there was none). The open one is
        // kept here and stored when the next opens.
        let idx = tokens.len() as u32;
        if sentence_has_tokens {
            open.last = idx + 1;
            open.end = i as u32;
        } else {
            if idx > 0 {
                sentences.push(open);
            }
            open = Sentence {
                first: idx,
                last: idx + 1,
                start: start as u32,
                end: i as u32,
                question: false,
            };
        }
        tokens.push(Token {
            kind,
            start: start as u32,
            end: i as u32,
            sentence,
            class,
        });
        sentence_has_tokens = true;
        if ends_sentence {
            sentence += 1;
            sentence_has_tokens = false;
        }
    }
    if !tokens.is_empty() {
        sentences.push(open);
    }
    toks.classes = classes;
    toks.kinds = kinds;
    mark_questions(text, tokens, sentences);
}

/// Only links, handles and tags care what came before.
#[inline]
fn prev_is_word(text: &str, start: usize) -> bool {
    start > 0 && is_word_char(prev_char(text, start))
}

/// The end of a link starting at `i`: up to white space, without the
/// sentence punctuation right after it.
fn url_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = i;
    while end < bytes.len() {
        // Links are ASCII but for the odd IRI: decode only non-ASCII.
        let b = bytes[end];
        if b < 0x80 {
            if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                break;
            }
            end += 1;
            continue;
        }
        let ch = next_char(text, end);
        if ch.is_whitespace() {
            break;
        }
        end += ch.len_utf8();
    }
    // Sentence punctuation right after a link belongs to the sentence.
    while end > i + 1
        && matches!(
            bytes[end - 1],
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'"' | b'\''
        )
    {
        end -= 1;
    }
    end
}

/// A `@handle`, `#tag`, `$TICKER` or rank ("#1") starting with the sigil
/// `c` at `start`; a lone sigil is punctuation.
fn scan_tag(text: &str, start: usize, c: char) -> (usize, Kind) {
    let clen = c.len_utf8();
    if !(start + clen < text.len()
        && is_word_char(next_char(text, start + clen))
        && !prev_is_word(text, start))
    {
        return (start + clen, Kind::Punct);
    }
    let mut end = start + clen;
    let mut all_digits = true;
    while end < text.len() {
        let ch = next_char(text, end);
        if !is_word_char(ch) {
            break;
        }
        all_digits &= ch.is_ascii_digit();
        end += ch.len_utf8();
    }
    let kind = match c {
        '@' => Kind::Mention,
        '$' if all_digits => Kind::Number,
        '$' => Kind::Cashtag,
        // "#1" ranks, it does not tag.
        _ if all_digits => Kind::Number,
        _ => Kind::Hashtag,
    };
    (end, kind)
}

/// The end of a run of `!` and `?` (and "1" typed for "!") from `end`.
fn bang_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while end < text.len() {
        let ch = next_char(text, end);
        if matches!(ch, '!' | '?' | '\u{203C}' | '\u{2049}' | '1')
            && !(ch == '1' && end + 1 < text.len() && bytes[end + 1].is_ascii_digit())
        {
            end += ch.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// A word or number starting with the word character `c` at `start`, or a
/// bare domain ("acme.com/shop").
#[inline]
fn scan_word(text: &str, start: usize, c: char) -> (usize, Kind) {
    let bytes = text.as_bytes();
    let mut end = start + c.len_utf8();
    let mut digits = c.is_ascii_digit() as usize;
    let mut letters = (!c.is_ascii_digit()) as usize;
    // The counts only decide anything for a word that starts with a digit
    // (a number, "3.5", "10,000", "2nd"): a word that starts with a letter
    // is a word whatever follows, so most words skip the counting.
    let counted = c.is_ascii_digit();
    loop {
        // Fast path: ASCII letters, digits and `_`, one table lookup each.
        if counted {
            while end < bytes.len() {
                let k = WORD_BYTE[bytes[end] as usize];
                if k == 0 {
                    break;
                }
                letters += (k & 1) as usize;
                digits += (k >> 1) as usize;
                end += 1;
            }
        } else {
            while end < bytes.len() && WORD_BYTE[bytes[end] as usize] != 0 {
                end += 1;
            }
        }
        if end >= bytes.len() {
            break;
        }
        let ch = next_char(text, end);
        if is_word_char(ch) {
            // Only non-ASCII reaches here: never an ASCII digit.
            letters += 1;
            end += ch.len_utf8();
            continue;
        }
        // Keep "don't", "award-winning", "10,000" and "3.5" whole.
        // "U.S." and "E.U." are one word, not the pronoun "U".
        let initial = ch == '.'
            && end > start
            && (end == start + 1 || bytes[end - 2] == b'.')
            && bytes[end - 1].is_ascii_uppercase();
        let joins = is_apostrophe(ch)
            || ch == '-'
            || initial
            || ((ch == ',' || ch == '.') && digits > 0 && letters == 0);
        if joins {
            let after = end + ch.len_utf8();
            if after < text.len() && is_word_char(next_char(text, after)) {
                end = after;
                continue;
            }
        }
        break;
    }
    if let Some(domain_end) = bare_domain_end(text, start, end) {
        // "acme.com/shop" is a link even without "https://".
        (domain_end, Kind::Url)
    } else if letters == 0 || (digits > 0 && letters <= 1 && bytes[start].is_ascii_digit()) {
        (end, Kind::Number)
    } else {
        (end, Kind::Word)
    }
}

fn mark_questions(text: &str, tokens: &[Token], sentences: &mut [Sentence]) {
    for s in sentences.iter_mut() {
        let last = tokens[s.last as usize - 1];
        s.question = last.kind == Kind::Bang && has_byte(last.text(text), b'?');
        // "What do you think? 🤔 #poll" still asks.
        if !s.question {
            let mut k = s.last as usize;
            while k > s.first as usize {
                k -= 1;
                match tokens[k].kind {
                    Kind::Emoji | Kind::Hashtag | Kind::Url | Kind::Mention => continue,
                    Kind::Bang => {
                        s.question = has_byte(tokens[k].text(text), b'?');
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
}

#[inline]
pub fn next_char(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or('\u{FFFD}')
    }
}

#[inline]
pub fn prev_char(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        b as char
    } else {
        text[..i].chars().next_back().unwrap_or('\u{FFFD}')
    }
}

/// The end of a bare domain ("acme.com", "bit.ly/x") whose name ends at
/// `end`, when a common top-level domain follows.
fn bare_domain_end(text: &str, start: usize, end: usize) -> Option<usize> {
    const TLDS: [&[u8]; 10] = [
        b"com", b"org", b"net", b"co", b"io", b"ly", b"uk", b"de", b"app", b"shop",
    ];
    let bytes = text.as_bytes();
    if bytes.get(end) != Some(&b'.') || start > 0 && matches!(bytes[start - 1], b'@' | b'.') {
        return None;
    }
    let tld_start = end + 1;
    let mut tld_end = tld_start;
    while tld_end < bytes.len() && bytes[tld_end].is_ascii_alphabetic() {
        tld_end += 1;
    }
    let tld = &bytes[tld_start..tld_end];
    if !TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
        return None;
    }
    if tld_end < bytes.len() && (bytes[tld_end].is_ascii_alphanumeric() || bytes[tld_end] >= 0x80) {
        return None;
    }
    // A path after the domain belongs to the link.
    let mut link_end = tld_end;
    if bytes.get(link_end) == Some(&b'/') {
        while link_end < bytes.len() && !bytes[link_end].is_ascii_whitespace() {
            link_end += 1;
        }
        while !text.is_char_boundary(link_end) {
            link_end -= 1;
        }
        while link_end > tld_end + 1
            && matches!(
                bytes[link_end - 1],
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b')'
            )
        {
            link_end -= 1;
        }
    }
    Some(link_end)
}

fn starts_url(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    // "have", "what", "with": most words that start like a link do not go on
    // like one, and one byte says so.
    if !matches!(rest.get(1), Some(b't' | b'T' | b'w' | b'W')) {
        return false;
    }
    let lower_starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    lower_starts(b"http://") || lower_starts(b"https://") || lower_starts(b"www.")
}

/// User-perceived characters. Text without combining marks, joiners,
/// modifiers or scripts that cluster is counted by chars, skipping the
/// grapheme tables, which are the slow part of counting.
pub fn grapheme_count(text: &str) -> usize {
    // Below U+0300 (ASCII, Latin, IPA) every byte that is not a UTF-8
    // continuation starts one character. Bytes are counted eight at a time
    // (SWAR), and only the rarer characters from U+0300 up (lead bytes 0xCC
    // and above) are decoded, to see whether they could cluster.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let bytes = text.as_bytes();
    let mut chars = 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    // Whether a CR may occur, noted on the way rather than in a pass of its
    // own (may over-report a chunk, never miss one).
    let mut cr = 0u64;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap());
        let y = x ^ (ONES * b'\r' as u64);
        cr |= y.wrapping_sub(ONES) & !y & HIGH;
        // Lead bytes of two bytes or more have bits 7 and 6 set.
        let mut leads = x & (x << 1) & HIGH;
        while leads != 0 {
            let k = at + (leads.trailing_zeros() / 8) as usize;
            if bytes[k] >= 0xCC && !counts_as_one(next_char(text, k)) {
                return text.graphemes(true).count();
            }
            leads &= leads - 1;
        }
        chars += 8 - (x & !(x << 1) & HIGH).count_ones() as usize;
        at += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if b >= 0xCC && !counts_as_one(next_char(text, at + k)) {
            return text.graphemes(true).count();
        }
        chars += ((b as i8) >= -0x40) as usize;
        cr |= (b == b'\r') as u64;
    }
    // "\r\n" is one character. A CR is rare: pair bytes only when there
    // may be one.
    if cr != 0 {
        chars -= bytes.windows(2).filter(|w| w == b"\r\n").count();
    }
    chars
}

/// A character from U+0300 up that never joins a cluster: punctuation,
/// symbols and the common emoji without modifiers.
#[inline]
fn counts_as_one(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x200C | 0x200E..=0x206F | 0x20A0..=0x20CF | 0x2100..=0x2BFF | 0x1F300..=0x1F3FA | 0x1F400..=0x1F64F | 0x1F680..=0x1F6FF)
}

/// Does `s` hold the ASCII byte `b`? For the short runs of "!?" this is,
/// a plain loop: `str::contains` goes through a searcher and memchr.
#[inline]
pub fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|x| x == b)
}

/// Case-insensitive comparison against a lowercase ASCII `b`, treating a
/// curly apostrophe as a straight one, without allocating.
#[inline]
pub fn eq_fold(a: &str, b: &str) -> bool {
    if a.len() == b.len() {
        return a.as_bytes().eq_ignore_ascii_case(b.as_bytes());
    }
    // A curly apostrophe is three bytes where the straight one is one.
    a.len() == b.len() + 2 && eq_fold_curly(a, b)
}

#[inline(never)]
fn eq_fold_curly(a: &str, b: &str) -> bool {
    if a.is_ascii() {
        return false;
    }
    let mut x = a.chars().map(|c| {
        if c == '\u{2019}' {
            '\''
        } else {
            c.to_ascii_lowercase()
        }
    });
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => continue,
            _ => return false,
        }
    }
}

/// Is the word written in capitals (at least two letters, no lowercase)?
/// Writes `word` lowercased into `out` (cleared first), a curly apostrophe
/// made straight: how word lists of every language are written. One
/// function for every such comparison, so that the analyser's module holds
/// one copy of the case tables' walk.
#[inline(never)]
pub fn lower_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c == '\u{2019}' {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokenize(text)
            .tokens
            .iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn recognises_links_mentions_hashtags_and_ranks() {
        let k = kinds("We're #1! See https://acme.co/x. @ana #coffee $ACME 10,000");
        assert_eq!(
            k,
            vec![
                (Kind::Word, "We're"),
                (Kind::Number, "#1"),
                (Kind::Bang, "!"),
                (Kind::Word, "See"),
                (Kind::Url, "https://acme.co/x"),
                (Kind::Punct, "."),
                (Kind::Mention, "@ana"),
                (Kind::Hashtag, "#coffee"),
                (Kind::Cashtag, "$ACME"),
                (Kind::Number, "10,000"),
            ]
        );
    }

    #[test]
    fn emoji_with_modifiers_is_one_token() {
        let k = kinds("hi 👍🏽 ❤️ 👨‍👩‍👧");
        assert_eq!(k.iter().filter(|(k, _)| *k == Kind::Emoji).count(), 3);
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_and_lines() {
        let t = tokenize("Hello there. How are you?\nFine");
        assert_eq!(t.sentences.len(), 3);
        assert!(t.sentences[1].question);
        assert!(!t.sentences[2].question);
    }

    #[test]
    fn bare_domains_are_links() {
        assert_eq!(
            kinds("Shop at ACME.COM today"),
            vec![
                (Kind::Word, "Shop"),
                (Kind::Word, "at"),
                (Kind::Url, "ACME.COM"),
                (Kind::Word, "today")
            ]
        );
        assert_eq!(
            kinds("see bit.ly/abc."),
            vec![
                (Kind::Word, "see"),
                (Kind::Url, "bit.ly/abc"),
                (Kind::Punct, ".")
            ]
        );
        assert_eq!(kinds("end.Next")[0].0, Kind::Word);
    }

    #[test]
    fn initials_stay_one_word() {
        assert_eq!(
            kinds("the U.S. team"),
            vec![
                (Kind::Word, "the"),
                (Kind::Word, "U.S"),
                (Kind::Punct, "."),
                (Kind::Word, "team")
            ]
        );
    }

    #[test]
    fn email_at_sign_is_not_a_mention() {
        assert!(kinds("mail me at a@b.com")
            .iter()
            .all(|(k, _)| *k != Kind::Mention));
    }
}
