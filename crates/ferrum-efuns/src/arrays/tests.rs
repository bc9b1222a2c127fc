use super::testutil::*;
use ferrum_vm::program::Op;
use ferrum_vm::value::{Mapping, Value};

#[test]
fn allocate_sizes_fills_and_errors() {
    let mut vm = vm();
    assert_eq!(
        int_vec(&call(&mut vm, "allocate", vec![Value::Int(3)])),
        vec![0, 0, 0]
    );
    assert_eq!(
        call(&mut vm, "allocate", vec![Value::Int(0)])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let filled = call(&mut vm, "allocate", vec![Value::Int(2), Value::from("x")]);
    assert_eq!(
        filled.as_array().unwrap().get(1).unwrap().as_str(),
        Some("x")
    );
    let ob = object(&mut vm, "/t/alloc");
    let ident = lambda(&ob, 1, vec![Op::Local(0), Op::Return]);
    assert_eq!(
        int_vec(&call(&mut vm, "allocate", vec![Value::Int(4), ident])),
        vec![0, 1, 2, 3]
    );
    for n in [-10, 0x1_0000_0001i64 * 10_000, -0x1_0000_0000 + 2] {
        assert_eq!(
            call_err(&mut vm, "allocate", vec![Value::Int(n)]),
            "*Illegal array size.\n"
        );
    }
    // The fill function's errors propagate.
    let sqrt = efun_ptr(&vm, "sqrt");
    let roots = call(&mut vm, "allocate", vec![Value::Int(2), sqrt]);
    assert_eq!(float(&roots.as_array().unwrap().get(1).unwrap()), 1.0);
    // log10(0) fails on the first element.
    let log = efun_ptr(&vm, "log10");
    assert_eq!(
        call_err(&mut vm, "allocate", vec![Value::Int(2), log]),
        "*math: log10(x) with (x <= 0.0)\n"
    );
}

#[test]
fn member_array_in_arrays() {
    let mut vm = vm();
    let ma =
        |vm: &mut ferrum_vm::Vm, args: Vec<Value>| call(vm, "member_array", args).as_int().unwrap();
    assert_eq!(ma(&mut vm, vec![Value::Int(2), ints(&[1, 2, 3])]), 1);
    assert_eq!(ma(&mut vm, vec![Value::Int(9), ints(&[1, 2, 3])]), -1);
    let mixed = Value::array(vec![Value::Int(1), Value::from("foo"), Value::Float(1.0)]);
    assert_eq!(ma(&mut vm, vec![Value::from("foo"), mixed.clone()]), 1);
    // Types must agree: 1.0 is not 1.
    assert_eq!(ma(&mut vm, vec![Value::Float(1.0), mixed.clone()]), 2);
    assert_eq!(
        ma(
            &mut vm,
            vec![Value::Int(1), Value::array(vec![Value::Float(1.0)])]
        ),
        -1
    );
    // Start index, reverse search, prefix match.
    assert_eq!(
        ma(
            &mut vm,
            vec![Value::Int(1), ints(&[1, 0, 1]), Value::Int(1)]
        ),
        2
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![
                Value::Int(1),
                ints(&[1, 0, 1]),
                Value::Int(0),
                Value::Int(2)
            ]
        ),
        2
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![
                Value::Int(99),
                ints(&[1, 2, 3]),
                Value::Int(0),
                Value::Int(2)
            ]
        ),
        -1
    );
    let words = Value::array(vec![Value::from("apple"), Value::from("banana")]);
    assert_eq!(
        ma(
            &mut vm,
            vec![
                Value::from("ban"),
                words.clone(),
                Value::Int(0),
                Value::Int(1)
            ]
        ),
        1
    );
    assert_eq!(ma(&mut vm, vec![Value::from("ban"), words]), -1);
    // Arrays match by identity.
    let inner = ints(&[1]);
    let outer = Value::array(vec![ints(&[1]), inner.clone()]);
    assert_eq!(ma(&mut vm, vec![inner, outer]), 1);
    // A destructed object in the array matches 0.
    let ob = object(&mut vm, "/t/ma");
    let arr = Value::array(vec![Value::Int(5), Value::Object(ob.clone())]);
    vm.destruct(&ob);
    assert_eq!(ma(&mut vm, vec![Value::Int(0), arr]), 1);
    assert_eq!(
        call_err(
            &mut vm,
            "member_array",
            vec![Value::Int(1), ints(&[1]), Value::Int(-1)]
        ),
        "*Bad Argument 3 to member_array()\n"
    );
}

