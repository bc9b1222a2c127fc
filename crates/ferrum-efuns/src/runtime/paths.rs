//! Mudlib paths for file efuns: the master's permission checks
//! (`valid_read`/`valid_write`), FluffOS's path legality rules, and the
//! file on disk.
//!
//! This follows FluffOS's `check_valid_path`: the master sees the path
//! exactly as the caller wrote it (not normalised), may answer a string to
//! substitute another path, and the result must be *legal*: no `.` or `..`
//! components. Paths are never normalised, so "/a/../b" is refused rather
//! than turned into "/b".

use super::master::master_apply;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{ObjectRef, Value, Vm};
use std::path::PathBuf;

pub use ferrum_vm::paths::normalize_path as normalize;

/// Which permission a file efun needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    Read,
    Write,
}

/// FluffOS's `legal_path`, on a path without its leading '/': it must not
/// start with '/', no component may be `.` or `..` (except one trailing
/// `.`, as in "dir/."), and a '#' may only be followed by digits (clone
/// numbers).
pub fn is_legal(rel: &str) -> bool {
    if rel.starts_with('/') {
        return false;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if *part == ".." || (*part == "." && !last) {
            return false;
        }
    }
    match rel.find('#') {
        Some(i) => rel[i + 1..].bytes().all(|b| b.is_ascii_digit()),
        None => true,
    }
}

/// The mudlib form ("/a/b") of a path `check_valid_path` accepted.
pub fn mudlib_path(rel: &str) -> String {
    if rel == "." {
        "/".to_string()
    } else {
        format!("/{}", rel)
    }
}

/// FluffOS's `check_valid_path`: may `ob` read or write `path`? Asks the
/// master's `valid_read`/`valid_write` (path as written, object, efun
/// name). A missing apply allows; an answer of 0 refuses; a string answer
/// replaces the path. Returns the accepted path relative to the mudlib
/// root, without its leading '/' ("." for the root), or None.
///
/// Without a current object the check fails, unless there is no master
/// either (early startup). A destructed object may not touch files.
pub fn check_valid_path(
    vm: &mut Vm,
    path: &str,
    ob: Option<ObjectRef>,
    efun: &str,
    access: Access,
) -> VmResult<Option<String>> {
    let answer = match ob {
        None if vm.master.is_none() => None,
        None => return Ok(None),
        Some(ob) if ob.is_destructed() => return Ok(None),
        Some(ob) => {
            let apply = if access == Access::Read {
                "valid_read"
            } else {
                "valid_write"
            };
            // FluffOS swallows errors of the apply (and then allows);
            // letting them propagate is the safe reading of that.
            master_apply(
                vm,
                apply,
                vec![Value::from(path), Value::Object(ob), Value::from(efun)],
            )?
        }
    };
    let chosen = match answer {
        // A promise (an async helper's answer) is no permission.
        Some(Value::Int(0)) | Some(Value::Undefined) | Some(Value::Promise(_)) => return Ok(None),
        Some(Value::Str(s)) => s.to_string(),
        _ => path.to_string(),
    };
    let rel = chosen.strip_prefix('/').unwrap_or(&chosen);
    let rel = if rel.is_empty() { "." } else { rel };
    Ok(is_legal(rel).then(|| rel.to_string()))
}

/// Checks access for the current object through the master and returns
/// (the mudlib path "/a/b", the file on disk). Refusals are errors;
/// `efun` names the caller for the master and for the message.
pub fn resolve(vm: &mut Vm, path: &str, access: Access, efun: &str) -> VmResult<(String, PathBuf)> {
    let who = vm.this_object();
    resolve_as(vm, who, path, access, efun)
}

/// `resolve` on behalf of `who` rather than the running object (for work
/// the driver does for an object outside its own calls, such as ed()).
pub fn resolve_as(vm: &mut Vm, who: Option<ObjectRef>, path: &str, access: Access, efun: &str) -> VmResult<(String, PathBuf)> {
    let Some(rel) = check_valid_path(vm, path, who, efun, access)? else {
        let what = if access == Access::Read {
            "read"
        } else {
            "write"
        };
        return Err(LpcError::new(format!(
            "{}: permission denied to {} {}",
            efun, what, path
        )));
    };
    let norm = mudlib_path(&rel);
    let host = vm.host.clone();
    let real = host
        .real_path(&norm)
        .ok_or_else(|| LpcError::new(format!("{}: path {} is outside the mudlib", efun, norm)))?;
    Ok((norm, real))
}

/// Like `resolve`, but a refusal (by the master, an illegal path, or a
/// path outside the mudlib) is `None` instead of an error, for the efuns
/// that answer 0 for "cannot".
pub fn try_resolve(
    vm: &mut Vm,
    path: &str,
    access: Access,
    efun: &str,
) -> VmResult<Option<(String, PathBuf)>> {
    let who = vm.this_object();
    let Some(rel) = check_valid_path(vm, path, who, efun, access)? else {
        return Ok(None);
    };
    let norm = mudlib_path(&rel);
    let host = vm.host.clone();
    Ok(host.real_path(&norm).map(|real| (norm, real)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_paths_follow_fluffos() {
        for ok in [
            "a", "a/b.c", ".", "a/.", "a/b/.", "a#12", "a#", ".hidden", "a/..b", "a/b..", "a//b",
        ] {
            assert!(is_legal(ok), "{} should be legal", ok);
        }
        for bad in [
            "/a", "..", "../x", "a/../b", "a/..", "./a", "a/./b", "a#x", "a#1b",
        ] {
            assert!(!is_legal(bad), "{} should be illegal", bad);
        }
    }

    #[test]
    fn mudlib_path_of_root_is_slash() {
        assert_eq!(mudlib_path("."), "/");
        assert_eq!(mudlib_path("a/b"), "/a/b");
    }
}
