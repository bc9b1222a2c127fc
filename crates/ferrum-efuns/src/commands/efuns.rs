//! The command efuns: add_action, remove_action, query_verb, command,
//! commands, enable_commands, disable_commands, living, notify_fail.

use super::run::{self, is_interactive, remove_sent, state, Illegal, NotifyFail, Parsed};
use super::sentences::{sentences, ActionFn};
use crate::args;
use crate::objects::inventory::setup_new_commands;
use crate::objects::{bad_argument, object_or_this};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{ObjectRef, Value, Vm};

/// The running object, unless there is none or it is destructed (these
/// efuns then do nothing, as in FluffOS).
fn live_this_object(vm: &Vm) -> Option<ObjectRef> {
    vm.this_object().filter(|o| !o.is_destructed())
}

fn environment_of(ob: &ObjectRef) -> Option<ObjectRef> {
    ob.state().environment.clone()
}

fn inventory_of(ob: &ObjectRef) -> Vec<ObjectRef> {
    ob.state().inventory.clone()
}

/// Whether `ob` may give `giver` actions: it is the giver, carried by it,
/// beside it, or around it. Two objects without an environment count as
/// beside each other, as in FluffOS.
fn present_to(ob: &ObjectRef, giver: &ObjectRef) -> bool {
    let env = environment_of(ob);
    let giver_env = environment_of(giver);
    ob == giver || env.as_ref() == Some(giver) || env == giver_env || giver_env.as_ref() == Some(ob)
}

/// `add_action(fun, verb | verbs [, flag])`: gives this_player() a command
/// handled by `fun` of this object. Nothing happens when there is no
/// this_player() or this object is not present to it. A shadow adds the
/// action for the object it shadows, but not for a non-public function.
pub fn add_action(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(current) = live_this_object(vm) else {
        return Ok(Value::Int(0));
    };
    let mut owner = current.clone();
    loop {
        let below = owner.state().shadowing.clone();
        match below {
            Some(b) => owner = b,
            None => break,
        }
    }
    let function = match &args[0] {
        Value::Str(name) => {
            if owner != current && !is_public_or_missing(&owner, name.as_str()) {
                return Ok(Value::Int(0));
            }
            ActionFn::Name(name.clone())
        }
        Value::Function(f) => ActionFn::Pointer(f.clone()),
        other => return Err(bad_argument(1, "add_action", "string | function", other)),
    };
    let Some(giver) = vm.command_giver.clone().filter(|g| !g.is_destructed()) else {
        return Ok(Value::Int(0));
    };
    if !present_to(&owner, &giver) {
        return Ok(Value::Int(0));
    }
    let flags = args::int_or(args, 2, 0) & 3;
    let verbs: Vec<_> = match &args[1] {
        Value::Str(v) => vec![v.clone()],
        Value::Array(a) => a
            .to_vec()
            .into_iter()
            .filter_map(|v| if let Value::Str(s) = v { Some(s) } else { None })
            .collect(),
        other => return Err(bad_argument(2, "add_action", "string | string *", other)),
    };
    for verb in verbs {
        sentences(vm).add(&giver, verb, function.clone(), owner.clone(), flags);
    }
    Ok(Value::Int(0))
}

fn is_public_or_missing(ob: &ObjectRef, name: &str) -> bool {
    ob.program_ref()
        .find_function(name)
        .is_none_or(|(_, f)| f.is_public())
}

/// `remove_action(fun, verb)` (fun a name, or the very function pointer
/// given to add_action): removes the action for `verb` that this
/// object added with function `fun` from this_player() (this object when
/// there is none). 1 when there was one. Actions bound to a function
/// pointer are not found by name.
pub fn remove_action(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(current) = vm.this_object() else {
        return Ok(Value::Int(0));
    };
    let verb = args::string(args, 1)?.to_string();
    let fun = match &args[0] {
        Value::Str(name) => ActionFn::Name(name.clone()),
        Value::Function(f) => ActionFn::Pointer(f.clone()),
        _ => return Ok(Value::Int(0)),
    };
    let holder = vm.command_giver.clone().unwrap_or_else(|| current.clone());
    if !sentences(vm).remove_named(&holder, &current, &fun, &verb) {
        return Ok(Value::Int(0));
    }
    state(vm).illegal = Some(Illegal::RemoveAction(current.name().to_string()));
    Ok(Value::Int(1))
}

/// `query_verb()`: the verb of the command being run, or 0.
pub fn query_verb(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(match &state(vm).last_verb {
        Some(v) => Value::from(v.as_str()),
        None => Value::Int(0),
    })
}

/// FluffOS copies the command into a 1000-byte buffer.
const MAX_COMMAND_BYTES: usize = 999;

