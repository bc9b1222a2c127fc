use super::*;

#[test]
fn counts_characters_not_bytes() {
    let s = LStr::new("héllo");
    assert_eq!(s.char_len(), 5);
    assert_eq!(s.char_at(1), Some('é' as i64));
    assert_eq!(s.substr(1, 3).as_str(), "él");
}

#[test]
fn characters_are_grapheme_clusters() {
    let s = LStr::new("a\r\nb\u{1F1EB}\u{1F1F7}e\u{301}");
    assert_eq!(s.char_len(), 5);
    assert_eq!(s.char_at(1), Some(13));
    assert_eq!(s.char_at(3), Some(-1));
    assert_eq!(s.char_at(4), Some('e' as i64));
    assert_eq!(s.char_at(5), None);
    assert_eq!(s.char_str(3), Some("\u{1F1EB}\u{1F1F7}"));
    assert_eq!(s.substr(1, 3).as_str(), "\r\nb");
    assert_eq!(s.byte_offset(2), 3);
    assert_eq!(s.byte_offset(99), s.byte_len());
    assert_eq!(s.char_index_at(3), Some(2));
    assert_eq!(s.char_index_at(2), None);
    assert_eq!(s.char_index_at(s.byte_len()), Some(5));
    assert_eq!(s.chars_lpc().collect::<Vec<_>>(), ["a", "\r\n", "b", "\u{1F1EB}\u{1F1F7}", "e\u{301}"]);
    assert_eq!(s.find_char('e' as i64, 0), Some(4));
    assert_eq!(s.find_char('\n' as i64, 0), None);
}

#[test]
fn ascii_text_is_indexed_by_byte() {
    let s = LStr::new("abc\rd\n");
    assert!(s.is_byte_per_char());
    assert_eq!(s.char_len(), 6);
    assert_eq!(s.char_at(3), Some(13));
    assert_eq!(s.find_char('d' as i64, 2), Some(4));
    assert_eq!(s.find_char('a' as i64, 1), None);
    assert_eq!(s.find_char(0x1F600, 0), None);
    assert!(!LStr::new("a\r\n").is_byte_per_char());
}

#[test]
fn replacing_keeps_what_is_joined_to_the_base() {
    let s = LStr::new("xe\u{301}y");
    assert_eq!(s.with_char_replaced(1, 'a').as_str(), "xa\u{301}y");
    assert_eq!(LStr::new("\r\n").with_char_replaced(0, 'z').as_str(), "z\n");
}

#[test]
fn appends_in_place_when_unique() {
    let mut s = LStr::new("ab");
    s.push_str("c");
    assert_eq!(s.as_str(), "abc");
    let t = s.clone();
    s.push_str("é");
    assert_eq!(t.as_str(), "abc");
    assert_eq!(s.char_len(), 4);
    assert!(!s.is_ascii());
}

#[test]
fn appending_updates_a_known_shape() {
    let mut s = LStr::new("ab\r");
    assert_eq!(s.char_len(), 3);
    s.push_str("\nc");
    assert!(!s.is_byte_per_char());
    assert_eq!(s.char_len(), 4);
    s.push_str("e");
    s.push_str("\u{301}");
    assert_eq!(s.char_len(), 5, "the accent joins the e before it");
    let mut t = LStr::new("xy");
    assert_eq!(t.char_len(), 2);
    t.push_str("z");
    assert!(t.is_byte_per_char());
    assert_eq!(t.char_at(2), Some('z' as i64));
}
