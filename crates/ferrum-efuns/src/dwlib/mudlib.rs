//! The dwlib efuns that call back into a Discworld-style mudlib:
//! query_multiple_short (object descriptions joined into a list) and
//! reference_allowed (may one player refer to an invisible creator).

use crate::objects::living::find_named;
use crate::runtime::master::master_apply;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

fn call(vm: &mut Vm, ob: &ObjectRef, name: &str, args: Vec<Value>) -> VmResult<Value> {
    if ob.is_destructed() {
        return Ok(Value::Undefined);
    }
    Ok(vm.apply(ob, name, args)?.unwrap_or(Value::Undefined))
}

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        _ => 0,
    }
}

fn string_of(v: Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

fn live_object(v: &Value) -> Option<ObjectRef> {
    match v {
        Value::Object(o) if !o.is_destructed() => Some(o.clone()),
        _ => None,
    }
}

/// `string query_multiple_short(mixed *things, string type = "a",
/// int no_dollars, int quiet, int dark)`: each object's
/// `<type>_short(quiet)`. Objects only (and not no_dollars): their shorts
/// between "$M$" markers for the mudlib's message code to expand.
/// Otherwise strings and shorts joined with ", " and " and "; with
/// no_dollars the result goes through this_player()'s (else
/// /global/player's) convert_message(). With no_dollars, objects, and a
/// this_player() in a room, this_player()->check_dark(room light) true
/// gives "some objects you cannot make out".
pub fn query_multiple_short(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let things = crate::args::array(args, 0)?.to_vec();
    let kind = match args.get(1) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let flag = |i: usize| args.get(i).map(int_of).unwrap_or(0);
    let (no_dollars, quiet, dark) = (flag(2) != 0, flag(3), flag(4));
    if things.is_empty() {
        return Ok(Value::from(""));
    }
    let player = vm.command_giver.clone().filter(|p| !p.is_destructed());
    if no_dollars && matches!(things[0], Value::Object(_)) && dark == 0 {
        let room = player.as_ref().and_then(|p| p.state().environment.clone());
        if let (Some(p), Some(room)) = (&player, room) {
            let light = match room.program_ref().find_function("query_light") {
                Some(_) => call(vm, &room, "query_light", vec![])?,
                None => Value::Int(0),
            };
            if call(vm, p, "check_dark", vec![light])?.is_true() {
                return Ok(Value::from("some objects you cannot make out"));
            }
        }
    }
    let fun = match &kind {
        Some(k) => format!("{}_short", k),
        None => "a_short".to_string(),
    };
    let short = |vm: &mut Vm, ob: &Value| -> VmResult<Option<String>> {
        match live_object(ob) {
            Some(o) => Ok(string_of(call(vm, &o, &fun, vec![Value::Int(quiet)])?)),
            None => Ok(None),
        }
    };
    let max = vm.limits.max_string_length;
    if !no_dollars && things.iter().all(|t| matches!(t, Value::Object(_))) {
        let mut out = String::from("$M$");
        for t in &things {
            if let Some(s) = short(vm, t)? {
                if out.len() + s.len() + 3 <= max {
                    out.push_str(&s);
                }
            }
        }
        out.push_str("$M$");
        return Ok(Value::from(out));
    }
    let n = things.len();
    let mut out = String::new();
    for (i, t) in things.iter().enumerate() {
        let piece = match t {
            Value::Str(s) => s.to_string(),
            Value::Object(_) => match short(vm, t)? {
                Some(s) => s,
                None => continue,
            },
            _ => continue,
        };
        if out.len() + piece.len() < max {
            out.push_str(&piece);
        }
        if !piece.is_empty() && n > 1 && i + 1 < n {
            out.push_str(if i + 2 < n { ", " } else { " and " });
        }
    }
    if !no_dollars {
        return Ok(Value::from(out));
    }
    let converter = player.or_else(|| vm.find_object("/global/player"));
    Ok(match converter {
        Some(c) => match call(vm, &c, "convert_message", vec![Value::from(out)])? {
            s @ Value::Str(_) => s,
            _ => Value::Undefined,
        },
        None => Value::Undefined,
    })
}

/// Set while reference_allowed() runs: the applies it makes may ask again,
/// and those answers are yes.
#[derive(Default)]
struct InReferenceAllowed(bool);

const PLAYTESTERS: &str = "/obj/handlers/playtesters";
const PLAYER_HANDLER: &str = "/obj/handlers/player_handler";

fn allowed(vm: &mut Vm, referee: &ObjectRef, referrer: Option<ObjectRef>, name: Option<String>) -> VmResult<bool> {
    let invis = int_of(&call(vm, referee, "query_invis", vec![])?);
    let creator = int_of(&call(vm, referee, "query_creator", vec![])?);
    if invis == 0 || creator == 0 {
        return Ok(true);
    }
    if referrer.as_ref() == Some(referee) {
        return Ok(true);
    }
    let referee_name = string_of(call(vm, referee, "query_name", vec![])?);
    let name = match (name, &referrer) {
        (Some(n), _) => Some(n),
        (None, Some(r)) => string_of(call(vm, r, "query_name", vec![])?),
        (None, None) => None,
    };
    let (Some(_), Some(name)) = (referee_name, name) else {
        return Ok(true);
    };
    let playtester = match vm.find_object(PLAYTESTERS) {
        Some(h) => int_of(&call(vm, &h, "query_playtester", vec![Value::from(name.as_str())])?) != 0,
        None => false,
    };
    if let Value::Array(list) = call(vm, referee, "query_allowed", vec![])? {
        let listed = list.to_vec().iter().any(|v| match v {
            Value::Str(s) => s.as_str() == name || (playtester && s.as_str() == "playtesters"),
            _ => false,
        });
        if listed {
            return Ok(true);
        }
    }
    let yes = |v: Option<Value>| v.as_ref().map(int_of).unwrap_or(0) != 0;
    Ok(match invis {
        3 => yes(master_apply(vm, "high_programmer", vec![Value::from(name.as_str())])?),
        2 => yes(master_apply(vm, "query_lord", vec![Value::from(name.as_str())])?),
        1 => match &referrer {
            Some(r) => int_of(&call(vm, r, "query_creator", vec![])?) != 0,
            None => match vm.find_object(PLAYER_HANDLER) {
                Some(h) => int_of(&call(vm, &h, "test_creator", vec![Value::from(name.as_str())])?) != 0,
                None => false,
            },
        },
        _ => true,
    })
}

/// `int reference_allowed(object referee, object | string referrer =
/// this_player())`: whether `referrer` may refer to `referee`. Yes unless
/// the referee is an invisible creator (query_invis(), query_creator());
/// then its query_allowed() list (names, "playtesters" for players the
/// playtester handler knows) and its invisibility level decide: 1 needs a
/// creator, 2 the master's query_lord(name), 3 its high_programmer(name).
/// 0 (undefined) without a referee or referrer.
pub fn reference_allowed(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(referee) = live_object(&args[0]) else {
        return Ok(Value::Undefined);
    };
    let (referrer, name) = match args.get(1) {
        Some(Value::Str(s)) => (find_named(vm, s.as_str(), true), Some(s.to_string())),
        Some(v @ Value::Object(_)) => (live_object(v), None),
        _ => (vm.command_giver.clone().filter(|p| !p.is_destructed()), None),
    };
    if referrer.is_none() && name.is_none() {
        return Ok(Value::Undefined);
    }
    if vm.ext::<InReferenceAllowed>().0 {
        return Ok(Value::Int(1));
    }
    vm.ext::<InReferenceAllowed>().0 = true;
    let result = allowed(vm, &referee, referrer, name);
    vm.ext::<InReferenceAllowed>().0 = false;
    Ok(Value::Int(result? as i64))
}
