//! Route table: matchit finds the pattern, a small method table per pattern
//! picks the route (matchit has no method dispatch).

use crate::http::protocol::RouteConfig;

/// The methods of one pattern.
struct PathEntry {
    /// (upper-cased method or "*", route index)
    methods: Vec<(String, usize)>,
}

/// The result of looking a request up.
#[derive(Debug, PartialEq)]
pub(crate) enum Lookup {
    Found {
        route: usize,
        /// Percent-decoded, in pattern order.
        params: Vec<(String, String)>,
    },
    /// The path matched but no route takes this method.
    MethodNotAllowed {
        allowed: Vec<String>,
    },
    NotFound,
}

pub(crate) struct Router {
    paths: matchit::Router<usize>,
    entries: Vec<PathEntry>,
    ignore_trailing_slash: bool,
}

impl Router {
    /// Builds the table; duplicate (method, pattern) pairs, patterns matchit
    /// finds ambiguous and malformed patterns are errors.
    pub(crate) fn new(
        routes: &[RouteConfig],
        ignore_trailing_slash: bool,
    ) -> Result<Router, String> {
        let mut router = Router {
            paths: matchit::Router::new(),
            entries: Vec::new(),
            ignore_trailing_slash,
        };
        let mut by_pattern: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::new();
        for (index, route) in routes.iter().enumerate() {
            let method = normalize_method(&route.method).ok_or_else(|| {
                format!("route {} {}: invalid method", route.method, route.pattern)
            })?;
            if !route.pattern.starts_with('/') {
                return Err(format!(
                    "route {method} {}: pattern must start with '/'",
                    route.pattern
                ));
            }
            let entry = match by_pattern.get(route.pattern.as_str()) {
                Some(&entry) => entry,
                None => {
                    let entry = router.entries.len();
                    router
                        .paths
                        .insert(route.pattern.clone(), entry)
                        .map_err(|e| format!("route {method} {}: {e}", route.pattern))?;
                    router.entries.push(PathEntry {
                        methods: Vec::new(),
                    });
                    by_pattern.insert(&route.pattern, entry);
                    entry
                }
            };
            let methods = &mut router.entries[entry].methods;
            if methods.iter().any(|(m, _)| *m == method) {
                return Err(format!("duplicate route: {method} {}", route.pattern));
            }
            methods.push((method, index));
        }
        Ok(router)
    }

    /// Finds the route for `method` on `path` (the raw request path, still
    /// percent-encoded, without the query).
    pub(crate) fn lookup(&self, method: &str, path: &str) -> Lookup {
        let Some((entry, params)) = self.match_path(path) else {
            return Lookup::NotFound;
        };
        let method = method.to_ascii_uppercase();
        let methods = &self.entries[entry].methods;
        let find = |m: &str| {
            methods
                .iter()
                .find(|(candidate, _)| candidate == m)
                .map(|&(_, route)| route)
        };
        let route = find(&method)
            .or_else(|| if method == "HEAD" { find("GET") } else { None })
            .or_else(|| find("*"));
        match route {
            Some(route) => Lookup::Found { route, params },
            None => Lookup::MethodNotAllowed {
                allowed: allowed_methods(methods).unwrap_or_default(),
            },
        }
    }

    /// The methods routes accept on `path`: None when nothing matches,
    /// Some(None) when a "*" route takes any method.
    pub(crate) fn allowed_on(&self, path: &str) -> Option<Option<Vec<String>>> {
        let (entry, _) = self.match_path(path)?;
        Some(allowed_methods(&self.entries[entry].methods))
    }

    fn match_path(&self, path: &str) -> Option<(usize, Vec<(String, String)>)> {
        let path = match_form(path);
        let found = self.at(&path);
        if found.is_some() || !self.ignore_trailing_slash {
            return found;
        }
        // REST_ROUTER_CONFIG ignore_trailing_slash: "/a/" finds "/a" and the other way round.
        if path.len() > 1 && path.ends_with('/') {
            self.at(&path[..path.len() - 1])
        } else {
            self.at(&format!("{path}/"))
        }
    }

    fn at(&self, path: &str) -> Option<(usize, Vec<(String, String)>)> {
        let found = self.paths.at(path).ok()?;
        let params = found
            .params
            .iter()
            .map(|(name, value)| (name.to_string(), percent_decode(value)))
            .collect();
        Some((*found.value, params))
    }
}

/// Upper-cases a method and checks it is an HTTP token (or "*").
fn normalize_method(method: &str) -> Option<String> {
    let method = method.trim();
    if method == "*" {
        return Some(method.to_string());
    }
    let is_token = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    is_token.then(|| method.to_ascii_uppercase())
}

/// Sorted methods of a pattern, HEAD added where GET is; None when "*" is there.
fn allowed_methods(methods: &[(String, usize)]) -> Option<Vec<String>> {
    if methods.iter().any(|(m, _)| m == "*") {
        return None;
    }
    let mut allowed: Vec<String> = methods.iter().map(|(m, _)| m.clone()).collect();
    if allowed.iter().any(|m| m == "GET") {
        allowed.push("HEAD".to_string());
    }
    allowed.sort();
    allowed.dedup();
    Some(allowed)
}

/// The path routes are matched against: percent-escapes decoded except
/// "%2F" and "%25", so an encoded slash stays inside one segment and the
/// parameter values can still be decoded exactly once afterwards.
fn match_form(raw: &str) -> String {
    let raw = raw.split('?').next().unwrap_or("");
    decode(raw, |byte| byte != b'/' && byte != b'%')
}

/// Decodes every percent-escape (invalid UTF-8 becomes U+FFFD).
pub(crate) fn percent_decode(text: &str) -> String {
    decode(text, |_| true)
}

fn decode(text: &str, keep_decoded: impl Fn(u8) -> bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                let byte = high * 16 + low;
                if keep_decoded(byte) {
                    out.push(byte);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_keeps_encoded_slash_and_percent_for_matching() {
        assert_eq!(match_form("/a%20b/c%2Fd/e%25f?x=1"), "/a b/c%2Fd/e%25f");
        assert_eq!(percent_decode("c%2Fd%25f"), "c/d%f");
        // One decoding overall: "%2541" is the text "%41", not "A".
        assert_eq!(percent_decode(&match_form("/%2541")), "/%41");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn methods_are_tokens() {
        assert_eq!(normalize_method(" get "), Some("GET".to_string()));
        assert_eq!(normalize_method("*"), Some("*".to_string()));
        assert_eq!(normalize_method(""), None);
        assert_eq!(normalize_method("GE T"), None);
    }
}
