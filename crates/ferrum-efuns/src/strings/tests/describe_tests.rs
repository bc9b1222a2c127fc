use super::*;
use crate::strings::describe;
use ferrum_vm::program::{ClassDef, FunctionDef, FunctionSlot, Program};
use ferrum_vm::types::Type;
use ferrum_vm::value::{ClassInstance, FunctionKind, FunctionPtr, LStr, Mapping, Value};
use ferrum_vm::ObjectRef;
use std::rc::Rc;

fn program(name: &str, functions: &[&str]) -> Rc<Program> {
    Rc::new(Program {
        ftable: functions
            .iter()
            .map(|f| FunctionSlot {
                name: LStr::from(*f),
                flags: 0,
                def: None,
                fo: 0,
                vo: 0,
            })
            .collect(),
        ..Program::named(name)
    })
}

fn function_def(num_params: u16) -> Rc<FunctionDef> {
    Rc::new(FunctionDef {
        name: LStr::from("<functional>"),
        program_name: LStr::from("/x.c"),
        code: Vec::new(),
        consts: Vec::new(),
        switches: Vec::new(),
        lines: Vec::new(),
        files: Rc::new(Vec::new()),
        num_params,
        num_locals: num_params,
        flags: 0,
        return_type: Type::Mixed,
        param_types: Vec::new(),
        ref_params: Vec::new(),
        default_entry: Vec::new(),
        call_caches: Vec::new(),
        supers: Vec::new(),
        classes: Vec::new(),
        anons: Vec::new(),
    })
}

fn func(kind: FunctionKind, owner: Option<ObjectRef>, bound: Vec<Value>) -> Value {
    Value::Function(Rc::new(FunctionPtr {
        kind,
        owner,
        bound_args: bound,
    }))
}

fn ints(items: &[i64]) -> Value {
    Value::array(items.iter().map(|i| Value::Int(*i)).collect())
}

#[test]
fn scalars() {
    assert_eq!(describe(&Value::Int(-3)), "-3");
    assert_eq!(describe(&Value::Undefined), "0");
    assert_eq!(describe(&Value::Float(1.5)), "1.500000");
    // Strings are not escaped.
    assert_eq!(describe(&Value::from("a\"b\n")), "\"a\"b\n\"");
}

#[test]
fn arrays_nest_with_indentation() {
    assert_eq!(describe(&Value::array(vec![])), "({ })");
    let nested = Value::array(vec![Value::Int(1), ints(&[2])]);
    assert_eq!(
        describe(&nested),
        "({ /* sizeof() == 2 */\n  1,\n  ({ /* sizeof() == 1 */\n    2\n  })\n})"
    );
}

#[test]
fn mappings_end_every_value_with_a_comma() {
    assert_eq!(describe(&Value::Mapping(Mapping::new())), "([ ])");
    let m = Mapping::new();
    m.insert(Value::Int(1), Value::Int(2));
    assert_eq!(
        describe(&Value::Mapping(m.clone())),
        "([ /* sizeof() == 1 */\n  1 : 2,\n])"
    );
    m.insert(Value::from("k"), ints(&[3]));
    assert_eq!(
        describe(&Value::Mapping(m)),
        "([ /* sizeof() == 2 */\n  1 : 2,\n  \"k\" : ({ /* sizeof() == 1 */\n      3\n    }),\n])"
    );
}

#[test]
fn classes() {
    let def = Rc::new(ClassDef {
        name: "point".into(),
        fields: vec![
            (LStr::from("x"), Type::Int),
            (LStr::from("y"), Type::String),
        ],
    });
    let c = Value::Class(ClassInstance::new(
        def.clone(),
        vec![Value::Int(1), Value::from("a")],
    ));
    assert_eq!(describe(&c), "CLASS( 2 elements\n  1,\n  \"a\"\n )");
    let one = Rc::new(ClassDef {
        name: "one".into(),
        fields: vec![(LStr::from("x"), Type::Int)],
    });
    let c = Value::Class(ClassInstance::new(one, vec![Value::Int(7)]));
    assert_eq!(
        describe(&Value::array(vec![c])),
        "({ /* sizeof() == 1 */\n  CLASS( 1 element\n    7\n   )\n})"
    );
}

