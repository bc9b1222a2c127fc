//! Mapping efuns: allocate_mapping, keys, values, map_delete, match_path,
//! unique_mapping, and the mapping forms of filter/map (`filter_mapping`,
//! `map_mapping`, which share `filter`/`map`'s implementation).

use crate::args;
use crate::arrays::callback::Callback;
use crate::arrays::map_filter;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{Mapping, Value};
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "mapping allocate_mapping(int | mixed *, void | mixed)",
        allocate_mapping
    ),
    efun!("mixed *keys(mapping)", keys),
    efun!("mixed *values(mapping)", values),
    efun!("void map_delete(mapping, mixed)", map_delete),
    efun!("mixed match_path(mapping, string)", match_path),
    efun!(
        "mapping unique_mapping(mixed *, string | function, ...)",
        unique_mapping
    ),
    efun!(
        "mapping filter_mapping(mapping, string | function, ...)",
        map_filter::filter_mapping
    ),
    efun!(
        "mapping map_mapping(mapping, string | function, ...)",
        map_filter::map_mapping_efun
    ),
];

/// `mapping allocate_mapping(int size)` gives an empty mapping (the size
/// is only a hint); `allocate_mapping(mixed *keys, mixed *values)` pairs
/// two arrays; `allocate_mapping(mixed *keys, function f)` maps each key to
/// `f(key)`; `allocate_mapping(mixed *keys, mixed value)` gives every key
/// the same value.
pub fn allocate_mapping(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let bad_arg1 = || LpcError::new("Bad argument 1 to allocate_mapping()");
    if args.len() == 2 {
        let keys = match &args[0] {
            Value::Array(a) => a.to_vec(),
            _ => return Err(bad_arg1()),
        };
        let m = Mapping::with_capacity(keys.len());
        match &args[1] {
            Value::Array(vals) => {
                let vals = vals.to_vec();
                if vals.len() != keys.len() {
                    return Err(LpcError::new(
                        "Arrays passed to allocate_mapping() must be the same size",
                    ));
                }
                for (k, v) in keys.into_iter().zip(vals) {
                    m.insert(k, v);
                }
            }
            Value::Function(fp) => {
                let fp = fp.clone();
                for k in keys {
                    let v = vm.call_function(&fp, vec![k.clone()])?;
                    m.insert(k, v);
                }
            }
            fill => {
                for k in keys {
                    m.insert(k, fill.clone());
                }
            }
        }
        return Ok(Value::Mapping(m));
    }
    match &args[0] {
        Value::Int(n) => {
            let hint = (*n)
                .clamp(0, vm.limits.max_mapping_size as i64)
                .min(1 << 16) as usize;
            Ok(Value::Mapping(Mapping::with_capacity(hint)))
        }
        Value::Undefined => Ok(Value::Mapping(Mapping::new())),
        _ => Err(bad_arg1()),
    }
}

/// `mixed *keys(mapping)`: in the same order as `values()`.
pub fn keys(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::array(args::mapping(args, 0)?.keys()))
}

/// `mixed *values(mapping)`: in the same order as `keys()`.
pub fn values(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::array(args::mapping(args, 0)?.values()))
}

/// `void map_delete(mapping, mixed key)`: removes the key if present.
pub fn map_delete(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let m = args::mapping(args, 0)?;
    m.remove(&args[1]);
    Ok(Value::Undefined)
}

/// `mixed match_path(mapping, string path)`: the value of the longest
/// prefix of `path`, cut at a '/', that is a key. A key "dir/" matches
/// everything below dir; repeated slashes count as one and a trailing
/// slash is ignored. Undefined when nothing matches.
pub fn match_path(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let m = args::mapping(args, 0)?;
    let path = args::string(args, 1)?.as_bytes();
    let mut best = Value::Undefined;
    let mut prefix: Vec<u8> = Vec::with_capacity(path.len() + 1);
    let mut i = 0;
    while i < path.len() {
        while i < path.len() && path[i] != b'/' {
            prefix.push(path[i]);
            i += 1;
        }
        if i < path.len() {
            while i < path.len() && path[i] == b'/' {
                i += 1;
            }
            if i < path.len() || prefix.is_empty() {
                prefix.push(b'/');
            }
        }
        // Cutting only at '/' keeps the prefix valid UTF-8.
        let key = Value::from(String::from_utf8_lossy(&prefix).into_owned());
        if let Some(v) = m.get(&key) {
            best = v;
        }
    }
    Ok(best)
}