#[test]
fn member_array_predicates_and_functions() {
    let mut vm = vm();
    let ob = object(&mut vm, "/t/pred");
    let big = lambda(&ob, 1, vec![Op::Local(0), Op::Int(10), Op::Gt, Op::Return]);
    let ma =
        |vm: &mut ferrum_vm::Vm, args: Vec<Value>| call(vm, "member_array", args).as_int().unwrap();
    assert_eq!(
        ma(
            &mut vm,
            vec![
                big.clone(),
                ints(&[1, 5, 42, 77]),
                Value::Int(0),
                Value::Int(4)
            ]
        ),
        2
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![big.clone(), ints(&[1, 5]), Value::Int(0), Value::Int(4)]
        ),
        -1
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![
                big.clone(),
                ints(&[1, 5, 42, 77]),
                Value::Int(0),
                Value::Int(6)
            ]
        ),
        3
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![
                big.clone(),
                ints(&[42, 1, 5, 77]),
                Value::Int(1),
                Value::Int(4)
            ]
        ),
        3
    );
    // Without flag 4 a function matches by identity.
    let arr = Value::array(vec![Value::Int(0), big.clone(), Value::Int(2)]);
    assert_eq!(ma(&mut vm, vec![big, arr]), 1);
}

#[test]
fn member_array_in_strings() {
    let mut vm = vm();
    let ma =
        |vm: &mut ferrum_vm::Vm, args: Vec<Value>| call(vm, "member_array", args).as_int().unwrap();
    assert_eq!(
        ma(&mut vm, vec![Value::Int('c' as i64), Value::from("foo")]),
        -1
    );
    assert_eq!(
        ma(&mut vm, vec![Value::Int('b' as i64), Value::from("abar")]),
        1
    );
    assert_eq!(
        ma(
            &mut vm,
            vec![Value::Int('y' as i64), Value::from("xyzzy"), Value::Int(2)]
        ),
        4
    );
    assert_eq!(
        ma(&mut vm, vec![Value::Int('é' as i64), Value::from("caé")]),
        2
    );
    assert_eq!(
        call_err(
            &mut vm,
            "member_array",
            vec![
                Value::Int('a' as i64),
                Value::from("a"),
                Value::Int(0),
                Value::Int(2)
            ]
        ),
        "*member_array: can not search backwards in strings\n"
    );
    assert_eq!(
        call_err(
            &mut vm,
            "member_array",
            vec![Value::Int('a' as i64), Value::from("a"), Value::Int(5)]
        ),
        "*Index to start search from in member_array() is > string length.\n"
    );
    assert!(vm
        .call_efun_by_name("member_array", vec![Value::from("a"), Value::from("abc")])
        .is_err());
}

