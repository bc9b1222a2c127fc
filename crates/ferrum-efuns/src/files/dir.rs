//! Directories: get_dir, stat, mkdir, rmdir.

use super::{disk_path, entry_path, target};
use crate::args;
use crate::runtime::paths::{check_valid_path, mudlib_path, Access};
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};
use std::fs::Metadata;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::Path;

/// `get_dir(path, flag)`: "dir/" (or "dir/.") lists a directory; a name
/// gives ({ name }) when it exists, else its last component is a pattern
/// ('*', '?', '\\' escapes) matched in the parent directory. With flag -1
/// each entry is ({ name, size (-2 for a directory), mtime }). Names are
/// sorted; 0 when the path is refused or the directory cannot be read.
pub fn get_dir(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let flags = args::int_or(args, 1, 0);
    Ok(match list(vm, path, flags)? {
        Some(entries) => Value::array(entries),
        None => Value::Int(0),
    })
}

/// What a get_dir() path asks for.
enum Listing {
    /// Every entry of a directory.
    All(String),
    /// One existing file or directory, shown under its last name.
    One(String),
    /// Entries of a directory whose name matches a pattern.
    Matching(String, String),
}

/// Splits an accepted path the way FluffOS's get_dir does.
fn classify(vm: &Vm, rel: &str) -> Option<Listing> {
    if rel == "." {
        return Some(Listing::All(".".into()));
    }
    if let Some(dir) = rel.strip_suffix("/.").or_else(|| rel.strip_suffix('/')) {
        let dir = if dir.is_empty() { "." } else { dir };
        return disk_path(vm, dir)
            .filter(|d| d.exists())
            .map(|_| Listing::All(dir.to_string()));
    }
    if disk_path(vm, rel).is_some_and(|d| d.exists()) {
        return Some(Listing::One(rel.to_string()));
    }
    Some(match rel.rsplit_once('/') {
        Some((dir, pattern)) => Listing::Matching(
            if dir.is_empty() {
                ".".into()
            } else {
                dir.into()
            },
            pattern.into(),
        ),
        None => Listing::Matching(".".into(), rel.into()),
    })
}

/// get_dir()'s answer (also stat()'s for anything but a regular file).
fn list(vm: &mut Vm, path: &str, flags: i64) -> VmResult<Option<Vec<Value>>> {
    let who = vm.this_object();
    let Some(rel) = check_valid_path(vm, path, who, "stat", Access::Read)? else {
        return Ok(None);
    };
    let (dir, pattern) = match classify(vm, &rel) {
        None => return Ok(None),
        Some(Listing::One(rel)) => {
            let Some(disk) = disk_path(vm, &rel) else {
                return Ok(None);
            };
            let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
            let meta = std::fs::metadata(&disk).ok();
            return Ok(Some(vec![entry(name, flags, meta.as_ref())]));
        }
        Some(Listing::All(dir)) => (dir, None),
        Some(Listing::Matching(dir, pattern)) => (dir, Some(pattern)),
    };
    let Some(dir_disk) = disk_path(vm, &dir) else {
        return Ok(None);
    };
    let Ok(read) = std::fs::read_dir(&dir_disk) else {
        return Ok(None);
    };
    let mut names: Vec<String> = read
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if let Some(pattern) = &pattern {
        // readdir() also yields "." and "..", which a pattern may match.
        names.push(".".into());
        names.push("..".into());
        names.retain(|n| wildcard_match(pattern.as_bytes(), n.as_bytes()));
    }
    names.sort();
    names.truncate(vm.limits.max_array_size);
    vm.charge(names.len() as i64)?;
    let dir_mud = mudlib_path(&dir);
    let host = vm.host.clone();
    let root = host.real_path("/");
    let entries = names
        .into_iter()
        .map(|name| {
            let meta = if flags != -1 {
                None
            } else if name == ".." && root.as_deref() == Some(dir_disk.as_path()) {
                // Nothing above the mudlib root is shown.
                std::fs::metadata(&dir_disk).ok()
            } else {
                entry_meta(&*host, &dir_mud, &dir_disk, &name)
            };
            entry(name, flags, meta.as_ref())
        })
        .collect();
    Ok(Some(entries))
}

