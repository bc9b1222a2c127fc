use super::*;
use ferrum_vm::value::Value;

fn sp(fmt: &str, args: Vec<Value>) -> String {
    let mut vm = vm();
    let mut all = vec![s(fmt)];
    all.extend(args);
    as_string(&call(&mut vm, "sprintf", all))
}

fn sp_err(fmt: &str, args: Vec<Value>) -> String {
    let mut vm = vm();
    let mut all = vec![s(fmt)];
    all.extend(args);
    error_of(&mut vm, "sprintf", all)
}

#[test]
fn plain_text_and_percent() {
    assert_eq!(sp("hello", vec![]), "hello");
    assert_eq!(sp("100%%", vec![]), "100%");
    assert_eq!(sp("a\nb\n", vec![]), "a\nb\n");
    assert_eq!(sp("%s is %i", vec![s("X"), Value::Int(1)]), "X is 1");
}

#[test]
fn integer_conversions() {
    assert_eq!(sp("$%i^", vec![Value::Int(5)]), "$5^");
    assert_eq!(sp("%d", vec![Value::Int(345)]), "345");
    assert_eq!(sp("%o", vec![Value::Int(73)]), "111");
    assert_eq!(sp("%x", vec![Value::Int(169)]), "a9");
    assert_eq!(sp("%X", vec![Value::Int(169)]), "A9");
    assert_eq!(sp("%i", vec![Value::Int(-345)]), "-345");
    assert_eq!(sp("%+d", vec![Value::Int(345)]), "+345");
    assert_eq!(sp("%+d", vec![Value::Int(-345)]), "-345");
    assert_eq!(sp("% d", vec![Value::Int(7)]), " 7");
    // Both sign flags together cancel out (FluffOS stores them in 2 bits).
    assert_eq!(sp("%+ d", vec![Value::Int(7)]), "7");
    assert_eq!(sp("%.5d", vec![Value::Int(-42)]), "-00042");
    assert_eq!(sp("%+x", vec![Value::Int(255)]), "ff");
    assert_eq!(sp("%x", vec![Value::Int(-1)]), "ffffffffffffffff");
}

#[test]
fn numbers_convert_between_int_and_float() {
    assert_eq!(sp("%d", vec![Value::Float(123.0)]), "123");
    assert_eq!(sp("%d", vec![Value::Float(123.123)]), "123");
    assert_eq!(sp("%f", vec![Value::Int(123)]), "123.000000");
    assert_eq!(sp("%f", vec![Value::Float(123.0)]), "123.000000");
    for conv in ["%d", "%o", "%x", "%s", "%O"] {
        assert_eq!(sp(conv, vec![Value::Undefined]), "0", "{}", conv);
        assert_eq!(sp(conv, vec![Value::Int(0)]), "0", "{}", conv);
    }
    assert_eq!(sp("%f", vec![Value::Undefined]), "0.000000");
}

#[test]
fn float_conversions() {
    assert_eq!(sp("%f", vec![Value::Float(1.234)]), "1.234000");
    assert_eq!(sp("%.2f", vec![Value::Float(1.2345)]), "1.23");
    assert_eq!(sp("%10.2f", vec![Value::Float(1.2345)]), "      1.23");
    assert_eq!(sp("%10.6f", vec![Value::Float(0.123)]), "  0.123000");
    assert_eq!(sp("%+.1f", vec![Value::Float(2.0)]), "+2.0");
    // An explicit precision of 0 is "no precision" to FluffOS.
    assert_eq!(sp("%.0f", vec![Value::Float(2.5)]), "2.500000");
    assert!(sp("%.1077f", vec![Value::Float(0.0)]).len() > 1000);
    assert!(sp("%.5000f", vec![Value::Float(-1.0)]).len() > 1000);
    assert_eq!(sp("%.5000d", vec![Value::Int(-1)]).len(), 1078);
}

#[test]
fn justification_and_padding() {
    assert_eq!(sp("%-10d", vec![Value::Int(12345)]), "12345     ");
    assert_eq!(sp("%-10s", vec![s("12345")]), "12345     ");
    assert_eq!(sp("%-10c", vec![Value::Int(65)]), "A         ");
    assert_eq!(sp("%|10d", vec![Value::Int(12345)]), "   12345  ");
    assert_eq!(sp("%|10s", vec![s("12345")]), "   12345  ");
    assert_eq!(sp("%|10c", vec![Value::Int(65)]), "     A    ");
    assert_eq!(sp("%-|10s", vec![s("12345")]), "  12345   ");
    assert_eq!(sp("%6-|s", vec![s("")]), "      ");
    assert_eq!(
        sp("%30|s", vec![s("a b c d e f g")]),
        "         a b c d e f g        "
    );
    assert_eq!(sp("%20s", vec![s("right")]), "               right");
    assert_eq!(sp("%05d", vec![Value::Int(42)]), "00042");
    // The engine pads, so zeros go before the sign.
    assert_eq!(sp("%05d", vec![Value::Int(-42)]), "00-42");
    assert_eq!(sp("%3d", vec![Value::Int(12345)]), "12345");
}

