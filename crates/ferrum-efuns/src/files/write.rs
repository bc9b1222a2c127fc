//! Writing: write_file, write_bytes, write_buffer.

use super::{limits, strerror, target};
use crate::args;
use crate::runtime::paths::Access;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, Value, Vm};
use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};

/// `write_file(file, str, flag)`: appends `str` (flag bit 0: overwrites).
/// 1 on success, 0 when refused; an error when the file cannot be opened.
pub fn write_file(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let text = args::string(args, 1)?;
    let flags = args::int_or(args, 2, 0);
    if flags & 2 != 0 {
        // What FluffOS says when built without zlib.
        bail!("write_file: compressed writes are not available on this driver build.");
    }
    let Some(t) = target(vm, path, "write_file", Access::Write)? else {
        return Ok(Value::Int(0));
    };
    let overwrite = flags & 1 != 0;
    let opened = if overwrite {
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&t.disk)
    } else {
        OpenOptions::new().append(true).create(true).open(&t.disk)
    };
    let mut file = match opened {
        Ok(f) => f,
        Err(e) => bail!(
            "Wrong permissions for opening file {} for {}.\n\"{}\"",
            t.shown(),
            if overwrite { "overwrite" } else { "append" },
            strerror(&e)
        ),
    };
    // FluffOS does not check the write itself.
    let _ = file.write_all(text.as_bytes());
    Ok(Value::Int(1))
}

/// FluffOS `write_bytes()`: writes `data` at byte `start` (negative: from
/// the end; at most at the end), creating the file if needed. 1 or 0.
fn write_file_bytes(vm: &mut Vm, path: &str, start: i64, data: &[u8]) -> VmResult<i64> {
    let Some(t) = target(vm, path, "write_bytes", Access::Write)? else {
        return Ok(0);
    };
    if data.len() > limits(vm).max_byte_transfer {
        return Ok(0);
    }
    let opened = if t.disk.exists() {
        OpenOptions::new().read(true).write(true).open(&t.disk)
    } else {
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&t.disk)
    };
    let Ok(mut file) = opened else {
        return Ok(0);
    };
    let size = file.metadata().map(|m| m.len() as i64).unwrap_or(0);
    let start = if start < 0 { size + start } else { start };
    if start < 0 || start > size {
        return Ok(0);
    }
    if file.seek(SeekFrom::Start(start as u64)).is_err() {
        return Ok(0);
    }
    // An empty write "writes 0 bytes", which FluffOS reports as failure.
    if data.is_empty() || file.write_all(data).is_err() {
        return Ok(0);
    }
    Ok(1)
}

/// `write_bytes(file, start, str)`.
pub fn write_bytes(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let start = args::int(args, 1)?;
    let text = args::string(args, 2)?;
    Ok(Value::Int(write_file_bytes(
        vm,
        path,
        start,
        text.as_bytes(),
    )?))
}

/// The bytes `write_buffer` writes for its third argument: an int is 4
/// bytes in network order (of its low 32 bits).
fn source_bytes(v: &Value) -> Vec<u8> {
    match v {
        Value::Int(n) => (*n as i32).to_be_bytes().to_vec(),
        Value::Undefined => vec![0; 4],
        Value::Buffer(b) => b.to_vec(),
        Value::Str(s) => s.as_bytes().to_vec(),
        _ => Vec::new(),
    }
}

/// `write_buffer(file, start, data)` writes into a file like `write_bytes`
/// (an int must not be 0 there); `write_buffer(buf, start, data)` writes
/// into a buffer, which cannot grow. 1 or 0.
pub fn write_buffer(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let start = args::int(args, 1)?;
    let data = args::opt(args, 2);
    let bytes = source_bytes(data);
    match args::opt(args, 0) {
        Value::Buffer(buf) => {
            let mut dest = buf.borrow_mut();
            let size = dest.len() as i64;
            let start = if start < 0 { size + start } else { start };
            if start < 0 || start + bytes.len() as i64 > size {
                return Ok(Value::Int(0));
            }
            dest[start as usize..start as usize + bytes.len()].copy_from_slice(&bytes);
            Ok(Value::Int(1))
        }
        _ => {
            if data.is_zero() {
                // FluffOS hands the file case to write_bytes, which
                // refuses a zero int.
                bail!("Bad Argument 3 to write_bytes()");
            }
            let path = args::string(args, 0)?;
            Ok(Value::Int(write_file_bytes(vm, path, start, &bytes)?))
        }
    }
}