#[test]
fn buffers() {
    assert_eq!(
        describe(&Value::buffer(vec![0x41, 0, 255])),
        "BUFFER ( /* sizeof() == 3 */\n  0x41,\n  0x0,\n  0xff\n)"
    );
}

#[test]
fn function_pointers() {
    let mut vm = vm();
    let (index, _) = vm.efuns.lookup("sprintf").unwrap();
    let efun = func(
        FunctionKind::Efun {
            index,
            name: "sprintf",
        },
        None,
        vec![],
    );
    assert_eq!(describe(&efun), "(: sprintf :)");
    let ob = ObjectRef::new(
        1,
        LStr::from("/obj/thing"),
        program("/obj/thing.c", &["make_arg"]),
    );
    let local = func(
        FunctionKind::Local { slot: 0, gen: 0 },
        Some(ob.clone()),
        vec![Value::Int(5)],
    );
    assert_eq!(describe(&local), "(: make_arg, 5 :)");
    let functional = func(
        FunctionKind::Anonymous {
            def: function_def(1),
            fo: 0,
            vo: 0,
        },
        Some(ob.clone()),
        vec![],
    );
    assert_eq!(describe(&functional), "(: <code>($1) :)");
    let two = func(
        FunctionKind::Anonymous {
            def: function_def(2),
            fo: 0,
            vo: 0,
        },
        Some(ob.clone()),
        vec![],
    );
    assert_eq!(describe(&two), "(: <code>($1, $2) :)");
    let none = func(
        FunctionKind::Anonymous {
            def: function_def(0),
            fo: 0,
            vo: 0,
        },
        Some(ob.clone()),
        vec![],
    );
    assert_eq!(describe(&none), "(: <code>() :)");
    let simul = func(
        FunctionKind::Simul {
            name: LStr::from("tell"),
        },
        None,
        vec![],
    );
    assert_eq!(describe(&simul), "(: tell :)");
    // Bound arguments are indented like the pointer itself (a FluffOS quirk).
    let nested = Value::array(vec![local]);
    assert_eq!(
        describe(&nested),
        "({ /* sizeof() == 1 */\n  (: make_arg,   5 :)\n})"
    );
    ob.mark_destructed();
    let orphan = func(FunctionKind::Local { slot: 0, gen: 0 }, Some(ob), vec![]);
    assert_eq!(describe(&orphan), "(: 0 :)");
    // Through sprintf as well.
    assert_eq!(
        as_string(&call(&mut vm, "sprintf", vec![s("%O"), efun])),
        "(: sprintf :)"
    );
}

#[test]
fn objects() {
    let ob = ObjectRef::new(1, LStr::from("/obj/sword#3"), program("/obj/sword.c", &[]));
    assert_eq!(describe(&Value::Object(ob.clone())), "/obj/sword#3");
    ob.mark_destructed();
    assert_eq!(describe(&Value::Object(ob)), "0");
}

#[test]
fn deep_nesting_prints_dots() {
    let mut v = Value::Int(1);
    for _ in 0..12 {
        v = Value::array(vec![v]);
    }
    let text = describe(&v);
    assert!(text.contains("..."), "{}", text);
    // The "..." replaces the value at indent 22 without indent or comma.
    assert!(text.contains("({ /* sizeof() == 1 */\n...\n"), "{}", text);
    // A self-containing array terminates.
    let a = ferrum_vm::value::Array::new(vec![Value::Int(0)]);
    a.borrow_mut()[0] = Value::Array(a.clone());
    assert!(describe(&Value::Array(a.clone())).contains("..."));
    a.borrow_mut()[0] = Value::Int(0);
}
