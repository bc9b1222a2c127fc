//! `dump_prog(ob, flags, file)`: a program's layout — inherits, variables,
//! functions — written to a file; flag 1 adds each function's bytecode,
//! flag 2 its line-number table.

use crate::args;
use crate::objects::object_arg;
use crate::runtime::paths::{resolve, Access};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::{fn_flags, Program};
use ferrum_vm::{Value, Vm};
use std::fmt::Write;

const DEFAULT_FILE: &str = "/PROG_DUMP";
const WITH_CODE: i64 = 1;
const WITH_LINES: i64 = 2;

fn modifiers(flags: u16) -> String {
    let names = [
        (fn_flags::PRIVATE, "private"),
        (fn_flags::PROTECTED, "protected"),
        (fn_flags::NOMASK, "nomask"),
        (fn_flags::VARARGS, "varargs"),
        (fn_flags::HIDDEN, "hidden"),
        (fn_flags::ASYNC, "async"),
        (fn_flags::INHERITED, "inherited"),
    ];
    names.iter().filter(|(bit, _)| flags & bit != 0).map(|(_, n)| *n).collect::<Vec<_>>().join(" ")
}

/// The text dump of a program.
pub fn describe(program: &Program, flags: i64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "PROGRAM: {}", program.name);
    let _ = writeln!(out, "INHERITS:");
    for inh in &program.inherits {
        let _ = writeln!(out, "  {} (as {}; functions from {}, variables from {})", inh.program.name, inh.alias, inh.fo, inh.vo);
    }
    let _ = writeln!(out, "VARIABLES:");
    for (i, v) in program.vars.iter().enumerate() {
        let _ = writeln!(out, "  {:4} {} {:?}", i, v.name, v.ty);
    }
    let _ = writeln!(out, "FUNCTIONS:");
    for (i, slot) in program.ftable.iter().enumerate() {
        let mods = modifiers(slot.flags);
        let Some(def) = &slot.def else {
            let _ = writeln!(out, "  {:4} {} (prototype) {}", i, slot.name, mods);
            continue;
        };
        let _ = writeln!(
            out,
            "  {:4} {} ({} params, {} locals, {} ops) from {} {}",
            i,
            slot.name,
            def.num_params,
            def.num_locals,
            def.code.len(),
            def.program_name,
            mods
        );
        // Inherited functions are listed once, under their own program.
        let own = def.program_name == program.name;
        if own && flags & WITH_CODE != 0 {
            for (pc, op) in def.code.iter().enumerate() {
                let _ = writeln!(out, "         {:5}  {:?}", pc, op);
            }
        }
        if own && flags & WITH_LINES != 0 {
            for e in &def.lines {
                let file = def.files.get(e.file as usize).map(|f| f.to_string()).unwrap_or_default();
                let _ = writeln!(out, "         pc {:5} -> {}:{}", e.pc, file, e.line);
            }
        }
    }
    out
}

/// `void dump_prog(object ob, int flags = 0, string file = "/PROG_DUMP")`.
pub fn dump_prog(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "dump_prog")?;
    let flags = args::int_or(args, 1, 0);
    let file = match args::opt(args, 2) {
        Value::Str(s) => s.to_string(),
        _ => DEFAULT_FILE.to_string(),
    };
    let (_, disk) = resolve(vm, &file, Access::Write, "dump_prog")?;
    let text = describe(&ob.program(), flags);
    std::fs::write(&disk, text).map_err(|e| LpcError::new(format!("dump_prog: cannot write {}: {}", file, e)))?;
    Ok(Value::Int(0))
}
