//! FluffOS's async package efuns for files and databases: `async_read`,
//! `async_write`, `async_getdir` and `async_db_exec`. (The promise efuns
//! of the same package are in `async_pkg`.)
//!
//! The master's permission check (`valid_read`/`valid_write`,
//! `valid_database`) runs at once, on the interpreter thread. The I/O
//! then runs as a job on the network thread's blocking pool
//! (`ferrum_net::Command::RunJob`), so the interpreter never waits for
//! the disk; its answer arrives as a network event, which wakes the
//! backend loop, and the callback runs from there with a fresh
//! evaluation budget. A refused path is answered the same way, as a
//! failure, never synchronously. Pending jobs keep a `ferrum run` script
//! alive.

mod work;

use crate::args;
use crate::db;
use crate::files::{limits, target};
use crate::net::NetLink;
use crate::runtime::errors::run_guarded;
use crate::runtime::paths::Access;
use ferrum_net::{Command, Job, JobOutput, NetId};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::FunctionPtr;
use ferrum_vm::{bail, efun, ObjectRef, PromiseRef, Value, Vm};
use std::collections::HashMap;
use std::rc::Rc;
use work::Answer;

pub const EFUNS: &[EfunSpec] = &[
    efun!("mixed async_read(string, function | void)", async_read),
    efun!(
        "mixed async_write(string, string, int, function | void)",
        async_write
    ),
    efun!("mixed async_getdir(string, function | void)", async_getdir),
    efun!("void async_db_exec(int, string, string | function, ...)", async_db_exec),
];

/// Callbacks waiting for their job, by job id, with the this_player()
/// of the request (the callback sees it again, as a call_out does).
#[derive(Default)]
pub struct AsyncIo {
    pending: HashMap<NetId, Pending>,
}

struct Pending {
    reply: Reply,
    player: Option<ObjectRef>,
}

/// Where a job's answer goes.
enum Reply {
    /// The callback, with extra arguments to pass after the result.
    Call(Rc<FunctionPtr>, Vec<Value>),
    /// No callback was given: the efun returned this promise, fulfilled
    /// with what the callback would get, or rejected with a failure value.
    Settle(PromiseRef),
}

/// Whether some async I/O has not been answered yet (a script waits).
pub fn in_flight(vm: &mut Vm) -> bool {
    !vm.ext::<AsyncIo>().pending.is_empty()
}

/// Starts `work` on a worker; the callback (argument `i`) gets its answer
/// later. Without a callback the result is a promise for the answer, else 0.
fn submit(vm: &mut Vm, args: &[Value], i: usize, work: impl FnOnce() -> Answer + Send + 'static) -> VmResult<Value> {
    match args.get(i) {
        None | Some(Value::Undefined) => {
            let p = vm.new_promise();
            submit_reply(vm, Reply::Settle(p.clone()), work);
            Ok(Value::Promise(p))
        }
        Some(_) => {
            let callback = args::function(args, i)?;
            submit_reply(vm, Reply::Call(callback, Vec::new()), work);
            Ok(Value::Int(0))
        }
    }
}

fn submit_reply(vm: &mut Vm, reply: Reply, work: impl FnOnce() -> Answer + Send + 'static) {
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    let player = vm.command_giver.clone();
    vm.ext::<AsyncIo>().pending.insert(id, Pending { reply, player });
    net.send(Command::RunJob {
        id,
        job: Job::new(work),
    });
}

