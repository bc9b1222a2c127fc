//! The line editor behind `ed()`, `ed_start()` and `ed_cmd()`: a subset of
//! Unix ed(1) — addresses, input mode, print/delete/move/copy/join,
//! substitute, global commands, read/write, undo — working on a buffer of
//! lines. It knows nothing of LPC: files go through `EdFiles`, which the
//! efuns implement with the master's permission checks.

use crate::strings::spencer;
use regex::Regex;

/// File access for the editor (mudlib paths; the efun side checks them).
pub trait EdFiles {
    fn read(&mut self, path: &str) -> Result<Option<String>, String>;
    fn write(&mut self, path: &str, text: &str) -> Result<(), String>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Command,
    /// Taking lines to put after line `after` (0 = before the first);
    /// a line holding only "." ends it.
    Input { after: usize },
}

pub struct Editor {
    lines: Vec<String>,
    /// The current line, 1-based (0 when the buffer is empty).
    cur: usize,
    pub file: Option<String>,
    dirty: bool,
    /// A `q` refused for unsaved changes; a second `q` quits anyway.
    warned: bool,
    /// Restricted sessions may not name other files (e, r, w FILE, f FILE).
    restricted: bool,
    pub mode: Mode,
    undo: Option<(Vec<String>, usize)>,
    last_regex: Option<String>,
}

/// What a command gave: text to show, and whether the session ended.
#[derive(Default, Debug)]
pub struct Reply {
    pub text: String,
    pub quit: bool,
}

type EdResult<T> = Result<T, String>;

impl Editor {
    pub fn new(restricted: bool) -> Editor {
        Editor {
            lines: Vec::new(),
            cur: 0,
            file: None,
            dirty: false,
            warned: false,
            restricted,
            mode: Mode::Command,
            undo: None,
            last_regex: None,
        }
    }

    /// Loads `path` into the buffer (a missing file starts empty).
    pub fn open(&mut self, path: &str, files: &mut dyn EdFiles) -> String {
        self.file = Some(path.to_string());
        match files.read(path) {
            Ok(Some(text)) => {
                let n = text.len();
                self.lines = split_lines(&text);
                self.cur = self.lines.len();
                format!("\"{}\" {} lines, {} bytes\n", path, self.lines.len(), n)
            }
            Ok(None) => format!("\"{}\" [New file]\n", path),
            Err(e) => format!("{}\n", e),
        }
    }

    /// `query_ed_mode()`: 0 at the command prompt, else the number the
    /// next input line will get.
    pub fn mode_number(&self) -> i64 {
        match self.mode {
            Mode::Command => 0,
            Mode::Input { after } => after as i64 + 1,
        }
    }

    /// One line of input: a command, or text in input mode.
    pub fn feed(&mut self, line: &str, files: &mut dyn EdFiles) -> Reply {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Mode::Input { after } = self.mode {
            if line == "." {
                self.mode = Mode::Command;
                self.cur = after.max(if self.lines.is_empty() { 0 } else { 1 }).min(self.lines.len());
            } else {
                self.lines.insert(after, line.to_string());
                self.dirty = true;
                self.mode = Mode::Input { after: after + 1 };
                self.cur = after + 1;
            }
            return Reply::default();
        }
        let was_warned = std::mem::take(&mut self.warned);
        match self.command(line, files, was_warned) {
            Ok(r) => r,
            Err(e) => Reply { text: format!("? {}\n", e), quit: false },
        }
    }

    fn snapshot(&mut self) {
        self.undo = Some((self.lines.clone(), self.cur));
    }