#[test]
fn sort_array_builtin() {
    let mut vm = vm();
    let arr = ints(&[4, 3, 2, 1]);
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "sort_array",
            vec![arr.clone(), Value::Int(1)]
        )),
        vec![1, 2, 3, 4]
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "sort_array",
            vec![arr.clone(), Value::Int(-1)]
        )),
        vec![4, 3, 2, 1]
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "sort_array",
            vec![ints(&[3, 1, 2]), Value::Int(0)]
        )),
        vec![1, 2, 3]
    );
    // The argument is not modified.
    assert_eq!(int_vec(&arr), vec![4, 3, 2, 1]);
    let words = Value::array(vec![Value::from("b"), Value::from("B"), Value::from("a")]);
    let sorted = call(&mut vm, "sort_array", vec![words, Value::Int(1)]);
    let got: Vec<String> = sorted
        .as_array()
        .unwrap()
        .to_vec()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, vec!["B", "a", "b"]);
    let nested = Value::array(vec![ints(&[2, 0]), ints(&[1, 9])]);
    let sorted = call(&mut vm, "sort_array", vec![nested, Value::Int(1)]);
    assert_eq!(
        int_vec(&sorted.as_array().unwrap().get(0).unwrap()),
        vec![1, 9]
    );
    let mixed = Value::array(vec![Value::Int(1), Value::Float(0.5)]);
    assert_eq!(
        call_err(&mut vm, "sort_array", vec![mixed, Value::Int(1)]),
        "*built-in sort_array() can only handle homogeneous arrays of strings/ints/floats/arrays\n"
    );
    let with_empty = Value::array(vec![ints(&[]), ints(&[1])]);
    assert_eq!(
        call_err(&mut vm, "sort_array", vec![with_empty, Value::Int(1)]),
        "*Illegal to have empty array in array for sort_array()\n"
    );
}

#[test]
fn sort_array_with_callbacks() {
    let mut vm = vm();
    let cmp_code = vec![Op::Local(0), Op::Local(1), Op::Sub, Op::Return];
    let ob = object_running(
        &mut vm,
        "/t/sorter",
        "sort_array",
        2,
        vec![("cmp", 2, cmp_code.clone())],
    );
    let by_diff = lambda(&ob, 2, cmp_code);
    let rev = lambda(
        &ob,
        2,
        vec![Op::Local(1), Op::Local(0), Op::Sub, Op::Return],
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "sort_array",
            vec![ints(&[4, 3, 2, 1]), by_diff]
        )),
        vec![1, 2, 3, 4]
    );
    assert_eq!(
        int_vec(&call(&mut vm, "sort_array", vec![ints(&[1, 3, 2]), rev])),
        vec![3, 2, 1]
    );
    // A function name is called in this_object().
    assert_eq!(
        int_vec(&run(&mut vm, &ob, vec![ints(&[4, 1, 3]), Value::from("cmp")]).unwrap()),
        vec![1, 3, 4]
    );
    // Extra arguments follow the two elements: compare by (a - b) * sign.
    let signed = lambda(
        &ob,
        3,
        vec![
            Op::Local(0),
            Op::Local(1),
            Op::Sub,
            Op::Local(2),
            Op::Mul,
            Op::Return,
        ],
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "sort_array",
            vec![ints(&[1, 3, 2]), signed, Value::Int(-1)]
        )),
        vec![3, 2, 1]
    );
    // Stable: equal keys keep their order (compare pairs by first element).
    let first = lambda(
        &ob,
        2,
        vec![
            Op::Local(0),
            Op::Int(0),
            Op::Index,
            Op::Local(1),
            Op::Int(0),
            Op::Index,
            Op::Sub,
            Op::Return,
        ],
    );
    let pairs = Value::array((0..20).map(|i| ints(&[i % 2, i])).collect());
    let sorted = call(&mut vm, "sort_array", vec![pairs, first]);
    let seconds: Vec<i64> = sorted
        .as_array()
        .unwrap()
        .to_vec()
        .iter()
        .map(|p| int_vec(p)[1])
        .collect();
    let want: Vec<i64> = (0..20).step_by(2).chain((1..20).step_by(2)).collect();
    assert_eq!(seconds, want);
    // Errors in the comparator propagate.
    let pow = efun_ptr(&vm, "acos");
    let err = call_err(
        &mut vm,
        "sort_array",
        vec![
            Value::array(vec![Value::Float(2.0), Value::Float(3.0)]),
            pow,
        ],
    );
    assert!(
        err.starts_with("*Too many") || err.contains("acos"),
        "{}",
        err
    );
    let bad = lambda(
        &ob,
        2,
        vec![Op::Local(0), Op::Int(0), Op::Index, Op::Return],
    );
    assert!(vm
        .call_efun_by_name("sort_array", vec![ints(&[1, 2]), bad])
        .is_err());
}

