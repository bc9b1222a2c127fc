//! HTTP servers (hyper), REST routing and HTTP clients.

pub mod protocol;
