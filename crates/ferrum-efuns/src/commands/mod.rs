//! FluffOS's command system (core package, `add_action.cc`): living objects
//! hold actions that objects near them add in `init()`; a line of input is
//! tried against those actions, newest first, until one's function returns
//! nonzero.
//!
//! - An action belongs to the command giver (this_player()) it was added
//!   for, and is defined by an object present to it: the giver itself,
//!   something it carries, its environment or something there.
//! - When an object leaves its environment, the actions between it and the
//!   environment and between it and each object there go (FluffOS
//!   `move_object`); the destruct efun does the same for the destructed
//!   object. `init()` then adds what the new place offers.
//! - `query_verb()` and the "list changed under the parser" check are
//!   global, as in FluffOS; `notify_fail()` is kept per interactive user.

mod efuns;
pub mod parser;
mod run;
pub mod sentences;

#[cfg(test)]
mod tests;

use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};
use run::{remove_sent, state, Illegal, Parsed};
use sentences::sentences;

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "void add_action(string | function, string | string *, int | void)",
        efuns::add_action
    ),
    efun!(
        "int remove_action(string | function, string)",
        efuns::remove_action
    ),
    efun!("string query_verb()", efuns::query_verb),
    efun!("int command(string, object | void)", efuns::command),
    efun!("mixed *commands()", efuns::commands),
    efun!("void enable_commands(int | void)", efuns::enable_commands),
    efun!("void disable_commands()", efuns::disable_commands),
    efun!("int living(object | void)", efuns::living),
    efun!("void notify_fail(string | function)", efuns::notify_fail),
];

/// `query_notify_fail()` (FluffOS contrib).
pub const CONTRIB_EFUNS: &[EfunSpec] = &[efun!("mixed query_notify_fail()", efuns::query_notify_fail)];

/// What became of one line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandOutcome {
    /// An action took the line (or it was blank: nothing to say).
    Done,
    /// No action took it. `message` is the notify_fail() text (a notify_fail
    /// function's string result; "" when it returned no string), None when
    /// there was no notify_fail (say `default_fail_message()`).
    Failed { message: Option<String> },
}

/// Parses `line` as a command of `giver` (sets this_player to giver meanwhile, query_verb, the
/// notify_fail state), runs matching actions until one returns nonzero. On failure, `message` is the
/// notify_fail text (a notify_fail function is called and its string result used), None when no
/// notify_fail was set (the caller then prints the default "What?\n").
///
/// As FluffOS's user input: a notify_fail() left from before is dropped
/// first, only trailing spaces are stripped, and with no object running
/// the actions' functions are called as driver applies.
pub fn execute_command(vm: &mut Vm, giver: &ObjectRef, line: &str) -> VmResult<CommandOutcome> {
    crate::stats::system::count_command(vm);
    clear_notify_fail(vm, giver);
    let saved = vm.command_giver.replace(giver.clone());
    let parsed = run::parse(vm, giver, line);
    vm.command_giver = saved;
    Ok(match parsed? {
        Parsed::Empty | Parsed::Handled => CommandOutcome::Done,
        Parsed::Unhandled(message) => CommandOutcome::Failed { message },
    })
}

/// The message for a failed command without notify_fail(): the config's
/// "default fail message" (with a newline), else "What?\n".
pub fn default_fail_message(vm: &Vm) -> String {
    const RC_DEFAULT_FAIL_MESSAGE: i64 = 12;
    let configured = vm
        .ext_opt::<crate::runtime::driver_info::DriverInfo>()
        .and_then(|info| {
            info.config
                .iter()
                .find(|(k, _)| *k == RC_DEFAULT_FAIL_MESSAGE)
                .map(|(_, v)| v.clone())
        });
    match configured {
        Some(Value::Str(s)) if !s.as_str().is_empty() => {
            let s = s.to_string();
            if s.ends_with('\n') {
                s
            } else {
                s + "\n"
            }
        }
        _ => "What?\n".to_string(),
    }
}

/// Drops a pending notify_fail() of `ob` (a new command starts, or the
/// user goes away).
pub fn clear_notify_fail(vm: &mut Vm, ob: &ObjectRef) {
    state(vm).notify.remove(&ob.id());
}

/// `move_object` calls this before `item` leaves `old_env`: the actions
/// between the item and the old environment, and between the item and
/// each object there, go.
pub fn forget_actions_on_leave(vm: &mut Vm, item: &ObjectRef, old_env: &ObjectRef) {
    remove_sent(vm, old_env, item);
    remove_sent(vm, item, old_env);
    for ob in old_env.state().inventory.clone() {
        if ob != *item {
            remove_sent(vm, item, &ob);
            remove_sent(vm, &ob, item);
        }
    }
}

/// The destruct efun's destruct: as `Vm::destruct_object`, then the
/// actions go as `object_destructed` says.
pub fn destruct_object(vm: &mut Vm, ob: &ObjectRef) -> VmResult<()> {
    let was_living = ob.state().is_living;
    let env = ob.state().environment.clone();
    vm.destruct_object(ob)?;
    if ob.is_destructed() {
        forget_destructed(vm, ob, env, was_living);
    }
    Ok(())
}

/// For the host's destruct hook (the object is marked destructed, its
/// environment not yet cleared): the object's actions go from its
/// environment and what is there, and its own list and notify_fail() go.
/// Actions of destructed objects are skipped everywhere anyway; this
/// frees them and tells a running parser its list changed.
pub fn object_destructed(vm: &mut Vm, ob: &ObjectRef) {
    let (was_living, env) = {
        let st = ob.state();
        (st.is_living, st.environment.clone())
    };
    forget_destructed(vm, ob, env, was_living);
}

fn forget_destructed(vm: &mut Vm, ob: &ObjectRef, env: Option<ObjectRef>, was_living: bool) {
    clear_notify_fail(vm, ob);
    let own = sentences(vm).take_list(ob);
    let Some(env) = env else {
        return;
    };
    let mut near: Vec<ObjectRef> = env
        .state()
        .inventory
        .iter()
        .filter(|o| *o != ob)
        .cloned()
        .collect();
    near.push(env.clone());
    if was_living {
        // FluffOS drops what the objects here gave the dying living first;
        // that too changes the list a running parser walks.
        if let Some(s) = own
            .iter()
            .find(|s| s.owner == *ob || near.contains(&s.owner))
        {
            state(vm).illegal = Some(Illegal::Moved(s.owner.name().to_string()));
        }
    }
    for other in near {
        remove_sent(vm, ob, &other);
    }
}
