//! regexp() and reg_assoc(), in FluffOS's regex dialect (see
//! `spencer.rs`). The pcre_* efuns live in `pcre.rs`; their table is
//! re-exported here.

use super::spencer;
use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::Value;
use regex::Regex;

pub use super::pcre::PCRE_EFUNS;

pub(super) fn compile(pattern: &str) -> VmResult<Regex> {
    spencer::compile(pattern).map_err(LpcError::new)
}

/// Filters `lines` by `matches`: with bit 2 of `flag` the non-matching
/// ones; with bit 1 each kept line is followed by its 1-based index.
pub(super) fn filter_lines(
    lines: &[Value],
    flag: i64,
    mut matches: impl FnMut(&str) -> bool,
) -> Value {
    let want = flag & 2 == 0;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Value::Str(s) = line {
            if matches(s) == want {
                out.push(line.clone());
                if flag & 1 != 0 {
                    out.push(Value::Int(i as i64 + 1));
                }
            }
        }
    }
    Value::array(out)
}

/// `mixed regexp(string | string *, string, void | int)`
pub fn regexp(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let pattern = args::string(a, 1)?.to_string();
    if a.len() > 2 && matches!(a[0], Value::Str(_)) {
        return Err(LpcError::new(
            "3rd argument illegal for regexp(string, string)",
        ));
    }
    match &a[0] {
        Value::Str(s) => Ok(Value::from(compile(&pattern)?.is_match(s))),
        Value::Array(arr) => {
            let lines = arr.to_vec();
            if lines.is_empty() {
                return Ok(Value::array(Vec::new()));
            }
            let re = compile(&pattern)?;
            Ok(filter_lines(&lines, args::int_or(a, 2, 0), |s| {
                re.is_match(s)
            }))
        }
        other => Err(LpcError::new(format!(
            "Bad argument 1 to regexp(): {}",
            other.type_name()
        ))),
    }
}

/// One token match of reg_assoc: byte range and the pattern's index.
pub(super) struct TokenMatch {
    pub begin: usize,
    pub end: usize,
    pub token: usize,
}

/// Splits `text` into the pieces the patterns match and the text between
/// them, the way reg_assoc/pcre_assoc do: at each step the pattern whose
/// match starts first wins (the first listed on ties), and an empty match
/// skips one character so the scan always advances.
pub(super) fn assoc_scan(
    text: &str,
    npatterns: usize,
    mut find: impl FnMut(usize, &str) -> VmResult<Option<(usize, usize)>>,
) -> VmResult<Vec<TokenMatch>> {
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let mut best: Option<(usize, usize, usize)> = None;
        for i in 0..npatterns {
            if let Some((s, e)) = find(i, rest)? {
                if s == 0 {
                    best = Some((s, e, i));
                    break;
                }
                if best.is_none_or(|(bs, _, _)| s < bs) {
                    best = Some((s, e, i));
                }
            }
        }
        let Some((s, e, i)) = best else { break };
        found.push(TokenMatch {
            begin: pos + s,
            end: pos + e,
            token: i,
        });
        pos += e;
        if s == e {
            match text[pos..].chars().next() {
                Some(c) => pos += c.len_utf8(),
                None => break,
            }
            if pos >= text.len() {
                break;
            }
        }
    }
    Ok(found)
}

/// Builds reg_assoc's `({ pieces, tokens })` from the matches.
pub(super) fn assoc_result(
    text: &str,
    matches: &[TokenMatch],
    tokens: &[Value],
    default: &Value,
) -> Value {
    let mut pieces = Vec::new();
    let mut toks = Vec::new();
    let mut pos = 0;
    for m in matches {
        pieces.push(Value::from(&text[pos..m.begin]));
        toks.push(default.clone());
        pieces.push(Value::from(&text[m.begin..m.end]));
        toks.push(tokens[m.token].clone());
        pos = m.end;
    }
    pieces.push(Value::from(&text[pos..]));
    toks.push(default.clone());
    Value::array(vec![Value::array(pieces), Value::array(toks)])
}

/// `mixed *reg_assoc(string, string *, mixed *, void | mixed)`
pub fn reg_assoc(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let patterns = args::array(a, 1)?.to_vec();
    let tokens = args::array(a, 2)?.to_vec();
    let default = args::opt(a, 3).clone();
    if patterns.len() != tokens.len() {
        return Err(LpcError::new(
            "Pattern and token array sizes must be identical.",
        ));
    }
    let mut compiled = Vec::with_capacity(patterns.len());
    for p in &patterns {
        match p {
            Value::Str(s) => compiled.push(s.clone()),
            _ => return Err(LpcError::new("Non-string found in pattern array.")),
        }
    }
    let compiled = compiled
        .iter()
        .map(|p| compile(p))
        .collect::<VmResult<Vec<Regex>>>()?;
    if compiled.is_empty() {
        return Ok(Value::array(vec![
            Value::array(vec![Value::Str(text)]),
            Value::array(vec![default]),
        ]));
    }
    let matches = assoc_scan(&text, compiled.len(), |i, rest| {
        Ok(compiled[i].find(rest).map(|m| (m.start(), m.end())))
    })?;
    Ok(assoc_result(&text, &matches, &tokens, &default))
}
