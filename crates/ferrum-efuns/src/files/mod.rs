//! File efuns of FluffOS's core package (src/packages/core/file.cc and
//! efuns_main.cc): reading and writing files, buffers to and from files,
//! directories, and moving files around; plus contrib's `file_length`.
//!
//! Every path goes through the master (`runtime::paths::check_valid_path`)
//! and then through the host's `real_path`, which refuses anything outside
//! the mudlib (`..`, symlinks). Like FluffOS, most efuns answer 0 (or -1)
//! when access is refused rather than raising an error.

mod dir;
mod manage;
mod read;
mod write;

#[cfg(test)]
pub(crate) mod testhost;
#[cfg(test)]
mod tests;

use crate::runtime::paths::{check_valid_path, mudlib_path, normalize, Access};
use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::Vm;
use std::path::PathBuf;

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "string read_file(string, void | int, void | int)",
        read::read_file
    ),
    efun!(
        "string read_bytes(string, void | int, void | int)",
        read::read_bytes
    ),
    efun!(
        "mixed read_buffer(string | buffer, void | int, void | int)",
        read::read_buffer
    ),
    efun!("int file_size(string)", read::file_size),
    efun!("int file_length(string)", read::file_length),
    efun!(
        "int write_file(string, string, void | int)",
        write::write_file
    ),
    efun!("int write_bytes(string, int, string)", write::write_bytes),
    efun!(
        "int write_buffer(string | buffer, int, string | buffer | int)",
        write::write_buffer
    ),
    efun!("mixed *get_dir(string, void | int)", dir::get_dir),
    efun!("mixed *stat(string, void | int)", dir::stat),
    efun!("int mkdir(string)", dir::mkdir),
    efun!("int rmdir(string)", dir::rmdir),
    efun!("int rm(string)", manage::rm),
    efun!("int rename(string, string)", manage::rename),
    efun!("int cp(string, string)", manage::cp),
    efun!("int link(string, string)", manage::link),
];

/// Size limits of file transfers (FluffOS runtime config "maximum read
/// file size" and "maximum byte transfer"). The driver may replace them
/// with `vm.put_ext(FileLimits { .. })`.
#[derive(Clone, Debug)]
pub struct FileLimits {
    /// Most bytes `read_file` returns (it reads up to twice this much).
    pub max_read_file_size: usize,
    /// Most bytes one `read_bytes`/`write_bytes` call may move.
    pub max_byte_transfer: usize,
}

impl Default for FileLimits {
    fn default() -> Self {
        FileLimits {
            max_read_file_size: 262_144,
            max_byte_transfer: 262_144,
        }
    }
}

pub(crate) fn limits(vm: &mut Vm) -> FileLimits {
    vm.ext::<FileLimits>().clone()
}

/// A path the master accepted: relative to the mudlib root as FluffOS
/// keeps it ("a/b", "." for the root; used in messages as "/a/b") and the
/// file on disk.
pub(crate) struct Target {
    pub rel: String,
    pub disk: PathBuf,
}

impl Target {
    /// The path as FluffOS prints it in messages: "/" + relative path.
    pub fn shown(&self) -> String {
        format!("/{}", self.rel)
    }
}

/// `check_valid_path` for the current object, then the file on disk. None
/// when the master refuses, the path is illegal, or it leaves the mudlib.
pub(crate) fn target(
    vm: &mut Vm,
    path: &str,
    efun: &str,
    access: Access,
) -> VmResult<Option<Target>> {
    let who = vm.this_object();
    let Some(rel) = check_valid_path(vm, path, who, efun, access)? else {
        return Ok(None);
    };
    Ok(disk_path(vm, &rel).map(|disk| Target { rel, disk }))
}

/// The file on disk for an accepted relative path, following symlinks
/// only as far as the host allows (never out of the mudlib). A path under
/// a directory that does not exist yet maps below its nearest existing
/// ancestor, so that creating it fails the way FluffOS's does (an error
/// from the system) rather than looking like a permission refusal.
pub(crate) fn disk_path(vm: &Vm, rel: &str) -> Option<PathBuf> {
    let host = vm.host.clone();
    let mud = normalize(&mudlib_path(rel))?;
    let root = host.real_path("/")?;
    let path = match host.real_path(&mud) {
        Some(p) => p,
        None => {
            // Something there that the host refuses leads out of the
            // mudlib. Otherwise find the nearest ancestor that exists (or
            // could) inside it; every ancestor skipped must be missing.
            let parts: Vec<&str> = mud.split('/').filter(|p| !p.is_empty()).collect();
            let mut found = None;
            for k in (0..=parts.len()).rev() {
                let prefix = parts[..k].join("/");
                if k < parts.len() {
                    if let Some(base) = host.real_path(&format!("/{}", prefix)) {
                        found = Some(base.join(parts[k..].join("/")));
                        break;
                    }
                }
                if std::fs::symlink_metadata(root.join(&prefix)).is_ok() {
                    return None;
                }
            }
            found?
        }
    };
    // A dangling symlink may point anywhere; writing through it would
    // create a file outside the mudlib.
    let dangling = path
        .ancestors()
        .take_while(|a| a.starts_with(&root))
        .any(|a| {
            std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink())
                && std::fs::canonicalize(a).is_err()
        });
    (!dangling).then_some(path)
}

/// The disk path of the entry itself, not of what a symlink there points
/// to: the parent directory resolved, plus the last name. For efuns that
/// act on directory entries (rm, rename). None when the entry (or where it
/// points) is outside the mudlib.
pub(crate) fn entry_path(vm: &Vm, rel: &str) -> Option<PathBuf> {
    let followed = disk_path(vm, rel)?;
    let trimmed = rel.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((parent, name)) if !name.is_empty() && name != "." => {
            let parent = if parent.is_empty() { "." } else { parent };
            Some(disk_path(vm, parent)?.join(name))
        }
        None if !trimmed.is_empty() && trimmed != "." => Some(disk_path(vm, ".")?.join(trimmed)),
        _ => Some(followed),
    }
}

/// The C library's text for an I/O error (`strerror`), as FluffOS puts in
/// its messages.
pub(crate) fn strerror(err: &std::io::Error) -> String {
    match err.raw_os_error() {
        // SAFETY: strerror returns a pointer to a static NUL-terminated
        // message for any errno value.
        Some(code) => unsafe { std::ffi::CStr::from_ptr(libc::strerror(code)) }
            .to_string_lossy()
            .into_owned(),
        None => err.to_string(),
    }
}
