//! The tokenizer as it was before the byte-class dispatch: kept, for tests
//! only, as the reference the fast one must agree with token for token.

use unicode_segmentation::UnicodeSegmentation;

use super::*;

pub fn tokenize_reference(text: &str) -> Tokens {
    let mut toks = Tokens::default();
    tokenize_into(text, &mut toks);
    toks
}

fn tokenize_into(text: &str, toks: &mut Tokens) {
    let tokens = &mut toks.tokens;
    tokens.clear();
    let mut classes = 0u16;
    let mut kinds = 0u16;
    tokens.reserve(text.len() / 4 + 4);
    let bytes = text.as_bytes();
    let mut i = 0usize;
    let mut sentence = 0u32;
    // A sentence ends at . ! ? or a line break, once a token has been seen.
    let mut sentence_has_tokens = false;
    while i < text.len() {
        // Most bytes between tokens are plain spaces.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let c = next_char(text, i);
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' && sentence_has_tokens {
                sentence += 1;
                sentence_has_tokens = false;
            }
            i += clen;
            continue;
        }
        let start = i;
        // Only links, handles and tags care what came before.
        let prev_is_word = || start > 0 && is_word_char(prev_char(text, start));
        let kind;
        if matches!(bytes[i], b'h' | b'H' | b'w' | b'W') && starts_url(bytes, i) && !prev_is_word()
        {
            let mut end = i;
            while end < text.len() {
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
            i = end;
            kind = Kind::Url;
        } else if (c == '@' || c == '#' || c == '$' || c == '\u{FF03}')
            && i + clen < text.len()
            && is_word_char(next_char(text, i + clen))
            && !prev_is_word()
        {
            let mut end = i + clen;
            let mut all_digits = true;
            while end < text.len() {
                let ch = next_char(text, end);
                if !is_word_char(ch) {
                    break;
                }
                all_digits &= ch.is_ascii_digit();
                end += ch.len_utf8();
            }
            i = end;
            kind = match c {
                '@' => Kind::Mention,
                '$' if all_digits => Kind::Number,
                '$' => Kind::Cashtag,
                // "#1" ranks, it does not tag.
                _ if all_digits => Kind::Number,
                _ => Kind::Hashtag,
            };
        } else if is_word_char(c) {
            let mut end = i + clen;
            let mut digits = c.is_ascii_digit() as usize;
            let mut letters = (!c.is_ascii_digit()) as usize;
            while end < text.len() {
                // Fast path: most words are plain ASCII letters.
                let b = bytes[end];
                if b.is_ascii_alphabetic() {
                    letters += 1;
                    end += 1;
                    continue;
                }
                let ch = next_char(text, end);
                if is_word_char(ch) {
                    if ch.is_ascii_digit() {
                        digits += 1;
                    } else {
                        letters += 1;
                    }
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
            i = end;
            kind = if let Some(domain_end) = bare_domain_end(text, start, end) {
                // "acme.com/shop" is a link even without "https://".
                i = domain_end;
                Kind::Url
            } else if letters == 0 || (digits > 0 && letters <= 1 && bytes[start].is_ascii_digit())
            {
                Kind::Number
            } else {
                Kind::Word
            };
        } else if c == '!' || c == '?' || c == '\u{203C}' || c == '\u{2049}' {
            let mut end = i + clen;
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
            i = end;
            kind = Kind::Bang;
        } else if is_emoji_start(c) {
            // One user-perceived emoji, with its modifiers and joiners.
            let cluster = text[i..].graphemes(true).next().map_or(clen, str::len);
            i += cluster;
            kind = Kind::Emoji;
        } else {
            i += clen;
            kind = Kind::Punct;
        }
        let class = if kind == Kind::Word {
            words::classify_at(text, start, i)
        } else {
            0
        };
        classes |= class;
        kinds |= 1 << kind as u16;
        tokens.push(Token {
            kind,
            start: start as u32,
            end: i as u32,
            sentence,
            class,
        });
        sentence_has_tokens = true;
        let ends_sentence = match kind {
            Kind::Bang => true,
            Kind::Punct => {
                (c == '.' || c == '\u{2026}')
                    && (i >= text.len() || next_char(text, i).is_whitespace())
            }
            _ => false,
        };
        if ends_sentence {
            sentence += 1;
            sentence_has_tokens = false;
        }
    }
    toks.classes = classes;
    toks.kinds = kinds;
    build_sentences(text, tokens, &mut toks.sentences);
}

fn build_sentences(text: &str, tokens: &[Token], sentences: &mut Vec<Sentence>) {
    sentences.clear();
    for (idx, t) in tokens.iter().enumerate() {
        let idx = idx as u32;
        match sentences.last_mut() {
            Some(s) if s.last == idx && tokens[s.first as usize].sentence == t.sentence => {
                s.last = idx + 1;
                s.end = t.end;
            }
            _ => sentences.push(Sentence {
                first: idx,
                last: idx + 1,
                start: t.start,
                end: t.end,
                question: false,
            }),
        }
    }
    for s in sentences.iter_mut() {
        let last = tokens[s.last as usize - 1];
        s.question = last.kind == Kind::Bang && last.text(text).contains('?');
        // "What do you think? 🤔 #poll" still asks.
        if !s.question {
            let mut k = s.last as usize;
            while k > s.first as usize {
                k -= 1;
                match tokens[k].kind {
                    Kind::Emoji | Kind::Hashtag | Kind::Url | Kind::Mention => continue,
                    Kind::Bang => {
                        s.question = tokens[k].text(text).contains('?');
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
}

/// The character count as it was before counting eight bytes at a time.
/// Text without combining marks, joiners,
/// modifiers or scripts that cluster is counted by chars, skipping the
/// grapheme tables, which are the slow part of counting.
pub fn grapheme_count_reference(text: &str) -> usize {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        // A CR is rare: find one (memchr) before pairing bytes.
        if !bytes.contains(&b'\r') {
            return text.len();
        }
        return text.len() - bytes.windows(2).filter(|w| w == b"\r\n").count();
    }
    // Below U+0300 (ASCII, Latin, IPA) every byte that is not a UTF-8
    // continuation starts one character: count those in runs, with a loop
    // simple enough to compile to a few instructions a byte, and decode only
    // the rarer characters from U+0300 up (lead bytes 0xCC and above).
    let bytes = text.as_bytes();
    let mut chars = 0;
    let mut i = 0;
    loop {
        let run_end = bytes[i..]
            .iter()
            .position(|&b| b >= 0xCC)
            .map_or(bytes.len(), |p| i + p);
        chars += bytes[i..run_end]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        if run_end == bytes.len() {
            break;
        }
        let c = next_char(text, run_end);
        let simple = matches!(c as u32, 0x2000..=0x200C | 0x200E..=0x206F | 0x20A0..=0x20CF | 0x2100..=0x2BFF | 0x1F300..=0x1F3FA | 0x1F400..=0x1F64F | 0x1F680..=0x1F6FF);
        if !simple {
            return text.graphemes(true).count();
        }
        chars += 1;
        i = run_end + c.len_utf8();
    }
    // "\r\n" is one character.
    if bytes.contains(&b'\r') {
        chars -= bytes.windows(2).filter(|w| w == b"\r\n").count();
    }
    chars
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn assert_same(text: &str) {
        let fast = tokenize(text);
        let slow = tokenize_reference(text);
        assert_eq!(fast.tokens, slow.tokens, "tokens of {text:?}");
        assert_eq!(fast.sentences, slow.sentences, "sentences of {text:?}");
        assert_eq!(fast.classes, slow.classes, "classes of {text:?}");
        assert_eq!(fast.kinds, slow.kinds, "kinds of {text:?}");
        assert_eq!(
            grapheme_count(text),
            grapheme_count_reference(text),
            "chars of {text:?}"
        );
    }

    /// Pieces that sit on the tokenizer's branches and their edges: joiners
    /// at the end of a word, sigils before non-words, lone "h"/"w", the
    /// characters that only the slow path decodes.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9_]{1,6}",
            "[ hHwW@#$!?1.,'’\\-_:/)\"…‼⁉＃a0]{1,4}",
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\t\r\n\u{0B}\u{0C}".to_string()),
            Just("\u{A0}\u{2003}\u{3000}".to_string()),
            Just("http://".to_string()),
            Just("HTTPS://a.b/c?d=e.".to_string()),
            Just("www.".to_string()),
            Just("acme.com".to_string()),
            Just("bit.ly/x),".to_string()),
            Just(".co".to_string()),
            Just("U.S.".to_string()),
            Just("10,000.5".to_string()),
            Just("don’t".to_string()),
            Just("é".to_string()),
            Just("٣".to_string()),
            Just("中文".to_string()),
            Just("👍🏽".to_string()),
            Just("❤️".to_string()),
            Just("👨‍👩‍👧".to_string()),
            Just("©®™".to_string()),
            Just("\u{FFFD}".to_string()),
            Just("e\u{301}".to_string()),
            "\\PC{0,3}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_tokenizer_matches_the_reference_on_composed_text(
            pieces in proptest::collection::vec(piece(), 0..40)
        ) {
            assert_same(&pieces.concat());
        }

        #[test]
        fn fast_tokenizer_matches_the_reference_on_any_text(text in "\\PC{0,120}") {
            assert_same(&text);
        }
    }

    #[test]
    fn fast_tokenizer_matches_the_reference_on_the_corpora() {
        let dir = crate::eval::default_corpora_dir();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("corpora not found in {}: skipped", dir.display());
            return;
        };
        let mut all = String::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "jsonl") {
                continue;
            }
            let rows = crate::eval::load(&path).expect("corpus reads");
            for row in rows {
                assert_same(&row.text);
                all.push_str(&row.text);
                all.push('\n');
            }
        }
        assert_same(&all);
    }
}
