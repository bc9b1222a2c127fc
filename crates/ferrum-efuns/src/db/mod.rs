//! FluffOS's db package, with the SQLite3 backend (`__USE_SQLITE3__`):
//! connections by handle, statements, their rows, transactions.
//!
//! Every efun first asks the master's `valid_database(object caller,
//! string action, mixed *info)`. A missing apply allows; a string answer
//! allows (for `connect` it is the password); a non-zero int allows;
//! anything else is the error "Database security violation attempted".
//! Database files live under the mudlib root.

pub mod sqlite;

use crate::args;
use crate::files::disk_path;
use crate::runtime::master::master_apply;
use crate::runtime::paths::is_legal;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, efun, Value, Vm};
use sqlite::{Cell, Session};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "int db_connect(string, string, string | void, int | void)",
        db_connect
    ),
    efun!("mixed db_exec(int, string)", db_exec),
    efun!("mixed *db_fetch(int, int)", db_fetch),
    efun!("int db_close(int)", db_close),
    efun!("int db_commit(int)", db_commit),
    efun!("int db_rollback(int)", db_rollback),
    efun!("string db_status()", db_status),
];

/// FluffOS's number for the SQLite3 backend (`__USE_SQLITE3__`), the
/// fourth argument of `db_connect`.
pub const USE_SQLITE3: i64 = 2;

/// The backend `db_connect` uses without a fourth argument: the only one
/// Ferrum has.
pub const DEFAULT_DB: i64 = USE_SQLITE3;

/// Macros a driver with this package defines.
pub fn predefines() -> Vec<(String, String)> {
    vec![("__USE_SQLITE3__".into(), USE_SQLITE3.to_string())]
}

/// A connection, shared with a worker while an `async_db_exec` runs.
pub type SharedSession = Arc<Mutex<Session>>;

/// Open connections: handle `n` is slot `n - 1`; the lowest free handle
/// is reused, as in FluffOS.
#[derive(Default)]
pub struct DbTable {
    slots: Vec<Option<SharedSession>>,
}

impl DbTable {
    fn insert(&mut self, session: Session) -> i64 {
        let shared = Some(Arc::new(Mutex::new(session)));
        match self.slots.iter().position(Option::is_none) {
            Some(i) => {
                self.slots[i] = shared;
                i as i64 + 1
            }
            None => {
                self.slots.push(shared);
                self.slots.len() as i64
            }
        }
    }

    fn get(&self, handle: i64) -> Option<SharedSession> {
        let i = usize::try_from(handle.checked_sub(1)?).ok()?;
        self.slots.get(i)?.clone()
    }
}

/// The connection behind `handle`, if it is open.
pub(crate) fn session(vm: &mut Vm, handle: i64) -> Option<SharedSession> {
    vm.ext::<DbTable>().get(handle)
}

/// Locks a connection; one a panicking worker left behind is still used
/// (its state is a finished statement or none).
pub(crate) fn lock(session: &SharedSession) -> MutexGuard<'_, Session> {
    session
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The master's `valid_database(caller, action, info)`. Ok(Some(password))
/// for a string answer.
pub(crate) fn valid_database(
    vm: &mut Vm,
    action: &str,
    info: Vec<Value>,
) -> VmResult<Option<String>> {
    let caller = vm.this_object().map(Value::Object).unwrap_or(Value::Int(0));
    let answer = master_apply(
        vm,
        "valid_database",
        vec![caller, Value::from(action), Value::array(info)],
    )?;
    match answer {
        None => Ok(None),
        Some(Value::Str(password)) => Ok(Some(password.as_str().to_string())),
        Some(Value::Int(n)) if n != 0 => Ok(None),
        _ => bail!("Database security violation attempted"),
    }
}

/// What `db_exec` (and the `async_db_exec` callback) gets: the number of
/// rows, or the error message.
pub(crate) fn exec_result(result: Result<i64, String>) -> Value {
    match result {
        Ok(rows) => Value::Int(rows),
        Err(message) => Value::from(message),
    }
}

fn cell_value(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Int(0),
        Cell::Int(n) => Value::Int(n),
        Cell::Float(f) => Value::Float(f),
        Cell::Text(s) => Value::from(s),
        Cell::Blob(b) => Value::buffer(b),
    }
}

