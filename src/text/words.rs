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

pub fn classify(word: &str) -> u16 {
    let mut flags = 0;
    let mut buf = [0u8; 16];
    let lowered = lower_ascii(word, &mut buf);
    let caps = match lowered {
        // An ASCII word: capitals when no byte was lowercase already.
        Some(_) => {
            let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
            letters >= 2 && !word.bytes().any(|b| b.is_ascii_lowercase())
        }
        None => crate::text::is_all_caps(word),
    };
    if caps {
        flags |= CAPS;
    }
    let Some(w) = lowered else {
        let first = word.chars().next().unwrap_or(' ');
        if first.is_alphabetic() && !matches!(first, 'À'..='ɏ') {
            flags |= OTHER_SCRIPT;
        }
        return flags | foreign_non_ascii(word);
    };
    flags |= match w {
        b"read" | b"watch" | b"listen" | b"learn" | b"see" | b"visit" | b"discover" | b"find"
        | b"join" | b"follow" | b"register" | b"download" | b"view" | b"explore" | b"tune"
        | b"sign" | b"apply" | b"book" | b"order" | b"call" | b"donate" | b"discuss" | b"vote"
        | b"submit" | b"click" | b"tap" | b"swipe" | b"grab" | b"head" | b"hear" | b"catch"
        | b"weigh" | b"rsvp" | b"nominate" | b"pledge" | b"attend" => ACTION_VERB,
        b"like" | b"share" | b"comment" | b"love" | b"heart" | b"wow" | b"haha" | b"retweet" => {
            REACTION
        }
        b"rt" => REACTION | PREFACE,
        b"please" => PREFACE,
        b"meet" => MEET,
        b"for" => FOR | ENGLISH | MINOR,
        b"a" | b"an" | b"the" | b"and" | b"or" | b"of" | b"to" | b"in" | b"on" | b"at" | b"by"
        | b"with" | b"is" | b"are" | b"be" | b"from" => ENGLISH | MINOR,
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
        | b"het" | b"een" | b"je" | b"est-ce" | b"du" | b"le" | b"al" | b"lo" | b"es" => FOREIGN,
        _ => 0,
    };
    flags
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
