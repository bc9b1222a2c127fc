use super::*;
use ferrum_vm::value::Value;

fn explode(text: &str, del: &str) -> Value {
    call(&mut vm(), "explode", vec![s(text), s(del)])
}

fn explode_rev(text: &str, del: &str) -> Value {
    call(&mut vm(), "explode_reversible", vec![s(text), s(del)])
}

#[test]
fn explode_follows_fluffos() {
    assert_same(strs(&["abcd"]), explode("abcd", " and "));
    assert_same(strs(&[]), explode("", " and "));
    assert_same(strs(&[" an"]), explode(" an", " and "));
    assert_same(strs(&["t", "h", "i", "s"]), explode("this", ""));
    assert_same(
        strs(&["this", "is", "a", "test"]),
        explode("this is a test", " "),
    );
    // Leading delimiters are dropped, however many.
    assert_same(strs(&["this", "is"]), explode("     this is", " "));
    assert_same(
        strs(&["this", "is", "a", "test"]),
        explode("this  is  a  test  ", "  "),
    );
    assert_same(
        strs(&["this", "is", "a", "test"]),
        explode("      this  is  a  test  ", "  "),
    );
    assert_same(strs(&["x", "y", "", "z", ""]), explode("..x.y..z..", "."));
    assert_same(
        strs(&["lh15970183750", "abcdefghigk", "werert"]),
        explode("lh15970183750║abcdefghigk║werert", "║"),
    );
    assert_same(strs(&["ab-"]), explode("ab---", "--"));
    assert_same(strs(&["你-"]), explode("你---", "--"));
    assert_same(strs(&["你-", ""]), explode("你-----", "--"));
    assert_same(
        strs(&["café text\n", ""]),
        explode("café text\n\n\n\n\n", "\n\n"),
    );
    assert_same(strs(&[]), explode("....", "."));
    let many = format!("x{}", " ".repeat(8000));
    match explode(&many, " ") {
        Value::Array(a) => {
            assert_eq!(a.len(), 8000);
            assert_same(s("x"), a.get(0).unwrap());
            assert_same(s(""), a.get(7999).unwrap());
        }
        other => panic!("{:?}", other),
    }
}

#[test]
fn explode_reversible_keeps_every_piece() {
    assert_same(strs(&["", "this", "is"]), explode_rev(" this is", " "));
    assert_same(
        strs(&["", "", "", "", "", "this"]),
        explode_rev("     this", " "),
    );
    assert_same(strs(&["this", "is", ""]), explode_rev("this  is  ", "  "));
    assert_same(
        strs(&["", "", "x", "y", "", "z", "", ""]),
        explode_rev("..x.y..z..", "."),
    );
    assert_same(strs(&["你-", "", ""]), explode_rev("你-----", "--"));
    assert_same(strs(&["", ""]), explode_rev("--", "--"));
    assert_same(strs(&[]), explode_rev("", "x"));
}

#[test]
fn implode_with_strings_and_functions() {
    let mut vm = vm();
    let ints = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
    assert_same(
        s(""),
        call(&mut vm, "implode", vec![ints.clone(), s("foo")]),
    );
    assert_same(
        s("foobazzbar"),
        call(&mut vm, "implode", vec![strs(&["foo", "bar"]), s("bazz")]),
    );
    let mixed = Value::array(vec![Value::Int(1), s("foo"), s("bar")]);
    assert_same(
        s("foobazzbar"),
        call(&mut vm, "implode", vec![mixed, s("bazz")]),
    );
    assert_same(
        s("foobar"),
        call(&mut vm, "implode", vec![strs(&["foo", "bar"]), s("")]),
    );
    // A function folds the array; `+` as an efun pointer stands in for (: $1 + $2 :).
    let (index, _) = vm.efuns.lookup("sprintf").unwrap();
    let join = Value::Function(std::rc::Rc::new(ferrum_vm::value::FunctionPtr {
        kind: ferrum_vm::value::FunctionKind::Efun {
            index,
            name: "sprintf",
        },
        owner: None,
        bound_args: vec![s("%O%O")],
    }));
    assert_same(
        s("\"a\"\"b\""),
        call(&mut vm, "implode", vec![strs(&["a", "b"]), join.clone()]),
    );
    assert_same(
        s("\"\"1"),
        call(
            &mut vm,
            "implode",
            vec![Value::array(vec![Value::Int(1)]), join.clone(), s("")],
        ),
    );
    assert_same(
        Value::Int(666),
        call(
            &mut vm,
            "implode",
            vec![Value::array(vec![]), join.clone(), Value::Int(666)],
        ),
    );
    assert_same(
        Value::Int(0),
        call(&mut vm, "implode", vec![Value::array(vec![]), join.clone()]),
    );
    assert_same(
        Value::Int(555),
        call(
            &mut vm,
            "implode",
            vec![Value::array(vec![Value::Int(555)]), join],
        ),
    );
    assert_eq!(
        error_of(&mut vm, "implode", vec![strs(&["a"]), s(","), s("x")]),
        "*Third argument to implode() is illegal with implode(array, string)\n"
    );
}

