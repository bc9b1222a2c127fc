//! FluffOS's compress package: zlib streams in buffers (`compress`,
//! `uncompress`), gzip files (`compress_file`, `uncompress_file`), and
//! contrib's `compressedp`, which FluffOS builds with this package.
//!
//! Buffers use the zlib format (RFC 1950) as zlib's `compress()` writes
//! it; files use gzip (RFC 1952) as `gzopen()` does.

use crate::args;
use crate::files::{target, Target};
use crate::runtime::paths::Access;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, efun, Value, Vm};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use std::fs::File;
use std::io::{BufReader, Read, Write};

pub const EFUNS: &[EfunSpec] = &[
    efun!("buffer compress(string | buffer)", compress),
    efun!("buffer uncompress(string | buffer)", uncompress),
    efun!("int compress_file(string, string | void)", compress_file),
    efun!(
        "int uncompress_file(string, string | void)",
        uncompress_file
    ),
    efun!("int compressedp(object)", compressedp),
];

const GZ_EXTENSION: &str = ".gz";

/// The bytes of a string or buffer argument.
fn input_bytes(args: &[Value]) -> Option<Vec<u8>> {
    match args::opt(args, 0) {
        Value::Str(s) => Some(s.as_str().as_bytes().to_vec()),
        Value::Buffer(b) => Some(b.to_vec()),
        _ => None,
    }
}

/// `buffer compress(string | buffer data)`: `data` as a zlib stream.
pub fn compress(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(data) = input_bytes(args) else {
        return Ok(Value::Undefined);
    };
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    encoder.write_all(&data).expect("in-memory write");
    Ok(Value::buffer(encoder.finish().expect("in-memory write")))
}

/// `buffer uncompress(string | buffer data)`: the bytes of a complete zlib
/// stream. A damaged or cut-off stream is an error, as is a result larger
/// than the maximum buffer size (a "zip bomb").
pub fn uncompress(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(data) = input_bytes(args) else {
        return Ok(Value::Undefined);
    };
    let max = vm.limits.max_buffer_size;
    let mut out = Vec::new();
    let read = ZlibDecoder::new(&data[..])
        .take(max as u64 + 1)
        .read_to_end(&mut out);
    if read.is_err() {
        bail!("inflate: no ZSTREAM_END");
    }
    if out.len() > max {
        bail!(
            "uncompress: result larger than the maximum buffer size ({} bytes)",
            max
        );
    }
    Ok(Value::buffer(out))
}

/// The (input, output) files of compress_file/uncompress_file: the output
/// is checked for writing first, then the input for reading, as FluffOS
/// does. None when either is refused or they are the same file.
fn file_pair(
    vm: &mut Vm,
    input: &str,
    output: &str,
    efun: &str,
) -> VmResult<Option<(Target, Target)>> {
    let Some(out) = target(vm, output, efun, Access::Write)? else {
        return Ok(None);
    };
    let Some(inp) = target(vm, input, efun, Access::Read)? else {
        return Ok(None);
    };
    // FluffOS would truncate the input before reading it, then remove it.
    if out.disk == inp.disk {
        return Ok(None);
    }
    Ok(Some((inp, out)))
}

/// The explicit second argument, or None when it was left out.
fn output_arg(args: &[Value]) -> Option<String> {
    match args.get(1) {
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        _ => None,
    }
}

