//! WebSocket options (120-127).

use super::*;

pub const WS_PROTOCOL: i64 = 120;
pub const WS_EXTENSIONS: i64 = 121;
pub const WS_ORIGIN: i64 = 122;
pub const WS_MAX_MESSAGE_SIZE: i64 = 123;
pub const WS_PING_INTERVAL: i64 = 124;
pub const WS_PONG_TIMEOUT: i64 = 125;
pub const WS_COMPRESSION: i64 = 126;
pub const WS_SUBPROTOCOL: i64 = 127;

fn max_message() -> Value {
    Value::Int(65536)
}

fn message_size(v: &Value) -> Result<(), String> {
    in_range(v, 1, 1 << 30)
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: WS_PROTOCOL, name: "WS_PROTOCOL", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: WS_EXTENSIONS, name: "WS_EXTENSIONS", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: WS_ORIGIN, name: "WS_ORIGIN", kinds: &[Kind::String, Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: WS_MAX_MESSAGE_SIZE, name: "WS_MAX_MESSAGE_SIZE", kinds: &[Kind::Int], default: max_message, validate: Some(message_size), store: Store::Replace },
    OptionSpec { number: WS_PING_INTERVAL, name: "WS_PING_INTERVAL", kinds: &[Kind::Int], default: zero, validate: Some(non_negative), store: Store::Replace },
    OptionSpec { number: WS_PONG_TIMEOUT, name: "WS_PONG_TIMEOUT", kinds: &[Kind::Int], default: zero, validate: Some(non_negative), store: Store::Replace },
    OptionSpec { number: WS_COMPRESSION, name: "WS_COMPRESSION", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: WS_SUBPROTOCOL, name: "WS_SUBPROTOCOL", kinds: &[Kind::String, Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
];