#[test]
fn filter_and_map_over_arrays() {
    let mut vm = vm();
    let fns = vec![
        ("whatever1", 3, vec![Op::Local(0), Op::Return]),
        ("whatever2", 3, vec![Op::Local(1), Op::Return]),
        (
            "double",
            1,
            vec![Op::Local(0), Op::Int(2), Op::Mul, Op::Return],
        ),
    ];
    let ob = object_running(&mut vm, "/t/fm", "filter", 2, fns);
    let ident = lambda(&ob, 1, vec![Op::Local(0), Op::Return]);
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "filter",
            vec![ints(&[1, 2, 0, 3]), ident.clone()]
        )),
        vec![1, 2, 3]
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "filter_array",
            vec![ints(&[0, 4]), ident.clone()]
        )),
        vec![4]
    );
    assert_eq!(
        int_vec(&call(
            &mut vm,
            "map",
            vec![ints(&[1, 2, 0, 3]), ident.clone()]
        )),
        vec![1, 2, 0, 3]
    );
    // 0.0 counts as true for filter: only the number 0 drops an element.
    let abs = efun_ptr(&vm, "abs");
    let floats = Value::array(vec![Value::Float(0.0), Value::Int(0), Value::Int(-2)]);
    let kept = call(&mut vm, "filter", vec![floats, abs]);
    assert_eq!(kept.as_array().unwrap().len(), 2);
    // Named functions in an object, with extra arguments.
    let arr = ints(&[2, 3]);
    let ob_v = Value::Object(ob.clone());
    let r = call(
        &mut vm,
        "map",
        vec![
            arr.clone(),
            Value::from("whatever2"),
            ob_v.clone(),
            Value::Int(1),
        ],
    );
    assert_eq!(int_vec(&r), vec![1, 1]);
    let r = call(
        &mut vm,
        "map_array",
        vec![arr.clone(), Value::from("double"), ob_v.clone()],
    );
    assert_eq!(int_vec(&r), vec![4, 6]);
    // An object given by name.
    let r = call(
        &mut vm,
        "map",
        vec![arr.clone(), Value::from("double"), Value::from("/t/fm")],
    );
    assert_eq!(int_vec(&r), vec![4, 6]);
    // Without an object, the function is looked up in this_object().
    let r = run(&mut vm, &ob, vec![ints(&[0, 5]), Value::from("double")]).unwrap();
    assert_eq!(int_vec(&r), vec![5]);
    // A missing function: map stops (rest 0), filter keeps nothing.
    let r = call(
        &mut vm,
        "map",
        vec![arr.clone(), Value::from("nope"), ob_v.clone()],
    );
    assert_eq!(int_vec(&r), vec![0, 0]);
    let r = call(
        &mut vm,
        "filter",
        vec![arr.clone(), Value::from("nope"), ob_v.clone()],
    );
    assert_eq!(int_vec(&r), Vec::<i64>::new());
    // A bound argument comes first.
    let w1 = Value::Function(std::rc::Rc::new(ferrum_vm::value::FunctionPtr {
        kind: ferrum_vm::value::FunctionKind::Local { slot: 0, gen: 0 },
        owner: Some(ob.clone()),
        bound_args: vec![Value::Int(1)],
    }));
    assert_eq!(
        int_vec(&call(&mut vm, "map", vec![arr.clone(), w1])),
        vec![1, 1]
    );
    // Bad callback objects.
    let err = call_err(
        &mut vm,
        "map",
        vec![arr.clone(), Value::from("double"), Value::Int(5)],
    );
    assert!(err.starts_with("*Bad argument 3 to map()"), "{}", err);
    assert!(vm
        .call_efun_by_name(
            "map",
            vec![arr.clone(), Value::from("double"), Value::from("/no/such")]
        )
        .is_err());
    assert!(vm
        .call_efun_by_name("map", vec![Value::Int(1), ident])
        .is_err());
}

