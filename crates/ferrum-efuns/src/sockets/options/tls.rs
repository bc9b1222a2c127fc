//! TLS options (FluffOS's numbers): every TLS-capable mode uses them.

use super::*;

pub const SO_TLS_VERIFY_PEER: i64 = 1;
pub const SO_TLS_SNI_HOSTNAME: i64 = 2;
pub const SO_TLS_CERT: i64 = 3;
pub const SO_TLS_KEY: i64 = 4;

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: SO_TLS_VERIFY_PEER, name: "SO_TLS_VERIFY_PEER", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_TLS_SNI_HOSTNAME, name: "SO_TLS_SNI_HOSTNAME", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: SO_TLS_CERT, name: "SO_TLS_CERT", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: SO_TLS_KEY, name: "SO_TLS_KEY", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
];
