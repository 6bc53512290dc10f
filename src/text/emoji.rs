//! A cheap emoji test by code point range: the analyser only needs to know
//! that a symbol is pictographic, not which emoji it is.

pub fn is_emoji_start(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF   // pictographs, emoticons, transport, supplemental
        | 0x2600..=0x27BF   // misc symbols and dingbats (❤ ☀ ✨ ✅)
        | 0x2B00..=0x2BFF   // arrows and stars (⭐ ⬆)
        | 0x2190..=0x21FF   // arrows used as emoji (➡ is in dingbats)
        | 0x2300..=0x23FF   // technical (⌚ ⏰)
        | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x00A9 | 0x00AE | 0x2122)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_emoji_are_recognised_and_letters_are_not() {
        for c in ['🔥', '❤', '😂', '👍', '✨', '⭐'] {
            assert!(is_emoji_start(c), "{c}");
        }
        for c in ['a', 'é', '中', '!'] {
            assert!(!is_emoji_start(c), "{c}");
        }
    }
}
