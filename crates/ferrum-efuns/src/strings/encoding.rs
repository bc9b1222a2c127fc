//! string_encode() / string_decode(): LPC strings (UTF-8) to and from
//! buffers in a named character encoding. FluffOS uses ICU converters;
//! here UTF-8/16/32, ASCII and Latin-1 are handled directly and the other
//! common legacy encodings (GBK, Big5, Shift_JIS, KOI8-R, windows-125x,
//! ...) through `encoding_rs`. Unmappable characters become 0x1A (ICU's
//! substitute) when encoding; undecodable bytes become U+FFFD.

use crate::args;
use encoding_rs::{EncoderResult, Encoding};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::Value;

const SUBSTITUTE: u8 = 0x1a;

#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    /// Big endian unless `little`; `bom` writes/accepts a byte order mark.
    Utf16 {
        little: bool,
        bom: bool,
    },
    Utf32 {
        little: bool,
        bom: bool,
    },
    Legacy(&'static Encoding),
}

fn codec(name: &str) -> Option<Codec> {
    let key: String = name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect();
    Some(match key.as_str() {
        "utf8" => Codec::Utf8,
        "ascii" | "usascii" | "us" | "ansix3.41968" => Codec::Ascii,
        "latin1" | "iso88591" | "l1" | "iso885911987" => Codec::Latin1,
        "utf16" => Codec::Utf16 {
            little: false,
            bom: true,
        },
        "utf16be" => Codec::Utf16 {
            little: false,
            bom: false,
        },
        "utf16le" => Codec::Utf16 {
            little: true,
            bom: false,
        },
        "utf32" => Codec::Utf32 {
            little: false,
            bom: true,
        },
        "utf32be" => Codec::Utf32 {
            little: false,
            bom: false,
        },
        "utf32le" => Codec::Utf32 {
            little: true,
            bom: false,
        },
        _ => {
            let enc = Encoding::for_label(name.trim().as_bytes())?;
            if enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE
                || enc == encoding_rs::REPLACEMENT
            {
                return None;
            }
            Codec::Legacy(enc)
        }
    })
}

fn invalid(efun: &str, name: &str) -> LpcError {
    LpcError::new(format!(
        "{}: Invalid encoding '{}', error: U_FILE_ACCESS_ERROR.",
        efun, name
    ))
}

fn encode(text: &str, codec: Codec) -> Vec<u8> {
    match codec {
        Codec::Utf8 => text.as_bytes().to_vec(),
        Codec::Ascii => text
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { SUBSTITUTE })
            .collect(),
        Codec::Latin1 => text
            .chars()
            .map(|c| u8::try_from(c as u32).unwrap_or(SUBSTITUTE))
            .collect(),
        Codec::Utf16 { little, bom } => {
            let mut out = Vec::new();
            let units = (if bom { Some(0xFEFFu16) } else { None })
                .into_iter()
                .chain(text.encode_utf16());
            for u in units {
                out.extend_from_slice(&if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                });
            }
            out
        }
        Codec::Utf32 { little, bom } => {
            let mut out = Vec::new();
            let units = (if bom { Some(0xFEFFu32) } else { None })
                .into_iter()
                .chain(text.chars().map(|c| c as u32));
            for u in units {
                out.extend_from_slice(&if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                });
            }
            out
        }
        Codec::Legacy(enc) => {
            let mut encoder = enc.new_encoder();
            let mut out = Vec::with_capacity(text.len() * 2);
            let mut rest = text;
            loop {
                let room = encoder
                    .max_buffer_length_from_utf8_without_replacement(rest.len())
                    .unwrap_or(rest.len() * 4 + 16);
                out.reserve(room);
                let (result, read) =
                    encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
                rest = &rest[read..];
                match result {
                    EncoderResult::InputEmpty => break,
                    EncoderResult::OutputFull => continue,
                    EncoderResult::Unmappable(_) => out.push(SUBSTITUTE),
                }
            }
            out
        }
    }
}