#[test]
fn pad_strings() {
    assert_eq!(sp("%-20'-'s", vec![s("left")]), "left----------------");
    assert_eq!(sp("%20'-'|s", vec![s("center")]), "-------center-------");
    assert_eq!(sp("%20'-'s", vec![s("right")]), "---------------right");
    assert_eq!(sp("%'xyzzy'7s", vec![s("ab")]), "xyzzyab");
    assert_eq!(sp("%'xyzzy'9s", vec![s("ab")]), "xyzzyxyab");
    assert_eq!(sp("%-'xyzzy'9s", vec![s("ab")]), "abxyzzyxy");
    assert_eq!(sp("%|'xyzzy'9s", vec![s("ab")]), "xyzzabxyz");
    assert_eq!(sp("%'\\''5s", vec![s("a")]), "''''a");
    assert_eq!(sp("%'\\\\'3s", vec![s("a")]), "\\\\a");
    // A wide pad character that does not fit leaves spaces.
    assert_eq!(sp("%'字'4s", vec![s("a")]), " 字a");
    assert_eq!(sp("%'字'3s", vec![s("a")]), "字a");
}

#[test]
fn star_width_and_precision() {
    assert_eq!(sp("%*d", vec![Value::Int(5), Value::Int(42)]), "   42");
    assert_eq!(sp("%-*s|", vec![Value::Int(4), s("ab")]), "ab  |");
    assert_eq!(sp("%.*s", vec![Value::Int(3), s("abcdef")]), "abc");
    assert_eq!(sp("%*d", vec![Value::Int(-5), Value::Int(42)]), "42");
    assert_eq!(sp("%0*d", vec![Value::Int(4), Value::Int(7)]), "0007");
    assert_eq!(sp("%:5s|", vec![s("abcdefg")]), "abcde|");
    assert_eq!(sp("%:5s|", vec![s("ab")]), "   ab|");
}

#[test]
fn string_truncation_and_ansi() {
    assert_eq!(sp("%.6s", vec![s("very long string")]), "very l");
    assert_eq!(sp("%c", vec![Value::Int(27)]), "\x1b");
    let red = "\x1b[31mtest\x1b[0m";
    assert_eq!(sp("%|10s", vec![s(red)]), format!("   {}   ", red));
    assert_eq!(sp("%-10s", vec![s(red)]), format!("{}      ", red));
    assert_eq!(
        sp("%10s", vec![s("\x1b[31m\x1b[0m")]),
        "          \x1b[31m\x1b[0m"
    );
    // Wide characters count two columns.
    assert_eq!(sp("%-6s|", vec![s("字字")]), "字字  |");
    assert_eq!(sp("%c", vec![Value::Int(0x5b57)]), "字");
}

#[test]
fn column_mode() {
    assert_eq!(
        sp("%-=6s", vec![s("this is a very long sentence.")]),
        "this\nis a\nvery\nlong\nsentence."
    );
    assert_eq!(
        sp("%30=s", vec![s("Mit indent sieht das so aus")]),
        "   Mit indent sieht das so aus"
    );
    assert_eq!(
        sp(
            "%-*=s",
            vec![
                Value::Int(20),
                s(" Mit indentsi\n tfddkdfkdfkdfskdfksll\n dffs\n dddeee")
            ]
        ),
        " Mit indentsi\n tfddkdfkdfkdfskdfks\nll\n dffs\n dddeee"
    );
    assert_eq!(sp("%-=6s", vec![s("aaaaaabbb")]), "aaaaaabbb");
    assert_eq!(
        sp(
            "%-=10s %-=20s\n",
            vec![s("one\ntwo\nthree"), s("line1 \nline2 \nline3 ")]
        ),
        "one        line1\ntwo        line2\nthree      line3\n"
    );
    assert_eq!(
        sp(
            "%-=1s %-=2s\n",
            vec![s("111\n2222\n33333"), s("aaa\nbbb\ncccc")]
        ),
        "111 aaa\n2222bbb\n33333cccc\n"
    );
    assert_eq!(
        sp(
            "%-=1s %-=2s\n",
            vec![s("11111\n2222\n333"), s("aaa\nbbb\ncccc")]
        ),
        "11111 aaa\n2222  bbb\n333   cccc\n"
    );
    // Lines after the first start where the conversion started.
    assert_eq!(
        sp("ab: %-=5s!\n", vec![s("one two three")]),
        "ab: one  !\n    two\n    three\n"
    );
    assert!(sp_err("%=s", vec![s("x")]).contains("Column/table mode requires a field size."));
}

