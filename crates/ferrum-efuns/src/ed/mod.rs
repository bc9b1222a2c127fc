//! The ed package: `ed()` for players (their input goes to the editor
//! until it quits), and `ed_start()` / `ed_cmd()` / `query_ed_mode()` for
//! driving an editor from LPC. One session per object. Files are read and
//! written as the object running the editor, through `valid_read` /
//! `valid_write`; a relative name goes through the master's
//! `make_path_absolute` first.

pub mod editor;

use crate::args;
use crate::interactive::output::tell_object;
use crate::objects::{current_object, object_or_this};
use crate::runtime::master::master_apply;
use crate::runtime::paths::{resolve_as, Access};
use editor::{EdFiles, Editor, Mode};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{efun, ObjectRef, Value, Vm};
use std::collections::HashMap;

pub static EFUNS: &[EfunSpec] = &[
    efun!("void ed(string | void, string | function | void, int | void)", ed),
    efun!("string ed_start(string | void, int | void)", ed_start),
    efun!("string ed_cmd(string)", ed_cmd),
    efun!("int query_ed_mode()", query_ed_mode),
    efun!("string in_edit(object | void)", in_edit),
];

struct Session {
    editor: Editor,
    /// `ed()` sessions: the object and function to call when it ends.
    on_exit: Option<(ObjectRef, Value)>,
}

#[derive(Default)]
struct Sessions(HashMap<ObjectRef, Session>);

/// Files as the editing object (`who`) may see them.
struct VmFiles<'a> {
    vm: &'a mut Vm,
    who: ObjectRef,
    efun: &'static str,
}

impl VmFiles<'_> {
    fn disk(&mut self, path: &str, access: Access) -> Result<std::path::PathBuf, String> {
        let path = absolute(self.vm, path);
        resolve_as(self.vm, Some(self.who.clone()), &path, access, self.efun).map(|(_, disk)| disk).map_err(|e| e.message())
    }
}

impl EdFiles for VmFiles<'_> {
    fn read(&mut self, path: &str) -> Result<Option<String>, String> {
        let disk = self.disk(path, Access::Read)?;
        match std::fs::read(&disk) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {}", path, e)),
        }
    }

    fn write(&mut self, path: &str, text: &str) -> Result<(), String> {
        let disk = self.disk(path, Access::Write)?;
        std::fs::write(&disk, text).map_err(|e| format!("cannot write {}: {}", path, e))
    }
}

/// A relative file name made absolute by the master's
/// `make_path_absolute`, when it has one.
fn absolute(vm: &mut Vm, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    match master_apply(vm, "make_path_absolute", vec![Value::from(path)]) {
        Ok(Some(Value::Str(s))) => s.to_string(),
        _ => format!("/{}", path),
    }
}

/// Starts a session for `owner` on `file`; the opening message.
fn start(vm: &mut Vm, owner: ObjectRef, file: Option<String>, restricted: bool, on_exit: Option<(ObjectRef, Value)>, efun: &'static str) -> VmResult<String> {
    if vm.ext::<Sessions>().0.contains_key(&owner) {
        return Err(LpcError::new(format!("{}: already editing.", efun)));
    }
    let mut editor = Editor::new(restricted);
    let text = match file {
        Some(f) => {
            let f = absolute(vm, &f);
            editor.open(&f, &mut VmFiles { vm, who: owner.clone(), efun })
        }
        None => String::new(),
    };
    vm.ext::<Sessions>().0.insert(owner, Session { editor, on_exit });
    Ok(text)
}

/// Runs one line in `owner`'s session; (output, whether it ended).
fn feed(vm: &mut Vm, owner: &ObjectRef, line: &str, efun: &'static str) -> Option<(String, bool, Option<(ObjectRef, Value)>)> {
    let mut session = vm.ext::<Sessions>().0.remove(owner)?;
    let reply = session.editor.feed(line, &mut VmFiles { vm, who: owner.clone(), efun });
    if reply.quit {
        return Some((reply.text, true, session.on_exit));
    }
    vm.ext::<Sessions>().0.insert(owner.clone(), session);
    Some((reply.text, false, None))
}

