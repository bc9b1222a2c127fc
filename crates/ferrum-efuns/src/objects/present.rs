//! `present()`: finding an object by `id()` or checking where one is.

use super::{current_object, object_value};
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

/// `present(id | ob [, env])`.
///
/// With an id: the first object in `env`'s inventory whose `id(name)` is
/// true; "name N" asks for the N-th such object. Without `env`, this
/// object's inventory is searched, then its environment itself (by the
/// whole id) and the environment's inventory.
///
/// With an object: given `env`, the object if it is directly in `env`;
/// without, the object's environment when that is this object or this
/// object's environment (a FluffOS quirk: not the object itself).
pub fn present(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let env = match args.get(1) {
        Some(Value::Object(o)) if !o.is_destructed() => Some(o.clone()),
        _ => None,
    };
    let specific = env.is_some();
    let here = match env {
        Some(e) => e,
        None => current_object(vm, "present")?,
    };
    match &args[0] {
        Value::Object(ob) if !ob.is_destructed() => {
            let around = ob.state().environment.clone();
            let found = if specific {
                (around.as_ref() == Some(&here)).then(|| ob.clone())
            } else {
                let here_env = here.state().environment.clone();
                match around {
                    Some(a)
                        if a == here || (here_env.is_some() && here_env.as_ref() == Some(&a)) =>
                    {
                        Some(a)
                    }
                    _ => None,
                }
            };
            Ok(object_value(found))
        }
        Value::Str(id) => {
            let id = id.to_string();
            Ok(object_value(present_by_id(vm, &id, &here, specific)?))
        }
        _ => Ok(Value::Int(0)),
    }
}

fn present_by_id(
    vm: &mut Vm,
    id: &str,
    here: &ObjectRef,
    specific: bool,
) -> VmResult<Option<ObjectRef>> {
    let inventory = here.state().inventory.clone();
    if let Some(found) = find_in(vm, id, &inventory)? {
        return Ok(Some(found));
    }
    if specific {
        return Ok(None);
    }
    let Some(env) = here.state().environment.clone() else {
        return Ok(None);
    };
    let answer = vm.apply(&env, "id", vec![Value::from(id)])?;
    if env.is_destructed() {
        return Ok(None);
    }
    if answer.is_some_and(|v| v.is_yes()) {
        return Ok(Some(env));
    }
    let inventory = env.state().inventory.clone();
    find_in(vm, id, &inventory)
}

/// Splits "name N" into ("name", N) when everything after the last space
/// is digits; otherwise the whole text is the name.
fn split_count(id: &str) -> (&str, i64) {
    if id.ends_with(|c: char| c.is_ascii_digit()) {
        if let Some(space) = id.rfind(' ') {
            let digits = &id[space + 1..];
            if digits.bytes().all(|b| b.is_ascii_digit()) {
                let n = digits.parse::<i64>().unwrap_or(i64::MAX);
                return (&id[..space], n);
            }
        }
    }
    (id, 0)
}

fn find_in(vm: &mut Vm, id: &str, objects: &[ObjectRef]) -> VmResult<Option<ObjectRef>> {
    if id.is_empty() {
        return Ok(None);
    }
    let (name, mut count) = split_count(id);
    for ob in objects {
        if ob.is_destructed() || !super::hide::visible(vm, ob)? {
            continue;
        }
        let answer = vm.apply(ob, "id", vec![Value::from(name)])?;
        if ob.is_destructed() {
            return Ok(None);
        }
        if !answer.is_some_and(|v| v.is_yes()) {
            continue;
        }
        count -= 1;
        if count > 0 {
            continue;
        }
        return Ok(Some(ob.clone()));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::split_count;

    #[test]
    fn splits_a_trailing_count() {
        assert_eq!(split_count("foo 2"), ("foo", 2));
        assert_eq!(split_count("foo bar 10"), ("foo bar", 10));
        assert_eq!(split_count("foo 10 "), ("foo 10 ", 0));
        assert_eq!(split_count("foo a1"), ("foo a1", 0));
        assert_eq!(split_count("foo1"), ("foo1", 0));
        assert_eq!(split_count("foo 0"), ("foo", 0));
    }
}
