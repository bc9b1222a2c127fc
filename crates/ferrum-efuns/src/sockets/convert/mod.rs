//! The boundary between LPC values and network data: every conversion
//! of socket payloads, addresses, HTTP requests and responses happens in
//! this module and nowhere else.

mod http;
mod stream;

pub use http::*;
pub use stream::*;
