use super::*;
use crate::strings::PCRE_EFUNS;
use ferrum_vm::interp::NoHost;
use ferrum_vm::value::{Mapping, Value};
use std::rc::Rc;

fn pcre_vm() -> Vm {
    let mut table = crate::standard_table();
    table.register("pcre", PCRE_EFUNS);
    Vm::new(Rc::new(table), Rc::new(NoHost))
}

#[test]
fn regexp_single_and_arrays() {
    let mut vm = vm();
    let re = |vm: &mut Vm, args: Vec<Value>| call(vm, "regexp", args);
    assert_same(Value::Int(1), re(&mut vm, vec![s("tabba"), s("a*b")]));
    assert_same(Value::Int(0), re(&mut vm, vec![s("tbba"), s("a+b")]));
    let words = strs(&["foo", "bar", "bazz"]);
    assert_same(
        strs(&["bar", "bazz"]),
        re(&mut vm, vec![words.clone(), s("b")]),
    );
    assert_same(
        strs(&["foo", "bar"]),
        re(&mut vm, vec![words.clone(), s("^...$")]),
    );
    assert_same(
        Value::array(vec![s("foo"), Value::Int(1), s("bazz"), Value::Int(3)]),
        re(&mut vm, vec![words.clone(), s("(oo|zz)"), Value::Int(1)]),
    );
    assert_same(
        strs(&["bar"]),
        re(&mut vm, vec![words.clone(), s("(oo|zz)"), Value::Int(2)]),
    );
    assert_same(
        Value::array(vec![s("bar"), Value::Int(2)]),
        re(&mut vm, vec![words, s("(oo|zz)"), Value::Int(3)]),
    );
    // Non-strings are skipped; an empty array needs no valid pattern.
    assert_same(
        strs(&["b"]),
        re(
            &mut vm,
            vec![Value::array(vec![Value::Int(1), s("b")]), s("b")],
        ),
    );
    assert_same(strs(&[]), re(&mut vm, vec![Value::array(vec![]), s("+")]));
    assert_same(
        Value::Int(1),
        re(&mut vm, vec![s("a foo b"), s("\\<foo\\>")]),
    );
}

#[test]
fn regexp_errors() {
    let mut vm = vm();
    assert_eq!(
        error_of(&mut vm, "regexp", vec![s("foo"), s("+")]),
        "*+ follows nothing\n"
    );
    assert_eq!(
        error_of(&mut vm, "regexp", vec![strs(&["foo"]), s("+")]),
        "*+ follows nothing\n"
    );
    assert_eq!(
        error_of(&mut vm, "regexp", vec![s("foo"), s("bar"), Value::Int(1)]),
        "*3rd argument illegal for regexp(string, string)\n"
    );
    let e = error_of(&mut vm, "regexp", vec![s("foo"), s("bar"), s("bazz")]);
    assert!(e.starts_with("*Bad argument 3 to regexp()"), "{}", e);
}

#[test]
fn reg_assoc_splits_by_tokens() {
    let mut vm = vm();
    let result = call(
        &mut vm,
        "reg_assoc",
        vec![
            s("testhahatest"),
            strs(&["haha", "te"]),
            Value::array(vec![Value::Int(2), Value::Int(3)]),
            Value::Int(4),
        ],
    );
    let n = |i: i64| Value::Int(i);
    assert_same(
        Value::array(vec![
            strs(&["", "te", "st", "haha", "", "te", "st"]),
            Value::array(vec![n(4), n(3), n(4), n(2), n(4), n(3), n(4)]),
        ]),
        result,
    );
    let none = call(
        &mut vm,
        "reg_assoc",
        vec![s("abc"), strs(&[]), Value::array(vec![])],
    );
    assert_same(
        Value::array(vec![strs(&["abc"]), Value::array(vec![Value::Int(0)])]),
        none,
    );
    // Empty matches still advance.
    let empty = call(
        &mut vm,
        "reg_assoc",
        vec![s("ab"), strs(&["x*"]), Value::array(vec![Value::Int(1)])],
    );
    assert_same(
        Value::array(vec![
            strs(&["", "", "a", "", "b"]),
            Value::array(vec![n(0), n(1), n(0), n(1), n(0)]),
        ]),
        empty,
    );
    assert_eq!(
        error_of(
            &mut vm,
            "reg_assoc",
            vec![s("a"), strs(&["a"]), Value::array(vec![])]
        ),
        "*Pattern and token array sizes must be identical.\n"
    );
    assert_eq!(
        error_of(
            &mut vm,
            "reg_assoc",
            vec![
                s("a"),
                Value::array(vec![Value::Int(1)]),
                Value::array(vec![Value::Int(1)])
            ]
        ),
        "*Non-string found in pattern array.\n"
    );
}

