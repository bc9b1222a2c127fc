//! FluffOS's `pcre` package: Perl-compatible regular expressions, here on
//! the `fancy-regex` crate (backreferences and lookaround included).

use super::regexp::{assoc_result, assoc_scan, filter_lines};
use crate::args;
use fancy_regex::{Captures, Regex};
use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::{Mapping, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub const PCRE_EFUNS: &[EfunSpec] = &[
    efun!("string pcre_version()", pcre_version),
    efun!(
        "mixed pcre_match(string | string *, string, void | int)",
        pcre_match
    ),
    efun!("mixed pcre_match_all(string, string)", pcre_match_all),
    efun!(
        "mixed *pcre_assoc(string, string *, mixed *, void | mixed)",
        pcre_assoc
    ),
    efun!(
        "string *pcre_extract(string, string, void | int)",
        pcre_extract
    ),
    efun!(
        "string pcre_replace(string, string, string | string *)",
        pcre_replace
    ),
    efun!(
        "string pcre_replace_callback(string, string, string | function, ...)",
        pcre_replace_callback
    ),
    efun!("mapping pcre_cache()", pcre_cache),
];

const CACHE_LIMIT: usize = 256;

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<Regex>>> = RefCell::new(HashMap::new());
}

fn compile(pattern: &str) -> VmResult<Rc<Regex>> {
    if let Some(r) = CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return Ok(r);
    }
    let re = Rc::new(
        Regex::new(pattern)
            .map_err(|e| LpcError::new(format!("PCRE compilation failed at offset 0: {}", e)))?,
    );
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(pattern.to_string(), re.clone());
    });
    Ok(re)
}

fn run_error(e: fancy_regex::Error) -> LpcError {
    LpcError::new(format!("PCRE match failed: {}", e))
}

fn captures<'t>(re: &Regex, text: &'t str, from: usize) -> VmResult<Option<Captures<'t>>> {
    re.captures_from_pos(text, from).map_err(run_error)
}

/// The highest-numbered group that took part in the match (PCRE's
/// return code minus one): groups after it are not reported.
fn last_set_group(caps: &Captures) -> usize {
    (1..caps.len())
        .rev()
        .find(|&i| caps.get(i).is_some())
        .unwrap_or(0)
}

/// Groups 1..=last set one; unset groups in between read as "".
fn substrings(caps: &Captures) -> Vec<Value> {
    (1..=last_set_group(caps))
        .map(|i| Value::from(caps.get(i).map_or("", |m| m.as_str())))
        .collect()
}

fn pcre_version(_vm: &mut Vm, _a: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from("fancy-regex 0.14"))
}

fn pcre_match(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let re = compile(args::string(a, 1)?)?;
    if a.len() > 2 && matches!(a[0], Value::Str(_)) {
        return Err(LpcError::new(
            "3rd argument illegal for pcre_match(string, string)",
        ));
    }
    match &a[0] {
        Value::Str(s) => Ok(Value::from(re.is_match(s).map_err(run_error)?)),
        Value::Array(arr) => {
            let lines = arr.to_vec();
            let mut failure = None;
            let result = filter_lines(&lines, args::int_or(a, 2, 0), |s| match re.is_match(s) {
                Ok(m) => m,
                Err(e) => {
                    failure.get_or_insert(e);
                    false
                }
            });
            match failure {
                Some(e) => Err(run_error(e)),
                None => Ok(result),
            }
        }
        other => Err(LpcError::new(format!(
            "Bad argument 1 to pcre_match(): {}",
            other.type_name()
        ))),
    }
}

fn pcre_match_all(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let re = compile(args::string(a, 1)?)?;
    let mut all = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(caps) = captures(&re, &text, pos)? else {
            break;
        };
        let whole = caps.get(0).map_or((pos, pos), |m| (m.start(), m.end()));
        let groups = (0..=last_set_group(&caps))
            .map(|i| Value::from(caps.get(i).map_or("", |m| m.as_str())));
        all.push(Value::array(groups.collect()));
        pos = if whole.1 > whole.0 {
            whole.1
        } else {
            whole.1 + text[whole.1..].chars().next().map_or(1, char::len_utf8)
        };
    }
    Ok(Value::array(all))
}

fn pcre_assoc(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let patterns = args::array(a, 1)?.to_vec();
    let tokens = args::array(a, 2)?.to_vec();
    let default = args::opt(a, 3).clone();
    if patterns.len() != tokens.len() {
        return Err(LpcError::new(
            "Pattern and token array size must be identical.",
        ));
    }
    let mut compiled = Vec::with_capacity(patterns.len());
    for p in &patterns {
        match p {
            Value::Str(s) => compiled.push(compile(s)?),
            _ => return Err(LpcError::new("Non-string found in pattern array.")),
        }
    }
    if compiled.is_empty() {
        return Ok(Value::array(vec![
            Value::array(vec![Value::Str(text)]),
            Value::array(vec![default]),
        ]));
    }
    let matches = assoc_scan(&text, compiled.len(), |i, rest| {
        Ok(compiled[i]
            .find(rest)
            .map_err(run_error)?
            .map(|m| (m.start(), m.end())))
    })?;
    Ok(assoc_result(&text, &matches, &tokens, &default))
}

fn pcre_extract(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let re = compile(args::string(a, 1)?)?;
    let include_named = args::opt(a, 2).is_true();
    let Some(caps) = captures(&re, &text, 0)? else {
        return Ok(Value::array(Vec::new()));
    };
    let mut out = substrings(&caps);
    if include_named {
        let named = Mapping::new();
        for name in re.capture_names().flatten() {
            if let Some(m) = caps.name(name) {
                named.insert(Value::from(name), Value::from(m.as_str()));
            }
        }
        out.push(Value::Mapping(named));
    }
    Ok(Value::array(out))
}