#[test]
fn table_mode() {
    let words = "This\nis\na\ntest\nof\nsprintf\ntable\nmode\n";
    assert_eq!(
        sp("xxx%#-20.5s\n", vec![s(words)]),
        "xxxThisa   of  tabl\n   is  testsprimode\n"
    );
    assert_eq!(
        sp("xxx%#-'y'20.5s\n", vec![s(words)]),
        "xxxThisayyyofyytablyyyy\n   isyytestsprimodeyyyy\n"
    );
    assert_eq!(
        sp(
            "%#-20s\n",
            vec![s("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\no\n")]
        ),
        "a   d   g   j   o\nb   e   h   k   \nc   f   i   l   \n"
    );
}

#[test]
fn array_mode() {
    let arr = Value::array(vec![Value::Int(1), Value::Int(22), Value::Int(333)]);
    assert_eq!(sp("%@-4d|", vec![arr]), "1   22  333 |");
    let words = strs(&["a", "b"]);
    assert_eq!(sp("[%@s]", vec![words]), "[ab]");
    assert_eq!(sp("[%@s]", vec![Value::array(vec![])]), "[]");
    let mixed = Value::array(vec![Value::Int(1), s("x")]);
    assert_eq!(sp("%@O ", vec![mixed]), "1\"x\" ");
    assert!(sp_err("%@d", vec![Value::Int(1)]).contains("Array expected."));
    // An unknown conversion over an empty array prints nothing, even a
    // non-ASCII one.
    assert_eq!(sp("a%@éb", vec![Value::array(vec![])]), "ab");
    assert!(sp_err("%é", vec![Value::Int(1)]).contains("Error in format string."));
}

#[test]
fn lpc_values() {
    assert_eq!(sp("%O", vec![Value::Int(1)]), "1");
    assert_eq!(sp("%O", vec![Value::Float(1.5)]), "1.500000");
    assert_eq!(sp("%O", vec![s("foo")]), "\"foo\"");
    assert_eq!(sp("%O", vec![Value::array(vec![])]), "({ })");
    assert_eq!(
        sp("%O", vec![Value::array(vec![Value::Int(1), Value::Int(2)])]),
        "({ /* sizeof() == 2 */\n  1,\n  2\n})"
    );
    assert_eq!(sp("%-8O|", vec![Value::Int(7)]), "7       |");
}

#[test]
fn error_messages() {
    assert_eq!(
        sp_err("%d %d", vec![Value::Int(1)]),
        "*(s)printf(): More arguments specified than passed. (arg: 1)\n"
    );
    assert_eq!(
        sp_err("%y", vec![Value::Int(1)]),
        "*(s)printf(): Error in format string. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%s", vec![Value::Int(1)]),
        "*(s)printf(): Incorrect argument to type %s. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%*d", vec![s("x"), Value::Int(1)]),
        "*(s)printf(): Incorrect argument type to *. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%.d", vec![Value::Int(1)]),
        "*(s)printf(): Expected precision not found. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%''s", vec![s("x")]),
        "*(s)printf(): Null pad string specified. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%'ab", vec![s("x")]),
        "*(s)printf(): Unexpected end of format string. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%c", vec![Value::Int(0)]),
        "*(s)printf(): Incorrect argument to type %c, must be valid UTF8 char. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%d", vec![s("x")]),
        "*ERROR: (s)printf(): Incorrect argument type to %d.\n"
    );
    assert_eq!(
        sp_err("%f", vec![s("x")]),
        "*ERROR: (s)printf(): Incorrect argument type to %f.\n"
    );
    assert_eq!(
        sp_err("abc%", vec![Value::Int(1)]),
        "*(s)printf(): Error in format string. (arg: 0)\n"
    );
    assert_eq!(
        sp_err("%'a\\bc'5s", vec![s("x")]),
        "*(s)printf(): padding string '\\' must be followed by another '\\' or single quote (arg: 0)\n"
    );
}

#[test]
fn output_limit() {
    let mut vm = vm();
    vm.limits.max_string_length = 10;
    let e = error_of(&mut vm, "sprintf", vec![s("%20s"), s("x")]);
    assert_eq!(e, "*(s)printf(): BUFF_SIZE overflowed... (arg: 0)\n");
}

#[test]
fn printf_writes() {
    use ferrum_vm::interp::Host;
    use std::cell::RefCell;
    use std::rc::Rc;
    struct Capture(RefCell<String>);
    impl Host for Capture {
        fn compile(&self, _vm: &mut Vm, path: &str) -> ferrum_vm::VmResult<Rc<ferrum_vm::Program>> {
            Err(ferrum_vm::LpcError::new(format!("no {}", path)))
        }
        fn write(&self, _vm: &mut Vm, text: &str) {
            self.0.borrow_mut().push_str(text);
        }
    }
    let host = Rc::new(Capture(RefCell::new(String::new())));
    let mut vm = Vm::new(Rc::new(crate::standard_table()), host.clone());
    let r = call(&mut vm, "printf", vec![s("%d-%s\n"), Value::Int(3), s("x")]);
    assert!(r.is_undefined());
    assert_eq!(host.0.borrow().as_str(), "3-x\n");
}
