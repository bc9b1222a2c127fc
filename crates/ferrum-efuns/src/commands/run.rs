//! Running a line of input through a command giver's actions (FluffOS's
//! `user_parser()`), and the `notify_fail()` message when none takes it.

use super::parser::{self, Input};
use super::sentences::{sentences, ActionFn, Sentence};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::FunctionPtr;
use ferrum_vm::{ObjectRef, Value, Vm};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// A `notify_fail()` waiting for the command to fail.
pub enum NotifyFail {
    Text(String),
    Function(Rc<FunctionPtr>),
}

/// Why an action returning 0 may not let the parser go on: the list it
/// walks changed under it (FluffOS's `illegal_sentence_action`).
#[derive(Clone)]
pub enum Illegal {
    /// remove_action() was called; the object that called it.
    RemoveAction(String),
    /// Actions were dropped by a move or destruct; the object that
    /// defined them.
    Moved(String),
}

/// Parser state shared by the efuns: one `query_verb()` and one
/// "illegal" flag for the whole driver, as in FluffOS.
#[derive(Default)]
pub struct ParserState {
    pub last_verb: Option<String>,
    pub illegal: Option<Illegal>,
    /// Pending notify_fail() per interactive command giver.
    pub notify: FxHashMap<u64, (ObjectRef, NotifyFail)>,
}

pub fn state(vm: &mut Vm) -> &mut ParserState {
    vm.ext::<ParserState>()
}

/// What the parser made of a line.
pub enum Parsed {
    /// Nothing but spaces: not a command, nothing to say.
    Empty,
    /// An action returned nonzero.
    Handled,
    /// No action took it: the notify_fail() text (a function's string
    /// result, "" when it gave none), or None for the default message.
    Unhandled(Option<String>),
}

/// Drops the actions `owner` gave `user` (FluffOS `remove_sent`); only a
/// living `user` is touched. Dropping any marks the parser's list as
/// changed.
pub fn remove_sent(vm: &mut Vm, owner: &ObjectRef, user: &ObjectRef) {
    if !user.state().is_living {
        return;
    }
    if sentences(vm).remove_from(owner, user) {
        state(vm).illegal = Some(Illegal::Moved(owner.name().to_string()));
    }
}

/// A get_config() int setting by its index; 0 when unset.
pub fn config_int(vm: &Vm, index: i64) -> i64 {
    vm.ext_opt::<crate::runtime::driver_info::DriverInfo>()
        .and_then(|info| {
            info.config
                .iter()
                .find(|(k, _)| *k == index)
                .and_then(|(_, v)| v.as_int())
        })
        .unwrap_or(0)
}

const RC_NO_ANSI: i64 = 293;
const RC_STRIP_BEFORE_PROCESS_INPUT: i64 = 294;

/// Tries `giver`'s actions on `line`, newest first, until one returns
/// nonzero. `giver` must be this_player() already. An action's function
/// is applied as FluffOS's driver does from user input when no object is
/// running, and with the efun's rules when `command()` runs it.
pub fn parse(vm: &mut Vm, giver: &ObjectRef, line: &str) -> VmResult<Parsed> {
    let mut line = line.to_string();
    if config_int(vm, RC_NO_ANSI) != 0 && config_int(vm, RC_STRIP_BEFORE_PROCESS_INPUT) == 0 {
        // Users may not send escape codes into commands.
        line = line.replace('\x1b', " ");
    }
    let Some(input) = parser::prepare(&line) else {
        return Ok(Parsed::Empty);
    };
    let saved_illegal = state(vm).illegal.take();
    match try_actions(vm, giver, &input) {
        Ok(true) => {
            let st = state(vm);
            if st.illegal.is_none() {
                st.illegal = saved_illegal;
            }
            Ok(Parsed::Handled)
        }
        Ok(false) => {
            let message = notify_no_command(vm, giver);
            state(vm).illegal = saved_illegal;
            Ok(Parsed::Unhandled(message?))
        }
        Err(e) => {
            let st = state(vm);
            st.illegal = saved_illegal;
            st.last_verb = None;
            Err(e)
        }
    }
}

