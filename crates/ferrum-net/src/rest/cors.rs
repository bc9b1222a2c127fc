//! CORS (REST_CORS_CONFIG): preflight answers and the headers of actual
//! requests.

use crate::http::protocol::{CorsConfig, HttpResponse};

pub(crate) struct Cors {
    config: CorsConfig,
    /// "*" is among the origins, or none are listed.
    any_origin: bool,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
}

/// An OPTIONS request carrying Origin and Access-Control-Request-Method.
pub(crate) fn is_preflight(method: &str, headers: &[(String, String)]) -> bool {
    method.eq_ignore_ascii_case("OPTIONS")
        && header(headers, "origin").is_some()
        && header(headers, "access-control-request-method").is_some()
}

impl Cors {
    pub(crate) fn new(config: CorsConfig) -> Cors {
        // A CORS configuration without origins enables CORS for every origin.
        let any_origin =
            config.origins.is_empty() || config.origins.iter().any(|o| o.trim() == "*");
        Cors { config, any_origin }
    }

    fn allowed(&self, origin: &str) -> bool {
        self.any_origin
            || self
                .config
                .origins
                .iter()
                .any(|o| o.trim().eq_ignore_ascii_case(origin))
    }

    /// The Access-Control-Allow-Origin value: "*" only when any origin is
    /// allowed and no credentials are involved (browsers refuse "*" with
    /// credentials).
    fn allow_origin(&self, origin: &str) -> String {
        if self.any_origin && !self.config.credentials {
            "*".to_string()
        } else {
            origin.to_string()
        }
    }

    /// Answers a preflight. `path_methods` are the methods routes take on the
    /// path (None: unknown path or a "*" route); used when the configuration
    /// lists no methods.
    pub(crate) fn preflight(
        &self,
        headers: &[(String, String)],
        path_methods: Option<Vec<String>>,
    ) -> HttpResponse {
        let origin = header(headers, "origin").unwrap_or("");
        if !self.allowed(origin) {
            return HttpResponse {
                status: 403,
                headers: Vec::new(),
                body: Vec::new(),
            };
        }
        let requested_method = header(headers, "access-control-request-method").unwrap_or("");
        let methods = if !self.config.methods.is_empty() {
            self.config
                .methods
                .iter()
                .map(|m| m.trim().to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(", ")
        } else if let Some(mut methods) = path_methods {
            methods.push("OPTIONS".to_string());
            methods.sort();
            methods.dedup();
            methods.join(", ")
        } else {
            requested_method.to_ascii_uppercase()
        };
        let mut out = vec![
            (
                "Access-Control-Allow-Origin".to_string(),
                self.allow_origin(origin),
            ),
            ("Access-Control-Allow-Methods".to_string(), methods),
        ];
        // Without a configured list the requested headers are allowed, so
        // Authorization and Content-Type: application/json work out of the box.
        let allow_headers = if self.config.headers.is_empty() {
            header(headers, "access-control-request-headers")
                .unwrap_or("")
                .to_string()
        } else {
            self.config.headers.join(", ")
        };
        if !allow_headers.is_empty() {
            out.push(("Access-Control-Allow-Headers".to_string(), allow_headers));
        }
        if let Some(max_age) = self.config.max_age {
            out.push(("Access-Control-Max-Age".to_string(), max_age.to_string()));
        }
        if self.config.credentials {
            out.push((
                "Access-Control-Allow-Credentials".to_string(),
                "true".to_string(),
            ));
        }
        out.push((
            "Vary".to_string(),
            self.vary(self.config.headers.is_empty()),
        ));
        HttpResponse {
            status: 204,
            headers: out,
            body: Vec::new(),
        }
    }

    /// Headers for the answer of an actual (non-preflight) request.
    pub(crate) fn actual_headers(&self, headers: &[(String, String)]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let origin_varies = !self.any_origin || self.config.credentials;
        if let Some(origin) = header(headers, "origin") {
            if self.allowed(origin) {
                out.push((
                    "Access-Control-Allow-Origin".to_string(),
                    self.allow_origin(origin),
                ));
                if self.config.credentials {
                    out.push((
                        "Access-Control-Allow-Credentials".to_string(),
                        "true".to_string(),
                    ));
                }
            }
        }
        // The answer depends on Origin whenever it is not a plain "*": caches must know.
        if origin_varies {
            out.push(("Vary".to_string(), "Origin".to_string()));
        }
        out
    }

    fn vary(&self, echoes_request_headers: bool) -> String {
        if echoes_request_headers {
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers".to_string()
        } else {
            "Origin, Access-Control-Request-Method".to_string()
        }
    }
}
