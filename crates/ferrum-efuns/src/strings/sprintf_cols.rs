//! sprintf column mode (`%=`: text word-wrapped into a column) and table
//! mode (`%#`: newline-separated words laid out in columns). Both print
//! their first line where the conversion is and the rest at following
//! newlines of the format, each line starting at the column where the
//! conversion started.

use super::sprintf::{Just, Pad, Pending, Printer};
use super::width::{str_width, truncate_below_width};
use ferrum_vm::error::VmResult;

pub(super) struct Column {
    text: String,
    /// Byte offset of the text still to print.
    pos: usize,
    pad: Option<Pad>,
    size: usize,
    pres: usize,
    just: Just,
    start: usize,
}

pub(super) struct Table {
    text: String,
    /// Byte offset where each column's words start; one extra entry
    /// marks the end of the last column.
    starts: Vec<usize>,
    /// Next word of each column, None once the column is exhausted.
    cur: Vec<Option<usize>>,
    nocols: usize,
    pad: Option<Pad>,
    size: usize,
    remainder: usize,
    just: Just,
    start: usize,
}

/// What printing a line of a column did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColumnStep {
    More,
    Done,
    /// Done, and its text ended in a newline.
    DoneAtNewline,
}

impl Printer {
    /// Prints one line of `col`. `trailing` pads the line out to the
    /// column width.
    fn add_column(&mut self, col: &mut Column, trailing: bool) -> VmResult<ColumnStep> {
        let rest = &col.text[col.pos..];
        let (mut len, mut width) = truncate_below_width(rest, col.pres, true, true);
        let bytes = rest.as_bytes();
        if len == 0 && !bytes.is_empty() && bytes[0] != b'\n' && bytes[0] != b' ' {
            // Guarantee progress whatever the text holds.
            len = ferrum_vm::value::graphemes::next_char_end(rest, 0);
            width = str_width(&rest[..len]);
        }
        self.add_justified(
            &rest[..len],
            width,
            col.pad.as_ref(),
            col.size,
            col.just,
            trailing,
        )?;
        col.pos += len;
        let bytes = col.text.as_bytes();
        let mut at_newline = false;
        if bytes.get(col.pos) == Some(&b' ') {
            col.pos += 1;
        }
        if bytes.get(col.pos) == Some(&b'\n') {
            col.pos += 1;
            at_newline = true;
        }
        Ok(match (col.pos >= bytes.len(), at_newline) {
            (false, _) => ColumnStep::More,
            (true, true) => ColumnStep::DoneAtNewline,
            (true, false) => ColumnStep::Done,
        })
    }

    /// Prints one line of `tab`; returns true when the table is done.
    fn add_table(&mut self, tab: &mut Table, has_next: bool) -> VmResult<bool> {
        let text = std::mem::take(&mut tab.text);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < tab.nocols {
            let Some(cur) = tab.cur[i] else { break };
            let cur = cur.min(bytes.len());
            let end = tab.starts[i + 1] as i64 - cur as i64 - 1;
            let mut done: i64 = 0;
            while done != end
                && (cur + done as usize) < bytes.len()
                && bytes[cur + done as usize] != b'\n'
            {
                done += 1;
            }
            let word = &text[cur..cur + done as usize];
            let mut len = word.len();
            let mut width = str_width(word);
            if width > tab.size {
                (len, width) = truncate_below_width(word, tab.size, false, false);
            }
            let trailing = tab.pad.is_some() || i + 1 < tab.nocols || has_next;
            self.add_justified(
                &word[..len],
                width,
                tab.pad.as_ref(),
                tab.size,
                tab.just,
                trailing,
            )?;
            tab.cur[i] = if done >= end - 1 {
                None
            } else {
                Some(cur + done as usize + 1)
            };
            i += 1;
        }
        tab.text = text;
        if tab.pad.is_some() {
            while i < tab.nocols {
                i += 1;
                self.add_pad(tab.pad.as_ref(), tab.size as i64, true)?;
            }
            self.add_pad(tab.pad.as_ref(), tab.remainder as i64, false)?;
        }
        Ok(tab.cur[0].is_none())
    }

