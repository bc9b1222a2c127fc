//! Moving files around: rm, rename, cp, link.

use super::read::size_of;
use super::{disk_path, entry_path, target};
use crate::args;
use crate::runtime::master::master_apply;
use crate::runtime::paths::{check_valid_path, Access};
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, Value, Vm};
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;

/// `rm(file)`: 1 when the file was removed, else 0 (also for a
/// directory).
pub fn rm(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let Some(t) = target(vm, path, "remove_file", Access::Write)? else {
        return Ok(Value::Int(0));
    };
    let Some(disk) = entry_path(vm, &t.rel) else {
        return Ok(Value::Int(0));
    };
    Ok(Value::Int(std::fs::remove_file(disk).is_ok() as i64))
}

/// `rename(src, dst)`: 0 on success, 1 when refused; errors for the
/// failures FluffOS reports (missing source, same file, directory in the
/// way, the system refusing).
pub fn rename(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let from = args::string(args, 0)?;
    let to = args::string(args, 1)?;
    Ok(Value::Int(do_rename(vm, from, to, false)?))
}

/// `link(src, dst)`: a hard link, if the master's `valid_link(src, dst)`
/// approves (without a master it does; a master without the apply does
/// not), then with the same checks as `rename`. 0 on success.
pub fn link(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let from = args::string(args, 0)?;
    let to = args::string(args, 1)?;
    if vm.master.is_some() {
        let answer = master_apply(vm, "valid_link", vec![Value::from(from), Value::from(to)])?;
        if !matches!(answer, Some(v) if !v.is_zero()) {
            return Ok(Value::Int(0));
        }
    }
    Ok(Value::Int(do_rename(vm, from, to, true)?))
}

/// The last component of a relative path.
fn base_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Whether `rel` (passed to the master as is, as FluffOS does) is a
/// directory according to `file_size`.
fn is_directory(vm: &mut Vm, rel: &str) -> VmResult<bool> {
    let who = vm.this_object();
    Ok(
        match check_valid_path(vm, rel, who, "file_size", Access::Read)? {
            Some(checked) => disk_path(vm, &checked).is_some_and(|d| size_of(&d) == -2),
            None => false,
        },
    )
}

fn do_rename(vm: &mut Vm, from: &str, to: &str, link: bool) -> VmResult<i64> {
    let who = vm.this_object();
    let Some(from_rel) = check_valid_path(vm, from, who.clone(), "rename", Access::Write)? else {
        return Ok(1);
    };
    let Some(to_rel) = check_valid_path(vm, to, who, "rename", Access::Write)? else {
        return Ok(1);
    };
    let trimmed = from_rel.trim_end_matches('/');
    let from_rel = if trimmed.is_empty() {
        &from_rel[..1]
    } else {
        trimmed
    };
    let dest = if is_directory(vm, &to_rel)? {
        format!("{}/{}", to_rel, base_name(from_rel))
    } else {
        to_rel
    };
    do_move(vm, from_rel, &dest, link)
}

/// Moves (or links) an entry onto a path that must not be a directory.
fn do_move(vm: &mut Vm, from: &str, to: &str, link: bool) -> VmResult<i64> {
    let from_meta =
        entry_path(vm, from).and_then(|p| std::fs::symlink_metadata(&p).ok().map(|m| (p, m)));
    let Some((from_disk, from_meta)) = from_meta else {
        bail!("/{}: lstat failed", from);
    };
    let Some(to_disk) = entry_path(vm, to) else {
        return Ok(1);
    };
    match std::fs::symlink_metadata(&to_disk) {
        Ok(m) if m.dev() == from_meta.dev() && m.ino() == from_meta.ino() => {
            bail!("`/{}' and `/{}' are the same file", from, to)
        }
        Ok(m) if m.is_dir() => bail!("/{}: cannot overwrite directory", to),
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(_) => bail!("/{}: unknown error", to),
    }
    let done = if link {
        std::fs::hard_link(&from_disk, &to_disk)
    } else {
        std::fs::rename(&from_disk, &to_disk)
    };
    match done {
        Ok(()) => Ok(0),
        Err(e) if e.raw_os_error() == Some(libc::EXDEV) => {
            // Another file system: a rename becomes copy and remove; a
            // link cannot be made.
            if link {
                return Ok(1);
            }
            let moved =
                std::fs::copy(&from_disk, &to_disk).and_then(|_| std::fs::remove_file(&from_disk));
            Ok(if moved.is_ok() { 0 } else { 1 })
        }
        Err(_) if link => bail!("cannot link `/{}' to `/{}'", from, to),
        Err(_) => bail!("cannot move `/{}' to `/{}'", from, to),
    }
}

/// `cp(src, dst)`: 1 on success, -1 when the source may not be read (or
/// the copy fails), -2 when the destination may not be written; errors
/// for a missing source or copying a file onto itself. A directory as
/// destination receives the file under its own name.
pub fn cp(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let from = args::string(args, 0)?;
    let to = args::string(args, 1)?;
    Ok(Value::Int(copy_file(vm, from, to)?))
}

fn copy_file(vm: &mut Vm, from: &str, to: &str) -> VmResult<i64> {
    let who = vm.this_object();
    let from_rel = check_valid_path(vm, from, who.clone(), "move_file", Access::Read)?;
    let to_rel = check_valid_path(vm, to, who, "move_file", Access::Write)?;
    let Some(from_rel) = from_rel else {
        return Ok(-1);
    };
    let Some(to_rel) = to_rel else { return Ok(-2) };
    let Some(from_disk) = disk_path(vm, &from_rel) else {
        return Ok(-1);
    };
    let Some(to_disk) = disk_path(vm, &to_rel) else {
        return Ok(-2);
    };
    let Ok(from_meta) = std::fs::symlink_metadata(&from_disk) else {
        bail!("/{}: lstat failed", from_rel);
    };
    match std::fs::symlink_metadata(&to_disk) {
        Ok(m) if m.dev() == from_meta.dev() && m.ino() == from_meta.ino() => {
            bail!("`/{}' and `/{}' are the same file", from_rel, to_rel)
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(_) => bail!("/{}: unknown error", to_rel),
    }
    if is_directory(vm, &to_rel)? {
        let inside = format!("{}/{}", to_rel, base_name(&from_rel));
        return copy_file(vm, &from_rel, &inside);
    }
    if let Err(e) = std::fs::copy(&from_disk, &to_disk) {
        vm.host.log(&format!(
            "Error copying file from /{} to /{}, Error: {}\n",
            from_rel, to_rel, e
        ));
        return Ok(-1);
    }
    Ok(1)
}
