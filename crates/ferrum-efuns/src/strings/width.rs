//! Display width of text, as FluffOS measures it for sprintf padding,
//! column/table modes, terminal_colour wrapping and strwidth().
//!
//! Rules (FluffOS `u8_width`): East Asian wide characters count 2,
//! combining marks and control characters 0, ANSI colour sequences
//! (`ESC [ digits;... m`) 0, and a character joined by a zero-width joiner
//! to the previous one adds nothing (so an emoji ZWJ sequence counts as
//! its first emoji).

use ferrum_vm::value::graphemes::{is_char_boundary, next_char_end};
use unicode_width::UnicodeWidthChar;

const ZWJ: char = '\u{200D}';

/// Length in bytes of an ANSI colour sequence starting at `at`, if there
/// is one (FluffOS accepts `ESC [ [0-9;]* m`).
pub fn ansi_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&0x1b) || bytes.get(at + 1) != Some(&b'[') {
        return None;
    }
    let mut i = at + 2;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b';') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'm') {
        Some(i + 1 - at)
    } else {
        None
    }
}

/// Width of one character on its own.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of `s`.
pub fn str_width(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut total = 0;
    let mut prev = '\0';
    let mut i = 0;
    while i < bytes.len() {
        if let Some(n) = ansi_len(bytes, i) {
            i += n;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or('\0');
        i += c.len_utf8();
        let joined = c == ZWJ || prev == ZWJ;
        prev = c;
        if !joined {
            total += char_width(c);
        }
    }
    total
}

/// Whether a line may be broken right before byte `pos` of `s` (an
/// approximation of the Unicode line-breaking rules FluffOS gets from
/// ICU: after spaces, after a newline, after a hyphen, and around wide
/// CJK characters). The end of the text always counts.
pub fn is_line_boundary(s: &str, pos: usize) -> bool {
    if pos >= s.len() {
        return true;
    }
    if pos == 0 || !is_char_boundary(s, pos) {
        return false;
    }
    let prev = s[..pos].chars().next_back().unwrap_or(' ');
    let next = s[pos..].chars().next().unwrap_or(' ');
    if prev == '\n' {
        return true;
    }
    if next == ' ' || next == '\n' {
        return false;
    }
    if prev == ' ' || prev == '\t' {
        return true;
    }
    if prev == '-' {
        return !next.is_ascii_digit();
    }
    char_width(prev) == 2 || char_width(next) == 2
}

fn preceding_boundary(s: &str, pos: usize) -> usize {
    (1..pos)
        .rev()
        .find(|&p| is_line_boundary(s, p))
        .unwrap_or(0)
}

fn following_boundary(s: &str, pos: usize) -> usize {
    (pos + 1..=s.len())
        .find(|&p| is_line_boundary(s, p))
        .unwrap_or(s.len())
}

/// The longest prefix of `s` whose width does not exceed `max_width`, as
/// FluffOS's `u8_truncate_below_width`: returns (bytes, width).
///
/// `break_for_line` moves the cut back to a line-break opportunity (or
/// forward past an unbreakable word) and drops one trailing space;
/// `stop_at_newline` always cuts before the first newline. A first
/// character wider than `max_width` is taken anyway, so progress is made.
pub fn truncate_below_width(
    s: &str,
    max_width: usize,
    break_for_line: bool,
    stop_at_newline: bool,
) -> (usize, usize) {
    if s.is_empty() {
        return (0, 0);
    }
    let bytes = s.as_bytes();
    let mut hardwrap = false;
    let mut break_len = 0usize;
    let mut break_width = 0usize;
    let mut pos = 0usize;
    loop {
        while let Some(n) = ansi_len(bytes, pos) {
            pos += n;
        }
        let at_end = pos >= bytes.len();
        if stop_at_newline && !at_end && bytes[pos] == b'\n' {
            hardwrap = true;
            break_len = pos;
            break_width = str_width(&s[..pos]);
            break;
        }
        let new_width = break_width + str_width(&s[break_len..pos.min(bytes.len())]);
        if new_width > 0 && new_width == max_width {
            break_len = pos.min(bytes.len());
            break_width = new_width;
            break;
        }
        if new_width > max_width {
            if break_width == 0 {
                hardwrap = true;
                break_len = pos.min(bytes.len());
                break_width = new_width;
            }
            break;
        }
        break_len = pos.min(bytes.len());
        break_width = new_width;
        if at_end {
            break;
        }
        // Whole characters only: an accent never parts from its letter.
        pos = next_char_end(s, pos);
    }

    if break_for_line {
        let at_space = bytes.get(break_len) == Some(&b' ');
        if !hardwrap && !at_space && !is_line_boundary(s, break_len) {
            let prev = preceding_boundary(s, break_len);
            // A boundary that only follows leading indentation would leave
            // a line of blanks: FluffOS hard-wraps such lines at the width.
            let only_indent = s[..prev].bytes().all(|b| b == b' ' || b == b'\t');
            if prev > 0 && !only_indent {
                break_len = prev;
                break_width = str_width(&s[..break_len]);
            } else if prev == 0 {
                let mut next = following_boundary(s, break_len);
                if next > 0 && bytes.get(next - 1) == Some(&b'\n') {
                    next -= 1;
                }
                break_len = next;
                break_width = str_width(&s[..break_len]);
            }
        }
        if break_len > 1 && bytes[break_len - 1] == b' ' {
            break_len -= 1;
            break_width = break_width.saturating_sub(1);
        }
    }
    (break_len, break_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_fluffos() {
        assert_eq!(str_width("what e\nver"), 9);
        assert_eq!(str_width("字字"), 4);
        assert_eq!(str_width("\x1b[31mred\x1b[0m"), 3);
        assert_eq!(str_width("\u{1F926}\u{1F3FB}\u{200D}\u{2642}\u{FE0F}"), 4);
        assert_eq!(
            str_width("欲穷千里目👩\u{200D}👩\u{200D}👧\u{200D}👧更上一层楼"),
            22
        );
    }

    #[test]
    fn truncation_breaks_at_words() {
        assert_eq!(
            truncate_below_width("very long string", 6, false, false),
            (6, 6)
        );
        assert_eq!(
            truncate_below_width("this is a very", 6, true, true),
            (4, 4)
        );
        assert_eq!(truncate_below_width("aaaaaabbb", 6, true, true), (9, 9));
        assert_eq!(truncate_below_width("one\ntwo", 10, true, true), (3, 3));
        assert_eq!(
            truncate_below_width(" tfddkdfkdfkdfskdfksll", 20, true, true),
            (20, 20)
        );
        // A wide character that does not fit alone is still taken.
        assert_eq!(truncate_below_width("一二", 1, true, true), (3, 2));
    }
}
