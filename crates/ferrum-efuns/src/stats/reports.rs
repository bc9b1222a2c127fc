//! Informational reports about the driver process: malloc_status,
//! dump_file_descriptors, cache_stats, dumpallobj, and get_garbage
//! (contrib). Their text is Ferrum's own; mudlibs show it to admins and
//! do not parse it.

use super::memory::value_share;
use crate::runtime::paths::{resolve, Access};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{ObjectRef, Value, Vm};
use rustc_hash::FxHashSet;
use std::fmt::Write;

/// A field of /proc/self/status ("VmRSS"), in kB, where there is one.
fn proc_status_kb(field: &str) -> Option<i64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// `string malloc_status()`: the allocator and how much memory the
/// process holds.
pub fn malloc_status(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut s = String::from("Using the system allocator (Rust's global allocator).\n");
    for (label, field) in [("resident", "VmRSS"), ("peak resident", "VmHWM"), ("data segment", "VmData")] {
        if let Some(kb) = proc_status_kb(field) {
            let _ = writeln!(s, "{:<16}{:>12} kB", format!("{}:", label), kb);
        }
    }
    Ok(Value::from(s))
}

/// `string dump_file_descriptors()`: the process's open descriptors and
/// what each refers to.
pub fn dump_file_descriptors(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut fds: Vec<(i64, String)> = std::fs::read_dir("/proc/self/fd")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| {
                    let fd = e.file_name().to_str()?.parse().ok()?;
                    let target = std::fs::read_link(e.path()).map(|t| t.display().to_string()).unwrap_or_default();
                    Some((fd, target))
                })
                .collect()
        })
        .unwrap_or_default();
    fds.sort();
    let mut s = String::from("Fd  Refers to\n--  ---------\n");
    for (fd, target) in fds {
        let _ = writeln!(s, "{:<3} {}", fd, target);
    }
    Ok(Value::from(s))
}

/// `string cache_stats()`: FluffOS reports its call_other lookup cache;
/// Ferrum has none (functions are found by a hash lookup each call).
pub fn cache_stats(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from("Function cache information\n-------------------------------\nNo call_other cache: every call looks its function up directly.\n"))
}

/// Bytes an object's variables take (as memory_summary() counts them).
fn object_size(ob: &ObjectRef) -> usize {
    let mut seen = FxHashSet::default();
    let vars = ob.vars();
    16 * vars.len() + vars.iter().map(|v| value_share(v, &mut seen)).sum::<usize>()
}

/// `void dumpallobj(string file = "/OBJ_DUMP")`: one line per object
/// (name, bytes its variables take, heart beat, environment) written to
/// `file`, which must pass the master's valid_write.
pub fn dumpallobj(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let file = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => "/OBJ_DUMP".to_string(),
    };
    let (_, disk) = resolve(vm, &file, Access::Write, "dumpallobj")?;
    let mut text = String::new();
    let mut total = 0;
    for ob in vm.all_objects() {
        if ob.is_destructed() {
            continue;
        }
        let size = object_size(&ob);
        total += size;
        let st = ob.state();
        let env = st.environment.as_ref().map(|e| e.name().to_string()).unwrap_or_else(|| "--".into());
        let _ = writeln!(
            text,
            "{:<40} {:>8} {} env {}",
            ob.name().to_string(),
            size,
            if st.heart_beat { "HB" } else { "--" },
            env
        );
    }
    let _ = writeln!(text, "total {} bytes in {} objects", total, vm.all_objects().len());
    std::fs::write(&disk, text).map_err(|e| LpcError::new(format!("dumpallobj: cannot write {}: {}", file, e)))?;
    Ok(Value::Int(0))
}

/// `object *get_garbage()`: clones that have no environment, nothing
/// inside them and shadow nothing: objects that nothing placed anywhere.
pub fn get_garbage(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let max = vm.limits.max_array_size;
    let found: Vec<Value> = vm
        .all_objects()
        .into_iter()
        .filter(|o| {
            if o.is_destructed() || !o.is_clone() {
                return false;
            }
            let st = o.state();
            st.environment.is_none() && st.inventory.is_empty() && st.shadowing.is_none()
        })
        .take(max)
        .map(Value::Object)
        .collect();
    Ok(Value::array(found))
}
