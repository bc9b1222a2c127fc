//! The HTTP family of socket modes: HTTP(S) servers, REST servers and
//! HTTP/REST clients, on the network thread's hyper server and client.

pub mod client;
pub mod config;
pub mod server;

use super::constants::*;

pub fn is_server(mode: i64) -> bool {
    matches!(mode, HTTP_SERVER | HTTPS_SERVER | REST_SERVER)
}

pub fn is_client(mode: i64) -> bool {
    matches!(mode, HTTP_CLIENT | HTTPS_CLIENT | REST_CLIENT)
}

pub fn is_http(mode: i64) -> bool {
    is_server(mode) || is_client(mode)
}
