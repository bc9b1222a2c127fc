//! The boundary between LPC values and network data: every conversion
//! of socket payloads and addresses happens here and nowhere else.

use crate::sockets::constants::*;
use crate::save::{restore_value, try_save_value};
use ferrum_vm::{LStr, Value};
use std::net::{IpAddr, SocketAddr};

/// "127.0.0.1 4000" (or "::1 4000") -> address. Hosts must be numeric, as
/// in FluffOS.
pub fn parse_address(s: &str) -> Option<SocketAddr> {
    let (host, port) = s.trim().split_once(' ')?;
    let ip: IpAddr = host.trim().parse().ok()?;
    let port: u16 = port.trim().parse().ok()?;
    Some(SocketAddr::new(ip, port))
}

/// Address as LPC sees it: "ip port".
pub fn format_address(a: &SocketAddr) -> String {
    format!("{} {}", a.ip(), a.port())
}

/// `socket_address` of a socket with no address yet.
pub const UNSET_ADDRESS: &str = "0.0.0.0 0";

/// `socket_status`'s address form: "host.port", with "*" for a wildcard
/// host or port, "" when unset.
pub fn status_address(a: Option<&SocketAddr>) -> String {
    match a {
        None => String::new(),
        Some(a) => {
            let host = if a.ip().is_unspecified() { "*".to_string() } else { a.ip().to_string() };
            let port = if a.port() == 0 { "*".to_string() } else { a.port().to_string() };
            format!("{}.{}", host, port)
        }
    }
}

/// The bytes `socket_write` sends for a value in a mode, or the error code
/// for a value the mode cannot send.
pub fn encode_write(mode: i64, v: &Value) -> Result<Vec<u8>, i64> {
    match mode {
        MUD => {
            if matches!(v, Value::Object(o) if !o.is_destructed()) {
                return Err(EETYPENOTSUPP);
            }
            // FluffOS sends the save text and a NUL; the length counts it.
            let mut text = try_save_value(v).map_err(|_| EEBADDATA)?.into_bytes();
            text.push(0);
            Ok(text)
        }
        _ => match v {
            Value::Str(s) => Ok(s.as_bytes().to_vec()),
            Value::Buffer(b) => Ok(b.to_vec()),
            // Arrays send each element as 4 bytes in host order (ints'
            // low 32 bits, floats' f32 bits), as FluffOS does.
            Value::Array(a) if !matches!(mode, DATAGRAM | DATAGRAM_BINARY) => {
                let mut out = Vec::with_capacity(a.len() * 4);
                for x in a.borrow().iter() {
                    let word: [u8; 4] = match x {
                        Value::Int(i) => (*i as i32).to_ne_bytes(),
                        Value::Float(f) => (*f as f32).to_ne_bytes(),
                        _ => [0; 4],
                    };
                    out.extend(word);
                }
                Ok(out)
            }
            _ => Err(EETYPENOTSUPP),
        },
    }
}

/// A MUD-mode message: the save text (a trailing NUL is optional). Text
/// that does not parse reads as undefined, as in FluffOS.
pub fn decode_mud(data: &[u8]) -> Value {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    match std::str::from_utf8(&data[..end]) {
        Ok(text) => restore_value(text).unwrap_or(Value::Undefined),
        Err(_) => Value::Undefined,
    }
}

/// Text from a byte stream, keeping an incomplete UTF-8 sequence at the
/// end for the next read. Invalid bytes become U+FFFD.
pub fn decode_text(carry: &mut Vec<u8>, data: &[u8]) -> LStr {
    let mut bytes = std::mem::take(carry);
    bytes.extend_from_slice(data);
    // Keep back at most 3 bytes of a sequence that may complete later.
    let keep = incomplete_tail(&bytes);
    let tail = bytes.split_off(bytes.len() - keep);
    *carry = tail;
    LStr::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// How many bytes at the end start a UTF-8 sequence that is not finished.
fn incomplete_tail(b: &[u8]) -> usize {
    for back in 1..=3.min(b.len()) {
        let c = b[b.len() - back];
        if c & 0xC0 != 0x80 {
            let need = if c >= 0xF0 {
                4
            } else if c >= 0xE0 {
                3
            } else if c >= 0xC0 {
                2
            } else {
                1
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

/// A datagram's payload: a string when it is valid UTF-8 in text mode,
/// else a buffer.
pub fn decode_datagram(data: Vec<u8>, binary: bool) -> Value {
    if binary {
        return Value::buffer(data);
    }
    match String::from_utf8(data) {
        Ok(s) => Value::from(s),
        Err(e) => Value::buffer(e.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_address("127.0.0.1 4000"), Some("127.0.0.1:4000".parse().unwrap()));
        assert_eq!(parse_address("::1 80"), Some("[::1]:80".parse().unwrap()));
        assert_eq!(parse_address("localhost 80"), None);
        assert_eq!(parse_address("127.0.0.1:80"), None);
        assert_eq!(format_address(&"10.0.0.1:99".parse().unwrap()), "10.0.0.1 99");
        assert_eq!(status_address(Some(&"0.0.0.0:4000".parse().unwrap())), "*.4000");
        assert_eq!(status_address(Some(&"127.0.0.1:0".parse().unwrap())), "127.0.0.1.*");
        assert_eq!(status_address(None), "");
    }

    #[test]
    fn mud_messages_carry_a_nul_and_read_back() {
        let v = Value::array(vec![Value::Int(1), Value::from("a\nb")]);
        let bytes = encode_write(MUD, &v).unwrap();
        assert_eq!(bytes.last(), Some(&0));
        let back = decode_mud(&bytes);
        assert_eq!(format!("{:?}", back), format!("{:?}", v));
        assert!(decode_mud(b"\"unterminated").is_undefined());
    }

    #[test]
    fn split_utf8_sequences_are_joined() {
        let mut carry = Vec::new();
        let s = "héllo".as_bytes();
        let a = decode_text(&mut carry, &s[..2]);
        let b = decode_text(&mut carry, &s[2..]);
        assert_eq!(format!("{}{}", a, b), "héllo");
        assert!(carry.is_empty());
    }

    #[test]
    fn arrays_go_out_as_32_bit_words() {
        let v = Value::array(vec![Value::Int(1), Value::from("x")]);
        let bytes = encode_write(STREAM, &v).unwrap();
        assert_eq!(bytes.len(), 8);
        assert_eq!(&bytes[..4], &1i32.to_ne_bytes());
        assert_eq!(&bytes[4..], &[0, 0, 0, 0]);
        assert_eq!(encode_write(STREAM, &Value::Int(3)), Err(EETYPENOTSUPP));
    }
}
