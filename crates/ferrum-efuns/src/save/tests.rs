//! Unit tests of the save format and of save_object()/restore_object().

use super::decode::{parse_value, Malformed};
use super::{header_name, restore_value, save_lines, save_value, try_save_value};
use crate::files::testhost::*;
use ferrum_vm::program::{var_flags, ClassDef, Op, Program};
use ferrum_vm::value::{ClassInstance, LStr, Mapping};
use ferrum_vm::{ObjectRef, Type, Value, Vm};
use std::rc::Rc;

fn s(x: &str) -> Value {
    Value::from(x)
}

fn ints(v: &[i64]) -> Value {
    Value::array(v.iter().map(|&i| Value::Int(i)).collect())
}

/// Deep equality for the values these tests build.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            let (x, y) = (x.to_vec(), y.to_vec());
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| same(p, q))
        }
        (Value::Class(x), Value::Class(y)) => {
            let (x, y) = (x.fields.borrow().clone(), y.fields.borrow().clone());
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| same(p, q))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len()
                && x.pairs()
                    .iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, &w)))
        }
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Float(_), _) | (_, Value::Float(_)) => false,
        _ => a.lpc_eq(b),
    }
}

fn restored(text: &str) -> Value {
    restore_value(text).unwrap_or_else(|e| panic!("{:?}: {}", text, e.message()))
}

#[test]
fn saves_each_kind_exactly() {
    let cases: Vec<(Value, &str)> = vec![
        (Value::Int(-1), "-1"),
        (Value::Int(0), "0"),
        (Value::Undefined, "0"),
        (Value::Int(i64::MAX), "9223372036854775807"),
        (Value::Int(i64::MIN), "-9223372036854775808"),
        (Value::Float(1.2), "1.200000"),
        (Value::Float(-0.5), "-0.500000"),
        (Value::Float(0.0), "0.000000"),
        (Value::Float(1e20), "100000000000000000000.000000"),
        (s("abc"), "\"abc\""),
        (s("\n"), "\"\r\""),
        (s("\""), "\"\\\"\""),
        (s("\"x\\\n"), "\"\\\"x\\\\\r\""),
        (s("a\rb\n\r"), "\"a\\\rb\r\\\r\""),
        (s("ünï"), "\"ünï\""),
        (Value::array(vec![]), "({})"),
        (ints(&[0]), "({0,})"),
        (
            Value::array(vec![s("a"), ints(&[1, 2])]),
            "({\"a\",({1,2,}),})",
        ),
        (
            Value::Mapping(Mapping::from_pairs(vec![(Value::Int(1), s("x"))])),
            "([1:\"x\",])",
        ),
        (Value::Mapping(Mapping::new()), "([])"),
        (Value::buffer(vec![1, 2]), ""),
    ];
    for (v, want) in cases {
        assert_eq!(save_value(&v), want, "{:?}", v);
    }
    let def = Rc::new(ClassDef {
        name: "pt".into(),
        fields: vec![(LStr::from("x"), Type::Int), (LStr::from("y"), Type::Mixed)],
    });
    let class = Value::Class(ClassInstance::new(def, vec![Value::Int(1), s("two")]));
    assert_eq!(save_value(&class), "(/1,\"two\",/)");
}

#[test]
fn objects_save_as_nothing_and_dead_ones_as_zero() {
    let (mut vm, _host) = vm_with_mudlib();
    let ob = object_running(&mut vm, "/thing", "save_variable", 1, Vec::new());
    assert_eq!(save_value(&Value::Object(ob.clone())), "");
    assert_eq!(
        save_value(&Value::array(vec![Value::Object(ob.clone())])),
        "({,})"
    );
    ob.mark_destructed();
    assert_eq!(save_value(&Value::Object(ob)), "0");
    assert!(same(&restored("({,})"), &ints(&[0])));
}

