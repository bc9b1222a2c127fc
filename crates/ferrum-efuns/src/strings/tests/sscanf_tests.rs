use super::*;
use ferrum_vm::value::Value;

/// `__sscanf(input, fmt, nvars)` as ({ count, values... }).
fn scan(input: &str, fmt: &str, nvars: i64) -> Vec<Value> {
    let mut vm = vm();
    match call(
        &mut vm,
        "__sscanf",
        vec![s(input), s(fmt), Value::Int(nvars)],
    ) {
        Value::Array(a) => a.to_vec(),
        other => panic!("not an array: {:?}", other),
    }
}

fn scan_err(input: &str, fmt: &str, nvars: i64) -> String {
    let mut vm = vm();
    error_of(
        &mut vm,
        "__sscanf",
        vec![s(input), s(fmt), Value::Int(nvars)],
    )
}

#[track_caller]
fn check(input: &str, fmt: &str, nvars: i64, expected: Vec<Value>) {
    assert_same(
        Value::array(expected),
        Value::array(scan(input, fmt, nvars)),
    );
}

const U: Value = Value::Undefined;

#[test]
fn fluffos_testsuite_cases() {
    // One variable for "%s%": the argument check fires first.
    assert_eq!(
        scan_err("you%", "%s%", 1),
        "*Too few arguments to sscanf().\n"
    );
    assert_eq!(
        scan_err("you%", "%s%", 2),
        "*Format string can't end in '%'.\n"
    );
    assert!(scan_err("you%", "%su%", 1).contains("Format string cannot end in '%' in sscanf()"));
    check("you%", "%s%%", 1, vec![Value::Int(1), s("you")]);
    check("you%", "%su%%", 1, vec![Value::Int(1), s("yo")]);
    check(
        "123sdkfwo1239405adsf",
        "%d",
        1,
        vec![Value::Int(1), Value::Int(123)],
    );
    check(
        "+29375282",
        "%d",
        1,
        vec![Value::Int(1), Value::Int(29375282)],
    );
    check("  -19322", "%d", 1, vec![Value::Int(1), Value::Int(-19322)]);
    check("FFFF", "%x", 1, vec![Value::Int(1), Value::Int(65535)]);
    check("0x1293jsf", "%x", 1, vec![Value::Int(1), Value::Int(4755)]);
    check(
        "abc%abc",
        "%s%%%s",
        2,
        vec![Value::Int(2), s("abc"), s("abc")],
    );
}

#[test]
fn strings_split_at_literals() {
    check(
        "hello world",
        "%s %s",
        2,
        vec![Value::Int(2), s("hello"), s("world")],
    );
    check("a b c", "%s %s", 2, vec![Value::Int(2), s("a"), s("b c")]);
    check(
        "get sword from box",
        "get %s from %s",
        2,
        vec![Value::Int(2), s("sword"), s("box")],
    );
    // The literal must be found, else the scan stops before %s.
    check("abc", "%s:%s", 2, vec![Value::Int(0), U, U]);
    // %s may be empty.
    check(":x", "%s:%s", 2, vec![Value::Int(2), s(""), s("x")]);
    check("", "%s", 1, vec![Value::Int(1), s("")]);
}

#[test]
fn numbers() {
    check(
        "12 34",
        "%d %d",
        2,
        vec![Value::Int(2), Value::Int(12), Value::Int(34)],
    );
    check("x12", "%d", 1, vec![Value::Int(0), U]);
    check(
        "1.5e2 rest",
        "%f %s",
        2,
        vec![Value::Int(2), Value::Float(150.0), s("rest")],
    );
    check("-.5", "%f", 1, vec![Value::Int(1), Value::Float(-0.5)]);
    check(
        "99999999999999999999",
        "%d",
        1,
        vec![Value::Int(1), Value::Int(i64::MAX)],
    );
}