fn replace(args: Vec<Value>) -> Value {
    call(&mut vm(), "replace_string", args)
}

#[test]
fn replace_string_ranges() {
    let src = "This is a test";
    let r = |pat: &str, rep: &str, extra: &[i64]| {
        let mut a = vec![s(src), s(pat), s(rep)];
        a.extend(extra.iter().map(|i| Value::Int(*i)));
        as_string(&replace(a))
    };
    assert_eq!(r("", "bar", &[]), src);
    assert_eq!(r("foo", "bar", &[5, 4]), src);
    assert_eq!(r("is", "x", &[]), "Thx x a test");
    assert_eq!(r("is", "x", &[1]), "Thx is a test");
    assert_eq!(r("is", "x", &[0, 0]), "Thx x a test");
    assert_eq!(r("is", "x", &[0, 1]), "Thx is a test");
    assert_eq!(r("is", "x", &[2, 2]), "This x a test");
    assert_eq!(r("is", "", &[1, 2]), "Th  a test");
    assert_eq!(r("s", "x", &[1, 3]), "Thix ix a text");
    assert_eq!(r("s", "", &[2, 2]), "This i a test");
    assert_eq!(r("is", "foo", &[]), "Thfoo foo a test");
    assert_eq!(r("s", "foo", &[2, 2]), "This ifoo a test");
    assert_eq!(r("aa", "b", &[]), src);
    assert_eq!(as_string(&replace(vec![s("aaaa"), s("aa"), s("b")])), "bb");
    let mut vm = vm();
    let e = error_of(
        &mut vm,
        "replace_string",
        vec![
            s("a"),
            s("a"),
            s("b"),
            Value::Int(1),
            Value::Int(2),
            Value::Int(3),
        ],
    );
    assert_eq!(e, "*Too many args to replace_string.\n");
    vm.limits.max_string_length = 10;
    assert_same(
        Value::Int(0),
        call(&mut vm, "replace_string", vec![s("aaaa"), s("a"), s("xyz")]),
    );
}

#[test]
fn strsrch_counts_characters() {
    let mut vm = vm();
    let txt = "Every day is a new day. 不过话得说回来 luck";
    let find = |vm: &mut Vm, needle: Value, rev: i64| {
        call(vm, "strsrch", vec![s(txt), needle, Value::Int(rev)])
    };
    assert_same(Value::Int(5), find(&mut vm, Value::Int(' ' as i64), 0));
    assert_same(Value::Int(24), find(&mut vm, Value::Int('不' as i64), 0));
    assert_same(Value::Int(32), find(&mut vm, s("luck"), 0));
    assert_same(Value::Int(19), find(&mut vm, s("day"), 1));
    assert_same(Value::Int(36), find(&mut vm, Value::Int(0), 0));
    assert_same(Value::Int(-1), find(&mut vm, Value::Int('z' as i64), 0));
    assert_same(Value::Int(-1), find(&mut vm, s(""), 0));
    assert_same(
        Value::Int(-1),
        call(&mut vm, "strsrch", vec![s("ab"), s("abc")]),
    );
    assert_same(Value::Int(25), find(&mut vm, s("过话"), 0));
}

