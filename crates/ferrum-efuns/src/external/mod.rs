//! The external package: `external_start`, FluffOS's way to run the
//! programs the config lists (`external_cmd_N`). The program's output
//! arrives on an ordinary STREAM socket.

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

pub const EFUNS: &[EfunSpec] = &[efun!(
    "int external_start(int, string | string *, string | function, string | function, string | function | void)",
    external_start
)];

/// The programs the config allows, by their `external_cmd_N` number.
#[derive(Default)]
pub struct ExternalCommands {
    pub commands: BTreeMap<i64, String>,
}

/// `external_start(n, args, read_cb, write_cb [, close_cb])`: runs
/// command n with args (a string split on spaces, or an array) and an
/// empty environment; returns the socket its output arrives on.
fn external_start(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if !allowed(vm, "external", -1, None)? {
        return Ok(Value::Int(EESECURITY));
    }
    let n = args::int(args, 0)?;
    let Some(program) = vm.ext::<ExternalCommands>().commands.get(&n).cloned() else {
        bail!("Bad argument 1 to external_start()");
    };
    let argv: Vec<String> = match &args[1] {
        Value::Str(s) => s.split(' ').map(|p| p.to_string()).collect(),
        Value::Array(a) => {
            let mut v = Vec::new();
            for (i, x) in a.borrow().iter().enumerate() {
                match x {
                    Value::Str(s) => v.push(s.to_string()),
                    _ => bail!("Bad argument list item {} to external_start()", i),
                }
            }
            v
        }
        _ => bail!("Bad argument 2 to external_start()"),
    };
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