#[test]
fn filter_and_map_over_strings_and_mappings() {
    let mut vm = vm();
    let ob = object(&mut vm, "/t/fs");
    let succ = lambda(&ob, 1, vec![Op::Local(0), Op::Int(1), Op::Add, Op::Return]);
    assert_eq!(
        call(&mut vm, "map", vec![Value::from("foobar"), succ.clone()]).as_str(),
        Some("gppcbs")
    );
    assert_eq!(
        call(&mut vm, "map", vec![Value::from(""), succ]).as_str(),
        Some("")
    );
    let keep = lambda(&ob, 1, vec![Op::Int('c' as i32), Op::Return]);
    assert_eq!(
        call(&mut vm, "map", vec![Value::from("xyé"), keep]).as_str(),
        Some("ccc")
    );
    let zero = lambda(&ob, 1, vec![Op::Int(0), Op::Return]);
    assert_eq!(
        call(&mut vm, "map", vec![Value::from("héllo"), zero.clone()]).as_str(),
        Some("héllo")
    );
    let not_l = lambda(
        &ob,
        1,
        vec![Op::Local(0), Op::Int('l' as i32), Op::Ne, Op::Return],
    );
    assert_eq!(
        call(&mut vm, "filter", vec![Value::from("héllo"), not_l]).as_str(),
        Some("héo")
    );

    let m = Value::Mapping(Mapping::from_pairs(vec![
        (Value::Int(1), Value::Int(2)),
        (Value::Int(0), Value::Int(3)),
    ]));
    let key = lambda(&ob, 2, vec![Op::Local(0), Op::Return]);
    let r = call(&mut vm, "filter", vec![m.clone(), key.clone()]);
    assert_eq!(r.as_mapping().unwrap().len(), 1);
    assert_eq!(
        r.as_mapping()
            .unwrap()
            .get(&Value::Int(1))
            .unwrap()
            .as_int(),
        Some(2)
    );
    let third = lambda(&ob, 3, vec![Op::Local(2), Op::Return]);
    let r = call(&mut vm, "map", vec![m.clone(), third, Value::Int(3)]);
    assert_eq!(
        r.as_mapping()
            .unwrap()
            .get(&Value::Int(0))
            .unwrap()
            .as_int(),
        Some(3)
    );
    assert_eq!(
        r.as_mapping()
            .unwrap()
            .get(&Value::Int(1))
            .unwrap()
            .as_int(),
        Some(3)
    );
    assert_eq!(
        call(
            &mut vm,
            "filter",
            vec![Value::Mapping(Mapping::new()), zero]
        )
        .as_mapping()
        .unwrap()
        .len(),
        0
    );
}

