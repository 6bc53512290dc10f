//! Word classes the rules ask about on every draft, computed once per word
//! while tokenizing so that no rule compares strings in a loop.

pub const WE: u16 = 1;
pub const YOU: u16 = 1 << 1;
pub const FIRST_PERSON: u16 = 1 << 2;
/// An English function word ("the", "and", "you").
pub const ENGLISH: u16 = 1 << 3;
/// A function word of another Latin-script language ("de", "und", "les").
pub const FOREIGN: u16 = 1 << 4;
/// Written in capitals (two letters or more, no lowercase).
pub const CAPS: u16 = 1 << 5;
/// Starts with a letter outside the Latin script.
pub const OTHER_SCRIPT: u16 = 1 << 6;
/// A verb that opens a call to action ("read", "watch", "join").
pub const ACTION_VERB: u16 = 1 << 7;
/// A reaction a poll can be run through ("like", "share", "rt").
pub const REACTION: u16 = 1 << 8;
/// "for", which links a reaction to a poll option.
pub const FOR: u16 = 1 << 9;
/// "meet", which introduces a person.
pub const MEET: u16 = 1 << 10;
/// Words that may precede a sentence's verb: "please", "rt".
pub const PREFACE: u16 = 1 << 11;
/// Short words Title Case leaves in lowercase.
pub const MINOR: u16 = 1 << 12;
/// Verbs of making that credit a person ("@ana built this"): spotlight.
pub const CREDIT: u16 = 1 << 13;
/// Words that open thanks aimed at someone ("thank", "kudos"): spotlight.
pub const THANKS: u16 = 1 << 14;
/// A word of another language written in capitals that is not shouting
/// (German "GmbH", Spanish "IVA"): only language packs set it.
pub const NOT_SHOUTING: u16 = 1 << 15;

/// Lowercases an ASCII word (a curly apostrophe becomes a straight one) into
/// `buf`; `None` for long or non-ASCII words, which are never function words.
pub fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let mut n = 0;
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if n == buf.len() {
            return None;
        }
        if b < 0x80 {
            buf[n] = b.to_ascii_lowercase();
            i += 1;
        } else if bytes[i..].starts_with("\u{2019}".as_bytes()) {
            buf[n] = b'\'';
            i += 3;
        } else {
            return None;
        }
        n += 1;
    }
    Some(&buf[..n])
}