/// `mapping unique_mapping(mixed *arr, string | function f, ...)`: groups
/// the elements by `f(element, extra...)` into a mapping from key to the
/// elements with that key. As in FluffOS each group lists its elements
/// in reverse order, and a function name that does not exist groups
/// everything under 0.
pub fn unique_mapping(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let arr = args::array(args, 0)?;
    let result = Mapping::new();
    if arr.is_empty() {
        return Ok(Value::Mapping(result));
    }
    let cb = Callback::from_args(vm, args, 1, "unique_mapping")?;
    let items = arr.to_vec();
    let mut groups: indexmap::IndexMap<Value, Vec<Value>, rustc_hash::FxBuildHasher> =
        Default::default();
    for item in items.into_iter().rev() {
        let key = cb.call(vm, vec![item.clone()])?.unwrap_or(Value::Int(0));
        groups.entry(key).or_default().push(item);
    }
    // FluffOS groups by sorting on the key, so keys come out in sorted
    // order; with insertion-ordered mappings that order is visible. A total
    // order: numbers, then strings, then everything else in first-seen order.
    let mut groups: Vec<(Value, Vec<Value>)> = groups.into_iter().collect();
    groups.sort_by(|(a, _), (b, _)| {
        let rank = |v: &Value| match v {
            Value::Str(_) => 1,
            v if v.as_number().is_some() => 0,
            _ => 2,
        };
        rank(a).cmp(&rank(b)).then_with(|| match (a, b) {
            (Value::Str(x), Value::Str(y)) => x.as_str().cmp(y.as_str()),
            _ => match (a.as_number(), b.as_number()) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                _ => std::cmp::Ordering::Equal,
            },
        })
    });
    for (k, members) in groups {
        result.insert(k, Value::array(members));
    }
    Ok(Value::Mapping(result))
}

#[cfg(test)]
mod tests {
    use crate::arrays::testutil::*;
    use ferrum_vm::program::Op;
    use ferrum_vm::value::{Mapping, Value};

    fn map_of(pairs: Vec<(Value, Value)>) -> Value {
        Value::Mapping(Mapping::from_pairs(pairs))
    }

    fn get(m: &Value, k: Value) -> Option<Value> {
        m.as_mapping().unwrap().get(&k)
    }

    #[test]
    fn allocate_mapping_forms() {
        let mut vm = vm();
        let m = call(&mut vm, "allocate_mapping", vec![Value::Int(10)]);
        assert_eq!(m.as_mapping().unwrap().len(), 0);
        let m = call(&mut vm, "allocate_mapping", vec![Value::Int(-3)]);
        assert_eq!(m.as_mapping().unwrap().len(), 0);
        let m = call(
            &mut vm,
            "allocate_mapping",
            vec![ints(&[1, 2]), ints(&[10, 20])],
        );
        assert_eq!(get(&m, Value::Int(2)).unwrap().as_int(), Some(20));
        let m = call(
            &mut vm,
            "allocate_mapping",
            vec![ints(&[1, 2, 1]), Value::from("x")],
        );
        assert_eq!(m.as_mapping().unwrap().len(), 2);
        assert_eq!(get(&m, Value::Int(1)).unwrap().as_str(), Some("x"));
        // A function computes each value from its key.
        let ob = object(&mut vm, "/t/am");
        let times3 = lambda(&ob, 1, vec![Op::Local(0), Op::Int(3), Op::Mul, Op::Return]);
        let m = call(&mut vm, "allocate_mapping", vec![ints(&[1, 2]), times3]);
        assert_eq!(get(&m, Value::Int(2)).unwrap().as_int(), Some(6));
    }

    #[test]
    fn allocate_mapping_errors() {
        let mut vm = vm();
        assert_eq!(
            call_err(&mut vm, "allocate_mapping", vec![ints(&[1]), ints(&[1, 2])]),
            "*Arrays passed to allocate_mapping() must be the same size\n"
        );
        assert_eq!(
            call_err(&mut vm, "allocate_mapping", vec![ints(&[1])]),
            "*Bad argument 1 to allocate_mapping()\n"
        );
        assert_eq!(
            call_err(
                &mut vm,
                "allocate_mapping",
                vec![Value::Int(1), Value::Int(2)]
            ),
            "*Bad argument 1 to allocate_mapping()\n"
        );
        // An error in the value function propagates.
        let sqrt = efun_ptr(&vm, "sqrt");
        let err = call_err(
            &mut vm,
            "allocate_mapping",
            vec![Value::array(vec![Value::Float(-1.0)]), sqrt],
        );
        assert_eq!(err, "*math: sqrt(x) with (x < 0.0)\n");
    }

    #[test]
    fn keys_values_and_delete() {
        let mut vm = vm();
        let m = map_of(vec![
            (Value::from("a"), Value::Int(1)),
            (Value::from("b"), Value::Int(2)),
        ]);
        let k = call(&mut vm, "keys", vec![m.clone()]);
        let v = call(&mut vm, "values", vec![m.clone()]);
        let k = k.as_array().unwrap().to_vec();
        let v = v.as_array().unwrap().to_vec();
        assert_eq!(k.len(), 2);
        for (key, val) in k.iter().zip(&v) {
            assert_eq!(get(&m, key.clone()).unwrap().as_int(), val.as_int());
        }
        call(&mut vm, "map_delete", vec![m.clone(), Value::from("a")]);
        call(&mut vm, "map_delete", vec![m.clone(), Value::from("zz")]);
        assert_eq!(m.as_mapping().unwrap().len(), 1);
        assert!(get(&m, Value::from("a")).is_none());
        assert!(vm.call_efun_by_name("keys", vec![ints(&[1])]).is_err());
    }