#[test]
fn nesting_is_limited_to_a_hundred_levels() {
    let mut v = Value::Int(0);
    for _ in 0..100 {
        v = Value::array(vec![v]);
    }
    let text = try_save_value(&v).unwrap();
    assert!(same(&restored(&text), &v));
    let deeper = Value::array(vec![v]);
    assert_eq!(
        try_save_value(&deeper).unwrap_err().message(),
        "Mappings and/or arrays nested too deep (100) for save_object"
    );
    // save_value cuts the innermost level instead.
    assert!(save_value(&deeper).starts_with("({({"));
    // Cycles are caught by the same limit.
    let cyclic = Value::array(vec![]);
    if let Value::Array(a) = &cyclic {
        a.borrow_mut().push(cyclic.clone());
    }
    assert!(try_save_value(&cyclic).is_err());
    let cut = save_value(&cyclic);
    if let Value::Array(a) = &cyclic {
        a.borrow_mut().clear();
    }
    assert!(cut.starts_with("({({"));
    // Restoring refuses absurd nesting rather than recursing.
    let deep_array = format!("{}0{}", "({".repeat(400), ",})".repeat(400));
    assert_eq!(
        restore_value(&deep_array).unwrap_err().message(),
        "restore_object(): Illegal array format."
    );
    let deep_map = format!("{}0{}", "([0:".repeat(400), ",])".repeat(400));
    assert_eq!(
        restore_value(&deep_map).unwrap_err().message(),
        "restore_object(): Illegal mapping format."
    );
}

#[test]
fn restores_fluffos_test_values() {
    let cases: Vec<(&str, Value)> = vec![
        ("\"\r\"", s("\n")),
        ("\"\\\"\"", s("\"")),
        ("\"\\\"\\x\r\"", s("\"x\n")),
        ("-1", Value::Int(-1)),
        ("0", Value::Int(0)),
        ("22", Value::Int(22)),
        ("1.2", Value::Float(1.2)),
        ("({})", Value::array(vec![])),
        ("({,})", ints(&[0])),
        ("\"∮ E⋅da = Q\"", s("∮ E⋅da = Q")),
    ];
    for (text, want) in &cases {
        assert!(same(&restored(text), want), "{:?}", text);
        assert!(
            same(
                &restored(&format!("({{{},}})", text)),
                &Value::array(vec![want.clone()])
            ),
            "{:?}",
            text
        );
        let m = restored(&format!("([1:{},])", text));
        assert!(
            same(
                &m,
                &Value::Mapping(Mapping::from_pairs(vec![(Value::Int(1), want.clone())]))
            ),
            "{:?}",
            text
        );
    }
    for bad in [
        "\"\"x", "\"\\", "\"\\x\\", "\"\\x\"x", "-x", "\"", "\"\r\"\r",
    ] {
        assert!(restore_value(bad).is_err(), "{:?} should fail", bad);
    }
}

#[test]
fn restores_numbers_like_fluffos() {
    assert!(same(&restored("1.5e+3"), &Value::Float(1500.0)));
    assert!(same(&restored("2e-2"), &Value::Float(0.02)));
    assert!(same(&restored("-0.000000"), &Value::Float(-0.0)));
    assert!(same(&restored("1."), &Value::Float(1.0)));
    assert!(same(
        &restored("9223372036854775807"),
        &Value::Int(i64::MAX)
    ));
    assert!(same(
        &restored("-9223372036854775808"),
        &Value::Int(i64::MIN)
    ));
    assert!(same(
        &restored("99999999999999999999"),
        &Value::Int(i64::MAX)
    ));
    // Trailing text after a top-level number is ignored.
    assert!(same(&restored("12abc"), &Value::Int(12)));
    assert_eq!(
        restore_value("1e5").unwrap_err().message(),
        "restore_object(): Illegal numeric format."
    );
    assert_eq!(
        restore_value("1.x").unwrap_err().message(),
        "restore_object(): Illegal numeric format."
    );
    assert_eq!(
        restore_value("({1.,})").unwrap_err().message(),
        "restore_object(): Illegal numeric format."
    );
}