    fn command(&mut self, line: &str, files: &mut dyn EdFiles, was_warned: bool) -> EdResult<Reply> {
        let mut p = Parser { s: line.trim_start(), ed: self };
        let range = p.range()?;
        let rest = p.s.to_string();
        let (cmd, arg) = match rest.chars().next() {
            Some(c) => (c, rest[c.len_utf8()..].to_string()),
            None => ('\n', String::new()),
        };
        let last = self.lines.len();
        let (from, to) = match range {
            Some(r) => r,
            None => (self.cur, self.cur),
        };
        let check = |a: usize, b: usize| -> EdResult<()> {
            if a == 0 || b > last || a > b {
                Err("bad line range".into())
            } else {
                Ok(())
            }
        };
        let mut out = String::new();
        match cmd {
            '\n' => {
                // A bare address prints that line; nothing prints the next.
                let n = if range.is_some() { to } else { self.cur + 1 };
                check(n, n)?;
                self.cur = n;
                out.push_str(&self.lines[n - 1]);
                out.push('\n');
            }
            'a' | 'i' | 'c' => {
                let after = match cmd {
                    'a' => to,
                    'i' => from.max(1) - 1,
                    _ => {
                        check(from, to)?;
                        self.snapshot();
                        self.lines.drain(from - 1..to);
                        self.dirty = true;
                        from - 1
                    }
                };
                if cmd != 'c' {
                    self.snapshot();
                }
                if after > self.lines.len() {
                    return Err("bad line range".into());
                }
                self.mode = Mode::Input { after };
            }
            'd' => {
                check(from, to)?;
                self.snapshot();
                self.lines.drain(from - 1..to);
                self.dirty = true;
                self.cur = from.min(self.lines.len());
            }
            'p' | 'l' | 'n' => {
                check(from, to)?;
                for i in from..=to {
                    if cmd == 'n' {
                        out.push_str(&format!("{:<7}{}\n", i, self.lines[i - 1]));
                    } else {
                        out.push_str(&self.lines[i - 1]);
                        out.push('\n');
                    }
                }
                self.cur = to;
            }
            '=' => {
                let n = if range.is_some() { to } else { last };
                out.push_str(&format!("{}\n", n));
            }
            'z' => {
                let start = if range.is_some() { to } else { self.cur + 1 };
                check(start, start)?;
                let end = (start + 19).min(last);
                for i in start..=end {
                    out.push_str(&self.lines[i - 1]);
                    out.push('\n');
                }
                self.cur = end;
            }
            'j' => {
                let (a, b) = if range.is_some() && from != to { (from, to) } else { (from, from + 1) };
                check(a, b)?;
                self.snapshot();
                let joined: String = self.lines.drain(a - 1..b).collect();
                self.lines.insert(a - 1, joined);
                self.dirty = true;
                self.cur = a;
            }
            'm' | 't' => {
                check(from, to)?;
                let dest = Parser { s: arg.trim(), ed: self }.address()?.ok_or("destination expected")?;
                if dest > last || (cmd == 'm' && dest >= from && dest < to) {
                    return Err("bad destination".into());
                }
                self.snapshot();
                let block: Vec<String> = self.lines[from - 1..to].to_vec();
                let n = block.len();
                let at = if cmd == 'm' {
                    self.lines.drain(from - 1..to);
                    if dest >= to { dest - n } else { dest }
                } else {
                    dest
                };
                for (k, l) in block.into_iter().enumerate() {
                    self.lines.insert(at + k, l);
                }
                self.dirty = true;
                self.cur = at + n;
            }
            's' => {
                check(from, to)?;
                let (count, shown) = self.substitute(from, to, &arg)?;
                if count == 0 {
                    return Err("no match".into());
                }
                out.push_str(&shown);
            }
            'g' | 'v' => {
                let (a, b) = if range.is_some() { (from, to) } else { (1, last) };
                check(a, b)?;
                out.push_str(&self.global(a, b, &arg, cmd == 'g', files)?);
            }
            'u' => {
                let (lines, cur) = self.undo.take().ok_or("nothing to undo")?;
                self.undo = Some((std::mem::replace(&mut self.lines, lines), self.cur));
                self.cur = cur.min(self.lines.len());
                self.dirty = true;
            }
            'w' | 'W' => {
                let (name, then_quit) = match arg.trim() {
                    "q" if cmd == 'w' => (None, true),
                    s => (Some(s).filter(|s| !s.is_empty()), false),
                };
                let path = self.target_file(name)?;
                let (a, b) = if range.is_some() { (from, to) } else { (1, last) };
                let mut text: String = if last == 0 { String::new() } else { self.lines[a - 1..b].join("\n") + "\n" };
                if cmd == 'W' {
                    if let Ok(Some(old)) = files.read(&path) {
                        text = old + &text;
                    }
                }
                files.write(&path, &text)?;
                if range.is_none() {
                    self.dirty = false;
                }
                out.push_str(&format!("\"{}\" {} lines, {} bytes\n", path, b + 1 - a.min(b + 1), text.len()));
                if then_quit {
                    return Ok(Reply { text: out, quit: true });
                }
            }
            'x' => {
                if self.dirty {
                    return self.command("wq", files, was_warned);
                }
                return Ok(Reply { text: out, quit: true });
            }
            'q' | 'Q' => {
                if cmd == 'q' && self.dirty && !was_warned {
                    self.warned = true;
                    return Err("buffer changed: w to save, Q or q again to quit anyway".into());
                }
                return Ok(Reply { text: out, quit: true });
            }
            'e' | 'E' | 'r' => {
                let name = Some(arg.trim()).filter(|s| !s.is_empty());
                let path = self.target_file(name)?;
                let text = files.read(&path)?.ok_or_else(|| format!("cannot read {}", path))?;
                let new = split_lines(&text);
                self.snapshot();
                if cmd == 'r' {
                    let at = if range.is_some() { to } else { last };
                    let n = new.len();
                    for (k, l) in new.into_iter().enumerate() {
                        self.lines.insert(at + k, l);
                    }
                    self.cur = at + n;
                    self.dirty = true;
                } else {
                    if cmd == 'e' && self.dirty && !was_warned {
                        self.warned = true;
                        return Err("buffer changed: w to save, E or e again to discard".into());
                    }
                    self.lines = new;
                    self.cur = self.lines.len();
                    self.file = Some(path.clone());
                    self.dirty = false;
                }
                out.push_str(&format!("\"{}\" {} lines, {} bytes\n", path, split_lines(&text).len(), text.len()));
            }
            'f' => {
                if let Some(name) = Some(arg.trim()).filter(|s| !s.is_empty()) {
                    if self.restricted {
                        return Err("restricted: no other files".into());
                    }
                    self.file = Some(name.to_string());
                }
                out.push_str(&format!("\"{}\"\n", self.file.as_deref().unwrap_or("")));
            }
            'h' => out.push_str(HELP),
            other => return Err(format!("unknown command '{}'", other)),
        }
        Ok(Reply { text: out, quit: false })
    }

