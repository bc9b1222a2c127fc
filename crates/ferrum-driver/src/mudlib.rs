//! The mudlib file tree: mapping mudlib paths ("/std/room.c") to files on
//! disk, refusing paths that escape the root, and resolving `#include`s.

use ferrum_compiler::IncludeResolver;
use ferrum_vm::paths::normalize_path;
use std::path::{Component, Path, PathBuf};

/// Include files every mudlib gets (the socket headers), used when the
/// mudlib does not provide its own copy. The files live in the bundled
/// mudlib's include directory; these are compiled-in copies of them.
pub const BUILTIN_INCLUDES: &[(&str, &str)] = &[
    ("socket.h", include_str!("../../../mudlib/include/socket.h")),
    ("socket_err.h", include_str!("../../../mudlib/include/socket_err.h")),
    ("socket_options.h", include_str!("../../../mudlib/include/socket_options.h")),
    ("network.h", include_str!("../../../mudlib/include/network.h")),
];

pub struct Mudlib {
    pub root: PathBuf,
    /// Mudlib directories searched for `#include <...>`.
    pub include_dirs: Vec<String>,
}

impl Mudlib {
    pub fn new(root: impl Into<PathBuf>) -> Mudlib {
        let root = root.into();
        let root = root.canonicalize().unwrap_or(root);
        Mudlib { root, include_dirs: vec!["/include".to_string()] }
    }

    /// The file on disk for a mudlib path, refusing anything outside the
    /// root (including through symlinks).
    pub fn real_path(&self, path: &str) -> Option<PathBuf> {
        let norm = normalize_path(path)?;
        let rel = norm.trim_start_matches('/');
        let full = self.root.join(rel);
        if full.components().any(|c| matches!(c, Component::ParentDir)) {
            return None;
        }
        // Symlinks may point anywhere: check where the file really is.
        match full.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => Some(real),
            Ok(_) => None,
            // A symlink that leads nowhere could be made to lead anywhere.
            Err(_) if full.symlink_metadata().is_ok() => None,
            // Not there (yet): the parent must be inside the root.
            Err(_) => match full.parent().and_then(|p| p.canonicalize().ok()) {
                Some(parent) if parent.starts_with(&self.root) => Some(full),
                _ => None,
            },
        }
    }

    pub fn read(&self, path: &str) -> Option<String> {
        let real = self.real_path(path)?;
        std::fs::read_to_string(real).ok()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.real_path(path).is_some_and(|p| p.is_file())
    }

    /// Directory part of a mudlib path, without trailing slash ("" for
    /// the root).
    pub fn dir_of(path: &str) -> &str {
        path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl IncludeResolver for Mudlib {
    fn resolve(&self, name: &str, angled: bool, from_file: &str) -> Option<(String, String)> {
        let mut candidates: Vec<String> = Vec::new();
        if name.starts_with('/') {
            candidates.push(name.to_string());
        } else {
            if !angled {
                candidates.push(format!("{}/{}", Self::dir_of(from_file), name));
            }
            for d in &self.include_dirs {
                candidates.push(format!("{}/{}", d.trim_end_matches('/'), name));
            }
        }
        for c in candidates {
            if let Some(norm) = normalize_path(&c) {
                if let Some(text) = self.read(&norm) {
                    return Some((norm, text));
                }
            }
        }
        BUILTIN_INCLUDES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| (format!("/include/{}", n), text.to_string()))
    }
}