/// A job finished (called by the network pump): runs its callback.
pub fn on_done(vm: &mut Vm, id: NetId, output: Result<JobOutput, String>) {
    let Some(Pending { reply, player }) = vm.ext::<AsyncIo>().pending.remove(&id) else {
        return;
    };
    let answer = match output {
        Ok(JobOutput(any)) => match any.downcast::<Answer>() {
            Ok(answer) => *answer,
            Err(_) => return,
        },
        Err(panic) => {
            vm.host
                .clone()
                .log(&format!("async I/O job failed: {}\n", panic));
            return;
        }
    };
    let failed = matches!(answer, Answer::Read(None) | Answer::Written(false));
    let arg = match answer {
        Answer::Read(Some(bytes)) => Value::from(String::from_utf8_lossy(&bytes).into_owned()),
        Answer::Read(None) | Answer::Written(false) => Value::Int(-1),
        Answer::Written(true) => Value::Int(0),
        Answer::Dir(names) => Value::array(
            names
                .unwrap_or_default()
                .into_iter()
                .map(Value::from)
                .collect(),
        ),
        Answer::Db(result) => db::exec_result(result),
    };
    let (callback, extra) = match reply {
        Reply::Settle(p) => {
            vm.ext::<crate::async_pkg::drain::AsyncScheduler>().loop_settles += 1;
            if failed {
                p.reject(arg);
            } else {
                p.resolve_with(arg);
            }
            return;
        }
        Reply::Call(callback, extra) => (callback, extra),
    };
    if callback.owner.as_ref().is_some_and(|o| o.is_destructed()) {
        return;
    }
    let player = player.filter(|p| !p.is_destructed());
    let saved = std::mem::replace(&mut vm.command_giver, player);
    let mut call_args = vec![arg];
    call_args.extend(extra);
    run_guarded(vm, |vm| vm.call_function(&callback, call_args));
    vm.command_giver = saved;
}

/// The disk file of a path the master lets the current object use; None
/// when it is refused (the job then reports a failure).
fn checked_path(
    vm: &mut Vm,
    path: &str,
    efun: &str,
    access: Access,
) -> VmResult<Option<std::path::PathBuf>> {
    Ok(target(vm, path, efun, access)?.map(|t| t.disk))
}

/// `mixed async_read(string file, function callback)`: reads the file
/// (at most "maximum read file size" bytes) and calls `callback(text)`,
/// or `callback(-1)` when it cannot be read. Without a callback it
/// returns a promise for the text, rejected with -1.
pub fn async_read(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let disk = checked_path(vm, &path, "read_file", Access::Read)?;
    let max = limits(vm).max_read_file_size;
    submit(vm, args, 1, move || work::read(disk, max))
}

/// `void async_write(string file, string text, int flags, function
/// callback)`: writes `text`, replacing the file when `flags & 1`, else
/// appending (as `write_file`), then calls `callback(0)`, or
/// `callback(-1)` on failure (without a callback: a promise for 0,
/// rejected with -1).
pub fn async_write(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let data = args::string(args, 1)?.as_bytes().to_vec();
    let overwrite = args::int(args, 2)? & 1 != 0;
    let disk = checked_path(vm, &path, "write_file", Access::Write)?;
    submit(vm, args, 3, move || work::write(disk, data, overwrite))
}

/// `void async_getdir(string dir, function callback)`: calls
/// `callback(names)` with the directory's entries as `get_dir(dir + "/")`
/// gives them (sorted, no "." or ".."); `({})` when it cannot be read.
/// Without a callback: a promise for the names.
pub fn async_getdir(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let disk = checked_path(vm, &path, "get_dir", Access::Read)?;
    submit(vm, args, 1, move || work::list_dir(disk))
}

/// `void async_db_exec(int handle, string sql, function callback, mixed
/// extra...)`: `db_exec` on a worker; `callback` gets what `db_exec` would
/// return (the number of rows, or the error message), then the extra
/// arguments; `db_fetch` then reads the rows. The signature admits a
/// function name, as FluffOS's does, but only a function pointer works.
pub fn async_db_exec(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let sql = args::string(args, 1)?.to_string();
    if !matches!(args[2], Value::Function(_)) {
        bail!("Bad argument 3 to async_db_exec(): the callback must be a function pointer");
    }
    let callback = args::function(args, 2)?;
    let extra: Vec<Value> = args[3..].iter_mut().map(std::mem::take).collect();
    db::valid_database(vm, "exec", vec![Value::from(sql.as_str())])?;
    let Some(session) = db::session(vm, handle) else {
        bail!("Attempt to exec on an invalid database handle");
    };
    submit_reply(vm, Reply::Call(callback, extra), move || work::db_exec(session, sql));
    Ok(Value::Int(0))
}
