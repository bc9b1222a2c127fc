//! The external package: `external_start`, FluffOS's way to run the
//! programs the config lists (`external_cmd_N`). In the socket form the
//! program's output arrives on an ordinary STREAM socket; the handle form
//! (`external_create`, then `external_start(handle)`) is in `handles.rs`.

pub mod handles;

use crate::args;
use crate::net::NetLink;
use crate::sockets::constants::*;
use crate::sockets::table::Socket;
use crate::sockets::{allowed, route, table};
use ferrum_net::{Command, ProcessSpec};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, efun, Value, Vm};
use std::collections::BTreeMap;

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "mixed external_start(int, string | string * | void, string | function | void, string | function | void, string | function | void)",
        external_start
    ),
    efun!("int external_create(int, string | string *)", handles::external_create),
    efun!("string external_stdout(int)", handles::external_stdout),
    efun!("string external_stderr(int)", handles::external_stderr),
    efun!("int external_exit_code(int)", handles::external_exit_code),
    efun!("void external_close(int)", handles::external_close),
];

/// The programs the config allows, by their `external_cmd_N` number.
#[derive(Default)]
pub struct ExternalCommands {
    pub commands: BTreeMap<i64, String>,
}

/// The configured program `external_cmd_<args[0]>` and its arguments
/// (`args[1]`: a string split on spaces, or an array of strings).
fn command_and_args(vm: &mut Vm, args: &[Value], efun: &str) -> VmResult<(String, Vec<String>)> {
    let n = args::int(args, 0)?;
    let Some(program) = vm.ext::<ExternalCommands>().commands.get(&n).cloned() else {
        bail!("Bad argument 1 to {}()", efun);
    };
    let argv: Vec<String> = match args.get(1) {
        Some(Value::Str(s)) => s.split(' ').map(|p| p.to_string()).collect(),
        Some(Value::Array(a)) => {
            let mut v = Vec::new();
            for (i, x) in a.borrow().iter().enumerate() {
                match x {
                    Value::Str(s) => v.push(s.to_string()),
                    _ => bail!("Bad argument list item {} to {}()", i, efun),
                }
            }
            v
        }
        _ => bail!("Bad argument 2 to {}()", efun),
    };
    Ok((program, argv))
}

/// `external_start(n, args, read_cb, write_cb [, close_cb])`: runs
/// command n with args and an empty environment; returns the socket its
/// output arrives on. `external_start(handle)` is the handle form.
fn external_start(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if args.get(1).is_none_or(|v| v.is_undefined()) {
        if !allowed(vm, "external", -1, None)? {
            bail!("external_start: refused by valid_socket");
        }
        return handles::start_handle(vm, args);
    }
    if args.get(2).is_none_or(|v| v.is_undefined()) || args.get(3).is_none_or(|v| v.is_undefined()) {
        bail!("external_start() needs read and write callbacks");
    }
    if !allowed(vm, "external", -1, None)? {
        return Ok(Value::Int(EESECURITY));
    }
    let (program, argv) = command_and_args(vm, args, "external_start")?;
    let Some(owner) = vm.this_object() else { return Ok(Value::Int(EESOCKET)) };
    let mut s = Socket::new(STREAM, owner, args::take(args, 2), args::take(args, 4));
    s.write_cb = args::take(args, 3);
    s.state = State::DataXfer;
    let fd = table(vm).insert(s);
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    route(vm, id, fd);
    table(vm).get_mut(fd as i64).expect("new socket").net = Some(id);
    net.send(Command::Spawn { id, spec: ProcessSpec { program: program.into(), args: argv, ..Default::default() } });
    Ok(Value::Int(fd as i64))
}
