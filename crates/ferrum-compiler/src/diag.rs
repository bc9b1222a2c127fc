//! Compile diagnostics: errors and warnings with file:line:column.

use crate::token::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// `#echo` output.
    Note,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub message: String,
}

/// The files of one compilation and everything reported about them.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub files: Vec<String>,
    pub list: Vec<Diagnostic>,
    errors: usize,
    /// Stop collecting errors after this many.
    pub max_errors: usize,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics { max_errors: 25, ..Default::default() }
    }

    /// Registers a file name; its index goes into spans.
    pub fn add_file(&mut self, name: &str) -> u16 {
        if let Some(i) = self.files.iter().position(|f| f == name) {
            return i as u16;
        }
        self.files.push(name.to_string());
        (self.files.len() - 1) as u16
    }

    pub fn file_name(&self, id: u16) -> &str {
        self.files.get(id as usize).map(|s| s.as_str()).unwrap_or("?")
    }

    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        if self.errors >= self.max_errors {
            return;
        }
        self.errors += 1;
        self.list.push(Diagnostic { severity: Severity::Error, span, message: message.into() });
    }

    pub fn warning(&mut self, span: Span, message: impl Into<String>) {
        self.list.push(Diagnostic { severity: Severity::Warning, span, message: message.into() });
    }

    pub fn note(&mut self, span: Span, message: impl Into<String>) {
        self.list.push(Diagnostic { severity: Severity::Note, span, message: message.into() });
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn too_many(&self) -> bool {
        self.errors >= self.max_errors
    }

    /// One line per diagnostic: "file:line:col: error: message".
    pub fn render(&self, d: &Diagnostic) -> String {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        format!("{}:{}:{}: {}: {}", self.file_name(d.span.file), d.span.line, d.span.col, kind, d.message)
    }

    pub fn render_all(&self) -> String {
        let mut out = String::new();
        for d in &self.list {
            out.push_str(&self.render(d));
            out.push('\n');
        }
        if self.errors >= self.max_errors {
            out.push_str("too many errors; stopping\n");
        }
        out
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter().filter(|d| d.severity == Severity::Error)
    }
}
