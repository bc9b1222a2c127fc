//! Helpers for the preprocessor's tests: an in-memory mudlib.

use super::macros::spell;
use super::{IncludeResolver, Preprocessor};
use crate::diag::{Diagnostics, Severity};
use crate::token::{Tok, Token};
use std::collections::HashMap;

/// Quoted names resolve against the including file's directory (or the
/// root when they start with '/'), angled ones under /include/.
pub struct MapResolver(pub HashMap<String, String>);

impl MapResolver {
    pub fn new(files: &[(&str, &str)]) -> MapResolver {
        MapResolver(files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect())
    }
}

impl IncludeResolver for MapResolver {
    fn resolve(&self, name: &str, angled: bool, from_file: &str) -> Option<(String, String)> {
        let path = if angled {
            format!("/include/{}", name)
        } else if name.starts_with('/') {
            name.to_string()
        } else {
            let dir = &from_file[..from_file.rfind('/').map_or(0, |i| i + 1)];
            format!("{}{}", dir, name)
        };
        self.0.get(&path).map(|text| (path, text.clone()))
    }
}

pub struct Output {
    pub tokens: Vec<Token>,
    pub diags: Diagnostics,
    pub pragmas: Vec<String>,
    pub files: Vec<String>,
}

impl Output {
    /// The tokens' spellings, one space apart.
    pub fn text(&self) -> String {
        self.tokens.iter().map(|t| spell(&t.tok)).collect::<Vec<_>>().join(" ")
    }

    /// "severity file:line: message" for every diagnostic.
    pub fn messages(&self) -> Vec<String> {
        self.diags
            .list
            .iter()
            .map(|d| {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                };
                format!("{} {}:{}: {}", kind, self.diags.file_name(d.span.file), d.span.line, d.message)
            })
            .collect()
    }

    pub fn errors(&self) -> Vec<String> {
        self.messages().into_iter().filter(|m| m.starts_with("error")).collect()
    }

    pub fn assert_clean(&self) {
        assert!(self.diags.list.is_empty(), "unexpected diagnostics: {:?}", self.messages());
    }

    pub fn strings(&self) -> Vec<String> {
        self.tokens
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect()
    }
}

/// Preprocesses `/main.c` with the given other files.
pub fn run_with(src: &str, files: &[(&str, &str)], setup: impl FnOnce(&mut Preprocessor, &mut Diagnostics)) -> Output {
    let resolver = MapResolver::new(files);
    let mut diags = Diagnostics::new();
    diags.max_errors = 1000;
    let mut pp = Preprocessor::new("/main.c", src, &resolver, &mut diags);
    setup(&mut pp, &mut diags);
    let mut tokens = Vec::new();
    loop {
        let t = pp.next_token(&mut diags);
        if t.tok == Tok::Eof {
            break;
        }
        tokens.push(t);
        assert!(tokens.len() < 1_000_000, "runaway expansion");
    }
    // Eof stays Eof.
    assert_eq!(pp.next_token(&mut diags).tok, Tok::Eof);
    Output { tokens, pragmas: pp.pragmas().to_vec(), files: pp.files().to_vec(), diags }
}

pub fn run(src: &str) -> Output {
    run_with(src, &[], |_, _| {})
}

/// The text of a clean run.
pub fn expand(src: &str) -> String {
    let out = run(src);
    out.assert_clean();
    out.text()
}