/// `void ed(string file, string|function exit_fn, int restricted)`: this
/// player edits; `exit_fn` is called in this object when the editor quits.
pub fn ed(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "ed")?;
    let player = vm.command_giver.clone().filter(|p| !p.is_destructed()).ok_or_else(|| LpcError::new("ed() needs a player (this_player())."))?;
    let file = match args::opt(args, 0) {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    };
    let exit = match args::opt(args, 1) {
        v @ (Value::Str(_) | Value::Function(_)) => Some((me, v.clone())),
        _ => None,
    };
    let restricted = args::int_or(args, 2, 0) != 0;
    let text = start(vm, player.clone(), file, restricted, exit, "ed")?;
    tell_object(vm, &player, &text)?;
    tell_object(vm, &player, ":")?;
    Ok(Value::Int(0))
}

/// A player's input line while it edits: taken by the editor (true), or
/// not editing (false).
pub fn player_input(vm: &mut Vm, player: &ObjectRef, line: &str) -> bool {
    let Some((text, ended, on_exit)) = feed(vm, player, line, "ed") else { return false };
    let _ = tell_object(vm, player, &text);
    if ended {
        if let Some((ob, func)) = on_exit.filter(|(ob, _)| !ob.is_destructed()) {
            if let Err(e) = vm.call_callback(&ob, &func, vec![]) {
                let _ = tell_object(vm, player, &format!("{}\n", e.message()));
            }
        }
    } else {
        let in_input = vm.ext::<Sessions>().0.get(player).is_some_and(|s| s.editor.mode != Mode::Command);
        let _ = tell_object(vm, player, if in_input { "*" } else { ":" });
    }
    true
}

/// Whether `ob` is in an ed() session (its prompt is the editor's).
pub fn is_editing(vm: &mut Vm, ob: &ObjectRef) -> bool {
    vm.ext::<Sessions>().0.contains_key(ob)
}

/// A destructed object's session ends (nothing is saved).
pub fn object_destructed(vm: &mut Vm, ob: &ObjectRef) {
    vm.ext::<Sessions>().0.remove(ob);
}

/// `string ed_start(string file, int restricted)`: this object starts an
/// editor; returns what it said (e.g. the file's size).
pub fn ed_start(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "ed_start")?;
    let file = match args::opt(args, 0) {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    };
    let restricted = args::int_or(args, 1, 0) != 0;
    Ok(Value::from(start(vm, me, file, restricted, None, "ed_start")?))
}

/// `string ed_cmd(string line)`: one line to this object's editor; what it
/// answered. The session ends with the editor's quit commands.
pub fn ed_cmd(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "ed_cmd")?;
    let line = args::string(args, 0)?.to_string();
    match feed(vm, &me, &line, "ed_cmd") {
        Some((text, _, _)) => Ok(Value::from(text)),
        None => Err(LpcError::new("ed_cmd: not editing (call ed_start() first).")),
    }
}

/// `int query_ed_mode()`: -1 not editing, 0 at the command prompt, else the
/// number of the line being input.
pub fn query_ed_mode(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "query_ed_mode")?;
    Ok(Value::Int(vm.ext::<Sessions>().0.get(&me).map_or(-1, |s| s.editor.mode_number())))
}

/// `string in_edit(object ob = this_object())`: the file `ob` is editing,
/// 1 for a buffer without a file, 0 when not editing.
pub fn in_edit(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "in_edit")?;
    Ok(match vm.ext::<Sessions>().0.get(&ob) {
        Some(s) => s.editor.file.clone().map(Value::from).unwrap_or(Value::Int(1)),
        None => Value::Int(0),
    })
}
