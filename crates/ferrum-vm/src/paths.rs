//! Mudlib path arithmetic shared by the object table, the file efuns and
//! the driver.

/// "/a/./b/../c" -> "/a/c". Relative paths are relative to the mudlib
/// root, as in FluffOS. None when the path climbs above the root.
pub fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn normalizes_and_refuses_climbing_out() {
        assert_eq!(normalize_path("a//b/./c/../d").as_deref(), Some("/a/b/d"));
        assert_eq!(normalize_path("/").as_deref(), Some("/"));
        assert_eq!(normalize_path("/a/../.."), None);
    }
}
