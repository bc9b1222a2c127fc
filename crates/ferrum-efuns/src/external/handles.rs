//! The handle form of the external package: `external_create` makes a
//! handle for a configured program, `external_start(handle)` runs it and
//! returns a promise fulfilled with its exit code when it ends, and
//! `external_stdout`, `external_stderr`, `external_exit_code` read what it
//! left; `external_close` frees the handle (killing a running program).
//! A handle belongs to the object that made it; destructing that object
//! closes its handles.

use crate::args;
use crate::net::{NetLink, Route};
use ferrum_net::{Command, Event, NetId, OutputStream, ProcessSpec};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::PromiseRef;
use ferrum_vm::{bail, ObjectRef, Value, Vm};
use std::collections::BTreeMap;

const ABORTED: &str = "*external process aborted";

struct Handle {
    owner: ObjectRef,
    program: String,
    argv: Vec<String>,
    /// The running program's network id, while it runs.
    net: Option<NetId>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    exit_code: Option<i64>,
    done: Option<PromiseRef>,
}

#[derive(Default)]
pub struct Handles {
    next: i64,
    open: BTreeMap<i64, Handle>,
}

/// Whether a handle's program is still running (a script waits for it).
pub fn any_running(vm: &mut Vm) -> bool {
    vm.ext::<Handles>().open.values().any(|h| h.net.is_some())
}

/// `int external_create(int n, string | string *args)`: a handle for
/// `external_cmd_n` with `args`; nothing runs yet.
pub fn external_create(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (program, argv) = super::command_and_args(vm, args, "external_create")?;
    let Some(owner) = vm.this_object() else { bail!("external_create() needs a current object") };
    let handles = vm.ext::<Handles>();
    handles.next += 1;
    let id = handles.next;
    handles.open.insert(
        id,
        Handle { owner, program, argv, net: None, stdout: Vec::new(), stderr: Vec::new(), exit_code: None, done: None },
    );
    Ok(Value::Int(id))
}

/// The handle argument, which must belong to this_object().
fn owned<'a>(vm: &'a mut Vm, args: &[Value], efun: &str) -> VmResult<(i64, &'a mut Handle)> {
    let id = args::int(args, 0)?;
    let me = vm.this_object();
    match vm.ext::<Handles>().open.get_mut(&id) {
        Some(h) if me.as_ref() == Some(&h.owner) => Ok((id, h)),
        Some(_) => Err(LpcError::new(format!("{}: handle {} belongs to another object", efun, id))),
        None => Err(LpcError::new(format!("{}: no such handle {}", efun, id))),
    }
}

/// `external_start(handle)`: runs the handle's program; the promise
/// settles when it ends (fulfilled with the exit code, also a non-zero
/// one; rejected when the program cannot start or is aborted).
pub fn start_handle(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (id, h) = owned(vm, args, "external_start")?;
    if h.done.is_some() {
        bail!("external_start: handle {} was already started", id);
    }
    let spec = ProcessSpec { program: h.program.clone().into(), args: h.argv.clone(), ..Default::default() };
    let promise = vm.new_promise();
    let net = vm.ext::<NetLink>().handle();
    let nid = net.next_id();
    {
        let h = vm.ext::<Handles>().open.get_mut(&id).expect("owned handle");
        h.net = Some(nid);
        h.done = Some(promise.clone());
    }
    vm.ext::<NetLink>().route(nid, Route::External(id));
    net.send(Command::Spawn { id: nid, spec });
    Ok(Value::Promise(promise))
}

fn text(bytes: &[u8]) -> Value {
    Value::from(String::from_utf8_lossy(bytes).into_owned())
}

/// `string external_stdout(int handle)`: what the program wrote to its
/// standard output so far.
pub fn external_stdout(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (_, h) = owned(vm, args, "external_stdout")?;
    Ok(text(&h.stdout))
}

/// `string external_stderr(int handle)`: the same for standard error.
pub fn external_stderr(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (_, h) = owned(vm, args, "external_stderr")?;
    Ok(text(&h.stderr))
}

/// `int external_exit_code(int handle)`: -1 until the program has ended;
/// then its exit status, or 128 + the signal that killed it.
pub fn external_exit_code(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (_, h) = owned(vm, args, "external_exit_code")?;
    Ok(Value::Int(h.exit_code.unwrap_or(-1)))
}

/// Forgets a handle; a running program is killed and its promise
/// rejected.
fn close(vm: &mut Vm, id: i64) {
    let Some(h) = vm.ext::<Handles>().open.remove(&id) else { return };
    if let Some(nid) = h.net {
        let link = vm.ext::<NetLink>();
        link.forget(nid);
        link.handle().send(Command::Close { id: nid });
        if let Some(p) = &h.done {
            p.reject(Value::from(ABORTED));
        }
    }
}

/// `void external_close(int handle)`.
pub fn external_close(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (id, _) = owned(vm, args, "external_close")?;
    close(vm, id);
    Ok(Value::Int(0))
}

/// The owner is gone: so are its handles.
pub fn owner_destructed(vm: &mut Vm, ob: &ObjectRef) {
    let mine: Vec<i64> = vm.ext::<Handles>().open.iter().filter(|(_, h)| &h.owner == ob).map(|(id, _)| *id).collect();
    for id in mine {
        close(vm, id);
    }
}

/// A network event for handle `id`'s program.
pub fn on_event(vm: &mut Vm, id: i64, e: Event) {
    let max = vm.limits.max_string_length;
    let Some(h) = vm.ext::<Handles>().open.get_mut(&id) else { return };
    let finished = match e {
        Event::Output { data, stream, .. } => {
            let buf = if stream == OutputStream::Stdout { &mut h.stdout } else { &mut h.stderr };
            let room = max.saturating_sub(buf.len());
            buf.extend_from_slice(&data[..data.len().min(room)]);
            None
        }
        Event::Exited { code, signal, .. } => {
            let status = match (code, signal) {
                (Some(c), _) => c as i64,
                (None, Some(s)) => 128 + s as i64,
                (None, None) => -1,
            };
            h.exit_code = Some(status);
            Some(Ok(status))
        }
        Event::SpawnFailed { error, .. } => Some(Err(error)),
        _ => None,
    };
    let Some(outcome) = finished else { return };
    let nid = h.net.take();
    let promise = h.done.clone();
    if let Some(nid) = nid {
        vm.ext::<NetLink>().forget(nid);
    }
    if let Some(p) = promise {
        match outcome {
            Ok(status) => p.resolve_with(Value::Int(status)),
            Err(error) => {
                p.reject(Value::from(format!("*external_start: {}", error)));
            }
        }
    }
}