    /// A `%=` conversion: prints the first line now, keeps the rest.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn start_column(
        &mut self,
        text: &str,
        pad: Option<Pad>,
        size: usize,
        pres: usize,
        just: Just,
        more_on_line: bool,
        format_ends: bool,
    ) -> VmResult<()> {
        let mut col = Column {
            text: text.to_string(),
            pos: 0,
            pad,
            size,
            pres,
            just,
            start: self.curpos(),
        };
        match self.add_column(&mut col, more_on_line)? {
            ColumnStep::More => self.pending.push(Pending::Column(col)),
            ColumnStep::DoneAtNewline if format_ends => self.add_str("\n")?,
            _ => {}
        }
        Ok(())
    }

    /// A `%#` conversion: lays the words out and prints the first row.
    pub(super) fn start_table(
        &mut self,
        text: &str,
        pad: Option<Pad>,
        fs: usize,
        pres: usize,
        just: Just,
    ) -> VmResult<()> {
        let bytes = text.as_bytes();
        let len = bytes.len();
        let mut words = 1usize;
        let mut max_width = 0usize;
        let mut word_start = 0usize;
        let mut p = 0usize;
        while p < len {
            if bytes[p] == b'\n' {
                max_width = max_width.max(str_width(&text[word_start..p]));
                p += 1;
                word_start = p;
                if p < len {
                    words += 1;
                }
            } else {
                p += 1;
            }
        }
        max_width = max_width.max(str_width(&text[word_start..]));
        let auto = pres == 0;
        let mut cols = if auto {
            (fs / (max_width + 2)).max(1)
        } else {
            pres
        };
        let per_column = (words - 1) / cols + 1;
        // Best fit: moves entries from the right to fill out the last row.
        let short_row = words % cols;
        if auto && words > cols && short_row > 0 {
            cols -= (cols - short_row) / per_column;
        }
        let size = fs / cols;
        let mut remainder = fs % cols;
        if words < cols {
            remainder += (cols - words) * size;
            cols = words;
        }
        let mut starts = vec![0usize; cols + 1];
        if cols == 1 {
            starts[1] = len + 1;
        } else {
            let mut i = 1;
            let mut in_column = 0;
            for (idx, b) in bytes.iter().enumerate() {
                if *b == b'\n' {
                    in_column += 1;
                    if in_column >= per_column {
                        if i <= cols {
                            starts[i] = idx + 1;
                        }
                        i += 1;
                        in_column = 0;
                    }
                }
            }
            let mut q = len;
            while i <= cols {
                q += 1;
                starts[i] = q;
                i += 1;
            }
        }
        let cur = starts[..cols].iter().map(|s| Some(*s)).collect();
        let mut tab = Table {
            text: text.to_string(),
            starts,
            cur,
            nocols: cols,
            pad,
            size,
            remainder,
            just,
            start: self.curpos(),
        };
        if !self.add_table(&mut tab, false)? {
            self.pending.push(Pending::Table(tab));
        }
        Ok(())
    }

    /// At a newline (or the end) of the format: prints further lines of
    /// every pending column and table until all are exhausted.
    pub(super) fn flush_pending_lines(&mut self, at_format_newline: bool) -> VmResult<()> {
        let mut last_column = ColumnStep::More;
        while !self.pending.is_empty() {
            let mut i = 0;
            while i < self.pending.len() {
                let mut item = self.pending.remove(i);
                let has_next = i < self.pending.len();
                let finished = match &mut item {
                    Pending::Column(col) => {
                        if col.text.as_bytes().get(col.pos.wrapping_sub(1)) != Some(&b'\n') {
                            while col.text.as_bytes().get(col.pos) == Some(&b' ') {
                                col.pos += 1;
                            }
                        }
                        self.add_pad(None, col.start as i64 - self.curpos() as i64, true)?;
                        last_column = self.add_column(col, has_next)?;
                        last_column != ColumnStep::More
                    }
                    Pending::Table(tab) => {
                        self.add_pad(None, tab.start as i64 - self.curpos() as i64, true)?;
                        self.add_table(tab, has_next)?
                    }
                };
                if !finished {
                    self.pending.insert(i, item);
                    i += 1;
                }
            }
            if !self.pending.is_empty() || at_format_newline {
                self.add_str("\n")?;
            }
        }
        if last_column == ColumnStep::DoneAtNewline {
            self.add_str("\n")?;
        }
        Ok(())
    }
}