/// The file for a database name: a mudlib path ("/data/game.db"; relative
/// names start at the root too), or None for "" and ":memory:", which
/// open a private in-memory database.
fn database_file(vm: &Vm, name: &str) -> Result<Option<PathBuf>, String> {
    if name.is_empty() || name == ":memory:" {
        return Ok(None);
    }
    let rel = name.trim_start_matches('/');
    let refused = || format!("db_connect: illegal database path {}", name);
    if rel.is_empty() || !is_legal(rel) {
        return Err(refused());
    }
    disk_path(vm, rel).map(Some).ok_or_else(refused)
}

/// `int db_connect(string host, string database, string user, int type)`:
/// a handle (from 1), or the backend's error message. `host` and `user`
/// mean nothing to SQLite; they only reach `valid_database`.
pub fn db_connect(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let host = args::string(args, 0)?.to_string();
    let database = args::string(args, 1)?.to_string();
    let user = match args::opt(args, 2) {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    let kind = args::int_or(args, 3, DEFAULT_DB);
    if kind != USE_SQLITE3 {
        bail!("Invalid database type.");
    }
    let info = vec![
        Value::from(database.as_str()),
        Value::from(host),
        Value::from(user),
    ];
    valid_database(vm, "connect", info)?;
    let opened = database_file(vm, &database).and_then(|file| Session::open(file.as_deref()));
    Ok(match opened {
        Ok(session) => Value::Int(vm.ext::<DbTable>().insert(session)),
        Err(message) => Value::from(message),
    })
}

fn open_session(vm: &mut Vm, handle: i64, verb: &str) -> VmResult<SharedSession> {
    match session(vm, handle) {
        Some(s) => Ok(s),
        None => bail!("Attempt to {} an invalid database handle", verb),
    }
}

/// `mixed db_exec(int handle, string sql)`: runs the statement; the number
/// of rows it returned (0 for statements without results), or SQLite's
/// error message.
pub fn db_exec(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let sql = args::string(args, 1)?.to_string();
    valid_database(vm, "exec", vec![Value::from(sql.as_str())])?;
    let session = open_session(vm, handle, "exec on")?;
    let result = lock(&session).exec(&sql);
    Ok(exec_result(result))
}

/// `mixed *db_fetch(int handle, int row)`: row `row` (from 1) of the last
/// `db_exec`; row 0 names the columns; `({})` out of range. Integers,
/// floats and text keep their type, blobs are buffers, NULL is 0.
pub fn db_fetch(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let row = args::int(args, 1)?;
    valid_database(vm, "fetch", Vec::new())?;
    let session = open_session(vm, handle, "fetch from")?;
    let cells = lock(&session).fetch(row);
    Ok(Value::array(cells.into_iter().map(cell_value).collect()))
}

/// `int db_close(int handle)`: closes the connection (after any
/// `async_db_exec` still running on it); 1.
pub fn db_close(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    valid_database(vm, "close", Vec::new())?;
    open_session(vm, handle, "close")?;
    vm.ext::<DbTable>().slots[handle as usize - 1] = None;
    Ok(Value::Int(1))
}

fn end_transaction(vm: &mut Vm, args: &[Value], commit: bool) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let verb = if commit { "commit" } else { "rollback" };
    valid_database(vm, verb, Vec::new())?;
    let session = open_session(vm, handle, verb)?;
    let done = lock(&session).finish_transaction(commit);
    Ok(Value::Int(done as i64))
}

/// `int db_commit(int handle)`: commits the open transaction (begun with
/// `db_exec(handle, "BEGIN")`); 1, or 0 when there is none.
pub fn db_commit(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    end_transaction(vm, args, true)
}

/// `int db_rollback(int handle)`: rolls the open transaction back; 1, or
/// 0 when there is none.
pub fn db_rollback(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    end_transaction(vm, args, false)
}

/// `string db_status()`: one line per open connection, "Handle: N
/// (SQLite3)".
pub fn db_status(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    valid_database(vm, "status", Vec::new())?;
    let table = vm.ext::<DbTable>();
    let mut out = String::new();
    for (i, slot) in table.slots.iter().enumerate() {
        if slot.is_some() {
            out.push_str(&format!("Handle: {} ({})\n", i + 1, sqlite::BACKEND_NAME));
        }
    }
    Ok(Value::from(out))
}