/// Every word with a class, lowercase, at most 8 bytes (packed into a `u64`
/// key of the lookup table below); longer ones are in `LONG_CLASSED`.
const CLASSED: &[(&[u8], u16)] = &[
    (b"read", ACTION_VERB),
    (b"watch", ACTION_VERB),
    (b"listen", ACTION_VERB),
    (b"learn", ACTION_VERB),
    (b"see", ACTION_VERB),
    (b"visit", ACTION_VERB),
    (b"discover", ACTION_VERB),
    (b"find", ACTION_VERB),
    (b"join", ACTION_VERB),
    (b"follow", ACTION_VERB),
    (b"register", ACTION_VERB),
    (b"download", ACTION_VERB),
    (b"view", ACTION_VERB),
    (b"explore", ACTION_VERB),
    (b"tune", ACTION_VERB),
    (b"sign", ACTION_VERB),
    (b"apply", ACTION_VERB),
    (b"book", ACTION_VERB),
    (b"order", ACTION_VERB),
    (b"call", ACTION_VERB),
    (b"donate", ACTION_VERB),
    (b"discuss", ACTION_VERB),
    (b"vote", ACTION_VERB),
    (b"submit", ACTION_VERB),
    (b"click", ACTION_VERB),
    (b"tap", ACTION_VERB),
    (b"swipe", ACTION_VERB),
    (b"grab", ACTION_VERB),
    (b"head", ACTION_VERB),
    (b"hear", ACTION_VERB),
    (b"catch", ACTION_VERB),
    (b"weigh", ACTION_VERB),
    (b"rsvp", ACTION_VERB),
    (b"nominate", ACTION_VERB),
    (b"pledge", ACTION_VERB),
    (b"attend", ACTION_VERB),
    (b"like", REACTION),
    (b"share", REACTION),
    (b"comment", REACTION),
    (b"love", REACTION),
    (b"heart", REACTION),
    (b"wow", REACTION),
    (b"haha", REACTION),
    (b"retweet", REACTION),
    (b"rt", REACTION | PREFACE),
    (b"please", PREFACE),
    (b"meet", MEET),
    (b"thank", THANKS),
    (b"thanks", THANKS),
    (b"shoutout", THANKS),
    (b"kudos", THANKS),
    (b"grateful", THANKS),
    (b"built", CREDIT),
    (b"made", CREDIT),
    (b"created", CREDIT),
    (b"designed", CREDIT),
    (b"wrote", CREDIT),
    (b"shared", CREDIT),
    (b"baked", CREDIT),
    (b"crafted", CREDIT),
    (b"captured", CREDIT),
    (b"painted", CREDIT),
    (b"cooked", CREDIT),
    (b"brewed", CREDIT),
    (b"won", CREDIT),
    (b"nailed", CREDIT),
    (b"shot", CREDIT),
    (b"drew", CREDIT),
    (b"sewed", CREDIT),
    (b"knitted", CREDIT),
    (b"invented", CREDIT),
    (b"for", FOR | ENGLISH | MINOR),
    (b"a", ENGLISH | MINOR),
    (b"an", ENGLISH | MINOR),
    (b"the", ENGLISH | MINOR),
    (b"and", ENGLISH | MINOR),
    (b"or", ENGLISH | MINOR),
    (b"of", ENGLISH | MINOR),
    (b"to", ENGLISH | MINOR),
    (b"in", ENGLISH | MINOR),
    (b"on", ENGLISH | MINOR),
    (b"at", ENGLISH | MINOR),
    (b"by", ENGLISH | MINOR),
    (b"with", ENGLISH | MINOR),
    (b"is", ENGLISH | MINOR),
    (b"are", ENGLISH | MINOR),
    (b"be", ENGLISH | MINOR),
    (b"from", ENGLISH | MINOR),
    (b"as", MINOR),
    (b"vs", MINOR),
    (b"into", MINOR),
    (b"we", WE | ENGLISH),
    (b"our", WE | ENGLISH),
    (b"us", WE | ENGLISH),
    (b"ours", WE | ENGLISH),
    (b"we're", WE | ENGLISH),
    (b"we've", WE | ENGLISH),
    (b"we'll", WE | ENGLISH),
    (b"we'd", WE | ENGLISH),
    (b"let's", WE | ENGLISH),
    (b"you", YOU | ENGLISH),
    (b"your", YOU | ENGLISH),
    (b"yours", YOU | ENGLISH),
    (b"you're", YOU | ENGLISH),
    (b"you've", YOU | ENGLISH),
    (b"you'll", YOU | ENGLISH),
    (b"you'd", YOU | ENGLISH),
    (b"yourself", YOU | ENGLISH),
    (b"y'all", YOU | ENGLISH),
    (b"ya", YOU | ENGLISH),
    (b"u", YOU | ENGLISH),
    (b"i", FIRST_PERSON | ENGLISH),
    (b"i'm", FIRST_PERSON | ENGLISH),
    (b"i've", FIRST_PERSON | ENGLISH),
    (b"i'll", FIRST_PERSON | ENGLISH),
    (b"i'd", FIRST_PERSON | ENGLISH),
    (b"my", FIRST_PERSON | ENGLISH),
    (b"me", FIRST_PERSON | ENGLISH),
    (b"mine", FIRST_PERSON | ENGLISH),
    (b"im", FIRST_PERSON | ENGLISH),
    (b"myself", FIRST_PERSON | ENGLISH),
    (b"was", ENGLISH),
    (b"it", ENGLISH),
    (b"this", ENGLISH),
    (b"that", ENGLISH),
    (b"not", ENGLISH),
    (b"have", ENGLISH),
    (b"has", ENGLISH),
    (b"will", ENGLISH),
    (b"can", ENGLISH),
    (b"do", ENGLISH),
    (b"just", ENGLISH),
    (b"so", ENGLISH),
    (b"what", ENGLISH),
    (b"how", ENGLISH),
    (b"all", ENGLISH),
    (b"get", ENGLISH),
    (b"it's", ENGLISH),
    (b"don't", ENGLISH),
    (b"de", FOREIGN),
    (b"la", FOREIGN),
    (b"el", FOREIGN),
    (b"que", FOREIGN),
    (b"y", FOREIGN),
    (b"los", FOREIGN),
    (b"las", FOREIGN),
    (b"del", FOREIGN),
    (b"por", FOREIGN),
    (b"para", FOREIGN),
    (b"con", FOREIGN),
    (b"una", FOREIGN),
    (b"et", FOREIGN),
    (b"les", FOREIGN),
    (b"des", FOREIGN),
    (b"est", FOREIGN),
    (b"pour", FOREIGN),
    (b"avec", FOREIGN),
    (b"une", FOREIGN),
    (b"der", FOREIGN),
    (b"die", FOREIGN),
    (b"und", FOREIGN),
    (b"das", FOREIGN),
    (b"ist", FOREIGN),
    (b"nicht", FOREIGN),
    (b"mit", FOREIGN),
    (b"ein", FOREIGN),
    (b"il", FOREIGN),
    (b"di", FOREIGN),
    (b"che", FOREIGN),
    (b"per", FOREIGN),
    (b"sono", FOREIGN),
    (b"della", FOREIGN),
    (b"com", FOREIGN),
    (b"em", FOREIGN),
    (b"um", FOREIGN),
    (b"uma", FOREIGN),
    (b"het", FOREIGN),
    (b"een", FOREIGN),
    (b"je", FOREIGN),
    (b"est-ce", FOREIGN),
    (b"du", FOREIGN),
    (b"le", FOREIGN),
    (b"al", FOREIGN),
    (b"lo", FOREIGN),
    (b"es", FOREIGN),
];