/// `command(str)`: runs `str` as a command of this object. The evaluation
/// cost it took (at least 1) when an action took it, else 0. A failed
/// command of an interactive object tells it the notify_fail() message or
/// the default one. A second argument other than this object is refused
/// (FluffOS dropped `command(str, ob)`).
pub fn command(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(me) = live_this_object(vm) else {
        return Ok(Value::Int(0));
    };
    if let Some(other) = args.get(1) {
        if other.as_object() != Some(&me) {
            return Err(LpcError::new(
                "command() can only run commands of this_object()",
            ));
        }
    }
    let line = args::string(args, 0)?.to_string();
    if line.len() > MAX_COMMAND_BYTES {
        return Err(LpcError::new("Too long command."));
    }
    let before = vm.eval_left;
    let saved = vm.command_giver.replace(me.clone());
    let parsed = run::parse(vm, &me, &line);
    vm.command_giver = saved;
    match parsed? {
        Parsed::Handled => Ok(Value::Int((before - vm.eval_left).max(1))),
        Parsed::Empty => Ok(Value::Int(0)),
        Parsed::Unhandled(message) => {
            if is_interactive(&me) {
                let text = message.unwrap_or_else(|| super::default_fail_message(vm));
                tell(vm, &me, &text)?;
            }
            Ok(Value::Int(0))
        }
    }
}

/// Text to an interactive object through the `tell_object` efun (the
/// interactive package owns connections).
fn tell(vm: &mut Vm, ob: &ObjectRef, text: &str) -> VmResult<()> {
    if text.is_empty() || vm.efuns.lookup("tell_object").is_none() {
        return Ok(());
    }
    vm.call_efun_by_name(
        "tell_object",
        vec![Value::Object(ob.clone()), Value::from(text)],
    )?;
    Ok(())
}

/// `commands()`: this object's actions, newest first, each
/// `({ verb, flags, defining object, function name or "<function>" })`;
/// flags has 4 for a function pointer.
pub fn commands(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let Some(me) = vm.this_object() else {
        return Ok(Value::array(Vec::new()));
    };
    let max = vm.limits.max_array_size;
    let list = sentences(vm).of(&me);
    let rows = list
        .iter()
        .take(max.saturating_sub(1))
        .map(|s| {
            let function = match &s.function {
                ActionFn::Name(n) => Value::Str(n.clone()),
                ActionFn::Pointer(_) => Value::from("<function>"),
            };
            Value::array(vec![
                Value::Str(s.verb.clone()),
                Value::Int(s.reported_flags()),
                Value::Object(s.owner.clone()),
                function,
            ])
        })
        .collect();
    Ok(Value::array(rows))
}

/// get_config() index of "enable_commands call init".
const RC_ENABLE_COMMANDS_CALL_INIT: i64 = 309;

/// `enable_commands([setup])`: this object becomes living and
/// this_player(). With a nonzero argument (or the config's "enable_commands
/// call init"), its environment and what is there run init() for it, then
/// what it carries.
pub fn enable_commands(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(me) = live_this_object(vm) else {
        return Ok(Value::Int(0));
    };
    me.state_mut().is_living = true;
    vm.command_giver = Some(me.clone());
    if args::int_or(args, 0, 0) != 0 || run::config_int(vm, RC_ENABLE_COMMANDS_CALL_INIT) != 0 {
        if let Some(env) = environment_of(&me) {
            setup_new_commands(vm, &env, &me)?;
        }
        for item in inventory_of(&me) {
            // init() may have moved things; only what is still here.
            if environment_of(&item).as_ref() == Some(&me) {
                setup_new_commands(vm, &me, &item)?;
            }
        }
    }
    Ok(Value::Int(0))
}

/// `disable_commands()`: this object stops being living and loses the
/// actions of its environment, what is there (itself included) and what
/// it carries; it stops being this_player().
pub fn disable_commands(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let Some(me) = live_this_object(vm) else {
        return Ok(Value::Int(0));
    };
    if let Some(env) = environment_of(&me) {
        remove_sent(vm, &env, &me);
        for ob in inventory_of(&env) {
            remove_sent(vm, &ob, &me);
        }
    }
    for ob in inventory_of(&me) {
        remove_sent(vm, &ob, &me);
    }
    me.state_mut().is_living = false;
    if vm.command_giver.as_ref() == Some(&me) {
        vm.command_giver = None;
    }
    Ok(Value::Int(0))
}

/// `living([ob])`: whether `ob` (default this object) has commands enabled.
pub fn living(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "living")?;
    let living = ob.state().is_living;
    Ok(Value::Int(living as i64))
}

/// `notify_fail(str | fun)`: the message for this_player() if the command
/// fails (a function is called then, its string result shown). Only
/// interactive command givers keep one, as in FluffOS.
pub fn notify_fail(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(giver) = vm.command_giver.clone().filter(is_interactive) else {
        return Ok(Value::Int(0));
    };
    let notify = match &args[0] {
        Value::Str(s) => NotifyFail::Text(s.to_string()),
        Value::Function(f) => NotifyFail::Function(f.clone()),
        other => return Err(bad_argument(1, "notify_fail", "string | function", other)),
    };
    let pending = &mut state(vm).notify;
    pending.retain(|_, (ob, _)| !ob.is_destructed());
    pending.insert(giver.id(), (giver, notify));
    Ok(Value::Int(0))
}

/// `query_notify_fail()`: the pending notify_fail() of this_player() (a
/// string or a function), or 0.
pub fn query_notify_fail(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let Some(giver) = vm.command_giver.clone().filter(is_interactive) else {
        return Ok(Value::Int(0));
    };
    Ok(match state(vm).notify.get(&giver.id()) {
        Some((_, NotifyFail::Text(s))) => Value::from(s.as_str()),
        Some((_, NotifyFail::Function(f))) => Value::Function(f.clone()),
        None => Value::Int(0),
    })
}
