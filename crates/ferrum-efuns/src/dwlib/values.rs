//! dwlib's value helpers: roulette_wheel and replace_objects.

use crate::args;
use crate::math::random_below;
use crate::runtime::master::master_apply;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::ClassInstance;
use ferrum_vm::{bail, Mapping, Value, Vm};

/// `mixed roulette_wheel(mapping weights)`: a key picked at random, each
/// with a chance proportional to its value (a non-negative int).
pub fn roulette_wheel(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let pairs = args::mapping(args, 0)?.pairs();
    if pairs.is_empty() {
        bail!("empty mapping in roulette_wheel.");
    }
    let mut total: i64 = 0;
    for (_, w) in &pairs {
        match w {
            Value::Int(n) if *n >= 0 => total = total.saturating_add(*n),
            _ => bail!("Weights must be non-negative integers."),
        }
    }
    if total == 0 {
        bail!("roulette_wheel: every weight is 0.");
    }
    let mut pick = random_below(vm, total);
    for (k, w) in pairs {
        let w = w.as_int().unwrap_or(0);
        if pick < w {
            return Ok(k);
        }
        pick -= w;
    }
    unreachable!("the pick is below the total")
}

/// An object as replace_objects() shows it: its name without the leading
/// '/', and what the master's object_name() says of it in quotes.
fn object_text(vm: &mut Vm, v: &Value) -> VmResult<Value> {
    let Value::Object(ob) = v else { return Ok(v.clone()) };
    let name = ob.name().to_string();
    let mut text = name.trim_start_matches('/').to_string();
    if ob.is_destructed() {
        text.push_str(" (destructed)");
    } else if let Some(Value::Str(s)) = master_apply(vm, "object_name", vec![v.clone()])? {
        text.push_str(&format!(" (\"{}\")", s));
    }
    Ok(Value::from(text))
}

fn replaced(vm: &mut Vm, v: &Value, depth: usize) -> VmResult<Value> {
    if depth > 1000 {
        bail!("replace_objects: value nested too deeply.");
    }
    Ok(match v {
        Value::Object(_) => object_text(vm, v)?,
        Value::Array(a) => {
            let items = a.to_vec();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(replaced(vm, x, depth + 1)?);
            }
            Value::array(out)
        }
        Value::Class(c) => {
            let fields = c.fields.borrow().clone();
            let mut out = Vec::with_capacity(fields.len());
            for x in &fields {
                out.push(replaced(vm, x, depth + 1)?);
            }
            Value::Class(ClassInstance::new(c.def.clone(), out))
        }
        Value::Mapping(m) => {
            let out = Mapping::new();
            for (k, x) in m.pairs() {
                let k = replaced(vm, &k, depth + 1)?;
                let x = replaced(vm, &x, depth + 1)?;
                out.insert(k, x);
            }
            Value::Mapping(out)
        }
        other => other.clone(),
    })
}

/// `mixed replace_objects(mixed v)`: a copy of `v` in which every object
/// (inside arrays, classes and mappings too) is a string naming it, for
/// printing or saving.
pub fn replace_objects(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let v = args[0].clone();
    replaced(vm, &v, 0)
}
