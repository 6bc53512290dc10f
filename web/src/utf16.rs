//! Converts byte offsets into UTF-16 code-unit offsets, all in one pass, and
//! back for the spans JavaScript reports.

/// Maps each offset of `offsets` (byte offsets on char boundaries of `text`, in
/// any order) to its UTF-16 code-unit offset, in place, walking `text` once.
pub fn bytes_to_utf16(text: &str, offsets: &mut [u32]) {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let bytes = text.as_bytes();
    let mut byte = 0usize;
    let mut unit = 0u32;
    for i in order {
        let target = (offsets[i] as usize).min(bytes.len());
        if target > byte {
            unit += utf16_len(&bytes[byte..target]);
            byte = target;
        }
        offsets[i] = unit;
    }
}

/// The byte offset of each UTF-16 offset of `units` (in any order), in
/// place, walking `text` once: `None` for one past the text or inside a
/// surrogate pair, which no span the analyser gave can have.
pub fn utf16_to_bytes(text: &str, units: &[u32]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_unstable_by_key(|&i| units[i]);
    let mut out = vec![None; units.len()];
    let mut chars = text.char_indices();
    let (mut byte, mut unit) = (0usize, 0u32);
    for i in order {
        while unit < units[i] {
            let Some((at, c)) = chars.next() else {
                break;
            };
            byte = at + c.len_utf8();
            unit += c.len_utf16() as u32;
        }
        if unit == units[i] {
            out[i] = Some(byte);
        }
    }
    out
}

/// UTF-16 code units of whole UTF-8 characters: one per byte that is not a
/// continuation byte, plus one more for each four-byte lead (a surrogate
/// pair). Counted eight bytes at a time (SWAR) because the span conversion
/// walks the whole text on every keystroke, and decoding char by char was
/// most of its cost.
#[inline]
pub(crate) fn utf16_len(bytes: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0u32;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap());
        // Bit 7 of each byte, ANDed with its bits 6, 5, 4 shifted up into it.
        let continuation = x & !(x << 1) & HIGH;
        let four_lead = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        units += 8 - continuation.count_ones() + four_lead.count_ones();
    }
    for &b in chunks.remainder() {
        units += ((b as i8) >= -0x40) as u32 + (b >= 0xF0) as u32;
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_map_back_to_bytes_and_refuse_the_middle_of_a_pair() {
        let text = "é😀x";
        assert_eq!(
            utf16_to_bytes(text, &[4, 0, 1, 3, 2, 5]),
            [Some(7), Some(0), Some(2), Some(6), None, None]
        );
    }

    #[test]
    fn ascii_is_identity() {
        let mut o = [0, 3, 5];
        bytes_to_utf16("hello", &mut o);
        assert_eq!(o, [0, 3, 5]);
    }

    #[test]
    fn emoji_and_accents_unordered() {
        // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 units.
        let text = "é😀x";
        let mut o = [7, 0, 2, 6];
        bytes_to_utf16(text, &mut o);
        assert_eq!(o, [4, 0, 1, 3]);
    }

    #[test]
    fn counts_agree_with_char_by_char_on_mixed_text() {
        let text = "plain ascii, é, 中文, 😀👍🏽 and more text after it \u{10FFFF}\u{FFFD}x";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let expected: usize = text[a..b].chars().map(char::len_utf16).sum();
                assert_eq!(
                    utf16_len(&text.as_bytes()[a..b]) as usize,
                    expected,
                    "{a}..{b}"
                );
            }
        }
    }

    #[test]
    fn spans_convert_to_the_same_text_in_utf16() {
        let text = "🔥👍🏽 Tag 3 friends 💛 and follow us for more! Thanks @añá \u{FFFD} buy now";
        let a = rapport::analyze(text, &rapport::Options::default());
        assert!(a.hints.len() >= 3, "{:?}", a.hints);
        let mut offsets: Vec<u32> = a
            .hints
            .iter()
            .flat_map(|h| [h.span.start() as u32, h.span.end() as u32])
            .collect();
        bytes_to_utf16(text, &mut offsets);
        let units: Vec<u16> = text.encode_utf16().collect();
        for (h, pair) in a.hints.iter().zip(offsets.chunks(2)) {
            let slice = String::from_utf16(&units[pair[0] as usize..pair[1] as usize]).unwrap();
            assert_eq!(slice, h.span.slice(text), "{}", h.rule_id);
        }
    }
}
