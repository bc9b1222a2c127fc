//! FluffOS's socket numbers: modes, states, error codes and their texts.

pub const MUD: i64 = 0;
pub const STREAM: i64 = 1;
pub const DATAGRAM: i64 = 2;
pub const STREAM_BINARY: i64 = 3;
pub const DATAGRAM_BINARY: i64 = 4;
pub const STREAM_TLS: i64 = 5;
pub const STREAM_TLS_BINARY: i64 = 6;
pub const HTTP_SERVER: i64 = 10;
pub const HTTPS_SERVER: i64 = 11;
pub const HTTP_CLIENT: i64 = 12;
pub const HTTPS_CLIENT: i64 = 13;
pub const REST_SERVER: i64 = 14;
pub const REST_CLIENT: i64 = 15;
pub const WEBSOCKET_SERVER: i64 = 20;
pub const WEBSOCKET_CLIENT: i64 = 21;
pub const MQTT_CLIENT: i64 = 30;
pub const EXTERNAL_PROCESS: i64 = 40;
pub const EXTERNAL_WATCH: i64 = 41;

/// The name `socket_status` reports for a mode.
pub fn mode_name(mode: i64) -> &'static str {
    match mode {
        MUD => "MUD",
        STREAM => "STREAM",
        DATAGRAM => "DATAGRAM",
        STREAM_BINARY => "STREAM_BINARY",
        DATAGRAM_BINARY => "DATAGRAM_BINARY",
        STREAM_TLS => "STREAM_TLS",
        STREAM_TLS_BINARY => "STREAM_TLS_BINARY",
        HTTP_SERVER => "HTTP_SERVER",
        HTTPS_SERVER => "HTTPS_SERVER",
        HTTP_CLIENT => "HTTP_CLIENT",
        HTTPS_CLIENT => "HTTPS_CLIENT",
        REST_SERVER => "REST_SERVER",
        REST_CLIENT => "REST_CLIENT",
        WEBSOCKET_SERVER => "WEBSOCKET_SERVER",
        WEBSOCKET_CLIENT => "WEBSOCKET_CLIENT",
        MQTT_CLIENT => "MQTT_CLIENT",
        EXTERNAL_PROCESS => "EXTERNAL_PROCESS",
        EXTERNAL_WATCH => "EXTERNAL_WATCH",
        _ => "UNKNOWN",
    }
}

/// Socket states, with FluffOS's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Closed = 0,
    /// Closing after our own socket_close, still sending queued data.
    Flushing = 1,
    Unbound = 2,
    Bound = 3,
    Listen = 4,
    Handshake = 5,
    DataXfer = 6,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Flushing => "CLOSING",
            State::Unbound => "UNBOUND",
            State::Bound => "BOUND",
            State::Listen => "LISTEN",
            State::Handshake => "HANDSHAKE",
            State::DataXfer => "DATA_XFER",
        }
    }
}

pub const EESUCCESS: i64 = 1;
pub const EESOCKET: i64 = -1;
pub const EESETSOCKOPT: i64 = -2;
pub const EENONBLOCK: i64 = -3;
pub const EENOSOCKS: i64 = -4;
pub const EEFDRANGE: i64 = -5;
pub const EEBADF: i64 = -6;
pub const EESECURITY: i64 = -7;
pub const EEISBOUND: i64 = -8;
pub const EEADDRINUSE: i64 = -9;
pub const EEBIND: i64 = -10;
pub const EEGETSOCKNAME: i64 = -11;
pub const EEMODENOTSUPP: i64 = -12;
pub const EENOADDR: i64 = -13;
pub const EEISCONN: i64 = -14;
pub const EELISTEN: i64 = -15;
pub const EENOTLISTN: i64 = -16;
pub const EEWOULDBLOCK: i64 = -17;
pub const EEINTR: i64 = -18;
pub const EEACCEPT: i64 = -19;
pub const EEISLISTEN: i64 = -20;
pub const EEBADADDR: i64 = -21;
pub const EEALREADY: i64 = -22;
pub const EECONNREFUSED: i64 = -23;
pub const EECONNECT: i64 = -24;
pub const EENOTCONN: i64 = -25;
pub const EETYPENOTSUPP: i64 = -26;
pub const EESENDTO: i64 = -27;
pub const EESEND: i64 = -28;
pub const EECALLBACK: i64 = -29;
pub const EESOCKRLSD: i64 = -30;
pub const EESOCKNOTRLSD: i64 = -31;
pub const EEBADDATA: i64 = -32;

const ERROR_TEXTS: [&str; 32] = [
    "Problem creating socket",
    "Problem with setsockopt",
    "Problem setting non-blocking mode",
    "No more available efun sockets",
    "Descriptor out of range",
    "Socket is closed",
    "Security violation attempted",
    "Socket is already bound",
    "Address already in use",
    "Problem with bind",
    "Problem with getsockname",
    "Socket mode not supported",
    "Socket not bound to an address",
    "Socket is already connected",
    "Problem with listen",
    "Socket not listening",
    "Operation would block",
    "Interrupted system call",
    "Problem with accept",
    "Socket is listening",
    "Problem with address format",
    "Operation already in progress",
    "Connection refused",
    "Problem with connect",
    "Socket not connected",
    "Object type not supported",
    "Problem with sendto",
    "Problem with send",
    "Wait for callback",
    "Socket already released",
    "Socket not released",
    "Data nested too deeply",
];

/// `socket_error(code)`'s text.
pub fn error_text(code: i64) -> &'static str {
    let i = -(code + 1);
    if (0..32).contains(&i) {
        ERROR_TEXTS[i as usize]
    } else {
        "socket_error: invalid error number"
    }
}

/// The C-style header text for socket_err.h, kept here so the numbers and
/// names cannot drift from the include file (a test compares them).
pub fn error_names() -> Vec<(&'static str, i64)> {
    vec![
        ("EESUCCESS", EESUCCESS),
        ("EESOCKET", EESOCKET),
        ("EESETSOCKOPT", EESETSOCKOPT),
        ("EENONBLOCK", EENONBLOCK),
        ("EENOSOCKS", EENOSOCKS),
        ("EEFDRANGE", EEFDRANGE),
        ("EEBADF", EEBADF),
        ("EESECURITY", EESECURITY),
        ("EEISBOUND", EEISBOUND),
        ("EEADDRINUSE", EEADDRINUSE),
        ("EEBIND", EEBIND),
        ("EEGETSOCKNAME", EEGETSOCKNAME),
        ("EEMODENOTSUPP", EEMODENOTSUPP),
        ("EENOADDR", EENOADDR),
        ("EEISCONN", EEISCONN),
        ("EELISTEN", EELISTEN),
        ("EENOTLISTN", EENOTLISTN),
        ("EEWOULDBLOCK", EEWOULDBLOCK),
        ("EEINTR", EEINTR),
        ("EEACCEPT", EEACCEPT),
        ("EEISLISTEN", EEISLISTEN),
        ("EEBADADDR", EEBADADDR),
        ("EEALREADY", EEALREADY),
        ("EECONNREFUSED", EECONNREFUSED),
        ("EECONNECT", EECONNECT),
        ("EENOTCONN", EENOTCONN),
        ("EETYPENOTSUPP", EETYPENOTSUPP),
        ("EESENDTO", EESENDTO),
        ("EESEND", EESEND),
        ("EECALLBACK", EECALLBACK),
        ("EESOCKRLSD", EESOCKRLSD),
        ("EESOCKNOTRLSD", EESOCKNOTRLSD),
        ("EEBADDATA", EEBADDATA),
    ]
}
