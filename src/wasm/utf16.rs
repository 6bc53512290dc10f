//! Converts byte offsets into UTF-16 code-unit offsets, all in one pass.

/// Maps each offset of `offsets` (byte offsets on char boundaries of `text`, in
/// any order) to its UTF-16 code-unit offset, in place, walking `text` once.
pub fn bytes_to_utf16(text: &str, offsets: &mut [u32]) {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut byte = 0usize;
    let mut unit = 0u32;
    let mut chars = text.chars();
    for i in order {
        let target = offsets[i] as usize;
        while byte < target {
            match chars.next() {
                Some(c) => {
                    byte += c.len_utf8();
                    unit += c.len_utf16() as u32;
                }
                None => break,
            }
        }
        offsets[i] = unit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