const LONG_CLASSED: &[(&[u8], u16)] = &[
    (b"ourselves", WE | ENGLISH),
    (b"photographed", CREDIT),
    (b"shout-out", THANKS),
];

const SLOTS: usize = 512;

/// Up to 8 bytes, little-endian, zero-padded (words never contain a NUL).
const fn pack(w: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

#[inline]
const fn slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize
}

/// Open addressing (linear probing), built at compile time: one multiply
/// and usually one compare per word instead of a chain of string compares.
struct Table {
    keys: [u64; SLOTS],
    classes: [u16; SLOTS],
}

static TABLE: Table = build_table();

const fn build_table() -> Table {
    let mut t = Table {
        keys: [0; SLOTS],
        classes: [0; SLOTS],
    };
    let mut i = 0;
    while i < CLASSED.len() {
        let (w, class) = CLASSED[i];
        assert!(
            !w.is_empty() && w.len() <= 8,
            "CLASSED words have 1 to 8 bytes"
        );
        let k = pack(w);
        let mut s = slot(k);
        loop {
            if t.keys[s] == 0 {
                t.keys[s] = k;
                t.classes[s] = class;
                break;
            }
            assert!(t.keys[s] != k, "a word is listed twice in CLASSED");
            s = (s + 1) & (SLOTS - 1);
        }
        i += 1;
    }
    t
}

/// The classes of a lowercase word (`lower_ascii` output).
#[inline]
fn lookup(w: &[u8]) -> u16 {
    if w.len() > 8 {
        return LONG_CLASSED
            .iter()
            .find(|(l, _)| *l == w)
            .map_or(0, |&(_, class)| class);
    }
    lookup_key(pack(w))
}

