//! The REST pipeline: everything about a REST request that needs no LPC
//! (routing, CORS, rate limiting, JWT, JSON bodies and their schemas, the
//! OpenAPI document and its page), so bad requests never reach LPC.
//!
//! Pure and thread-safe: the HTTP server calls [`RestService::decide`] for
//! each request from any task and either answers at once or forwards the
//! outcome to the interpreter.
//!
//! Order of checks: CORS preflight, rate limit, docs paths, routing
//! (404/405), JWT (401), JSON body and schema (400).

mod body;
mod cors;
mod docs;
mod jwt;
mod openapi;
mod rate;
mod router;
#[cfg(test)]
mod tests;

pub use jwt::{sign_jwt, verify_jwt};

use crate::http::protocol::{HttpResponse, RestConfig, RestOutcome};
use body::{CompiledSchema, SchemaFailure};
use router::{Lookup, Router};
use serde_json::{json, Value};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

/// What to do with a request.
#[derive(Debug)]
pub enum Decision {
    /// Send this answer; LPC never sees the request.
    Answer(HttpResponse),
    /// Hand the request to LPC with this outcome.
    Forward(RestOutcome),
}

/// One compiled REST configuration (rebuild it when the configuration changes).
pub struct RestService {
    config: RestConfig,
    router: Router,
    /// Per route: the body schema in force, compiled.
    schemas: Vec<Option<Arc<CompiledSchema>>>,
    cors: Option<cors::Cors>,
    rate: Option<rate::RateLimiter>,
    docs: Option<docs::Docs>,
    openapi: Value,
}

/// Methods that usually carry no body: a route schema does not make one
/// mandatory for them.
const BODYLESS: &[&str] = &["GET", "HEAD", "DELETE", "OPTIONS"];

impl RestService {
    /// Compiles routes and schemas. Errors: duplicate or ambiguous routes,
    /// bad patterns or methods, bad schemas, a zero rate limit.
    pub fn new(mut config: RestConfig) -> Result<RestService, String> {
        for route in &mut config.routes {
            if let Some(schema) = &mut route.schema {
                body::lpc_booleans(schema);
            }
        }
        for (_, schema) in &mut config.schemas {
            body::lpc_booleans(schema);
        }
        let router = Router::new(&config.routes, config.ignore_trailing_slash)?;

        // REST_VALIDATION_SCHEMA entries apply to the route with the same pattern;
        // all are compiled so a bad one is reported even before its route exists.
        let mut by_pattern: Vec<(&str, &Value, Arc<CompiledSchema>)> =
            Vec::with_capacity(config.schemas.len());
        for (pattern, schema) in &config.schemas {
            let compiled =
                CompiledSchema::new(schema).map_err(|e| format!("schema for {pattern}: {e}"))?;
            by_pattern.push((pattern.as_str(), schema, Arc::new(compiled)));
        }
        let mut schemas = Vec::with_capacity(config.routes.len());
        let mut schema_values = Vec::with_capacity(config.routes.len());
        for route in &config.routes {
            let (value, compiled) = match &route.schema {
                Some(schema) => {
                    let compiled = CompiledSchema::new(schema).map_err(|e| {
                        format!("schema of route {} {}: {e}", route.method, route.pattern)
                    })?;
                    (Some(schema), Some(Arc::new(compiled)))
                }
                None => match by_pattern
                    .iter()
                    .find(|(pattern, _, _)| *pattern == route.pattern)
                {
                    Some((_, value, compiled)) => (Some(*value), Some(compiled.clone())),
                    None => (None, None),
                },
            };
            schemas.push(compiled);
            schema_values.push(value);
        }

        let rate = config
            .rate_limit
            .as_ref()
            .map(rate::RateLimiter::new)
            .transpose()?;
        let doc_routes: Vec<openapi::DocRoute<'_>> = config
            .routes
            .iter()
            .zip(&schema_values)
            .map(|(route, schema)| openapi::DocRoute {
                route,
                schema: *schema,
            })
            .collect();
        let openapi = openapi::document(&config, &doc_routes);
        let docs = config
            .docs_path
            .as_deref()
            .map(|path| docs::Docs::new(path, &openapi));
        let cors = config.cors.clone().map(cors::Cors::new);
        Ok(RestService {
            config,
            router,
            schemas,
            cors,
            rate,
            docs,
            openapi,
        })
    }

    /// Decides a request. `path` is the raw request path (still
    /// percent-encoded; a query is ignored), `headers` have lower-cased names.
    pub fn decide(
        &self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: &[u8],
        remote: IpAddr,
    ) -> Decision {
        self.decide_at(method, path, headers, body, remote, Instant::now())
    }

