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
use ferrum_vm::{bail, efun, Value, Vm};
use std::collections::HashMap;
use std::rc::Rc;
use work::Answer;

pub const EFUNS: &[EfunSpec] = &[
    efun!("void async_read(string, function)", async_read),
    efun!(
        "void async_write(string, string, int, function)",
        async_write
    ),
    efun!("void async_getdir(string, function)", async_getdir),
    efun!("void async_db_exec(int, string, function)", async_db_exec),
];

/// Callbacks waiting for their job, by job id.
#[derive(Default)]
pub struct AsyncIo {
    pending: HashMap<NetId, Rc<FunctionPtr>>,
}

/// Whether some async I/O has not been answered yet (a script waits).
pub fn in_flight(vm: &mut Vm) -> bool {
    !vm.ext::<AsyncIo>().pending.is_empty()
}

/// Starts `work` on a worker; `callback` gets its answer later.
fn submit(vm: &mut Vm, callback: Rc<FunctionPtr>, work: impl FnOnce() -> Answer + Send + 'static) {
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    vm.ext::<AsyncIo>().pending.insert(id, callback);
    net.send(Command::RunJob {
        id,
        job: Job::new(work),
    });
}

/// A job finished (called by the network pump): runs its callback.
pub fn on_done(vm: &mut Vm, id: NetId, output: Result<JobOutput, String>) {
    let Some(callback) = vm.ext::<AsyncIo>().pending.remove(&id) else {
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
    if callback.owner.as_ref().is_some_and(|o| o.is_destructed()) {
        return;
    }
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
    let saved = vm.command_giver.take();
    run_guarded(vm, |vm| vm.call_function(&callback, vec![arg]));
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

/// `void async_read(string file, function callback)`: reads the file
/// (at most "maximum read file size" bytes) and calls `callback(text)`,
/// or `callback(-1)` when it cannot be read.
pub fn async_read(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let callback = args::function(args, 1)?;
    let disk = checked_path(vm, &path, "read_file", Access::Read)?;
    let max = limits(vm).max_read_file_size;
    submit(vm, callback, move || work::read(disk, max));
    Ok(Value::Int(0))
}

/// `void async_write(string file, string text, int flags, function
/// callback)`: writes `text`, replacing the file when `flags & 1`, else
/// appending (as `write_file`), then calls `callback(0)`, or
/// `callback(-1)` on failure.
pub fn async_write(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let data = args::string(args, 1)?.as_bytes().to_vec();
    let overwrite = args::int(args, 2)? & 1 != 0;
    let callback = args::function(args, 3)?;
    let disk = checked_path(vm, &path, "write_file", Access::Write)?;
    submit(vm, callback, move || work::write(disk, data, overwrite));
    Ok(Value::Int(0))
}

/// `void async_getdir(string dir, function callback)`: calls
/// `callback(names)` with the directory's entries as `get_dir(dir + "/")`
/// gives them (sorted, no "." or ".."); `({})` when it cannot be read.
pub fn async_getdir(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    let callback = args::function(args, 1)?;
    let disk = checked_path(vm, &path, "get_dir", Access::Read)?;
    submit(vm, callback, move || work::list_dir(disk));
    Ok(Value::Int(0))
}

/// `void async_db_exec(int handle, string sql, function callback)`:
/// `db_exec` on a worker; `callback` gets what `db_exec` would return (the
/// number of rows, or the error message); `db_fetch` then reads the rows.
pub fn async_db_exec(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let sql = args::string(args, 1)?.to_string();
    let callback = args::function(args, 2)?;
    db::valid_database(vm, "exec", vec![Value::from(sql.as_str())])?;
    let Some(session) = db::session(vm, handle) else {
        bail!("Attempt to exec on an invalid database handle");
    };
    submit(vm, callback, move || work::db_exec(session, sql));
    Ok(Value::Int(0))
}