/// Metadata of a listed entry, following a symlink only when it stays in
/// the mudlib.
fn entry_meta(
    host: &dyn ferrum_vm::Host,
    dir_mud: &str,
    dir_disk: &Path,
    name: &str,
) -> Option<Metadata> {
    let mud = format!("{}/{}", dir_mud.trim_end_matches('/'), name);
    match host.real_path(&mud) {
        Some(real) => std::fs::metadata(real).ok(),
        None => std::fs::symlink_metadata(dir_disk.join(name)).ok(),
    }
}

/// A get_dir() entry: the name, or ({ name, size or -2, mtime }) for flag
/// -1 (zeros when the entry could not be examined).
fn entry(name: String, flags: i64, meta: Option<&Metadata>) -> Value {
    if flags != -1 {
        return Value::from(name);
    }
    let (size, mtime) = match meta {
        Some(m) if m.is_dir() => (-2, m.mtime()),
        Some(m) => (m.len() as i64, m.mtime()),
        None => (0, 0),
    };
    Value::array(vec![Value::from(name), Value::Int(size), Value::Int(mtime)])
}

/// FluffOS's get_dir pattern match: '?' is one character, '*' any run,
/// '\\' makes the next character literal.
pub(crate) fn wildcard_match(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'?', rest)) => !name.is_empty() && wildcard_match(rest, &name[1..]),
        Some((b'*', rest)) => {
            rest.is_empty() || (0..name.len()).any(|i| wildcard_match(rest, &name[i..]))
        }
        Some((b'\\', rest)) => match rest.split_first() {
            None => false,
            Some((c, rest)) => name.first() == Some(c) && wildcard_match(rest, &name[1..]),
        },
        Some((c, rest)) => name.first() == Some(c) && wildcard_match(rest, &name[1..]),
    }
}

/// `stat(path, flag)`: for a regular file ({ size, mtime, load time of its
/// loaded object or 0 }); for anything else what get_dir(path, flag)
/// answers. 0 when refused.
pub fn stat(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let flags = args::int_or(args, 1, 0);
    let who = vm.this_object();
    let Some(rel) = check_valid_path(vm, path, who, "stat", Access::Read)? else {
        return Ok(Value::Int(0));
    };
    if let Some(meta) = disk_path(vm, &rel).and_then(|d| std::fs::metadata(d).ok()) {
        if meta.is_file() {
            let loaded = vm
                .find_object(&mudlib_path(&rel))
                .map(|ob| ob.state().load_time)
                .unwrap_or(0);
            return Ok(Value::array(vec![
                Value::Int(meta.len() as i64),
                Value::Int(meta.mtime()),
                Value::Int(loaded),
            ]));
        }
    }
    Ok(match list(vm, path, flags)? {
        Some(entries) => Value::array(entries),
        None => Value::Int(0),
    })
}

/// `mkdir(path)`: 1 when the directory was made, else 0.
pub fn mkdir(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let Some(t) = target(vm, path, "mkdir", Access::Write)? else {
        return Ok(Value::Int(0));
    };
    let made = std::fs::DirBuilder::new().mode(0o770).create(&t.disk);
    Ok(Value::Int(made.is_ok() as i64))
}

/// `rmdir(path)`: 1 when the (empty) directory was removed, else 0.
pub fn rmdir(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let Some(t) = target(vm, path, "rmdir", Access::Write)? else {
        return Ok(Value::Int(0));
    };
    let Some(disk) = entry_path(vm, &t.rel) else {
        return Ok(Value::Int(0));
    };
    Ok(Value::Int(std::fs::remove_dir(disk).is_ok() as i64))
}