/// `int compress_file(string file, string out)`: gzips `file` into `out`
/// (default: `file` + ".gz") and removes `file`. 1 on success; 0 when a
/// path is refused, the input is missing, or (without `out`) the input
/// already ends in ".gz".
pub fn compress_file(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let input = args::string(args, 0)?.to_string();
    let output = match output_arg(args) {
        Some(out) => out,
        None if input.ends_with(GZ_EXTENSION) => return Ok(Value::Int(0)),
        None => format!("{}{}", input, GZ_EXTENSION),
    };
    let Some((inp, out)) = file_pair(vm, &input, &output, "compress_file")? else {
        return Ok(Value::Int(0));
    };
    let mut created = false;
    let done = (|| -> std::io::Result<()> {
        let mut source = File::open(&inp.disk)?;
        if source.metadata()?.is_dir() {
            return Err(std::io::ErrorKind::InvalidInput.into());
        }
        let sink = File::create(&out.disk)?;
        created = true;
        let mut encoder = GzEncoder::new(sink, Compression::default());
        std::io::copy(&mut source, &mut encoder)?;
        encoder.finish()?.sync_all()
    })();
    finish(done, created, &inp, &out)
}

/// `int uncompress_file(string file, string out)`: un-gzips `file` into
/// `out` (default: `file` without its ".gz", which it must then have) and
/// removes `file`. A file that is not gzip is copied as it is (zlib's
/// `gzread` passes such files through). 1 on success; 0 when a path is
/// refused, the input is missing or its gzip data are damaged.
pub fn uncompress_file(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let input = args::string(args, 0)?.to_string();
    let output = match output_arg(args) {
        Some(out) => out,
        None => match input.strip_suffix(GZ_EXTENSION) {
            Some(stem) => stem.to_string(),
            None => return Ok(Value::Int(0)),
        },
    };
    let Some((inp, out)) = file_pair(vm, &input, &output, "compress_file")? else {
        return Ok(Value::Int(0));
    };
    let mut created = false;
    let done = (|| -> std::io::Result<()> {
        let file = File::open(&inp.disk)?;
        if file.metadata()?.is_dir() {
            return Err(std::io::ErrorKind::InvalidInput.into());
        }
        let mut source = BufReader::new(file);
        let mut sink = File::create(&out.disk)?;
        created = true;
        let is_gzip = std::io::BufRead::fill_buf(&mut source)?.starts_with(&[0x1f, 0x8b]);
        if is_gzip {
            std::io::copy(&mut MultiGzDecoder::new(source), &mut sink)?;
        } else {
            std::io::copy(&mut source, &mut sink)?;
        }
        sink.sync_all()
    })();
    finish(done, created, &inp, &out)
}

/// On success the input goes; on failure a half-written output does.
fn finish(done: std::io::Result<()>, created: bool, inp: &Target, out: &Target) -> VmResult<Value> {
    match done {
        Ok(()) => {
            let _ = std::fs::remove_file(&inp.disk);
            Ok(Value::Int(1))
        }
        Err(_) => {
            if created {
                let _ = std::fs::remove_file(&out.disk);
            }
            Ok(Value::Int(0))
        }
    }
}

/// `int compressedp(object ob)`: whether `ob`'s connection uses MCCP
/// compression. Ferrum does not offer MCCP, so this is always 0.
pub fn compressedp(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(0))
}

#[cfg(test)]
mod tests {
    use ferrum_vm::interp::NoHost;
    use ferrum_vm::{Value, Vm};
    use std::rc::Rc;

    fn vm() -> Vm {
        Vm::new(Rc::new(crate::standard_table()), Rc::new(NoHost))
    }

    #[test]
    fn uncompress_stops_at_the_maximum_buffer_size() {
        let mut vm = vm();
        vm.limits.max_buffer_size = 1000;
        let packed = |vm: &mut Vm, n: usize| {
            vm.call_efun_by_name("compress", vec![Value::buffer(vec![0; n])])
                .unwrap()
        };
        let exact = packed(&mut vm, 1000);
        match vm.call_efun_by_name("uncompress", vec![exact]).unwrap() {
            Value::Buffer(b) => assert_eq!(b.len(), 1000),
            other => panic!("{:?}", other),
        }
        let bomb = packed(&mut vm, 1_000_000);
        let err = vm.call_efun_by_name("uncompress", vec![bomb]).unwrap_err();
        assert!(
            err.message().contains("maximum buffer size"),
            "{}",
            err.message()
        );
    }
}
