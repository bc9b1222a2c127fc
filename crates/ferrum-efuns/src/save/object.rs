//! save_object(), restore_object() and restore_from_string(): an object's
//! saveable variables as text.
//!
//! A save file is a header line "#/path/prog.c", then "name value" for
//! each variable not declared `nosave`, in declaration order (inherited
//! programs first). Variables whose value saves as "0" are left out
//! unless bit 0 of the flag asks for them.

use super::decode::{adopt_class, parse_value, Malformed};
use super::encode::try_save_value;
use crate::args;
use crate::files::disk_path;
use crate::runtime::paths::{check_valid_path, normalize, Access};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::{var_flags, Program};
use ferrum_vm::{bail, ObjectRef, Value, Vm};

fn current_object(vm: &Vm, efun: &str) -> VmResult<ObjectRef> {
    vm.this_object()
        .ok_or_else(|| LpcError::new(format!("{}() needs a current object", efun)))
}

/// The program name in the header: the object's name without a clone
/// number, with ".c" added unless it already ends in 'c' or has a dot
/// before its last character (FluffOS's test, kept as it is). FluffOS's
/// names of objects compiled from ".lpc" files keep that extension, so
/// such a program's header ends in ".lpc".
pub fn header_name(object_name: &str, program_name: &str) -> String {
    let base = object_name.rsplit_once('#').map_or(object_name, |(b, _)| b);
    if program_name.ends_with(".lpc") && !base.ends_with(".lpc") {
        return format!("{}.lpc", base);
    }
    let bytes = base.as_bytes();
    let ends_c = bytes.last() == Some(&b'c');
    let dot_before_last = bytes.len() >= 2 && bytes[bytes.len() - 2] == b'.';
    if ends_c || dot_before_last {
        base.to_string()
    } else {
        format!("{}.c", base)
    }
}

/// The body of a save: one "name value\n" line per saved variable, and
/// FluffOS's return value for save_object() (1 per program in the
/// inheritance tree plus, per line, its length + 2).
pub fn save_lines(ob: &ObjectRef, save_zeros: bool) -> VmResult<(String, i64)> {
    let prog = ob.program();
    let vars = ob.vars().clone();
    let mut out = String::new();
    let size = save_program(&prog, 0, &vars, save_zeros, &mut out)?;
    Ok((out, size))
}

fn save_program(
    prog: &Program,
    base: usize,
    vars: &[Value],
    save_zeros: bool,
    out: &mut String,
) -> VmResult<i64> {
    let mut size = 1;
    for inh in &prog.inherits {
        size += save_program(&inh.program, base + inh.vo as usize, vars, save_zeros, out)?;
    }
    for (i, var) in prog
        .vars
        .iter()
        .enumerate()
        .skip(prog.own_vars_start as usize)
    {
        if var.flags & var_flags::NOSAVE != 0 {
            continue;
        }
        let value = vars.get(base + i).cloned().unwrap_or_default();
        let text = try_save_value(&value)?;
        if save_zeros || text != "0" {
            size += (text.len() + var.name.byte_len() + 3) as i64;
            out.push_str(var.name.as_str());
            out.push(' ');
            out.push_str(&text);
            out.push('\n');
        }
    }
    Ok(size)
}

/// The save file name for a path: a source extension (".c", ".lpc") or
/// ".o" is dropped, then ".o" added.
fn save_file_base(name: &str) -> &str {
    name.strip_suffix(".c")
        .or_else(|| name.strip_suffix(".lpc"))
        .or_else(|| name.strip_suffix(".o"))
        .unwrap_or(name)
}

/// `save_object(name, flag)` writes "name.o" and returns a positive
/// number (FluffOS's byte count) or 0; `save_object(flag)` and
/// `save_object()` return the save text instead. Flag bit 0 saves zero
/// values too; bit 1 (compression) is not available.
pub fn save_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let first = args::opt(args, 0).clone();
    let flag = match (&first, args.len()) {
        (_, 2) => {
            if !matches!(first, Value::Str(_)) {
                bail!("first argument must be a string for save_object with 2 args");
            }
            args::int_or(args, 1, 0)
        }
        (Value::Int(n), 1) => *n,
        _ => 0,
    };
    let ob = current_object(vm, "save_object")?;
    if flag & 2 != 0 {
        bail!("save_object: compressed save files are not available on this driver build.");
    }
    let (body, size) = save_lines(&ob, flag & 1 != 0)?;
    let header = format!(
        "#{}\n",
        header_name(ob.name().as_str(), ob.program().name.as_str())
    );
    let Value::Str(name) = first else {
        let text = header + &body;
        if text.len() > vm.limits.max_string_length {
            return Ok(Value::Undefined);
        }
        return Ok(Value::from(text));
    };
    let file = format!("{}.o", save_file_base(name.as_str()));
    let checked = check_valid_path(vm, &file, Some(ob.clone()), "save_object", Access::Write)?;
    let Some((rel, disk)) = checked.and_then(|rel| disk_path(vm, &rel).map(|d| (rel, d))) else {
        bail!("Denied write permission in save_object().");
    };
    // Written beside the target first, so a failed save leaves the old
    // file intact.
    let mut tmp = disk.clone().into_os_string();
    tmp.push(".tmp");
    if std::fs::write(&tmp, header + &body).is_err() {
        bail!("Could not open /{}.tmp for a save.", rel);
    }
    if let Err(e) = std::fs::rename(&tmp, &disk) {
        vm.host.log(&format!(
            "Failed to rename /{}.tmp to /{}: {}\nFailed to save object!\n",
            rel, rel, e
        ));
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(Value::Int(size))
}

