//! Reading: read_file, read_bytes, read_buffer, file_size, file_length.

use super::{limits, target};
use crate::args;
use crate::runtime::paths::Access;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, Value, Vm};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// `read_file(file, start_line, nlines)`: the text from line `start_line`
/// (1-based; negative counts from the end) for `nlines` lines (0: to the
/// end), or 0 when the file cannot be read or has too few lines.
pub fn read_file(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let start = args::int_or(args, 1, 0);
    let lines = args::int_or(args, 2, 0);
    if lines < 0 {
        return Ok(Value::Int(0));
    }
    let Some(t) = target(vm, path, "read_file", Access::Read)? else {
        return Ok(Value::Int(0));
    };
    match std::fs::metadata(&t.disk) {
        Ok(m) if !m.is_dir() => {
            if m.len() == 0 {
                return Ok(Value::from(""));
            }
        }
        _ => return Ok(Value::Int(0)),
    }
    let max = limits(vm).max_read_file_size;
    // FluffOS reads at most twice the limit, then cuts the answer to it.
    let mut data = Vec::new();
    let read = File::open(&t.disk).and_then(|f| f.take(2 * max as u64).read_to_end(&mut data));
    if read.is_err() || data.is_empty() {
        return Ok(Value::Int(0));
    }
    let Some(text) = select_lines(&data, start, lines, max) else {
        return Ok(Value::Int(0));
    };
    let text = if text.contains(&b'\r') {
        crlf_to_lf(text)
    } else {
        text.to_vec()
    };
    Ok(Value::from(String::from_utf8_lossy(&text).into_owned()))
}

/// The bytes of lines `start..start+lines` of `data` (FluffOS's line
/// walk: a NUL byte met while skipping lines fails, a NUL inside the
/// result ends it, as it ends a C string).
pub(crate) fn select_lines(data: &[u8], start: i64, lines: i64, max: usize) -> Option<&[u8]> {
    let total = data.len();
    let mut from = 0usize;
    if start > 1 {
        let mut wanted = start;
        while wanted > 1 && from < total {
            match data[from] {
                0 => return None,
                b'\n' => wanted -= 1,
                _ => {}
            }
            from += 1;
        }
        if wanted > 1 {
            return None;
        }
    } else if start < 0 {
        // Walk back over -start line ends; a last line without '\n'
        // counts as a line.
        let mut wanted = start;
        let mut p = total - 1;
        if data[p] != b'\n' {
            p += 1;
        }
        while wanted < 0 && p > 0 {
            p -= 1;
            match data[p] {
                0 => return None,
                b'\n' => wanted += 1,
                _ => {}
            }
            if wanted == 0 {
                p += 1;
            }
        }
        from = if wanted < 0 { 0 } else { p };
    }
    let mut to = total;
    if lines > 0 {
        to = from;
        let mut left = lines;
        while left > 0 && to < total {
            if data[to] == b'\n' {
                left -= 1;
            }
            to += 1;
        }
    }
    to = to.min(from + max);
    let slice = &data[from..to];
    Some(match slice.iter().position(|&b| b == 0) {
        Some(nul) => &slice[..nul],
        None => slice,
    })
}

/// "\r\n" -> "\n" (a lone '\r' stays).
fn crlf_to_lf(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'\r' && data.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(data[i]);
        i += 1;
    }
    out
}

/// FluffOS `read_bytes()` on a file: `len` bytes from byte `start`
/// (negative: from the end; len 0: all), None where the efun answers 0.
fn read_file_bytes(vm: &mut Vm, path: &str, start: i64, len: i64) -> VmResult<Option<Vec<u8>>> {
    if len < 0 {
        return Ok(None);
    }
    let Some(t) = target(vm, path, "read_bytes", Access::Read)? else {
        return Ok(None);
    };
    let Ok(mut file) = File::open(&t.disk) else {
        return Ok(None);
    };
    let size = match file.metadata() {
        Ok(m) if !m.is_dir() => m.len() as i64,
        _ => return Ok(None),
    };
    let start = if start < 0 { size + start } else { start };
    let mut len = if len == 0 { size } else { len };
    if len as u64 > limits(vm).max_byte_transfer as u64 {
        bail!("Transfer exceeded maximum allowed number of bytes.");
    }
    if start >= size || start < 0 {
        return Ok(None);
    }
    if start + len > size {
        len = size - start;
    }
    let mut bytes = vec![0u8; len as usize];
    if file.seek(SeekFrom::Start(start as u64)).is_err() {
        return Ok(None);
    }
    let got = read_up_to(&mut file, &mut bytes);
    if got == 0 {
        return Ok(None);
    }
    bytes.truncate(got);
    Ok(Some(bytes))
}

