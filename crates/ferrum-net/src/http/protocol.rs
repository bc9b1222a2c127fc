//! Plain data for HTTP servers, REST routing and HTTP clients, exchanged
//! between the interpreter and the network thread.

use crate::protocol::{NetId, TlsClient, TlsServer};
use std::net::SocketAddr;
use std::time::Duration;

/// Limits and timeouts of an HTTP server (safe defaults).
#[derive(Clone, Debug)]
pub struct HttpLimits {
    /// Request line plus headers; over it: 431.
    pub max_header_bytes: usize,
    /// Request body; over it: 413.
    pub max_body_bytes: usize,
    /// The whole request head must arrive within this (slowloris).
    pub header_timeout: Duration,
    /// The body must arrive within this.
    pub body_timeout: Duration,
    /// A kept-alive connection with no request is closed after this.
    pub idle_timeout: Duration,
    /// No answer from LPC within this: 504 (SO_HTTP_TIMEOUT).
    pub response_timeout: Duration,
    /// Most connections at once; more are refused.
    pub max_connections: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            max_header_bytes: 16 * 1024,
            max_body_bytes: 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            response_timeout: Duration::from_secs(30),
            max_connections: 10_000,
        }
    }
}

/// One route of a REST server.
#[derive(Clone, Debug)]
pub struct RouteConfig {
    /// "GET", "POST", ... or "*" for any.
    pub method: String,
    /// "/api/users/{id}" (matchit/OpenAPI syntax; "{*rest}" for the rest).
    pub pattern: String,
    /// Index of the handler in the interpreter's route table.
    pub handler: u32,
    /// Name shown in the OpenAPI document (operationId) and request["handler"].
    pub handler_name: String,
    /// A valid JWT is required (REST_JWT_SECRET).
    pub auth: bool,
    /// JSON Schema the JSON body must satisfy.
    pub schema: Option<serde_json::Value>,
    /// Extra OpenAPI operation fields (summary, description, parameters...).
    pub openapi: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default)]
pub struct CorsConfig {
    /// Allowed origins; "*" allows any.
    pub origins: Vec<String>,
    pub methods: Vec<String>,
    pub headers: Vec<String>,
    pub credentials: bool,
    pub max_age: Option<u64>,
}

/// What requests are counted together for rate limiting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RateKey {
    /// The client's IP address.
    Ip,
    /// The value of a request header (e.g. an API key).
    Header(String),
}

#[derive(Clone, Debug)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
    pub key: RateKey,
}

/// Everything a REST server decides without LPC.
#[derive(Clone, Debug, Default)]
pub struct RestConfig {
    pub routes: Vec<RouteConfig>,
    pub jwt_secret: Option<String>,
    /// "/docs": the page at /docs and the document at /docs/openapi.json.
    pub docs_path: Option<String>,
    /// The OpenAPI `info` object (title, version, description...).
    pub openapi_info: Option<serde_json::Value>,
    /// Pattern -> JSON Schema for request bodies (REST_VALIDATION_SCHEMA).
    pub schemas: Vec<(String, serde_json::Value)>,
    pub cors: Option<CorsConfig>,
    pub rate_limit: Option<RateLimit>,
    /// When set, errors the network thread finds (404, 405, 400, 401,
    /// 429) go to LPC (REST_ERROR_HANDLER) instead of being answered.
    pub lpc_error_handler: bool,
    /// REST_ROUTER_CONFIG: a trailing slash matches the route without it.
    pub ignore_trailing_slash: bool,
}

/// Configuration of an HTTP or REST listener.
#[derive(Clone, Debug, Default)]
pub struct HttpServerConfig {
    pub limits: HttpLimits,
    pub tls: Option<TlsServer>,
    /// Some for a REST server.
    pub rest: Option<RestConfig>,
    /// The `Server` header.
    pub server_name: String,
}

/// What a REST server found about a request before LPC sees it.
#[derive(Clone, Debug)]
pub enum RestOutcome {
    /// A route matched and every check passed.
    Matched {
        route: String,
        handler: u32,
        handler_name: String,
        path_params: Vec<(String, String)>,
        /// The decoded body when the content type is JSON.
        json: Option<serde_json::Value>,
        /// Verified JWT claims.
        auth: Option<serde_json::Value>,
    },
    /// A check failed and LPC's error handler should build the answer.
    Error {
        status: u16,
        message: String,
        /// Extra headers the answer must carry (Allow, Retry-After,
        /// WWW-Authenticate).
        headers: Vec<(String, String)>,
    },
}

/// A request as LPC will see it (the interpreter builds the mapping).
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: String,
    /// The raw request target.
    pub uri: String,
    /// Percent-decoded path without the query.
    pub path: String,
    /// Raw query string ("" when none).
    pub query: String,
    /// "HTTP/1.1"
    pub version: String,
    /// Names lower-cased, in arrival order (repeats kept; the interpreter
    /// joins them with ", ").
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub remote: SocketAddr,
    /// REST servers only.
    pub rest: Option<RestOutcome>,
}

/// An answer to a request.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// An outgoing request of an HTTP client socket.
#[derive(Clone, Debug)]
pub struct ClientRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whole request (SO_HTTP_TIMEOUT).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub user_agent: Option<String>,
    pub follow_redirects: bool,
    pub max_redirects: u32,
    pub tls: TlsClient,
    /// Refuse plain http:// (HTTPS_CLIENT).
    pub https_only: bool,
}

/// The answer an HTTP client got, or why it got none.
#[derive(Clone, Debug)]
pub struct ClientResponse {
    /// 0 when the request failed.
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The final URL, after redirects.
    pub url: String,
    pub redirects: u32,
    pub elapsed_ms: u64,
    /// Set when status is 0: DNS, refused, TLS, timeout...
    pub error: Option<String>,
}

/// HTTP commands (wrapped in `Command::Http`).
#[derive(Debug)]
pub enum HttpCommand {
    /// Serve HTTP (or REST) on a bound, listening socket.
    Listen { id: NetId, listener: std::net::TcpListener, config: HttpServerConfig },
    /// Routes or other REST settings changed after listening.
    UpdateRest { id: NetId, rest: RestConfig },
    /// Answer a request (by its request id).
    Respond { request: NetId, response: HttpResponse },
    /// Close one server connection (its id from `Connection`).
    CloseConnection { conn: NetId },
    /// An HTTP client socket sends a request; the answer comes back as
    /// `Response` with the same id. Requests of one client id reuse
    /// connections.
    Request { id: NetId, request: ClientRequest },
}

/// HTTP events (wrapped in `Event::Http`).
#[derive(Debug)]
pub enum HttpEvent {
    /// A client connected to a listener (one descriptor per connection).
    Connection { listener: NetId, conn: NetId, peer: SocketAddr },
    /// A request arrived on a connection. Requests of one connection come
    /// one at a time: the next only after this one was answered.
    Request { listener: NetId, conn: NetId, request: NetId, data: HttpRequest },
    /// A connection ended.
    ConnectionClosed { conn: NetId },
    /// A client request finished (or failed: status 0 and `error`).
    Response { id: NetId, response: ClientResponse },
    /// The listener could not start (e.g. bad TLS files).
    ListenFailed { id: NetId, error: String },
}
