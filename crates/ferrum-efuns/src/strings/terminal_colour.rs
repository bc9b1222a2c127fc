//! terminal_colour(): `%^KEY%^` colour-code substitution with optional
//! word wrapping (FluffOS contrib package).
//!
//! The string is split at every `%^`; each non-empty piece is looked up
//! in the mapping (string keys and values only) and replaced by its value
//! when found. A `terminal_colour_replace(piece)` function in the current
//! object may first rename a piece; a renamed piece that is not a key is
//! used as a code itself. Replacements are colour codes: they take no
//! room when wrapping. With a wrap width, lines are broken at the last
//! space (or hard-broken) so no line is wider than the width (display
//! columns); each break emits the RESET code, a newline, the colour in
//! effect, and `indent` spaces. A negative width also pads every line to
//! the width. When the mapping has no string RESET, the ANSI reset is used
//! and stored in the mapping, as FluffOS does.

use super::width::char_width;
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::interp::Vm;
use ferrum_vm::value::{Mapping, Value};

const DEFAULT_RESET: &str = "\x1b[49;49m\x1b[0;10m";
/// Colour codes remembered for re-emission after a break (FluffOS keeps a
/// fixed-size buffer).
const MAX_COLOUR_STRING: usize = 200;

enum Part {
    /// Zero-width colour code.
    Code(String),
    Text(String),
}