    fn decide_at(
        &self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: &[u8],
        remote: IpAddr,
        now: Instant,
    ) -> Decision {
        let method = method.trim().to_ascii_uppercase();
        let path = path.split('?').next().unwrap_or("");

        if let Some(cors) = &self.cors {
            if cors::is_preflight(&method, headers) {
                let path_methods = self.router.allowed_on(path).flatten();
                return Decision::Answer(cors.preflight(headers, path_methods));
            }
        }
        if let Some(rate) = &self.rate {
            if let Err(retry_after) = rate.check(headers, remote, now) {
                let headers = vec![("Retry-After".to_string(), retry_after.to_string())];
                return self.error(429, "rate limit exceeded".to_string(), headers, &[]);
            }
        }
        if let Some(docs) = &self.docs {
            if method == "GET" || method == "HEAD" {
                if let Some(answer) = docs.answer(&router::percent_decode(path)) {
                    return Decision::Answer(answer);
                }
            }
        }

        let (route_index, params) = match self.router.lookup(&method, path) {
            Lookup::Found { route, params } => (route, params),
            Lookup::NotFound => return self.error(404, "not found".to_string(), Vec::new(), &[]),
            Lookup::MethodNotAllowed { mut allowed } => {
                if self.cors.is_some() {
                    allowed.push("OPTIONS".to_string());
                    allowed.sort();
                }
                let allow = vec![("Allow".to_string(), allowed.join(", "))];
                // With CORS on, OPTIONS is answered here (it is in Allow).
                if method == "OPTIONS" && self.cors.is_some() {
                    return Decision::Answer(HttpResponse {
                        status: 204,
                        headers: allow,
                        body: Vec::new(),
                    });
                }
                return self.error(405, "method not allowed".to_string(), allow, &[]);
            }
        };
        let route = &self.config.routes[route_index];

        let auth = match self.authenticate(headers) {
            Ok(claims) => claims,
            Err(reason) if route.auth => {
                let challenge = match reason {
                    AuthFailure::Missing => "Bearer".to_string(),
                    AuthFailure::Invalid(_) => "Bearer error=\"invalid_token\"".to_string(),
                };
                let headers = vec![("WWW-Authenticate".to_string(), challenge)];
                return self.error(401, reason.message(), headers, &[]);
            }
            // A public route works without a (valid) token.
            Err(_) => None,
        };

        let json = if body::is_json(headers) {
            match body::parse_json(body) {
                Ok(json) => json,
                Err(message) => return self.error(400, message, Vec::new(), &[]),
            }
        } else {
            None
        };
        if let Some(schema) = &self.schemas[route_index] {
            match &json {
                Some(json) => {
                    let failures = schema.failures(json);
                    if !failures.is_empty() {
                        return self.error(
                            400,
                            "validation failed".to_string(),
                            Vec::new(),
                            &failures,
                        );
                    }
                }
                None if !body.is_empty() => {
                    let message =
                        "request body must be JSON (content-type application/json)".to_string();
                    return self.error(400, message, Vec::new(), &[]);
                }
                None if !BODYLESS.contains(&method.as_str()) => {
                    return self.error(400, "missing JSON body".to_string(), Vec::new(), &[]);
                }
                None => {}
            }
        }

        Decision::Forward(RestOutcome::Matched {
            route: route.pattern.clone(),
            handler: route.handler,
            handler_name: route.handler_name.clone(),
            path_params: params,
            json,
            auth,
        })
    }

    /// Verifies the bearer token when JWT is on. Ok(None): JWT off, or no
    /// token on a request to a public route.
    fn authenticate(&self, headers: &[(String, String)]) -> Result<Option<Value>, AuthFailure> {
        let Some(secret) = self.config.jwt_secret.as_deref().filter(|s| !s.is_empty()) else {
            // auth routes without a secret fail closed.
            return Err(AuthFailure::Missing);
        };
        let token = jwt::bearer_token(headers).ok_or(AuthFailure::Missing)?;
        verify_jwt(secret, token)
            .map(Some)
            .map_err(AuthFailure::Invalid)
    }

    /// An error answer, or the error forwarded to LPC's error handler.
    fn error(
        &self,
        status: u16,
        message: String,
        headers: Vec<(String, String)>,
        failures: &[SchemaFailure],
    ) -> Decision {
        if self.config.lpc_error_handler {
            let message = if failures.is_empty() {
                message
            } else {
                let listed: Vec<String> = failures
                    .iter()
                    .map(|f| format!("{}: {}", display_path(&f.path), f.message))
                    .collect();
                format!("{message}: {}", listed.join("; "))
            };
            return Decision::Forward(RestOutcome::Error {
                status,
                message,
                headers,
            });
        }
        let mut body = json!({ "error": message, "status": status });
        if !failures.is_empty() {
            body["errors"] = failures
                .iter()
                .map(|f| json!({ "path": f.path, "message": f.message }))
                .collect::<Vec<_>>()
                .into();
        }
        let mut headers = headers;
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
        Decision::Answer(HttpResponse {
            status,
            headers,
            body: body.to_string().into_bytes(),
        })
    }

    /// Headers to add to every answer of a request: CORS headers for actual
    /// (non-preflight) requests. The preflight answer carries its own.
    pub fn response_headers(
        &self,
        method: &str,
        headers: &[(String, String)],
    ) -> Vec<(String, String)> {
        match &self.cors {
            Some(cors) if !cors::is_preflight(method, headers) => cors.actual_headers(headers),
            _ => Vec::new(),
        }
    }

    /// The OpenAPI 3.1 document of this configuration.
    pub fn openapi(&self) -> Value {
        self.openapi.clone()
    }
}

// The server shares one service between its connection tasks.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<RestService>();
};

enum AuthFailure {
    Missing,
    Invalid(String),
}

impl AuthFailure {
    fn message(&self) -> String {
        match self {
            AuthFailure::Missing => "authentication required".to_string(),
            AuthFailure::Invalid(reason) => format!("invalid token: {reason}"),
        }
    }
}

fn display_path(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}
