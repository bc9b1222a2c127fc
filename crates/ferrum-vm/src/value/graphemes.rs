//! Extended grapheme clusters (Unicode UAX #29): what an LPC string calls
//! a character, as in current FluffOS. `strlen`, `s[i]`, ranges, `foreach`
//! and `explode(s, "")` all count clusters, so "\r\n", "e" + a combining
//! accent and a flag emoji are each one character.
//!
//! Segmenting is done by `unicode-segmentation`, but only where the text
//! needs it: a boundary between two ASCII bytes is certain whatever
//! surrounds it (no UAX #29 rule joins two ASCII characters except CR LF,
//! and none that looks further back can reach past an ASCII character), so
//! ASCII runs are split byte by byte and only stretches holding non-ASCII
//! text go through the full rules.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The longest UTF-8 sequence: a character this long or shorter indexes as
/// its first codepoint (FluffOS's `U8_MAX_LENGTH` rule).
const MAX_INDEXABLE_BYTES: usize = 4;

/// What `s[i]` reads for one character: its first codepoint when the whole
/// character fits in one UTF-8 sequence's worth of bytes, else -1 (a flag
/// or an emoji with a skin tone cannot be a single `int`).
pub fn char_value(cluster: &str) -> i64 {
    if cluster.len() > MAX_INDEXABLE_BYTES {
        return -1;
    }
    cluster.chars().next().map_or(0, |c| c as i64)
}

/// Whether each byte of `text` is one character: ASCII without a CR LF pair.
pub fn is_byte_per_char(text: &str) -> bool {
    text.is_ascii() && !has_crlf(text.as_bytes())
}

/// Whether an ASCII-or-not byte string holds a CR directly followed by LF.
pub fn has_crlf(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'\r', &bytes[from..]) {
        let cr = from + at;
        if bytes.get(cr + 1) == Some(&b'\n') {
            return true;
        }
        from = cr + 1;
    }
    false
}

/// The byte offset where every character of `text` starts, followed by the
/// text's length (so character `i` is `starts[i]..starts[i + 1]`).
pub fn char_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut starts = Vec::with_capacity(n / 2 + 2);
    let mut at = 0;
    while at < n {
        let b = bytes[at];
        if b < 0x80 {
            match bytes.get(at + 1) {
                None => {
                    starts.push(at as u32);
                    break;
                }
                Some(&next) if next < 0x80 => {
                    starts.push(at as u32);
                    at += if b == b'\r' && next == b'\n' { 2 } else { 1 };
                    continue;
                }
                Some(_) => {}
            }
        }
        let end = stretch_end(bytes, at);
        starts.extend(text[at..end].grapheme_indices(true).map(|(off, _)| (at + off) as u32));
        at = end;
    }
    starts.push(n as u32);
    starts.shrink_to_fit();
    starts
}

/// The first position after `from` where two ASCII characters meet (other
/// than CR LF): a boundary the text on either side cannot move.
fn stretch_end(bytes: &[u8], from: usize) -> usize {
    (from + 1..bytes.len())
        .find(|&q| bytes[q] < 0x80 && bytes[q - 1] < 0x80 && !(bytes[q - 1] == b'\r' && bytes[q] == b'\n'))
        .unwrap_or(bytes.len())
}

/// Where the character starting at byte `at` of `text` ends. `at` must be a
/// character boundary; the text before it is context for the rules that
/// look back (emoji ZWJ sequences, flag pairs, Indic conjuncts).
pub fn next_char_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    if at >= bytes.len() {
        return bytes.len();
    }
    if bytes[at] < 0x80 {
        match bytes.get(at + 1) {
            None => return at + 1,
            Some(&b'\n') if bytes[at] == b'\r' => return at + 2,
            Some(&next) if next < 0x80 => return at + 1,
            Some(_) => {}
        }
    }
    let mut cursor = GraphemeCursor::new(at, bytes.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(end)) => end,
        // The whole text is given, so the cursor never asks for more.
        _ => bytes.len(),
    }
}

/// Whether byte offset `at` of `text` falls between two characters.
pub fn is_char_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return at <= text.len();
    }
    if !text.is_char_boundary(at) {
        return false;
    }
    let bytes = text.as_bytes();
    if bytes[at] < 0x80 && bytes[at - 1] < 0x80 {
        return !(bytes[at - 1] == b'\r' && bytes[at] == b'\n');
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(true)
}

/// The characters of `text`, in order.
pub fn chars_of(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = next_char_end(text, at);
        let piece = &text[at..end];
        at = end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let starts = char_starts(text);
        starts.windows(2).map(|w| &text[w[0] as usize..w[1] as usize]).collect()
    }

    #[test]
    fn ascii_splits_per_byte_except_crlf() {
        assert_eq!(split("ab\r\nc\n\rd"), ["a", "b", "\r\n", "c", "\n", "\r", "d"]);
        assert!(split("").is_empty());
        assert!(is_byte_per_char("a\rb\nc"));
        assert!(!is_byte_per_char("a\r\nb"));
        assert!(!is_byte_per_char("é"));
    }

    #[test]
    fn combining_marks_emoji_and_flags_join() {
        let flag = "\u{1F1FA}\u{1F1F8}";
        let family = "\u{1F469}\u{200D}\u{1F467}";
        let text = format!("xe\u{301}{flag}{flag}{family}\u{1F44D}\u{1F3FD}!");
        assert_eq!(split(&text), ["x", "e\u{301}", flag, flag, family, "\u{1F44D}\u{1F3FD}", "!"]);
        // An accent right after ASCII belongs to it, not to the next run.
        assert_eq!(split("ab\u{301}c"), ["a", "b\u{301}", "c"]);
        // Hangul jamo and a Devanagari conjunct (GB9c) stay whole.
        assert_eq!(split("\u{1100}\u{1161}\u{11A8}a"), ["\u{1100}\u{1161}\u{11A8}", "a"]);
        assert_eq!(split("\u{915}\u{94D}\u{937}"), ["\u{915}\u{94D}\u{937}"]);
    }

    #[test]
    fn table_and_stepping_agree_with_the_full_rules() {
        let samples = [
            "plain ascii",
            "día\r\nñandú \u{1F1EF}\u{1F1F5}x",
            "\u{0600}1 prepend joins ascii",
            "#\u{FE0F}\u{20E3} keycap",
            "\r\n\r\n\n\r",
            "中文字符 and 한국어",
        ];
        for text in samples {
            let full: Vec<&str> = text.graphemes(true).collect();
            assert_eq!(split(text), full, "{text:?}");
            assert_eq!(chars_of(text).collect::<Vec<_>>(), full, "{text:?}");
            let mut at = 0;
            for piece in &full {
                assert!(is_char_boundary(text, at));
                for inner in 1..piece.len() {
                    assert!(!is_char_boundary(text, at + inner), "{text:?} at {}", at + inner);
                }
                at += piece.len();
            }
        }
    }

    #[test]
    fn values_are_first_codepoints_of_narrow_characters() {
        assert_eq!(char_value("\r\n"), 13);
        assert_eq!(char_value("e\u{301}"), 'e' as i64);
        assert_eq!(char_value("\u{1F346}"), 0x1F346);
        assert_eq!(char_value("\u{1F1FA}\u{1F1F8}"), -1);
    }
}