/// Sets every saveable variable to undefined (before a restore).
fn clear_saveable(ob: &ObjectRef) {
    let prog = ob.program();
    let mut vars = ob.vars_mut();
    for (i, var) in prog.vars.iter().enumerate() {
        if var.flags & var_flags::NOSAVE == 0 {
            if let Some(slot) = vars.get_mut(i) {
                *slot = Value::Undefined;
            }
        }
    }
}

/// The message for a value that could not be read in a save file line.
fn malformed_line(kind: Malformed, var: &str) -> LpcError {
    match kind {
        Malformed::Utf8 => LpcError::new(format!(
            "restore_object(): Invalid utf8 string while restoring {}.",
            var
        )),
        k => LpcError::new(format!(
            "restore_object(): Illegal {} format while restoring {}.",
            k.word(),
            var
        )),
    }
}

/// Restores one line of a save file into `ob`. Comment lines start with
/// '#'. A variable the object does not have (or has as nosave) goes to
/// its `restore_lost_variable(value, name)`.
fn restore_line(vm: &mut Vm, ob: &ObjectRef, line: &[u8]) -> VmResult<()> {
    if line.first() == Some(&b'#') {
        return Ok(());
    }
    let space = line.iter().position(|&b| b == b' ');
    let Some(space) = space.filter(|&s| s < 100) else {
        bail!(
            "restore_object(): Illegal file format - 1 ({}).",
            String::from_utf8_lossy(line)
        );
    };
    let var = String::from_utf8_lossy(&line[..space]).into_owned();
    let value = parse_value(&line[space + 1..]).map_err(|k| malformed_line(k, &var))?;
    let prog = ob.program();
    let slot = prog
        .vars
        .iter()
        .position(|v| v.name.as_str() == var && v.flags & var_flags::NOSAVE == 0);
    match slot {
        Some(i) => {
            let class = match &prog.vars[i].ty {
                ferrum_vm::Type::Class(name) => prog.find_class(name).map(|(_, d)| d.clone()),
                _ => None,
            };
            if let Some(v) = ob.vars_mut().get_mut(i) {
                *v = adopt_class(value, class);
            }
        }
        None => {
            vm.apply(ob, "restore_lost_variable", vec![value, Value::from(var)])?;
        }
    }
    Ok(())
}

/// Restores every line of a save text; stops at the first error.
fn restore_text(vm: &mut Vm, ob: &ObjectRef, text: &[u8]) -> VmResult<()> {
    let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    for line in lines {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        restore_line(vm, ob, line)?;
    }
    Ok(())
}

/// `restore_object(name, flag)`: reads "name.o" into this object's
/// variables. Unless flag is set, saveable variables not in the file
/// become 0 (undefined). 1 on success; 0 when there is no (or an empty)
/// save file, or when a line is malformed (the error is logged, not
/// raised, and lines before it stay restored). Refused read permission
/// is an error.
pub fn restore_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = args::string(args, 0)?.to_string();
    let noclear = args::int_or(args, 1, 0) != 0;
    let ob = current_object(vm, "restore_object")?;
    if ob.is_destructed() {
        return Ok(Value::Int(0));
    }
    let base = name
        .strip_suffix(".c")
        .or_else(|| name.strip_suffix(".lpc"))
        .or_else(|| name.strip_suffix(".o"))
        .or_else(|| name.strip_suffix(".o.gz"))
        .unwrap_or(&name);
    let compressed = normalize(&format!("{}.o.gz", base))
        .and_then(|p| vm.host.real_path(&p))
        .is_some_and(|p| p.is_file());
    if compressed {
        bail!("restore_object: compressed save files are not available on this driver build.");
    }
    let file = format!("{}.o", base);
    let checked = check_valid_path(vm, &file, Some(ob.clone()), "restore_object", Access::Read)?;
    let Some(disk) = checked.and_then(|rel| disk_path(vm, &rel)) else {
        bail!("restore_object: read permission denied: {}.", file);
    };
    let Ok(text) = std::fs::read(&disk) else {
        return Ok(Value::Int(0));
    };
    if text.is_empty() {
        return Ok(Value::Int(0));
    }
    if !noclear {
        clear_saveable(&ob);
    }
    if let Err(e) = restore_text(vm, &ob, &text) {
        let host = vm.host.clone();
        host.log(&format!("{}\n", e.message()));
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(1))
}

/// `restore_from_string(text, flag)` (contrib): restore_object() from a
/// save text instead of a file (what save_object(flag) returns). Errors
/// are raised.
pub fn restore_from_string(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let text = args::lstr(args, 0)?;
    let noclear = args::int_or(args, 1, 0) != 0;
    let ob = current_object(vm, "restore_from_string")?;
    if !noclear {
        clear_saveable(&ob);
    }
    restore_text(vm, &ob, text.as_bytes())?;
    Ok(Value::Undefined)
}