/// True when an action took the line.
fn try_actions(vm: &mut Vm, giver: &ObjectRef, input: &Input) -> VmResult<bool> {
    // Actions added while one runs go in front and are not tried now; any
    // removed make a 0 result an error below, so a snapshot walks the same
    // actions FluffOS's list walk does.
    for s in sentences(vm).of(giver) {
        if s.owner.is_destructed() || !parser::matches(input, &s.verb, s.flags) {
            continue;
        }
        state(vm).last_verb = Some(parser::query_verb(input, &s.verb, s.flags));
        let arg = parser::argument(input, &s.verb, s.flags)
            .map(Value::from)
            .unwrap_or(Value::Undefined);
        let saved_giver = vm.command_giver.clone();
        let result = call_action(vm, &s, arg);
        vm.command_giver = saved_giver;
        state(vm).last_verb = None;
        let Some(result) = result? else {
            // FluffOS complains only while the action is still the newest
            // (its test for "still around"); otherwise it is passed over.
            if sentences(vm).newest_id(giver) == Some(s.id) {
                return Err(LpcError::new(format!(
                    "Function for verb '{}' not found.",
                    s.verb
                )));
            }
            continue;
        };
        // An async verb's promise is no answer: it never claims the command.
        if !result.is_zero() && !matches!(result, Value::Promise(_)) {
            return Ok(true);
        }
        if let Some(illegal) = state(vm).illegal.clone() {
            return Err(LpcError::new(match illegal {
                Illegal::RemoveAction(caller) => format!(
                    "Illegal to call remove_action() [caller was {}] from a verb returning zero.",
                    caller
                ),
                Illegal::Moved(ob) => format!(
                    "Illegal to move or destruct an object ({}) defining actions from a verb function({}) in object({}) which returns zero.",
                    ob,
                    input.word(),
                    s.owner.name()
                ),
            }));
        }
    }
    Ok(false)
}

/// Calls an action's function with the argument. None when a named
/// function cannot be called (missing, or not visible from here).
fn call_action(vm: &mut Vm, s: &Sentence, arg: Value) -> VmResult<Option<Value>> {
    let name = match &s.function {
        ActionFn::Pointer(f) => return vm.call_function(f, vec![arg]).map(Some),
        ActionFn::Name(n) => n.clone(),
    };
    if name.as_str().starts_with('#') {
        return Err(LpcError::new("Illegal function name."));
    }
    match vm.this_object() {
        // From user input: a driver apply.
        None => vm.apply(&s.owner, name.as_str(), vec![arg]),
        // From command(): another object's function must be public.
        Some(caller) => {
            if caller != s.owner && !publicly_defined(&s.owner, name.as_str()) {
                return Ok(None);
            }
            vm.apply_for_efun(&s.owner, name.as_str(), vec![arg], Some(caller))
        }
    }
}

/// Whether `name` is a public function of `ob` or of a shadow of it (a
/// name `ob` lacks is left to the call to find or not).
fn publicly_defined(ob: &ObjectRef, name: &str) -> bool {
    let own = ob
        .program_ref()
        .find_function(name)
        .map(|(_, f)| f.def.is_some() && f.is_public());
    if own != Some(false) {
        return true;
    }
    let mut shadow = ob.state().shadowed_by.clone();
    while let Some(s) = shadow {
        if s.program_ref()
            .find_function(name)
            .is_some_and(|(_, f)| f.def.is_some() && f.is_public())
        {
            return true;
        }
        shadow = s.state().shadowed_by.clone();
    }
    false
}

/// The failure message for an interactive `giver` (FluffOS
/// `notify_no_command`), using up its notify_fail(). A function is called
/// with the giver as this_player(). None: the default message.
fn notify_no_command(vm: &mut Vm, giver: &ObjectRef) -> VmResult<Option<String>> {
    if !is_interactive(giver) {
        return Ok(None);
    }
    let pending = state(vm).notify.remove(&giver.id()).map(|(_, n)| n);
    match pending {
        None => Ok(None),
        Some(NotifyFail::Text(text)) => Ok(Some(text)),
        Some(NotifyFail::Function(f)) => {
            let saved = vm.command_giver.replace(giver.clone());
            let result = vm.call_function(&f, Vec::new());
            vm.command_giver = saved;
            let result = result?;
            if !is_interactive(giver) {
                // Gone meanwhile: nobody to tell.
                return Ok(Some(String::new()));
            }
            Ok(Some(match result {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            }))
        }
    }
}

pub fn is_interactive(ob: &ObjectRef) -> bool {
    !ob.is_destructed() && ob.state().interactive.is_some()
}