#[test]
fn case_and_comparison() {
    let mut vm = vm();
    let one = |vm: &mut Vm, f: &str, t: &str| as_string(&call(vm, f, vec![s(t)]));
    assert_eq!(one(&mut vm, "capitalize", "driver"), "Driver");
    assert_eq!(one(&mut vm, "capitalize", "Driver"), "Driver");
    assert_eq!(one(&mut vm, "capitalize", "42driver"), "42driver");
    assert_eq!(one(&mut vm, "capitalize", ""), "");
    assert_eq!(one(&mut vm, "capitalize", "éa"), "éa");
    assert_eq!(one(&mut vm, "lower_case", "HeLLo É"), "hello É");
    assert_eq!(one(&mut vm, "upper_case", "Mixed 123!"), "MIXED 123!");
    assert_same(
        Value::Int(0),
        call(&mut vm, "strcmp", vec![s("abc"), s("abc")]),
    );
    assert_same(
        Value::Int(-1),
        call(&mut vm, "strcmp", vec![s("abc"), s("abd")]),
    );
    assert_same(
        Value::Int(1),
        call(&mut vm, "strcmp", vec![s("b"), s("abc")]),
    );
    assert_same(
        Value::Int(-1),
        call(&mut vm, "strcmp", vec![s("ab"), s("abc")]),
    );
    assert_same(Value::Int(5), call(&mut vm, "strlen", vec![s("héllo")]));
    assert_same(
        Value::Int(9),
        call(&mut vm, "strwidth", vec![s("what e\nver")]),
    );
    assert_same(Value::Int(7), call(&mut vm, "strwidth", vec![s("abc字字")]));
    let e = error_of(&mut vm, "strlen", vec![Value::Int(1)]);
    assert!(e.starts_with("*Bad argument 1 to strlen()"), "{}", e);
}

#[test]
fn trimming() {
    let mut vm = vm();
    let t = |vm: &mut Vm, f: &str, args: Vec<Value>| as_string(&call(vm, f, args));
    assert_eq!(t(&mut vm, "trim", vec![s("  abc  ")]), "abc");
    assert_eq!(t(&mut vm, "trim", vec![s("\t abc \n")]), "abc");
    assert_eq!(t(&mut vm, "trim", vec![s("xxbxx"), s("x")]), "b");
    assert_eq!(t(&mut vm, "trim", vec![s("   ")]), "");
    assert_eq!(t(&mut vm, "ltrim", vec![s("  a  ")]), "a  ");
    assert_eq!(t(&mut vm, "rtrim", vec![s("  a  ")]), "  a");
    assert_eq!(t(&mut vm, "rtrim", vec![s("abcxyx"), s("xy")]), "abc");
    let book = "《三字经》";
    let ideo = "\u{3000}";
    assert_eq!(t(&mut vm, "trim", vec![s(book), s(ideo)]), book);
    assert_eq!(
        t(
            &mut vm,
            "trim",
            vec![s(&format!("{}{}{}", ideo, book, ideo)), s(ideo)]
        ),
        book
    );
    assert_eq!(
        t(&mut vm, "trim", vec![s("  《三字经》  "), s(" 《》")]),
        "三字经"
    );
    // An empty set means whitespace.
    assert_eq!(t(&mut vm, "trim", vec![s(" a "), s("")]), "a");
}

#[test]
fn template_parts() {
    let mut vm = vm();
    let part = |vm: &mut Vm, v: Value| as_string(&call(vm, "__template_part", vec![v]));
    assert_eq!(part(&mut vm, s("Alice")), "Alice");
    assert_eq!(part(&mut vm, Value::Int(42)), "42");
    assert_eq!(part(&mut vm, Value::Undefined), "0");
    assert_eq!(part(&mut vm, Value::Float(3.25)), "3.25");
    assert_eq!(part(&mut vm, Value::Float(1e20)), "1e+20");
    assert_eq!(
        part(&mut vm, Value::array(vec![Value::Int(1)])),
        "({ /* sizeof() == 1 */\n  1\n})"
    );
}