    #[test]
    fn match_path_rules() {
        let mut vm = vm();
        let m = map_of(vec![
            (Value::from("foo/"), Value::Int(1)),
            (Value::from("bar"), Value::Int(2)),
            (Value::from("bazz/foo"), Value::Int(3)),
            (Value::from("foo/bar/bazz"), Value::Int(4)),
        ]);
        let mp = |vm: &mut ferrum_vm::Vm, p: &str| {
            call(vm, "match_path", vec![m.clone(), Value::from(p)])
        };
        assert!(mp(&mut vm, "kajdfj").is_undefined());
        assert_eq!(mp(&mut vm, "bar").as_int(), Some(2));
        assert_eq!(mp(&mut vm, "bar/").as_int(), Some(2));
        assert_eq!(mp(&mut vm, "bazz//foo").as_int(), Some(3));
        assert_eq!(mp(&mut vm, "bazz/foo//").as_int(), Some(3));
        assert_eq!(mp(&mut vm, "foo/bar").as_int(), Some(1));
        assert_eq!(mp(&mut vm, "foo/bar/bazz").as_int(), Some(4));
        assert!(mp(&mut vm, "").is_undefined());
        let root = map_of(vec![(Value::from("/"), Value::Int(9))]);
        assert_eq!(
            call(&mut vm, "match_path", vec![root, Value::from("/x/y")]).as_int(),
            Some(9)
        );
    }

    #[test]
    fn unique_mapping_groups_in_reverse() {
        let mut vm = vm();
        let ob = object(&mut vm, "/t/um");
        let odd = lambda(&ob, 1, vec![Op::Local(0), Op::Int(2), Op::Mod, Op::Return]);
        let m = call(&mut vm, "unique_mapping", vec![ints(&[1, 2, 3, 4, 5]), odd]);
        assert_eq!(int_vec(&get(&m, Value::Int(0)).unwrap()), vec![4, 2]);
        assert_eq!(int_vec(&get(&m, Value::Int(1)).unwrap()), vec![5, 3, 1]);
        // A missing named function puts everything under 0.
        let runner = object_running(&mut vm, "/t/um_run", "unique_mapping", 2, vec![]);
        let m = run(
            &mut vm,
            &runner,
            vec![ints(&[1, 2, 3]), Value::from("none")],
        )
        .unwrap();
        assert_eq!(int_vec(&get(&m, Value::Int(0)).unwrap()), vec![3, 2, 1]);
        // Extra arguments follow the element.
        let sum = lambda(
            &ob,
            2,
            vec![Op::Local(0), Op::Local(1), Op::Add, Op::Return],
        );
        let m = call(
            &mut vm,
            "unique_mapping",
            vec![ints(&[1, 2]), sum, Value::Int(10)],
        );
        assert_eq!(int_vec(&get(&m, Value::Int(12)).unwrap()), vec![2]);
        let empty = call(&mut vm, "unique_mapping", vec![ints(&[]), Value::from("x")]);
        assert_eq!(empty.as_mapping().unwrap().len(), 0);
        // Errors in the callback propagate.
        let sqrt = efun_ptr(&vm, "sqrt");
        let err = call_err(
            &mut vm,
            "unique_mapping",
            vec![Value::array(vec![Value::Float(-1.0)]), sqrt],
        );
        assert_eq!(err, "*math: sqrt(x) with (x < 0.0)\n");
    }

    #[test]
    fn mapping_aliases_of_map_and_filter() {
        let mut vm = vm();
        let ob = object(&mut vm, "/t/mm");
        let m = map_of(vec![
            (Value::Int(1), Value::Int(2)),
            (Value::Int(0), Value::Int(3)),
        ]);
        let key = lambda(&ob, 2, vec![Op::Local(0), Op::Return]);
        let r = call(&mut vm, "map_mapping", vec![m.clone(), key.clone()]);
        assert_eq!(get(&r, Value::Int(1)).unwrap().as_int(), Some(1));
        assert_eq!(get(&r, Value::Int(0)).unwrap().as_int(), Some(0));
        // The original is untouched.
        assert_eq!(get(&m, Value::Int(1)).unwrap().as_int(), Some(2));
        let r = call(&mut vm, "filter_mapping", vec![m, key]);
        assert_eq!(r.as_mapping().unwrap().len(), 1);
        assert_eq!(get(&r, Value::Int(1)).unwrap().as_int(), Some(2));
    }
}
