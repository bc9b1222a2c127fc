//! `crc32()`: the CRC-32 checksum (ISO-HDLC, as zlib computes it) of a
//! string's UTF-8 bytes or a buffer.

use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{efun, Value, Vm};

pub const EFUNS: &[EfunSpec] = &[efun!("int crc32(string | buffer)", crc32)];

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static TABLE: [u32; 256] = crc_table();

pub fn checksum(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, b| {
        TABLE[((crc ^ *b as u32) & 0xff) as usize] ^ (crc >> 8)
    })
}

/// `int crc32(string | buffer data)`: an unsigned 32-bit value.
pub fn crc32(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let sum = match &args[0] {
        Value::Str(s) => checksum(s.as_bytes()),
        Value::Buffer(b) => checksum(&b.borrow()),
        other => {
            return Err(LpcError::new(format!(
                "Bad argument 1 to crc32()\nExpected: string or buffer Got: {}.",
                other.type_name()
            )))
        }
    };
    Ok(Value::Int(sum as i64))
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_checksums() {
        assert_eq!(super::checksum(b""), 0);
        assert_eq!(super::checksum(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::checksum(b"hello"), 0x3610_A686);
    }
}
