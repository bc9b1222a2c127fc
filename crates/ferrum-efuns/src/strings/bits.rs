//! Bit strings: each character holds 6 bits as `' ' + bits` (so a
//! string of spaces is all zeros). set_bit/clear_bit/test_bit/next_bit.

use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::Value;

/// FluffOS's default `maximum bits in a bitfield` runtime setting.
pub const MAX_BITFIELD_BITS: i64 = 1200;

/// The 6-bit value a bitstring byte holds, as C computes it from a
/// signed char (bytes outside the printable range give odd values).
fn bits_of(byte: u8) -> i32 {
    byte as i8 as i32 - b' ' as i32
}

fn is_bit_char(byte: u8) -> bool {
    (b' '..=b' ' + 0x3f).contains(&byte)
}

fn string_of(bytes: Vec<u8>) -> Value {
    // Only printable ASCII bytes were changed or added, so the text
    // stays valid UTF-8.
    Value::from(String::from_utf8(bytes).unwrap_or_default())
}

/// `string set_bit(string, int)`
pub fn set_bit(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let bit = args::int(a, 1)?;
    if bit > MAX_BITFIELD_BITS {
        return Err(LpcError::new(format!(
            "set_bit() bit requested: {} > maximum bits: {}",
            bit, MAX_BITFIELD_BITS
        )));
    }
    if bit < 0 {
        return Err(LpcError::new("Bad argument 2 (negative) to set_bit()."));
    }
    let (ind, bit) = ((bit / 6) as usize, bit % 6);
    let mut bytes = args::string(a, 0)?.as_bytes().to_vec();
    if ind >= bytes.len() {
        bytes.resize(ind + 1, b' ');
    }
    if !is_bit_char(bytes[ind]) {
        return Err(LpcError::new(format!(
            "Illegal bit pattern in set_bit character {}",
            ind
        )));
    }
    bytes[ind] = ((bytes[ind] - b' ') | (1 << bit)) + b' ';
    Ok(string_of(bytes))
}

/// `string clear_bit(string, int)`
pub fn clear_bit(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let bit = args::int(a, 1)?;
    if bit > MAX_BITFIELD_BITS {
        return Err(LpcError::new(format!(
            "clear_bit() bit requested : {} > maximum bits: {}",
            bit, MAX_BITFIELD_BITS
        )));
    }
    if bit < 0 {
        return Err(LpcError::new("Bad argument 2 (negative) to clear_bit()."));
    }
    let (ind, bit) = ((bit / 6) as usize, bit % 6);
    let s = args::lstr(a, 0)?;
    if ind >= s.byte_len() {
        return Ok(Value::Str(s));
    }
    let mut bytes = s.as_bytes().to_vec();
    if !is_bit_char(bytes[ind]) {
        return Err(LpcError::new(format!(
            "Illegal bit pattern in clear_bit character {}",
            ind
        )));
    }
    bytes[ind] = ((bytes[ind] - b' ') & !(1u8 << bit)) + b' ';
    Ok(string_of(bytes))
}

/// `int test_bit(string, int)`
pub fn test_bit(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let ind = args::int(a, 1)?;
    let bytes = args::string(a, 0)?.as_bytes();
    if ind / 6 >= bytes.len() as i64 {
        return Ok(Value::Int(0));
    }
    if ind < 0 {
        return Err(LpcError::new("Bad argument 2 (negative) to test_bit()."));
    }
    let set = bits_of(bytes[(ind / 6) as usize]) & (1 << (ind % 6)) != 0;
    Ok(Value::from(set))
}

/// `int next_bit(string, int)`: the first set bit after `start` (a start
/// of 0 or less scans from bit 0 inclusive, as FluffOS does), or -1.
pub fn next_bit(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let start = args::int(a, 1)?;
    let bytes = args::string(a, 0)?.as_bytes();
    let len = bytes.len();
    if len == 0 || start / 6 >= len as i64 {
        return Ok(Value::Int(-1));
    }
    let (mut which, mut value) = if start > 0 {
        let which = (start / 6) as usize;
        if start % 6 == 5 {
            if which + 1 >= len {
                return Ok(Value::Int(-1));
            }
            (which + 1, bits_of(bytes[which + 1]))
        } else {
            let mask = 0x3f - ((1 << ((start % 6) + 1)) - 1);
            (which, bits_of(bytes[which]) & mask)
        }
    } else {
        (0, bits_of(bytes[0]))
    };
    loop {
        if value != 0 {
            if let Some(k) = (0..6).find(|k| value & (1 << k) != 0) {
                return Ok(Value::Int((which * 6 + k) as i64));
            }
        }
        which += 1;
        if which >= len {
            return Ok(Value::Int(-1));
        }
        value = bits_of(bytes[which]);
    }
}
