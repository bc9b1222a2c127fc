//! Looking into programs and objects (FluffOS contrib): functions,
//! variables, fetch_variable/store_variable, replaceable, test_load,
//! query_replaced_program; and core's all_previous_objects.

use super::classes::type_name;
use crate::args;
use crate::objects::{object_arg, object_or_this};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::{fn_flags, Program};
use ferrum_vm::value::Value;
use ferrum_vm::{ObjectRef, Vm};

/// `mixed *functions(object ob, int flags = 0)`: the names of every
/// function in `ob`'s program, inherited ones included (an overridden one
/// describes the override), or with flag 2 only those the program itself
/// defines; flag 1, one
/// `({ name, number of arguments, return type, argument types... })` each.
pub fn functions(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "functions")?;
    let flags = args::int_or(args, 1, 0);
    let verbose = flags & 1 != 0;
    // Flag 2: only the functions the object's own program defines.
    let own_only = flags & 2 != 0;
    let program = ob.program();
    // An override and the inherited function it replaces share a name;
    // the name is listed once.
    let mut seen = std::collections::HashSet::new();
    let list = program
        .ftable
        .iter()
        .filter(|slot| !own_only || slot.def.as_ref().is_some_and(|d| d.program_name == program.name))
        .filter(|slot| seen.insert(slot.name.as_str()))
        .map(|slot| {
            let name = Value::Str(slot.name.clone());
            if !verbose {
                return name;
            }
            let mut entry = vec![name];
            let visible = program
                .find_function_lstr(&slot.name)
                .map(|(_, s)| s.def.clone());
            match visible.unwrap_or_else(|| slot.def.clone()) {
                Some(def) => {
                    entry.push(Value::from(def.num_params as i64));
                    entry.push(Value::from(type_name(&def.return_type)));
                    entry.extend(def.param_types.iter().map(|t| Value::from(type_name(t))));
                }
                // A prototype nothing defines.
                None => {
                    entry.push(Value::Int(0));
                    entry.push(Value::from("mixed"));
                }
            }
            Value::array(entry)
        })
        .collect();
    Ok(Value::array(list))
}

/// `mixed *variables(object ob, int verbose = 0)`: the names of every
/// variable of `ob`, inherited ones first; verbose, `({ name, type })` each.
pub fn variables(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "variables")?;
    let verbose = args::int_or(args, 1, 0) != 0;
    let program = ob.program();
    let list = program
        .vars
        .iter()
        .map(|var| {
            let name = Value::Str(var.name.clone());
            if verbose {
                Value::array(vec![name, Value::from(type_name(&var.ty))])
            } else {
                name
            }
        })
        .collect();
    Ok(Value::array(list))
}

/// The slot of variable `name` in `ob` (the object's own declaration wins
/// over an inherited one of the same name).
fn variable_slot(ob: &ObjectRef, name: &str) -> VmResult<usize> {
    let program = ob.program();
    program
        .vars
        .iter()
        .rposition(|v| v.name.as_str() == name)
        .ok_or_else(|| LpcError::new(format!("No variable named '{}'!", name)))
}

/// The object argument at `i`, or the running object.
fn target(vm: &Vm, args: &[Value], i: usize, efun: &str) -> VmResult<ObjectRef> {
    object_or_this(vm, args, i, efun)
}

/// `mixed fetch_variable(string name, object ob = this_object())`.
pub fn fetch_variable(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = target(vm, args, 1, "fetch_variable")?;
    let slot = variable_slot(&ob, args::string(args, 0)?)?;
    let value = ob.vars().get(slot).cloned().unwrap_or_default();
    Ok(value.live())
}

/// `void store_variable(string name, mixed value, object ob = this_object())`.
pub fn store_variable(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = target(vm, args, 2, "store_variable")?;
    let slot = variable_slot(&ob, args::string(args, 0)?)?;
    let value = args::take(args, 1);
    if let Some(var) = ob.vars_mut().get_mut(slot) {
        *var = value;
    }
    Ok(Value::Int(0))
}

/// `int replaceable(object ob, string *ignore = ({ "create" }))`: 1 when
/// `ob`'s own program defines no function other than those ignored (so
/// `replace_program()` loses nothing).
pub fn replaceable(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "replaceable")?;
    let ignored: Vec<String> = match args::opt(args, 1) {
        Value::Array(a) => a
            .borrow()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => vec!["create".to_string()],
    };
    let program = ob.program();
    let defines_own = program.ftable.iter().any(|slot| {
        let own =
            slot.flags & (fn_flags::INHERITED | fn_flags::PROTOTYPE) == 0 && slot.def.is_some();
        own && !ignored.iter().any(|n| n == slot.name.as_str())
    });
    Ok(Value::from(!defines_own))
}

/// `int test_load(string file)`: 1 when `file` is loaded or compiles, 0
/// when it does not compile. No object is made and create() does not run.
pub fn test_load(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    if vm.find_object(&path).is_some() {
        return Ok(Value::Int(1));
    }
    let name = match ferrum_vm::interp::normalize_object_path(&path) {
        Ok(name) => name,
        Err(_) => return Ok(Value::Int(0)),
    };
    let host = vm.host.clone();
    Ok(Value::from(host.compile(vm, &name).is_ok()))
}

/// `string query_replaced_program(object ob = this_object())`: the program
/// `replace_program()` gave `ob` ("/std/room.c"), or 0.
pub fn query_replaced_program(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = target(vm, args, 0, "query_replaced_program")?;
    let replaced = ob.state().replaced_program.clone();
    Ok(replaced.map(Value::Str).unwrap_or(Value::Int(0)))
}

/// `object *all_previous_objects()`: every previous object, innermost
/// first (FluffOS's alias of `previous_object(-1)`; an argument makes it
/// `previous_object(n)`).
pub fn all_previous_objects(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let as_value = |o: Option<ObjectRef>| {
        o.filter(|o| !o.is_destructed())
            .map(Value::Object)
            .unwrap_or(Value::Int(0))
    };
    match args::int_or(args, 0, -1) {
        -1 => Ok(Value::array(
            vm.all_previous_objects()
                .into_iter()
                .map(as_value)
                .collect(),
        )),
        n if n < 0 => Err(LpcError::new("Bad argument 1 to previous_object()")),
        n => Ok(as_value(vm.previous_object(n as usize))),
    }
}

/// The parts `program_info()` reports, in order ("total size" follows).
pub const PROGRAM_SIZE_KEYS: [&str; 7] = [
    "header size",
    "code size",
    "function size",
    "var size",
    "class size",
    "inherit size",
    "saved type size",
];

/// Estimated sizes of a program's parts, as `PROGRAM_SIZE_KEYS` names
/// them.
pub fn program_sizes(program: &Program) -> [i64; 7] {
    const OP: i64 = 12;
    let own_defs = program
        .ftable
        .iter()
        .filter(|f| f.flags & fn_flags::INHERITED == 0)
        .filter_map(|f| f.def.as_ref());
    let (mut code, mut consts, mut types) = (0i64, 0i64, 0i64);
    for def in own_defs {
        code += OP * def.code.len() as i64 + 8 * def.lines.len() as i64;
        consts += 16 * def.consts.len() as i64;
        types += 2 * (def.param_types.len() as i64 + 1);
    }
    let classes: i64 = program
        .classes
        .iter()
        .map(|c| 16 + 16 * c.fields.len() as i64)
        .sum();
    [
        232,
        code + consts,
        24 * program.ftable.len() as i64,
        16 * program.vars.len() as i64,
        classes,
        24 * program.inherits.len() as i64,
        types,
    ]
}