#[test]
fn unique_array_groups() {
    let mut vm = vm();
    let fns = vec![("kind", 0, vec![Op::Int(7), Op::Return])];
    let a = object_with(&mut vm, "/t/ua1", fns.clone());
    let b = object_with(&mut vm, "/t/ua2", fns);
    let c = object(&mut vm, "/t/ua3");
    let holder = object(&mut vm, "/t/uah");
    let parity = lambda(
        &holder,
        1,
        vec![Op::Local(0), Op::Int(2), Op::Mod, Op::Return],
    );
    let r = call(
        &mut vm,
        "unique_array",
        vec![ints(&[1, 2, 3, 4, 5]), parity.clone()],
    );
    // Elements whose key is 0 (the default skip value) are left out.
    let groups = r.as_array().unwrap().to_vec();
    assert_eq!(groups.len(), 1);
    assert_eq!(int_vec(&groups[0]), vec![1, 3, 5]);
    let r = call(
        &mut vm,
        "unique_array",
        vec![ints(&[1, 2, 3, 4]), parity, Value::Int(-1)],
    );
    let groups: Vec<Vec<i64>> = r.as_array().unwrap().to_vec().iter().map(int_vec).collect();
    assert_eq!(groups, vec![vec![1, 3], vec![2, 4]]);
    let obs = Value::array(vec![
        Value::Object(a),
        Value::Int(3),
        Value::Object(c),
        Value::Object(b),
    ]);
    let r = call(&mut vm, "unique_array", vec![obs, Value::from("kind")]);
    let groups = r.as_array().unwrap().to_vec();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].as_array().unwrap().len(), 2);
    assert_eq!(
        call(&mut vm, "unique_array", vec![ints(&[]), Value::from("x")])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn sizeof_counts() {
    let mut vm = vm();
    let s = |vm: &mut ferrum_vm::Vm, v: Value| call(vm, "sizeof", vec![v]).as_int().unwrap();
    assert_eq!(s(&mut vm, ints(&[1, 2, 3])), 3);
    assert_eq!(s(&mut vm, Value::from("héllo")), 5);
    assert_eq!(s(&mut vm, Value::buffer(vec![1, 2])), 2);
    assert_eq!(
        s(
            &mut vm,
            Value::Mapping(Mapping::from_pairs(vec![(Value::Int(1), Value::Int(1))]))
        ),
        1
    );
    assert_eq!(s(&mut vm, Value::Int(7)), 0);
    assert_eq!(s(&mut vm, Value::Float(7.0)), 0);
}

#[test]
fn copy_is_deep() {
    let mut vm = vm();
    let inner = ints(&[2, 3]);
    let m = Mapping::new();
    m.insert(Value::from("k"), ints(&[4]));
    let arr = Value::array(vec![Value::Int(1), inner.clone(), Value::Mapping(m)]);
    let dup = call(&mut vm, "copy", vec![arr.clone()]);
    let dup_items = dup.as_array().unwrap().to_vec();
    dup_items[1].as_array().unwrap().borrow_mut()[0] = Value::Int(99);
    let dm = dup_items[2]
        .as_mapping()
        .unwrap()
        .get(&Value::from("k"))
        .unwrap();
    dm.as_array().unwrap().borrow_mut()[0] = Value::Int(99);
    assert_eq!(int_vec(&inner), vec![2, 3]);
    let orig_m = arr.as_array().unwrap().get(2).unwrap();
    assert_eq!(
        int_vec(&orig_m.as_mapping().unwrap().get(&Value::from("k")).unwrap()),
        vec![4]
    );
    assert_eq!(call(&mut vm, "copy", vec![Value::Int(7)]).as_int(), Some(7));
    // Buffers are shared, not copied.
    let buf = Value::buffer(vec![1]);
    assert!(call(&mut vm, "copy", vec![buf.clone()]).lpc_eq(&buf));
    // A self-containing array hits the depth limit.
    let a = ferrum_vm::Array::new(vec![]);
    a.borrow_mut().push(Value::Array(a.clone()));
    let err = call_err(&mut vm, "copy", vec![Value::Array(a.clone())]);
    assert_eq!(
        err,
        "*Mappings, arrays and/or classes nested too deep (100) for copy()\n"
    );
    a.borrow_mut().clear();
}

#[test]
fn element_of_and_shuffle() {
    let mut vm = vm();
    let arr = ints(&[1, 2, 3, 4, 5, 6, 7, 8]);
    for _ in 0..20 {
        let e = call(&mut vm, "element_of", vec![arr.clone()])
            .as_int()
            .unwrap();
        assert!((1..=8).contains(&e));
    }
    assert_eq!(
        call_err(&mut vm, "element_of", vec![ints(&[])]),
        "*Can't take element from empty array.\n"
    );
    let shuffled = call(&mut vm, "shuffle", vec![arr.clone()]);
    // Shuffled in place: the same array comes back.
    assert!(shuffled.lpc_eq(&arr));
    let mut got = int_vec(&shuffled);
    got.sort();
    assert_eq!(got, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    let mut orders = std::collections::HashSet::new();
    for _ in 0..20 {
        orders.insert(int_vec(&call(&mut vm, "shuffle", vec![arr.clone()])));
    }
    assert!(orders.len() > 1);
}