    fn target_file(&self, name: Option<&str>) -> EdResult<String> {
        match name {
            Some(n) if self.restricted && Some(n) != self.file.as_deref() => Err("restricted: no other files".into()),
            Some(n) => Ok(n.to_string()),
            None => self.file.clone().ok_or_else(|| "no file name".into()),
        }
    }

    /// `s/re/replacement/[g][p]` on lines from..=to: (lines changed, text to print).
    fn substitute(&mut self, from: usize, to: usize, arg: &str) -> EdResult<(usize, String)> {
        let mut chars = arg.chars();
        let delim = chars.next().ok_or("s needs /pattern/replacement/")?;
        let parts = split_delimited(chars.as_str(), delim);
        let pattern = match parts.first().map(String::as_str) {
            Some("") | None => self.last_regex.clone().ok_or("no previous pattern")?,
            Some(p) => p.to_string(),
        };
        let replacement = parts.get(1).cloned().unwrap_or_default();
        let flags = parts.get(2).cloned().unwrap_or_default();
        let re = self.regex(&pattern)?;
        let all = flags.contains('g');
        let template = ed_template(&replacement);
        let mut changed = Vec::new();
        let before = (self.lines.clone(), self.cur);
        for i in from..=to {
            let line = &self.lines[i - 1];
            let new = if all { re.replace_all(line, template.as_str()) } else { re.replace(line, template.as_str()) };
            if new != *line {
                self.lines[i - 1] = new.into_owned();
                changed.push(i);
            }
        }
        let mut shown = String::new();
        if let Some(&last) = changed.last() {
            self.undo = Some(before);
            self.dirty = true;
            self.cur = last;
            if flags.contains('p') {
                shown = format!("{}\n", self.lines[last - 1]);
            }
        }
        Ok((changed.len(), shown))
    }

    /// `g/re/cmd` (or `v`): runs cmd (p, n, d, s…, default p) on each
    /// matching (or, for v, non-matching) line.
    fn global(&mut self, from: usize, to: usize, arg: &str, keep: bool, files: &mut dyn EdFiles) -> EdResult<String> {
        let mut chars = arg.chars();
        let delim = chars.next().ok_or("g needs /pattern/command")?;
        let parts = split_delimited(chars.as_str(), delim);
        let re = self.regex(parts.first().map(String::as_str).unwrap_or(""))?;
        let cmd = parts.get(1).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).unwrap_or_else(|| "p".into());
        if cmd.starts_with(['g', 'v', 'a', 'i', 'c', 'q', 'Q', 'e', 'E', 'w', 'W', 'x']) {
            return Err("that command cannot run under g".into());
        }
        // Mark the lines first; deletions shift the rest.
        let mut marked: Vec<usize> = (from..=to).filter(|&i| re.is_match(&self.lines[i - 1]) == keep).collect();
        let before = (self.lines.clone(), self.cur);
        let mut out = String::new();
        while let Some(i) = marked.first().copied() {
            marked.remove(0);
            let len_before = self.lines.len();
            let r = self.command(&format!("{}{}", i, cmd), files, false)?;
            out.push_str(&r.text);
            let removed = len_before.saturating_sub(self.lines.len());
            for m in marked.iter_mut() {
                *m -= removed.min(*m - 1);
            }
        }
        self.undo = Some(before);
        Ok(out)
    }

    fn regex(&mut self, pattern: &str) -> EdResult<Regex> {
        let pattern = if pattern.is_empty() { self.last_regex.clone().ok_or("no previous pattern")? } else { pattern.to_string() };
        let re = spencer::compile(&bre_to_ere(&pattern))?;
        self.last_regex = Some(pattern);
        Ok(re)
    }

    fn search(&mut self, pattern: &str, forward: bool) -> EdResult<usize> {
        let re = self.regex(pattern)?;
        let n = self.lines.len();
        for k in 1..=n {
            let i = if forward { (self.cur + k - 1) % n + 1 } else { (self.cur + n - k - 1) % n + 1 };
            if re.is_match(&self.lines[i - 1]) {
                return Ok(i);
            }
        }
        Err("no match".into())
    }
}