#[inline]
fn lookup_key(k: u64) -> u16 {
    let mut s = slot(k);
    loop {
        let key = TABLE.keys[s];
        if key == k {
            return TABLE.classes[s];
        }
        if key == 0 {
            return 0;
        }
        s = (s + 1) & (SLOTS - 1);
    }
}

/// The capitals flag and the ASCII-lowercased word to look up, or, for a word
/// that is not plain ASCII, its complete flags (no list holds such words).
fn case_and_lowered<'b>(word: &str, buf: &'b mut [u8; 16]) -> Result<(u16, &'b [u8]), u16> {
    let lowered = lower_ascii(word, buf);
    let caps = match lowered {
        // An ASCII word: capitals when no byte was lowercase already.
        Some(_) => {
            let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
            letters >= 2 && !word.bytes().any(|b| b.is_ascii_lowercase())
        }
        None => crate::text::is_all_caps(word),
    };
    let flags = if caps { CAPS } else { 0 };
    let Some(w) = lowered else {
        let first = word.chars().next().unwrap_or(' ');
        let script = if first.is_alphabetic() && !matches!(first, 'À'..='ɏ') {
            OTHER_SCRIPT
        } else {
            0
        };
        return Err(flags | script | foreign_non_ascii(word));
    };
    Ok((flags, w))
}

pub fn classify(word: &str) -> u16 {
    classify_at(word, 0, word.len())
}

/// The classes of the word `text[start..end]`. Taking the whole text lets the
/// fast path load the word's first eight bytes in one read when the text goes
/// on that far, instead of copying the word byte by byte.
#[inline]
pub fn classify_at(text: &str, start: usize, end: usize) -> u16 {
    let class = classify_word_at(text, start, end);
    // "US" in capitals is the country ("rates in the US"), not "us".
    if class & WE != 0 && &text.as_bytes()[start..end] == b"US" {
        class & !WE
    } else {
        class
    }
}

#[inline]
fn classify_word_at(text: &str, start: usize, end: usize) -> u16 {
    let bytes = text.as_bytes();
    let len = end - start;
    // Fast path: a plain ASCII word of up to 8 bytes, loaded as one u64 and
    // lowercased eight bytes at a time (SWAR), so a word costs a handful of
    // operations instead of a table lookup per byte.
    if len <= 8 {
        let x = match bytes.get(start..start + 8) {
            Some(eight) => {
                let all = u64::from_le_bytes(eight.try_into().unwrap());
                // Keep the word's own bytes; the rest reads as zero padding.
                if len == 8 {
                    all
                } else {
                    all & ((1u64 << (8 * len)) - 1)
                }
            }
            None => {
                let mut x = 0u64;
                for (k, &b) in bytes[start..end].iter().enumerate() {
                    x |= (b as u64) << (8 * k);
                }
                x
            }
        };
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = ONES * 0x80;
        if x & HIGH == 0 {
            // With every byte below 0x80, adding 0x80 - lo sets a byte's high
            // bit exactly when the byte is >= lo, and never carries into the
            // next byte.
            let at_least = |lo: u8| (x + ONES * (0x80 - lo as u64)) & HIGH;
            let upper = at_least(b'A') & !at_least(b'Z' + 1);
            let lower = at_least(b'a') & !at_least(b'z' + 1);
            let letters = (upper | lower).count_ones();
            let caps = if letters >= 2 && lower == 0 { CAPS } else { 0 };
            // 0x80 >> 2 is 0x20, the bit that lowercases an ASCII capital.
            return caps | lookup_key(x | (upper >> 2));
        }
    }
    classify_slow(&text[start..end])
}

/// Long or non-ASCII words. Out of line so that the fast path above needs no
/// stack frame for the lowercase buffer.
#[inline(never)]
fn classify_slow(word: &str) -> u16 {
    let mut buf = [0u8; 16];
    match case_and_lowered(word, &mut buf) {
        Ok((caps, w)) => caps | lookup(w),
        Err(flags) => flags,
    }
}