fn lookup(map: &Mapping, key: &str) -> Option<String> {
    match map.get(&Value::from(key)) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// Pieces between `%^` markers, empty ones dropped.
fn split_codes(s: &str) -> Vec<&str> {
    s.split("%^").filter(|p| !p.is_empty()).collect()
}

/// Tracks the colour codes in effect so they can be re-sent after a
/// line break.
struct Colour {
    current: String,
    reset: String,
}

impl Colour {
    fn apply(&mut self, code: &str) {
        if code == self.reset {
            self.current.clear();
        } else if self.current.len() + code.len() < MAX_COLOUR_STRING - 1 {
            self.current.push_str(code);
        }
    }
}

/// `string terminal_colour(string, mapping, void | int wrap, void | int indent)`
pub fn terminal_colour(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let input = args::lstr(a, 0)?;
    let map = args::mapping(a, 1)?;
    let mut wrap = 0i64;
    let mut indent = 0i64;
    let mut fillout = false;
    if a.len() >= 3 {
        wrap = args::int_or(a, 2, 0);
        indent = args::int_or(a, 3, 0);
        if wrap < 0 {
            wrap = -wrap;
            fillout = true;
        }
        if wrap != 0 && wrap < 2 {
            wrap = 2;
        }
        if indent < 0 || indent >= wrap - 1 {
            indent = wrap - 2;
        }
    }
    let has_codes = input.contains("%^");
    if !has_codes && wrap == 0 {
        return Ok(Value::Str(input));
    }
    let pieces: Vec<&str> = if has_codes {
        split_codes(&input)
    } else {
        vec![&input]
    };
    if pieces.is_empty() {
        return Ok(Value::from(""));
    }
    let reset = match lookup(&map, "RESET") {
        Some(r) if !r.is_empty() => r,
        _ => {
            map.insert(Value::from("RESET"), Value::from(DEFAULT_RESET));
            DEFAULT_RESET.to_string()
        }
    };
    let this = vm.this_object();
    let mut parts = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let renamed = match &this {
            Some(ob) => match vm.apply(ob, "terminal_colour_replace", vec![Value::from(piece)])? {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            },
            None => None,
        };
        let key = renamed.as_deref().unwrap_or(piece);
        parts.push(match (lookup(&map, key), renamed) {
            (Some(code), _) => Part::Code(code),
            (None, Some(code)) => Part::Code(code),
            (None, None) => Part::Text(piece.to_string()),
        });
    }
    let max_len = vm.limits.max_string_length;
    let mut out = if wrap == 0 {
        parts
            .iter()
            .map(|p| match p {
                Part::Code(s) | Part::Text(s) => s.as_str(),
            })
            .collect::<String>()
    } else {
        Wrapper::new(wrap as usize, indent as usize, fillout, reset).run(&parts)
    };
    if out.len() > max_len {
        let mut cut = max_len;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    Ok(Value::from(out))
}

/// Line-wrapping state.
struct Wrapper {
    wrap: usize,
    indent: usize,
    fillout: bool,
    colour: Colour,
    out: String,
    /// Text of the current line not yet written (codes included).
    line: String,
    /// Display column reached on the current line.
    col: usize,
    /// Leading blanks are dropped while `col <= start` (just after a
    /// wrap); -1 keeps them.
    start: i64,
    /// Column of the last space on the line (0: none) and the length of
    /// `line` up to and including it.
    space: usize,
    space_len: usize,
    colour_at_word: String,
}

impl Wrapper {
    fn new(wrap: usize, indent: usize, fillout: bool, reset: String) -> Wrapper {
        Wrapper {
            wrap,
            indent,
            fillout,
            colour: Colour {
                current: String::new(),
                reset,
            },
            out: String::new(),
            line: String::new(),
            col: 0,
            start: -1,
            space: 0,
            space_len: 0,
            colour_at_word: String::new(),
        }
    }

    /// Ends the current line after `keep` bytes of it, carrying the rest
    /// over to the next line.
    fn break_line(&mut self, keep: usize, drop_last: bool, endpad: usize, more_follows: bool) {
        let carried = self.line.split_off(keep);
        let mut done = std::mem::replace(&mut self.line, carried);
        if drop_last {
            done.pop();
        }
        self.out.push_str(&done);
        self.out.push_str(&self.colour.reset);
        if self.fillout {
            self.out.push_str(&" ".repeat(endpad));
        }
        self.out.push('\n');
        self.out.push_str(&self.colour_at_word);
        if self.col > 0 || more_follows {
            self.out.push_str(&" ".repeat(self.indent));
            self.col += self.indent;
        }
    }

    fn run(mut self, parts: &[Part]) -> String {
        // text_after[i]: whether any part after i has text to print.
        let mut text_after = vec![false; parts.len()];
        for i in (0..parts.len().saturating_sub(1)).rev() {
            text_after[i] =
                text_after[i + 1] || matches!(&parts[i + 1], Part::Text(t) if !t.is_empty());
        }
        for (pi, part) in parts.iter().enumerate() {
            let text = match part {
                Part::Code(code) => {
                    self.line.push_str(code);
                    self.colour.apply(code);
                    continue;
                }
                Part::Text(t) => t,
            };
            let later_text = text_after[pi];
            let mut chars = text.char_indices().peekable();
            while let Some((_, c)) = chars.next() {
                let more_follows = chars.peek().is_some() || later_text;
                let col_before = self.col;
                if c == '\n' {
                    self.colour_at_word = self.colour.current.clone();
                    self.line.push('\n');
                    let keep = self.line.len();
                    self.col = 0;
                    self.space = 0;
                    self.start = -1;
                    self.break_line(
                        keep,
                        true,
                        self.wrap.saturating_sub(col_before),
                        more_follows,
                    );
                    continue;
                }
                let blank = c == ' ' || c == '\t';
                if (self.col as i64) > self.start || !blank {
                    self.col += char_width(c).max(if blank { 1 } else { 0 });
                    self.line.push(c);
                } else {
                    continue;
                }
                if c == '\t' && (self.col as i64) > self.start {
                    self.col += 8 - ((self.col - 1) % 8);
                }
                if blank {
                    self.space = self.col;
                    self.space_len = self.line.len();
                    self.colour_at_word = self.colour.current.clone();
                }
                if self.col <= self.wrap {
                    continue;
                }
                self.start = self.indent as i64;
                if self.space > 0 {
                    let endpad = self.wrap.saturating_sub(self.space);
                    self.col -= self.space;
                    self.space = 0;
                    let keep = self.space_len;
                    self.break_line(keep, true, endpad, more_follows);
                } else {
                    // No space on the line: the character moves down.
                    let width = self.col - col_before;
                    self.col = width;
                    self.colour_at_word = self.colour.current.clone();
                    let keep = self.line.len() - c.len_utf8();
                    self.break_line(keep, false, self.wrap.saturating_sub(col_before), true);
                }
            }
        }
        self.out.push_str(&self.line);
        self.out
    }
}