#[test]
fn restores_containers_and_empty_elements() {
    let m = restored("([:1,\"k\":,])");
    let want = Mapping::from_pairs(vec![
        (Value::Int(0), Value::Int(1)),
        (s("k"), Value::Int(0)),
    ]);
    assert!(same(&m, &Value::Mapping(want)));
    let nested = restored("([\"a\":({1,([2:3.500000,]),}),-4:\"neg key\",])");
    // Arrays may be keys (each restored one is a new array).
    assert_eq!(
        restored("([({1,}):1,({1,}):2,])")
            .as_mapping()
            .map(|m| m.len()),
        Some(2)
    );
    let saved = save_value(&nested);
    assert!(same(&restored(&saved), &nested));
    let class = restored("(/1,\"x\",/)");
    match &class {
        Value::Class(c) => assert_eq!(c.fields.borrow().len(), 2),
        other => panic!("{:?}", other),
    }
    // Anything else at the top level is 0; trailing text after a
    // container is ignored.
    assert!(same(&restored(""), &Value::Int(0)));
    assert!(same(&restored("abc"), &Value::Int(0)));
    assert!(same(&restored("({1,})junk"), &ints(&[1])));
}

#[test]
fn malformed_containers_name_what_was_wrong() {
    let msg = |t: &str| restore_value(t).unwrap_err().message();
    assert_eq!(msg("(x"), "restore_object(): Illegal general format.");
    assert_eq!(msg("({1"), "restore_object(): Illegal array format.");
    assert_eq!(msg("({1}"), "restore_object(): Illegal array format.");
    assert_eq!(msg("({abc,})"), "restore_object(): Illegal array format.");
    assert_eq!(msg("({\"a,})"), "restore_object(): Illegal array format.");
    assert_eq!(msg("([1,2,])"), "restore_object(): Illegal mapping format.");
    assert_eq!(msg("([1:2])"), "restore_object(): Illegal mapping format.");
    assert_eq!(
        msg("([\"a:1,])"),
        "restore_object(): Illegal string format."
    );
    // restore_variable() says nothing about a bad class: it is 0.
    assert!(same(&restored("(/1"), &Value::Int(0)));
    assert_eq!(parse_value(b"(/1"), Err(Malformed::Class));
    assert_eq!(parse_value(b"\"\xff\""), Err(Malformed::Utf8));
}

#[test]
fn round_trips() {
    let m = Mapping::new();
    m.insert(s("name"), s("Bob \"the\" \\ builder\nline two\r"));
    m.insert(Value::Int(-7), Value::Float(3.25));
    m.insert(
        s("list"),
        Value::array(vec![
            Value::Int(1),
            Value::array(vec![]),
            Value::Mapping(Mapping::new()),
        ]),
    );
    let v = Value::array(vec![Value::Mapping(m), Value::Int(i64::MIN), s("")]);
    let text = save_value(&v);
    assert!(!text.contains('\n'));
    assert!(same(&restored(&text), &v));
    assert_eq!(save_value(&restored(&text)), text);
}

#[test]
fn header_names_follow_fluffos() {
    assert_eq!(header_name("/a/b", "/a/b.c"), "/a/b.c");
    assert_eq!(header_name("/a/b#12", "/a/b.c"), "/a/b.c");
    assert_eq!(header_name("/misc", "/misc.c"), "/misc");
    assert_eq!(header_name("/x.y", "/x.y.c"), "/x.y");
    assert_eq!(header_name("/t", "/t.lpc"), "/t.lpc");
    assert_eq!(header_name("/t#3", "/t.lpc"), "/t.lpc");
}

/// A program with an inherited part: parent vars (p_keep, p_nosave),
/// then the child's (a, b, nos, obj), plus `__run` for `efun`.
fn saving_object(vm: &mut Vm, efun: &str, nargs: u16) -> ObjectRef {
    let parent = program(
        "/parent",
        Vec::new(),
        vec![
            var("p_keep", Type::Int, 0),
            var("p_nosave", Type::Int, var_flags::NOSAVE),
        ],
        Vec::new(),
    );
    let run = runner(vm, efun, nargs);
    let child = program(
        "/child",
        vec![parent],
        vec![
            var("a", Type::Int, 0),
            var("b", Type::Mixed, var_flags::PRIVATE),
            var("nos", Type::String, var_flags::NOSAVE),
            var("obj", Type::Object, 0),
        ],
        vec![run],
    );
    vm.new_object("/child".into(), child, false).unwrap()
}

