//! Text conversions of player connections: line ends in both directions and
//! UTF-8 that may arrive cut in the middle of a character.

use super::telnet::IAC;

/// Input line ends: CR LF, CR NUL, a lone CR and a lone LF each become one
/// "\n". The "\n" for a CR goes out at once (a key press in char mode must
/// not wait for the next byte); the LF or NUL that may follow is dropped.
#[derive(Default)]
pub(crate) struct LineEnds {
    after_cr: bool,
}

impl LineEnds {
    pub fn push(&mut self, byte: u8, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.after_cr) && (byte == b'\n' || byte == 0) {
            return;
        }
        if byte == b'\r' {
            out.push(b'\n');
            self.after_cr = true;
        } else {
            out.push(byte);
        }
    }
}

/// Output line ends: "\n" becomes "\r\n" unless a "\r" is already before it
/// (also when that "\r" ended the previous write); with `escape_iac`, 0xFF
/// is doubled so telnet clients read it as data.
pub(crate) struct LineOut {
    after_cr: bool,
    escape_iac: bool,
}

impl LineOut {
    pub fn new(escape_iac: bool) -> Self {
        LineOut {
            after_cr: false,
            escape_iac,
        }
    }

    pub fn encode(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len() + data.len() / 8 + 2);
        for &b in data {
            match b {
                b'\n' if !self.after_cr => out.extend_from_slice(b"\r\n"),
                IAC if self.escape_iac => out.extend_from_slice(&[IAC, IAC]),
                _ => out.push(b),
            }
            self.after_cr = b == b'\r';
        }
        out
    }
}

/// Turns bytes into text across writes: an incomplete character at the end
/// waits for the next write, invalid bytes become U+FFFD.
#[derive(Default)]
pub(crate) struct Utf8Carry {
    tail: Vec<u8>,
}

impl Utf8Carry {
    pub fn decode(&mut self, data: &[u8]) -> String {
        let mut bytes = std::mem::take(&mut self.tail);
        bytes.extend_from_slice(data);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    return out;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` is valid UTF-8, so nothing is replaced here.
                    out.push_str(&String::from_utf8_lossy(good));
                    match e.error_len() {
                        Some(n) => {
                            out.push('\u{FFFD}');
                            rest = &bad[n..];
                        }
                        None => {
                            self.tail = bad.to_vec();
                            return out;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(chunks: &[&[u8]]) -> Vec<u8> {
        let mut ends = LineEnds::default();
        let mut out = Vec::new();
        for chunk in chunks {
            for &b in *chunk {
                ends.push(b, &mut out);
            }
        }
        out
    }

    #[test]
    fn input_line_ends() {
        assert_eq!(normalise(&[b"a\r\nb\r\0c\nd\re"]), b"a\nb\nc\nd\ne");
        assert_eq!(normalise(&[b"a\r", b"\nb"]), b"a\nb");
        assert_eq!(normalise(&[b"\r\r\n"]), b"\n\n");
        assert_eq!(normalise(&[b"\n\r"]), b"\n\n");
    }

    #[test]
    fn output_line_ends_and_iac() {
        let mut out = LineOut::new(true);
        assert_eq!(out.encode(b"a\nb\r\nc\xff"), b"a\r\nb\r\nc\xff\xff");
        assert_eq!(out.encode(b"x\r"), b"x\r");
        assert_eq!(out.encode(b"\ny"), b"\ny");
        let mut ascii = LineOut::new(false);
        assert_eq!(ascii.encode(b"\xff\n"), b"\xff\r\n");
    }

    #[test]
    fn utf8_split_and_invalid() {
        let mut carry = Utf8Carry::default();
        let euro = "€".as_bytes();
        assert_eq!(carry.decode(&[b'a', euro[0]]), "a");
        assert_eq!(carry.decode(&euro[1..]), "€");
        assert_eq!(carry.decode(b"x\xffy"), "x\u{FFFD}y");
        assert_eq!(carry.decode(&[0xe2, 0x28, 0xa1]), "\u{FFFD}(\u{FFFD}");
    }
}