/// Reads addresses from the front of a command.
struct Parser<'a, 'e> {
    s: &'a str,
    ed: &'e mut Editor,
}

impl Parser<'_, '_> {
    /// `a,b`, `a`, `,`/`%` (whole buffer), or none.
    fn range(&mut self) -> EdResult<Option<(usize, usize)>> {
        if let Some(rest) = self.s.strip_prefix(['%', ',']) {
            if !rest.starts_with(|c: char| c.is_ascii_digit() || ".$+-/?".contains(c)) {
                self.s = rest;
                return Ok(Some((1.min(self.ed.lines.len()), self.ed.lines.len())));
            }
        }
        let Some(a) = self.address()? else { return Ok(None) };
        if let Some(rest) = self.s.strip_prefix(',') {
            self.s = rest;
            let b = self.address()?.ok_or("address expected after ','")?;
            return Ok(Some((a, b)));
        }
        Ok(Some((a, a)))
    }

    /// One address: N, ., $, /re/, ?re?, with +N / -N offsets.
    fn address(&mut self) -> EdResult<Option<usize>> {
        let s = self.s;
        let (mut base, mut rest): (Option<i64>, &str) = if let Some(r) = s.strip_prefix('.') {
            (Some(self.ed.cur as i64), r)
        } else if let Some(r) = s.strip_prefix('$') {
            (Some(self.ed.lines.len() as i64), r)
        } else if s.starts_with(|c: char| c.is_ascii_digit()) {
            let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            (Some(s[..end].parse().map_err(|_| "bad number")?), &s[end..])
        } else if let Some(r) = s.strip_prefix(['/', '?']) {
            let delim = s.chars().next().unwrap_or('/');
            let end = r.find(delim).unwrap_or(r.len());
            let found = self.ed.search(&r[..end], delim == '/')?;
            (Some(found as i64), r.get(end + 1..).unwrap_or(""))
        } else {
            (None, s)
        };
        while let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
            let r = &rest[1..];
            let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            let n: i64 = if end == 0 { 1 } else { r[..end].parse().map_err(|_| "bad number")? };
            let b = base.unwrap_or(self.ed.cur as i64);
            base = Some(if sign == '+' { b + n } else { b - n });
            rest = &r[end..];
        }
        self.s = rest;
        match base {
            None => Ok(None),
            Some(n) if n < 0 || n as usize > self.ed.lines.len() => Err("line out of range".into()),
            Some(n) => Ok(Some(n as usize)),
        }
    }
}

fn split_lines(text: &str) -> Vec<String> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.len() <= 1 {
        return Vec::new();
    }
    body.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).collect()
}

/// ed patterns are basic regular expressions (`\(…\)` groups; `(`, `+`,
/// `?`, `|`, `{` are plain characters); the regexp engine reads extended
/// ones.
fn bre_to_ere(bre: &str) -> String {
    let mut out = String::with_capacity(bre.len());
    let mut chars = bre.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(g @ ('(' | ')' | '{' | '}' | '|')) => out.push(g),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push_str("\\\\"),
            },
            '(' | ')' | '{' | '}' | '|' | '+' | '?' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Splits `a/b/c` at unescaped delimiters (`\/` is a literal delimiter).
fn split_delimited(s: &str, delim: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&delim) {
            parts.last_mut().expect("part").push(delim);
            chars.next();
        } else if c == delim {
            parts.push(String::new());
        } else {
            parts.last_mut().expect("part").push(c);
        }
    }
    parts
}

/// An ed replacement (`&` = the match, `\1`… = groups, `\&` = "&") as a
/// `regex` crate template.
fn ed_template(rep: &str) -> String {
    let mut out = String::new();
    let mut chars = rep.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("${0}"),
            '$' => out.push_str("$$"),
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => out.push_str(&format!("${{{}}}", d)),
                Some('$') => out.push_str("$$"),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

const HELP: &str = "\
Commands (addresses: N . $ /re/ ?re? +N -N, ranges a,b , %):
  a i c      append, insert, change (end input with a line holding '.')
  d p n l z  delete, print, print numbered, print, print 20 lines
  =          line number          j    join lines
  m N  t N   move, copy after line N
  s/re/rep/[g][p]   substitute (& = match, \\1 = group)
  g/re/cmd  v/re/cmd   run cmd on matching / other lines
  u          undo                 f [file]  show or set the file name
  e file  r file   edit, read in     w [file]  W [file]  write, append
  wq x  q Q  write and quit, quit (Q: without saving)
";