#[test]
fn save_lines_cover_inherited_and_skip_nosave_and_zeros() {
    let (mut vm, _host) = vm_with_mudlib();
    let ob = saving_object(&mut vm, "save_object", 0);
    {
        let mut vars = ob.vars_mut();
        vars[0] = Value::Int(5);
        vars[1] = Value::Int(6);
        vars[2] = Value::Int(0);
        vars[3] = s("hi");
        vars[4] = s("secret");
    }
    let (lines, size) = save_lines(&ob, false).unwrap();
    assert_eq!(lines, "p_keep 5\nb \"hi\"\n");
    // One per program plus each line's length + 2 (FluffOS's count).
    assert_eq!(size, 2 + (6 + 1 + 3) + (1 + 4 + 3));
    let (lines, _) = save_lines(&ob, true).unwrap();
    assert_eq!(lines, "p_keep 5\na 0\nb \"hi\"\nobj 0\n");
    ob.vars_mut()[5] = Value::Object(ob.clone());
    let (lines, _) = save_lines(&ob, false).unwrap();
    assert_eq!(lines, "p_keep 5\nb \"hi\"\nobj \n");
    ob.vars_mut()[5] = Value::Int(0);
    let text = run(&mut vm, &ob, vec![]).unwrap();
    assert_eq!(text.as_str(), Some("#/child.c\np_keep 5\nb \"hi\"\n"));
}

#[test]
fn save_object_string_forms_and_flags() {
    let (mut vm, _host) = vm_with_mudlib();
    let ob = saving_object(&mut vm, "save_object", 1);
    ob.vars_mut()[2] = Value::Int(3);
    assert_eq!(
        run(&mut vm, &ob, vec![Value::Int(0)]).unwrap().as_str(),
        Some("#/child.c\na 3\n")
    );
    assert_eq!(
        run(&mut vm, &ob, vec![Value::Int(1)]).unwrap().as_str(),
        Some("#/child.c\np_keep 0\na 3\nb 0\nobj 0\n")
    );
    assert_eq!(
        run(&mut vm, &ob, vec![Value::Int(2)]).unwrap_err(),
        "*save_object: compressed save files are not available on this driver build.\n"
    );
    let two = saving_object(&mut vm, "save_object", 2);
    assert_eq!(
        run(&mut vm, &two, vec![Value::Int(1), Value::Int(1)]).unwrap_err(),
        "*first argument must be a string for save_object with 2 args\n"
    );
}

#[test]
fn save_object_writes_the_file_and_restore_object_reads_it() {
    let (mut vm, host) = vm_with_mudlib();
    std::fs::create_dir_all(host.file("/save")).unwrap();
    let saver = saving_object(&mut vm, "save_object", 1);
    {
        let mut vars = saver.vars_mut();
        vars[0] = Value::Int(5);
        vars[2] = Value::array(vec![s("x\ny"), Value::Float(0.5)]);
        vars[3] = s("b");
    }
    let size = run(&mut vm, &saver, vec![s("/save/one")]).unwrap();
    let body = "p_keep 5\na ({\"x\ry\",0.500000,})\nb \"b\"\n";
    assert_eq!(
        host.read("/save/one.o").unwrap(),
        format!("#/child.c\n{}", body).into_bytes()
    );
    // One per program, plus each line's length + 2 (its newline counted).
    let lines: i64 = body.lines().map(|l| l.len() as i64 + 2).sum();
    assert_eq!(size.as_int(), Some(2 + lines));
    assert!(!exists(&host.file("/save/one.o.tmp")));
    // A source or save extension is replaced by ".o".
    for name in ["/save/two.c", "/save/two.o", "/save/two.lpc"] {
        run(&mut vm, &saver, vec![s(name)]).unwrap();
        assert!(host.file("/save/two.o").is_file(), "{}", name);
        std::fs::remove_file(host.file("/save/two.o")).unwrap();
    }

    let restorer = saving_object(&mut vm, "restore_object", 1);
    {
        let mut vars = restorer.vars_mut();
        vars[1] = Value::Int(9); // nosave: untouched
        vars[4] = s("keep"); // nosave: untouched
        vars[5] = Value::Int(1); // saveable, not in the file: cleared
    }
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/save/one")])
            .unwrap()
            .as_int(),
        Some(1)
    );
    let vars = restorer.vars().clone();
    assert!(same(&vars[0], &Value::Int(5)));
    assert!(same(&vars[1], &Value::Int(9)));
    assert!(same(
        &vars[2],
        &Value::array(vec![s("x\ny"), Value::Float(0.5)])
    ));
    assert!(same(&vars[3], &s("b")));
    assert!(same(&vars[4], &s("keep")));
    assert!(vars[5].is_undefined());
    // The file name may carry an extension too.
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/save/one.c")])
            .unwrap()
            .as_int(),
        Some(1)
    );
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/save/one.o")])
            .unwrap()
            .as_int(),
        Some(1)
    );
    // No file, or an empty one: 0, and nothing is cleared.
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/save/none")])
            .unwrap()
            .as_int(),
        Some(0)
    );
    host.write("/save/empty.o", b"");
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/save/empty")])
            .unwrap()
            .as_int(),
        Some(0)
    );
    assert!(same(&restorer.vars()[0], &Value::Int(5)));
}