#[test]
fn string_before_conversion() {
    check(
        "abc123def",
        "%s%d%s",
        3,
        vec![Value::Int(3), s("abc"), Value::Int(123), s("def")],
    );
    // A sign is not a digit: it stays with the string.
    check(
        "abc-5",
        "%s%d",
        2,
        vec![Value::Int(2), s("abc-"), Value::Int(5)],
    );
    // No number: %s takes everything and the count stops at 1.
    check("abc", "%s%d", 2, vec![Value::Int(1), s("abc"), U]);
    check(
        "level 0x1F!",
        "%s%x%s",
        3,
        vec![Value::Int(3), s("level "), Value::Int(31), s("!")],
    );
    check(
        "pi is 3.25",
        "%s%f",
        2,
        vec![Value::Int(2), s("pi is "), Value::Float(3.25)],
    );
    check(
        "ab.5",
        "%s%f",
        2,
        vec![Value::Int(2), s("ab"), Value::Float(0.5)],
    );
    assert!(scan_err("ab", "%s%s", 2)
        .contains("Illegal to have 2 adjacent %s's in format string in sscanf()"));
}

#[test]
fn skipped_conversions_count_but_do_not_assign() {
    check("12 34", "%*d %d", 1, vec![Value::Int(2), Value::Int(34)]);
    check("ab cd", "%*s %s", 1, vec![Value::Int(2), s("cd")]);
    check("abc123", "%*s%d", 1, vec![Value::Int(2), Value::Int(123)]);
    check("abc123", "%s%*d", 1, vec![Value::Int(2), s("abc")]);
}

#[test]
fn regexp_conversions() {
    check(
        "abc123",
        "%([a-z]+)%d",
        2,
        vec![Value::Int(2), s("abc"), Value::Int(123)],
    );
    // The regexp must match right here.
    check("1abc", "%([a-z]+)", 1, vec![Value::Int(0), U]);
    check(
        "say hello there",
        "%s %(h[a-z]+)%s",
        3,
        vec![Value::Int(3), s("say"), s("hello"), s(" there")],
    );
    // %s then a regexp: %s takes the text before the regexp's match.
    check(
        "xx42yy",
        "%s%([0-9]+)%s",
        3,
        vec![Value::Int(3), s("xx"), s("42"), s("yy")],
    );
    check("xxyy", "%s%([0-9]+)", 2, vec![Value::Int(1), s("xxyy"), U]);
    check("(a)", "%(\\(a\\))", 1, vec![Value::Int(1), s("(a)")]);
    assert!(scan_err("x", "%(abc", 1).contains("Bad regexp format: '%abc' in sscanf format string"));
    assert!(
        scan_err("x", "%s%(abc", 2).contains("Bad regexp format : '%abc' in sscanf format string")
    );
    assert!(scan_err("x", "%(+)", 1).contains("+ follows nothing"));
}

#[test]
fn leftover_input_goes_to_the_next_variable() {
    check("12abc", "%d", 1, vec![Value::Int(1), Value::Int(12)]);
    check(
        "12abc",
        "%d",
        2,
        vec![Value::Int(2), Value::Int(12), s("abc")],
    );
    check("abc def", "abc", 1, vec![Value::Int(1), s(" def")]);
    check("abc", "abd", 1, vec![Value::Int(0), U]);
}

#[test]
fn errors() {
    assert_eq!(
        scan_err("1 2", "%d %d", 1),
        "*Too few arguments to sscanf()\n"
    );
    assert_eq!(
        scan_err("ab1", "%s%d", 1),
        "*Too few arguments to sscanf().\n"
    );
    assert_eq!(
        scan_err("x", "%q", 1),
        "*Bad type : '%q' in sscanf() format string\n"
    );
    assert_eq!(
        scan_err("x", "%s%q", 2),
        "*Bad type : '%q' in sscanf() format string\n"
    );
    assert_eq!(
        scan_err("x", "x%", 1),
        "*Format string cannot end in '%' in sscanf()\n"
    );
    // FluffOS has no %i or %c in sscanf.
    assert!(scan_err("1", "%i", 1).starts_with("*Bad type : '%i'"));
}

#[test]
fn percent_literals() {
    check("50%", "%d%%", 1, vec![Value::Int(1), Value::Int(50)]);
    check("50", "%d%%", 1, vec![Value::Int(1), Value::Int(50)]);
    // "%s%%" with no % in the input: %s takes all, and is not counted.
    check("abc", "%s%%", 1, vec![Value::Int(0), s("abc")]);
}