fn decode_units<const N: usize>(
    bytes: &[u8],
    little: bool,
    bom: bool,
    to_u32: fn([u8; N], bool) -> u32,
) -> Vec<u32> {
    let mut little = little;
    let mut chunks = bytes.chunks(N).peekable();
    if bom {
        if let Some(first) = chunks.peek().filter(|c| c.len() == N) {
            let arr: [u8; N] = (*first).try_into().expect("chunk length checked");
            if to_u32(arr, false) == 0xFEFF {
                chunks.next();
            } else if to_u32(arr, true) == 0xFEFF {
                little = true;
                chunks.next();
            }
        }
    }
    chunks
        .map(|c| match <[u8; N]>::try_from(c) {
            Ok(arr) => to_u32(arr, little),
            Err(_) => 0xFFFD,
        })
        .collect()
}

fn decode(bytes: &[u8], codec: Codec) -> String {
    match codec {
        Codec::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Codec::Ascii => bytes
            .iter()
            .map(|b| if b.is_ascii() { *b as char } else { '\u{FFFD}' })
            .collect(),
        Codec::Latin1 => bytes.iter().map(|b| *b as char).collect(),
        Codec::Utf16 { little, bom } => {
            let units = decode_units::<2>(bytes, little, bom, |a, le| {
                (if le {
                    u16::from_le_bytes(a)
                } else {
                    u16::from_be_bytes(a)
                }) as u32
            });
            let units: Vec<u16> = units.into_iter().map(|u| u as u16).collect();
            String::from_utf16_lossy(&units)
        }
        Codec::Utf32 { little, bom } => decode_units::<4>(bytes, little, bom, |a, le| {
            if le {
                u32::from_le_bytes(a)
            } else {
                u32::from_be_bytes(a)
            }
        })
        .into_iter()
        .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
        .collect(),
        Codec::Legacy(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// `buffer string_encode(string, string encoding)`
pub fn string_encode(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let name = args::string(a, 1)?;
    let codec = codec(name).ok_or_else(|| invalid("string_encode", name))?;
    Ok(Value::buffer(encode(args::string(a, 0)?, codec)))
}

/// `string string_decode(buffer, string encoding)`
pub fn string_decode(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let name = args::string(a, 1)?;
    let codec = codec(name).ok_or_else(|| invalid("string_decode", name))?;
    let bytes = args::buffer(a, 0)?.to_vec();
    // LPC strings cannot hold NUL: decoding stops at the first one.
    let text = decode(&bytes, codec);
    let text = match text.find('\0') {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    Ok(Value::from(text))
}

/// `buffer buffer_transcode(buffer, string from, string to)`: the bytes
/// re-encoded from one encoding to another.
pub fn buffer_transcode(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let from_name = args::string(a, 1)?;
    let from = codec(from_name).ok_or_else(|| invalid("buffer_transcode", from_name))?;
    let to_name = args::string(a, 2)?;
    let to = codec(to_name).ok_or_else(|| invalid("buffer_transcode", to_name))?;
    let text = decode(&args::buffer(a, 0)?.to_vec(), from);
    Ok(Value::buffer(encode(&text, to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let cases = [
            ("utf-8", "héllo 你好"),
            ("UTF-16LE", "héllo 你好 😀"),
            ("utf-16", "héllo 你好"),
            ("utf-32be", "héllo 你好"),
            ("gbk", "hello 你好"),
            ("big5", "hello 你好"),
            ("shift_jis", "hello 日本"),
            ("koi8-r", "привет"),
        ];
        for (name, text) in cases {
            let c = codec(name).unwrap();
            assert_eq!(decode(&encode(text, c), c), text, "{}", name);
        }
        // Characters the target cannot hold become the substitute byte.
        let sjis = codec("shift_jis").unwrap();
        assert_eq!(decode(&encode("héllo", sjis), sjis), "h\u{1a}llo");
    }

    #[test]
    fn specific_bytes() {
        assert_eq!(encode("é", codec("latin1").unwrap()), vec![0xe9]);
        assert_eq!(encode("é", codec("ascii").unwrap()), vec![0x1a]);
        assert_eq!(
            encode("A", codec("utf-16").unwrap()),
            vec![0xfe, 0xff, 0, 0x41]
        );
        assert_eq!(encode("A", codec("utf-16le").unwrap()), vec![0x41, 0]);
        assert_eq!(encode("你", codec("gbk").unwrap()), vec![0xc4, 0xe3]);
        assert_eq!(
            decode(&[0xff, 0xfe, 0x41, 0], codec("utf-16").unwrap()),
            "A"
        );
        assert_eq!(decode(&[0x61, 0xff], codec("utf-8").unwrap()), "a\u{FFFD}");
        assert!(codec("no-such-encoding").is_none());
    }
}