#[test]
fn restore_object_flag_keeps_variables_and_lines_may_come_in_any_order() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/sf.o", b"#comment\nb 8\r\np_keep 2\n");
    let ob = saving_object(&mut vm, "restore_object", 2);
    {
        let mut vars = ob.vars_mut();
        vars[0] = Value::Int(1);
        vars[2] = Value::Int(3);
    }
    assert_eq!(
        run(&mut vm, &ob, vec![s("/sf"), Value::Int(1)])
            .unwrap()
            .as_int(),
        Some(1)
    );
    let vars = ob.vars().clone();
    assert!(same(&vars[0], &Value::Int(2)));
    assert!(same(&vars[2], &Value::Int(3)));
    assert!(same(&vars[3], &Value::Int(8)));
}

#[test]
fn restore_object_gives_unknown_variables_to_restore_lost_variable() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/sf.o", b"gone ({1,})\nnos \"x\"\n");
    let run_fn = runner(&vm, "restore_object", 1);
    let lost = (
        "restore_lost_variable",
        2,
        vec![
            Op::Local(0),
            Op::SetGlobal(0),
            Op::Local(1),
            Op::SetGlobal(1),
            Op::Int(0),
            Op::Return,
        ],
        Vec::new(),
    );
    let prog = program(
        "/lost",
        Vec::new(),
        vec![
            var("value", Type::Mixed, var_flags::NOSAVE),
            var("name", Type::Mixed, var_flags::NOSAVE),
        ],
        vec![run_fn, lost],
    );
    let ob = vm.new_object("/lost".into(), prog, false).unwrap();
    assert_eq!(run(&mut vm, &ob, vec![s("/sf")]).unwrap().as_int(), Some(1));
    // Lines go in order; a nosave variable counts as unknown.
    let vars = ob.vars().clone();
    assert!(same(&vars[0], &s("x")));
    assert!(same(&vars[1], &s("nos")));
}

#[test]
fn malformed_save_files_give_zero_and_a_log_line() {
    let (mut vm, host) = vm_with_mudlib();
    let ob = saving_object(&mut vm, "restore_object", 1);
    host.write("/bad.o", b"a 4\nb ({1,2\np_keep 3\n");
    assert_eq!(
        run(&mut vm, &ob, vec![s("/bad")]).unwrap().as_int(),
        Some(0)
    );
    // Lines before the bad one are restored.
    assert!(same(&ob.vars()[2], &Value::Int(4)));
    assert!(ob.vars()[0].is_undefined());
    assert!(host
        .logged
        .borrow()
        .iter()
        .any(|l| l == "restore_object(): Illegal array format while restoring b.\n"));
    host.write("/bad.o", b"novalue\n");
    assert_eq!(
        run(&mut vm, &ob, vec![s("/bad")]).unwrap().as_int(),
        Some(0)
    );
    assert!(host
        .logged
        .borrow()
        .iter()
        .any(|l| l == "restore_object(): Illegal file format - 1 (novalue).\n"));
    host.write("/bad.o", b"a 1\n\nb 2\n");
    assert_eq!(
        run(&mut vm, &ob, vec![s("/bad")]).unwrap().as_int(),
        Some(0)
    );
    host.write("/bad.o.gz", b"");
    assert_eq!(
        run(&mut vm, &ob, vec![s("/bad")]).unwrap_err(),
        "*restore_object: compressed save files are not available on this driver build.\n"
    );
}

