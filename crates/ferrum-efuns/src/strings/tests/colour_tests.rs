use super::*;
use ferrum_vm::value::{Mapping, Value};

fn codes() -> Mapping {
    let m = Mapping::new();
    m.insert(s("RED"), s("<r>"));
    m.insert(s("RESET"), s("<0>"));
    m
}

fn colour(args: Vec<Value>) -> String {
    as_string(&call(&mut vm(), "terminal_colour", args))
}

#[test]
fn substitution() {
    let m = Value::Mapping(codes());
    assert_eq!(
        colour(vec![s("%^RED%^hot%^RESET%^"), m.clone()]),
        "<r>hot<0>"
    );
    assert_eq!(colour(vec![s("plain"), m.clone()]), "plain");
    assert_eq!(colour(vec![s("%^UNKNOWN%^x"), m.clone()]), "UNKNOWNx");
    assert_eq!(colour(vec![s("%^%^%^"), m.clone()]), "");
    // Every piece is looked up, not only the marked ones.
    assert_eq!(colour(vec![s("RED%^x"), m.clone()]), "<r>x");
    // Non-string values are ignored.
    let odd = codes();
    odd.insert(s("BLUE"), Value::Int(1));
    assert_eq!(colour(vec![s("%^BLUE%^"), Value::Mapping(odd)]), "BLUE");
}

#[test]
fn default_reset_is_stored_in_the_mapping() {
    let m = Mapping::new();
    m.insert(s("RED"), s("<r>"));
    assert_eq!(
        colour(vec![s("%^RED%^x"), Value::Mapping(m.clone())]),
        "<r>x"
    );
    assert_same(s("\x1b[49;49m\x1b[0;10m"), m.get(&s("RESET")).unwrap());
}

#[test]
fn wrapping() {
    let m = Value::Mapping(codes());
    assert_eq!(
        colour(vec![s("aaaa bbbb"), m.clone(), Value::Int(6)]),
        "aaaa<0>\nbbbb"
    );
    let r = colour(vec![
        s("字字字字字字字字字字字字"),
        m.clone(),
        Value::Int(10),
    ]);
    assert_eq!(r, "字字字字字<0>\n字字字字字<0>\n字字");
    let r = colour(vec![
        s("abc 一二三四五 def 六七八九十 ghi"),
        m.clone(),
        Value::Int(8),
    ]);
    for line in r.split('\n') {
        assert!(
            crate::strings::width::str_width(&line.replace("<0>", "")) <= 8,
            "{:?}",
            r
        );
    }
    // Colour in effect is re-sent after the break; the indent follows it.
    let r = colour(vec![
        s("%^RED%^aaaa bbbb"),
        m.clone(),
        Value::Int(6),
        Value::Int(2),
    ]);
    assert_eq!(r, "<r>aaaa<0>\n<r>  bbbb");
    // Hard break of a long word.
    assert_eq!(
        colour(vec![s("abcdefgh"), m.clone(), Value::Int(4)]),
        "abcd<0>\nefgh"
    );
    // Explicit newlines also get the reset, and spaces after a wrap go.
    assert_eq!(
        colour(vec![s("ab\ncd"), m.clone(), Value::Int(10)]),
        "ab<0>\ncd"
    );
    assert_eq!(
        colour(vec![s("aaaa   bbbb"), m.clone(), Value::Int(4)]),
        "aaaa<0>\nbbbb"
    );
    // A negative width pads lines out to the width.
    assert_eq!(
        colour(vec![s("a bbb"), m.clone(), Value::Int(-4)]),
        "a<0>  \nbbb"
    );
    // The pad is counted from the breaking space's column, as FluffOS does.
    assert_eq!(
        colour(vec![s("aa bb"), m.clone(), Value::Int(-3)]),
        "aa<0>\nbb"
    );
}