/// Reads until `buf` is full or the file ends; the byte count.
fn read_up_to(file: &mut File, buf: &mut [u8]) -> usize {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    got
}

/// `read_bytes(file, start, len)`: bytes of a file as a string (invalid
/// UTF-8 replaced), or 0.
pub fn read_bytes(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let (start, len) = (args::int_or(args, 1, 0), args::int_or(args, 2, 0));
    Ok(match read_file_bytes(vm, path, start, len)? {
        Some(bytes) => Value::from(String::from_utf8_lossy(&bytes).into_owned()),
        None => Value::Int(0),
    })
}

/// `read_buffer(file, start, len)`: bytes of a file as a buffer;
/// `read_buffer(buf, start, len)`: bytes of a buffer as a string, up to
/// its first NUL byte. 0 when out of range or unreadable.
pub fn read_buffer(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (start, len) = (args::int_or(args, 1, 0), args::int_or(args, 2, 0));
    if let Value::Buffer(buf) = args::opt(args, 0) {
        let bytes = buf.borrow();
        return Ok(match buffer_range(bytes.len(), start, len) {
            Some((from, to)) => {
                let slice = &bytes[from..to];
                let slice = &slice[..slice.iter().position(|&b| b == 0).unwrap_or(slice.len())];
                Value::from(String::from_utf8_lossy(slice).into_owned())
            }
            None => Value::Int(0),
        });
    }
    let path = args::string(args, 0)?;
    Ok(match read_file_bytes(vm, path, start, len)? {
        Some(bytes) => Value::buffer(bytes),
        None => Value::Int(0),
    })
}

/// FluffOS's bounds for reading a buffer: start < 0 counts from the end,
/// len 0 means everything, the range is clipped to the buffer.
fn buffer_range(size: usize, start: i64, len: i64) -> Option<(usize, usize)> {
    let size = size as i64;
    if len < 0 {
        return None;
    }
    let start = if start < 0 { size + start } else { start };
    if start < 0 || start >= size {
        return None;
    }
    let len = if len == 0 { size } else { len }.min(size - start);
    Some((start as usize, (start + len) as usize))
}

/// `file_size(file)`: bytes, -2 for a directory, -1 when missing or not
/// readable.
pub fn file_size(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let Some(t) = target(vm, path, "file_size", Access::Read)? else {
        return Ok(Value::Int(-1));
    };
    Ok(Value::Int(size_of(&t.disk)))
}

/// What `file_size` reports for a file on disk.
pub(crate) fn size_of(path: &Path) -> i64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => -2,
        Ok(m) => m.len() as i64,
        Err(_) => -1,
    }
}

/// `file_length(file)` (contrib): the number of '\n' in a file, -2 for a
/// directory, -1 when missing or not readable.
pub fn file_length(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?;
    let Some(t) = target(vm, path, "file_size", Access::Read)? else {
        return Ok(Value::Int(-1));
    };
    match std::fs::metadata(&t.disk) {
        Ok(m) if m.is_dir() => return Ok(Value::Int(-2)),
        Ok(_) => {}
        Err(_) => return Ok(Value::Int(-1)),
    }
    let mut data = Vec::new();
    if File::open(&t.disk)
        .and_then(|mut f| f.read_to_end(&mut data))
        .is_err()
    {
        return Ok(Value::Int(-1));
    }
    vm.charge(data.len() as i64 / 1024)?;
    Ok(Value::Int(
        data.iter().filter(|&&b| b == b'\n').count() as i64
    ))
}