fn foreign_non_ascii(word: &str) -> u16 {
    let mut lower = [0u8; 16];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut b = [0u8; 4];
        let s = c.encode_utf8(&mut b);
        if n + s.len() > lower.len() {
            return 0;
        }
        lower[n..n + s.len()].copy_from_slice(s.as_bytes());
        n += s.len();
    }
    match &lower[..n] {
        b if b == "não".as_bytes()
            || b == "é".as_bytes()
            || b == "à".as_bytes()
            || b == "für".as_bytes()
            || b == "más".as_bytes()
            || b == "también".as_bytes() =>
        {
            FOREIGN
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification as it was first written, one `match` on the
    /// lowercase word: the lookup table must agree with it on every word.
    fn classify_reference(word: &str) -> u16 {
        let mut buf = [0u8; 16];
        let (mut flags, w) = match case_and_lowered(word, &mut buf) {
            Ok(found) => found,
            Err(flags) => return flags,
        };
        flags |= match w {
            b"read" | b"watch" | b"listen" | b"learn" | b"see" | b"visit" | b"discover"
            | b"find" | b"join" | b"follow" | b"register" | b"download" | b"view" | b"explore"
            | b"tune" | b"sign" | b"apply" | b"book" | b"order" | b"call" | b"donate"
            | b"discuss" | b"vote" | b"submit" | b"click" | b"tap" | b"swipe" | b"grab"
            | b"head" | b"hear" | b"catch" | b"weigh" | b"rsvp" | b"nominate" | b"pledge"
            | b"attend" => ACTION_VERB,
            b"like" | b"share" | b"comment" | b"love" | b"heart" | b"wow" | b"haha"
            | b"retweet" => REACTION,
            b"rt" => REACTION | PREFACE,
            b"please" => PREFACE,
            b"meet" => MEET,
            b"thank" | b"thanks" | b"shout-out" | b"shoutout" | b"kudos" | b"grateful" => THANKS,
            b"built" | b"made" | b"created" | b"designed" | b"wrote" | b"shared" | b"baked"
            | b"crafted" | b"photographed" | b"captured" | b"painted" | b"cooked" | b"brewed"
            | b"won" | b"nailed" | b"shot" | b"drew" | b"sewed" | b"knitted" | b"invented" => {
                CREDIT
            }
            b"for" => FOR | ENGLISH | MINOR,
            b"a" | b"an" | b"the" | b"and" | b"or" | b"of" | b"to" | b"in" | b"on" | b"at"
            | b"by" | b"with" | b"is" | b"are" | b"be" | b"from" => ENGLISH | MINOR,
            b"as" | b"vs" | b"into" => MINOR,
            b"we" | b"our" | b"us" | b"ours" | b"we're" | b"we've" | b"we'll" | b"we'd"
            | b"ourselves" | b"let's" => WE | ENGLISH,
            b"you" | b"your" | b"yours" | b"you're" | b"you've" | b"you'll" | b"you'd"
            | b"yourself" | b"y'all" | b"ya" | b"u" => YOU | ENGLISH,
            b"i" | b"i'm" | b"i've" | b"i'll" | b"i'd" | b"my" | b"me" | b"mine" | b"im"
            | b"myself" => FIRST_PERSON | ENGLISH,
            b"was" | b"it" | b"this" | b"that" | b"not" | b"have" | b"has" | b"will" | b"can"
            | b"do" | b"just" | b"so" | b"what" | b"how" | b"all" | b"get" | b"it's" | b"don't" => {
                ENGLISH
            }
            b"de" | b"la" | b"el" | b"que" | b"y" | b"los" | b"las" | b"del" | b"por" | b"para"
            | b"con" | b"una" | b"et" | b"les" | b"des" | b"est" | b"pour" | b"avec" | b"une"
            | b"der" | b"die" | b"und" | b"das" | b"ist" | b"nicht" | b"mit" | b"ein" | b"il"
            | b"di" | b"che" | b"per" | b"sono" | b"della" | b"com" | b"em" | b"um" | b"uma"
            | b"het" | b"een" | b"je" | b"est-ce" | b"du" | b"le" | b"al" | b"lo" | b"es" => {
                FOREIGN
            }
            _ => 0,
        };
        if word == "US" {
            flags &= !WE;
        }
        flags
    }

    #[test]
    fn us_in_capitals_is_the_country() {
        assert_eq!(classify("US") & WE, 0);
        assert_ne!(classify("us") & WE, 0);
        assert_ne!(classify("Us") & WE, 0);
    }

    #[test]
    fn table_agrees_with_the_match() {
        let mut words: Vec<String> = Vec::new();
        for (w, _) in CLASSED.iter().chain(LONG_CLASSED) {
            let w = std::str::from_utf8(w).unwrap().to_string();
            words.push(w.to_uppercase());
            words.push(w.replace('\'', "\u{2019}"));
            let mut cap = w.clone();
            cap[..1].make_ascii_uppercase();
            words.push(cap);
            words.push(format!("{w}s"));
            words.push(w[..w.len() - 1].to_string());
            words.push(w);
        }
        for w in [
            "",
            "a",
            "A",
            "I",
            "Zz",
            "coffee",
            "COFFEE",
            "ourselvesx",
            "OURSELVES",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "ABCDEFGHIJKLMNOPQ",
            "don\u{2019}t",
            "WE\u{2019}RE",
            "\u{2019}",
            "café",
            "CAFÉ",
            "não",
            "Привет",
            "für",
            "x-y",
            "10,000",
            "U.S",
            "a1",
            "AB1",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(classify(w), classify_reference(w), "{w:?}");
        }
    }

    /// The eight-bytes-at-a-time fast path (alone and inside a longer text)
    /// against the reference on every
    /// ASCII word of one or two bytes and on 200,000 pseudo-random ones of
    /// three to eight bytes drawn from letters, digits and word punctuation.
    #[test]
    fn swar_fast_path_matches_the_reference_on_ascii_words() {
        let check = |w: &[u8]| {
            let w = std::str::from_utf8(w).unwrap();
            let expected = classify_reference(w);
            assert_eq!(classify(w), expected, "{w:?}");
            // Inside a longer text the fast path reads eight bytes at once.
            let text = format!("é {w}XYZ_\u{e9}abc");
            assert_eq!(
                classify_at(&text, 3, 3 + w.len()),
                expected,
                "{w:?} in {text:?}"
            );
        };
        for a in 0x20u8..0x7F {
            check(&[a]);
            for b in 0x20u8..0x7F {
                check(&[a, b]);
            }
        }
        const ALPHABET: &[u8] = b"aeiouwyrstnlAEIOUWYRSTNLzZ@[`{09'-.,_";
        let mut seed = 0x9E37_79B9u64;
        for _ in 0..200_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let len = 3 + (seed >> 61) as usize % 6;
            let word: Vec<u8> = (0..len)
                .map(|k| ALPHABET[(seed >> (5 * k + 3)) as usize % ALPHABET.len()])
                .collect();
            check(&word);
        }
        for w in CLASSED.iter().map(|(w, _)| *w) {
            check(w);
            check(&w.to_ascii_uppercase());
        }
    }

    #[test]
    fn classes() {
        assert_eq!(classify("We're") & WE, WE);
        assert_eq!(classify("YOUR") & (YOU | CAPS), YOU | CAPS);
        assert_eq!(classify("I\u{2019}m") & FIRST_PERSON, FIRST_PERSON);
        assert_eq!(classify("und") & FOREIGN, FOREIGN);
        assert_eq!(classify("não") & FOREIGN, FOREIGN);
        assert_eq!(classify("Привет") & OTHER_SCRIPT, OTHER_SCRIPT);
        assert_eq!(classify("coffee"), 0);
    }
}