#[test]
fn bit_strings() {
    let mut vm = vm();
    let set =
        |vm: &mut Vm, t: &str, b: i64| as_string(&call(vm, "set_bit", vec![s(t), Value::Int(b)]));
    assert_eq!(set(&mut vm, "", 0), "!");
    assert_eq!(set(&mut vm, "", 7), " \"");
    assert_eq!(set(&mut vm, "", 13), "  \"");
    let str7 = set(&mut vm, "11111", 7);
    assert_same(
        Value::Int(1),
        call(&mut vm, "test_bit", vec![s(&str7), Value::Int(7)]),
    );
    let cleared = as_string(&call(&mut vm, "clear_bit", vec![s(&str7), Value::Int(7)]));
    assert_same(
        Value::Int(0),
        call(&mut vm, "test_bit", vec![s(&cleared), Value::Int(7)]),
    );
    assert_same(
        s("11111"),
        call(&mut vm, "clear_bit", vec![s("11111"), Value::Int(40)]),
    );
    assert_same(
        Value::Int(0),
        call(&mut vm, "test_bit", vec![s("!"), Value::Int(0x1_0000_0000)]),
    );
    assert_same(
        Value::Int(-1),
        call(
            &mut vm,
            "next_bit",
            vec![s("!!"), Value::Int(0x1_0000_0000)],
        ),
    );
    assert_same(
        Value::Int(0),
        call(&mut vm, "next_bit", vec![s("!!"), Value::Int(0)]),
    );
    assert_same(
        Value::Int(6),
        call(&mut vm, "next_bit", vec![s("!!"), Value::Int(1)]),
    );
    assert_same(
        Value::Int(-1),
        call(&mut vm, "next_bit", vec![s("! "), Value::Int(1)]),
    );
    assert_same(
        Value::Int(-1),
        call(&mut vm, "next_bit", vec![s("!"), Value::Int(5)]),
    );
    assert_same(
        Value::Int(-1),
        call(&mut vm, "next_bit", vec![s(""), Value::Int(0)]),
    );
    assert_eq!(
        error_of(
            &mut vm,
            "set_bit",
            vec![s(""), Value::Int(-4294967296 + 20000)]
        ),
        "*Bad argument 2 (negative) to set_bit().\n"
    );
    assert_eq!(
        error_of(&mut vm, "set_bit", vec![s(""), Value::Int(5000)]),
        "*set_bit() bit requested: 5000 > maximum bits: 1200\n"
    );
    assert_eq!(
        error_of(
            &mut vm,
            "clear_bit",
            vec![s(""), Value::Int(1_000_000_000_000)]
        ),
        "*clear_bit() bit requested : 1000000000000 > maximum bits: 1200\n"
    );
    assert_eq!(
        error_of(&mut vm, "clear_bit", vec![s("!"), Value::Int(-2)]),
        "*Bad argument 2 (negative) to clear_bit().\n"
    );
    assert_eq!(
        error_of(&mut vm, "set_bit", vec![s("~"), Value::Int(0)]),
        "*Illegal bit pattern in set_bit character 0\n"
    );
    assert_eq!(
        error_of(&mut vm, "test_bit", vec![s("!"), Value::Int(-1)]),
        "*Bad argument 2 (negative) to test_bit().\n"
    );
}

#[test]
fn string_encoding() {
    let mut vm = vm();
    let buf = call(&mut vm, "string_encode", vec![s("héllo"), s("ISO-8859-1")]);
    match &buf {
        Value::Buffer(b) => assert_eq!(b.to_vec(), vec![b'h', 0xe9, b'l', b'l', b'o']),
        other => panic!("{:?}", other),
    }
    assert_same(
        s("héllo"),
        call(&mut vm, "string_decode", vec![buf, s("latin1")]),
    );
    let utf8 = call(&mut vm, "string_encode", vec![s("你好"), s("UTF-8")]);
    assert_same(
        s("你好"),
        call(&mut vm, "string_decode", vec![utf8, s("utf8")]),
    );
    assert_eq!(
        error_of(&mut vm, "string_encode", vec![s("x"), s("bogus")]),
        "*string_encode: Invalid encoding 'bogus', error: U_FILE_ACCESS_ERROR.\n"
    );
}