#[test]
fn pcre_efuns() {
    let mut vm = pcre_vm();
    assert_same(
        Value::Int(1),
        call(&mut vm, "pcre_match", vec![s("abc123"), s("\\d+")]),
    );
    assert_same(
        Value::Int(0),
        call(&mut vm, "pcre_match", vec![s("abc"), s("^\\d")]),
    );
    assert_same(
        strs(&["a1"]),
        call(&mut vm, "pcre_match", vec![strs(&["a1", "b"]), s("\\d")]),
    );
    assert_same(
        strs(&["alpha", "99"]),
        call(
            &mut vm,
            "pcre_extract",
            vec![s("alpha 99"), s("(\\w+) (\\d+)")],
        ),
    );
    assert_same(
        strs(&[]),
        call(&mut vm, "pcre_extract", vec![s("alpha"), s("(\\d+)")]),
    );
    let named = call(
        &mut vm,
        "pcre_extract",
        vec![
            s("alpha 99"),
            s("(?<word>\\w+) (?<num>\\d+)"),
            Value::Int(1),
        ],
    );
    match named {
        Value::Array(a) => {
            let m = a.get(2).unwrap();
            let m: &Mapping = m.as_mapping().unwrap();
            assert_same(s("alpha"), m.get(&s("word")).unwrap());
            assert_same(s("99"), m.get(&s("num")).unwrap());
        }
        other => panic!("{:?}", other),
    }
    assert_same(
        s("hello WORLD!"),
        call(
            &mut vm,
            "pcre_replace",
            vec![s("hello world!"), s("(world)"), strs(&["WORLD"])],
        ),
    );
    assert_same(
        s("x-1 x-2"),
        call(
            &mut vm,
            "pcre_replace",
            vec![s("a1 a2"), s("a(\\d)"), s("x-$1")],
        ),
    );
    assert_same(
        s("$a"),
        call(&mut vm, "pcre_replace", vec![s("a"), s("(a)"), s("$$${1}")]),
    );
    let e = error_of(
        &mut vm,
        "pcre_replace",
        vec![s("ab"), s("(a)(b)"), strs(&["x"])],
    );
    assert_eq!(
        e,
        "*Number of captured substrings and replacements do not match, 2 vs 1.\n"
    );
    let all = call(
        &mut vm,
        "pcre_match_all",
        vec![s("a1b22"), s("[a-z](\\d+)")],
    );
    assert_same(
        Value::array(vec![strs(&["a1", "1"]), strs(&["b22", "22"])]),
        all,
    );
    let assoc = call(
        &mut vm,
        "pcre_assoc",
        vec![
            s("ab12cd"),
            strs(&["\\d+"]),
            Value::array(vec![Value::Int(7)]),
            Value::Int(0),
        ],
    );
    assert_same(
        Value::array(vec![
            strs(&["ab", "12", "cd"]),
            Value::array(vec![Value::Int(0), Value::Int(7), Value::Int(0)]),
        ]),
        assoc,
    );
    let e = error_of(&mut vm, "pcre_match", vec![s("a"), s("(")]);
    assert!(e.starts_with("*PCRE compilation failed at offset"), "{}", e);
    assert!(matches!(
        call(&mut vm, "pcre_cache", vec![]),
        Value::Mapping(_)
    ));
    assert!(matches!(
        call(&mut vm, "pcre_version", vec![]),
        Value::Str(_)
    ));
    // Backreferences and lookaround work (PCRE features).
    assert_same(
        Value::Int(1),
        call(&mut vm, "pcre_match", vec![s("abab"), s("^(ab)\\1$")]),
    );
    assert_same(
        Value::Int(1),
        call(&mut vm, "pcre_match", vec![s("foobar"), s("foo(?=bar)")]),
    );
}

#[test]
fn pcre_replace_callback_with_efun_pointer() {
    let mut vm = pcre_vm();
    let (index, _) = vm.efuns.lookup("upper_case").unwrap();
    let upper = Value::Function(Rc::new(ferrum_vm::value::FunctionPtr {
        kind: ferrum_vm::value::FunctionKind::Efun {
            index,
            name: "upper_case",
        },
        owner: None,
        bound_args: vec![],
    }));
    // upper_case() takes one argument; the index argument makes it fail,
    // which pcre_replace_callback reports as a callback error.
    let e = error_of(
        &mut vm,
        "pcre_replace_callback",
        vec![s("ab cd"), s("(\\w+) (\\w+)"), upper],
    );
    assert_eq!(e, "*error in callback!\n");
    let (index, _) = vm.efuns.lookup("sprintf").unwrap();
    let fmt = Value::Function(Rc::new(ferrum_vm::value::FunctionPtr {
        kind: ferrum_vm::value::FunctionKind::Efun {
            index,
            name: "sprintf",
        },
        owner: None,
        bound_args: vec![s("<%s:%d>")],
    }));
    assert_same(
        s("<ab:0> <cd:1>"),
        call(
            &mut vm,
            "pcre_replace_callback",
            vec![s("ab cd"), s("(\\w+) (\\w+)"), fmt],
        ),
    );
}