/// The subject with groups 1..=n of the match replaced by `replacements`
/// (a group nested in an earlier replaced one is left alone).
fn replace_groups(text: &str, caps: &Captures, replacements: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = 0;
    for (i, rep) in replacements.iter().enumerate() {
        let Some(m) = caps.get(i + 1) else { continue };
        if m.start() < prev {
            continue;
        }
        out.push_str(&text[prev..m.start()]);
        out.push_str(rep);
        prev = m.end();
    }
    out.push_str(&text[prev..]);
    out
}

/// Expands a replacement template: `$0`/`$&` whole match, `$n`/`${n}`
/// groups, `${name}` named groups, `$$` a dollar; unset groups are "".
fn expand_template(template: &str, caps: &Captures, out: &mut String) {
    let group = |key: &str| -> String {
        let m = match key.parse::<usize>() {
            Ok(n) => caps.get(n),
            Err(_) => caps.name(key),
        };
        m.map_or(String::new(), |m| m.as_str().to_string())
    };
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('&') {
            out.push_str(&group("0"));
            rest = tail;
        } else if let Some(body) = after
            .strip_prefix('{')
            .and_then(|b| b.find('}').map(|end| (&b[..end], &b[end + 1..])))
        {
            out.push_str(&group(body.0));
            rest = body.1;
        } else {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                out.push_str(&group(&after[..digits]));
            } else {
                out.push('$');
            }
            rest = &after[digits..];
        }
    }
    out.push_str(rest);
}

fn pcre_replace(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let re = compile(args::string(a, 1)?)?;
    match &a[2] {
        Value::Str(template) => {
            // Template form: every match is replaced.
            let mut out = String::with_capacity(text.len());
            let mut pos = 0;
            let mut copied = 0;
            while pos <= text.len() {
                let Some(caps) = captures(&re, &text, pos)? else {
                    break;
                };
                let whole = caps.get(0).expect("group 0 always matches");
                out.push_str(&text[copied..whole.start()]);
                expand_template(template, &caps, &mut out);
                copied = whole.end();
                pos = if whole.end() > whole.start() {
                    whole.end()
                } else {
                    match text[whole.end()..].chars().next() {
                        Some(c) => whole.end() + c.len_utf8(),
                        None => break,
                    }
                };
            }
            out.push_str(&text[copied..]);
            Ok(Value::from(out))
        }
        Value::Array(reps) => {
            let reps: Vec<String> = reps
                .to_vec()
                .iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect();
            let Some(caps) = captures(&re, &text, 0)? else {
                return Ok(Value::Str(text));
            };
            let groups = last_set_group(&caps);
            if groups != reps.len() {
                return Err(LpcError::new(format!(
                    "Number of captured substrings and replacements do not match, {} vs {}.",
                    groups,
                    reps.len()
                )));
            }
            Ok(Value::from(replace_groups(&text, &caps, &reps)))
        }
        other => Err(LpcError::new(format!(
            "Bad argument 3 to pcre_replace(): {}",
            other.type_name()
        ))),
    }
}

fn pcre_replace_callback(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(a, 0)?;
    let re = compile(args::string(a, 1)?)?;
    let Some(caps) = captures(&re, &text, 0)? else {
        return Ok(Value::Str(text));
    };
    let groups = substrings(&caps);
    let callback = a[2].clone();
    let (target, extra) = match &callback {
        Value::Function(_) => (None, a.get(3..).unwrap_or(&[]).to_vec()),
        Value::Str(_) => match a.get(3) {
            None => (vm.this_object(), Vec::new()),
            Some(Value::Object(o)) if !o.is_destructed() => (Some(o.clone()), a[4..].to_vec()),
            Some(Value::Str(path)) => match vm.find_object(path) {
                Some(o) => (Some(o), a[4..].to_vec()),
                None => return Err(LpcError::new("Bad argument 4 to pcre_replace_callback()")),
            },
            Some(_) => return Err(LpcError::new("Bad argument 4 to pcre_replace_callback()")),
        },
        _ => {
            return Err(LpcError::new(
                "Illegal third argument (0) to pcre_replace_callback",
            ))
        }
    };
    let mut reps = Vec::with_capacity(groups.len());
    for (i, group) in groups.iter().enumerate() {
        let mut call_args = vec![group.clone(), Value::Int(i as i64)];
        call_args.extend(extra.iter().cloned());
        let result = match (&callback, &target) {
            (Value::Function(f), _) => vm.call_function(f, call_args),
            (Value::Str(name), Some(ob)) => vm
                .call_other(ob, name, call_args)
                .map(Option::unwrap_or_default),
            _ => Ok(Value::Undefined),
        };
        let result = match result {
            Ok(v) => v,
            Err(e) if !e.is_catchable() => return Err(e),
            Err(_) => return Err(LpcError::new("error in callback!")),
        };
        reps.push(match result {
            Value::Str(s) => s.to_string(),
            _ => group.as_str().unwrap_or("").to_string(),
        });
    }
    Ok(Value::from(replace_groups(&text, &caps, &reps)))
}

fn pcre_cache(_vm: &mut Vm, _a: &mut [Value]) -> VmResult<Value> {
    let m = Mapping::new();
    CACHE.with(|c| {
        for pattern in c.borrow().keys() {
            m.insert(
                Value::from(pattern.as_str()),
                Value::Int(pattern.len() as i64),
            );
        }
    });
    Ok(Value::Mapping(m))
}