#[test]
fn save_and_restore_ask_the_master() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/sf.o", b"a 1\n");
    let master = install_master(&mut vm, Value::Int(0), Value::Int(0));
    let saver = saving_object(&mut vm, "save_object", 1);
    assert_eq!(
        run(&mut vm, &saver, vec![s("/sf")]).unwrap_err(),
        "*Denied write permission in save_object().\n"
    );
    assert_eq!(master_asked(&master).1.as_str(), Some("/sf.o"));
    let restorer = saving_object(&mut vm, "restore_object", 1);
    assert_eq!(
        run(&mut vm, &restorer, vec![s("/sf")]).unwrap_err(),
        "*restore_object: read permission denied: /sf.o.\n"
    );
    assert_eq!(master_asked(&master).0.as_str(), Some("/sf.o"));
    // Outside the mudlib counts as denied.
    install_master(&mut vm, Value::Int(1), Value::Int(1));
    assert_eq!(
        run(&mut vm, &saver, vec![s("/../sf")]).unwrap_err(),
        "*Denied write permission in save_object().\n"
    );
    assert_eq!(host.read("/sf.o").unwrap(), b"a 1\n");
}

#[test]
fn restore_from_string_reads_a_save_text_and_raises_errors() {
    let (mut vm, _host) = vm_with_mudlib();
    let ob = saving_object(&mut vm, "restore_from_string", 2);
    ob.vars_mut()[0] = Value::Int(7);
    run(&mut vm, &ob, vec![s("#/child.c\na 2\n"), Value::Int(0)]).unwrap();
    assert!(same(&ob.vars()[2], &Value::Int(2)));
    assert!(ob.vars()[0].is_undefined());
    ob.vars_mut()[0] = Value::Int(7);
    run(&mut vm, &ob, vec![s("a 3\n"), Value::Int(1)]).unwrap();
    assert!(same(&ob.vars()[0], &Value::Int(7)));
    assert_eq!(
        run(&mut vm, &ob, vec![s("a \"x\n"), Value::Int(1)]).unwrap_err(),
        "*restore_object(): Illegal string format while restoring a.\n"
    );
}

#[test]
fn restored_classes_take_the_declared_class() {
    let (mut vm, _host) = vm_with_mudlib();
    let def = Rc::new(ClassDef {
        name: "pt".into(),
        fields: vec![(LStr::from("x"), Type::Int), (LStr::from("y"), Type::Int)],
    });
    let run_fn = runner(&vm, "restore_from_string", 1);
    let prog = program(
        "/cls",
        Vec::new(),
        vec![
            var("p", Type::Class("pt".into()), 0),
            var("q", Type::Mixed, 0),
        ],
        vec![run_fn],
    );
    let mut prog: Program = Rc::try_unwrap(prog).expect("unique program");
    prog.classes.push(def.clone());
    let ob = vm.new_object("/cls".into(), Rc::new(prog), false).unwrap();
    run(&mut vm, &ob, vec![s("p (/1,2,/)\nq (/3,/)\n")]).unwrap();
    let vars = ob.vars().clone();
    match &vars[0] {
        Value::Class(c) => assert!(Rc::ptr_eq(&c.def, &def)),
        other => panic!("{:?}", other),
    }
    match &vars[1] {
        Value::Class(c) => assert_eq!(c.def.name, ""),
        other => panic!("{:?}", other),
    }
}

#[test]
fn save_and_restore_variable_efuns() {
    let (mut vm, _host) = vm_with_mudlib();
    let v = vm
        .call_efun_by_name("save_variable", vec![ints(&[1, 2])])
        .unwrap();
    assert_eq!(v.as_str(), Some("({1,2,})"));
    let back = vm.call_efun_by_name("restore_variable", vec![v]).unwrap();
    assert!(same(&back, &ints(&[1, 2])));
    let err = vm
        .call_efun_by_name("restore_variable", vec![s("\"")])
        .unwrap_err();
    assert_eq!(err.message(), "restore_object(): Illegal string format.");
}
