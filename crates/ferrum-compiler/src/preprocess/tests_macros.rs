//! Tests of macro definition and expansion.

use super::test_support::{expand, run, run_with};
use crate::token::{Punct, Tok};
use std::rc::Rc;

#[test]
fn object_like_macros_expand() {
    assert_eq!(expand("#define A 1\nA + A;"), "1 + 1 ;");
    assert_eq!(expand("#define EMPTY\nx EMPTY y"), "x y");
    // A macro expanding to another macro's name is rescanned.
    assert_eq!(expand("#define A B\n#define B 2\nA"), "2");
    // Macros only expand after their definition.
    assert_eq!(expand("A\n#define A 1\nA"), "A 1");
}

#[test]
fn function_like_macros_expand() {
    assert_eq!(expand("#define ADD(a, b) a + b\nADD(1, 2)"), "1 + 2");
    assert_eq!(expand("#define Z() 7\nZ()"), "7");
    assert_eq!(expand("#define F(x) [x]\nF()"), "[ ]");
    // A space before '(' in the definition makes an object-like macro.
    assert_eq!(expand("#define f (x)\nf(1)"), "( x ) ( 1 )");
}

#[test]
fn function_like_name_without_parenthesis_is_left_alone() {
    assert_eq!(expand("#define F(x) <x>\nint F; F (1)"), "int F ; < 1 >");
    assert_eq!(expand("#define F(x) x\nF"), "F");
    // The '(' may be on a later line.
    assert_eq!(expand("#define F(x) x\nF\n(3)"), "3");
    // An object-like macro can produce the name of a function-like one.
    assert_eq!(expand("#define F(x) <x>\n#define G F\nG(1)"), "< 1 >");
}

#[test]
fn arguments_may_span_lines() {
    let out = run("#define F(a, b) a - b\nF(1,\n  2)");
    out.assert_clean();
    assert_eq!(out.text(), "1 - 2");
    // Argument tokens keep their own lines; the rest take the call's.
    assert_eq!(out.tokens[0].span.line, 2);
    assert_eq!(out.tokens[1].span.line, 2);
    assert_eq!(out.tokens[2].span.line, 3);
}

#[test]
fn nested_brackets_keep_commas_in_one_argument() {
    let m = "#define ONE(a) <a>\n";
    assert_eq!(expand(&format!("{m}ONE(({{ 1, 2 }}))")), "< ( { 1 , 2 } ) >");
    assert_eq!(expand(&format!("{m}ONE(([ \"a\": 1, \"b\": 2 ]))")), "< ( [ \"a\" : 1 , \"b\" : 2 ] ) >");
    assert_eq!(expand(&format!("{m}ONE(f(1, 2))")), "< f ( 1 , 2 ) >");
    assert_eq!(expand(&format!("{m}ONE(m[1, 2])")), "< m [ 1 , 2 ] >");
    assert_eq!(expand(&format!("{m}ONE({{ 1, 2 }})")), "< { 1 , 2 } >");
}

#[test]
fn wrong_argument_count_is_an_error() {
    let out = run("#define F(a) a\n\nF(1, 2) x");
    assert_eq!(out.errors(), vec!["error /main.c:3: Wrong number of macro arguments to F"]);
    assert_eq!(out.text(), "x");
    let out = run("#define Z() 1\nZ(1)");
    assert_eq!(out.errors().len(), 1);
    let out = run("#define V(a, b, ...) a\nV(1)");
    assert_eq!(out.errors().len(), 1);
}

#[test]
fn unterminated_call_is_an_error() {
    let out = run("#define F(x) x\nint a;\nF(1, ");
    assert_eq!(out.errors(), vec!["error /main.c:3: Unterminated argument list invoking macro 'F'"]);
    assert_eq!(out.text(), "int a ;");
}

#[test]
fn recursive_macros_stop() {
    assert_eq!(expand("#define foo foo + 1\nfoo"), "foo + 1");
    assert_eq!(expand("#define A B\n#define B A\nA B"), "A B");
    assert_eq!(expand("#define f(x) f(x + 1)\nf(1)"), "f ( 1 + 1 )");
    // A name met while its macro is disabled never expands later.
    assert_eq!(expand("#define foo(x) bar x\nfoo(foo) (2)"), "bar foo ( 2 )");
    // ... and is marked so in its hide set.
    let out = run("#define foo foo\nfoo");
    assert!(out.tokens[0].hidden("foo"));
}

#[test]
fn c_standard_examples() {
    // ISO C 6.10.3.5, example 3.
    let src = "#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
";
    let out = run(src);
    out.assert_clean();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(
        squeeze(&out.text()),
        squeeze(
            "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
             f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
             int i[] = { 1, 23, 4, 5, };
             char c[2][6] = { \"hello\", \"\" };"
        )
    );
}

#[test]
fn stringize() {
    let out = run("#define S(x) #x\nS(a + b) S(  x    y  ) S(\"q\\n\") S('a') S()");
    out.assert_clean();
    assert_eq!(out.strings(), vec!["a + b", "x y", "\"q\\n\"", "'a'", ""]);
    // '#' makes a string of the argument as written, unexpanded; expanded
    // through another macro it shows the expansion.
    let out = run("#define S(x) #x\n#define XS(x) S(x)\n#define V 42\nXS(V) S(V)");
    assert_eq!(out.strings(), vec!["42", "V"]);
    // Literals are spelled so they read back the same.
    let out = run("#define S(x) #x\nS(9223372036854775807 0x10 1.5 1e20 \"a\\tb\" '\\'')");
    out.assert_clean();
    assert_eq!(out.strings(), vec!["9223372036854775807 16 1.5 1e20 \"a\\tb\" '\\''"]);
    // Spacing in a stringized expansion follows the definitions: an
    // argument takes its parameter's spacing, an expansion its call's.
    let out = run("#define S(x) #x\n#define XS(x) S(x)\n#define P(a) [a]\nXS(P( 1 )) XS(a P(1))");
    assert_eq!(out.strings(), vec!["[1]", "a [1]"]);
    // A '#' before a non-parameter stays.
    assert_eq!(expand("#define H(x) # 1 x\nH(2)"), "# 1 2");
}

#[test]
fn paste() {
    let m = "#define CAT(a, b) a ## b\n";
    assert_eq!(expand(&format!("{m}CAT(foo, bar) CAT(x, ) CAT(, y) CAT(,) .")), "foobar x y .");
    let out = run(&format!("{m}CAT(1, 2) CAT(+, =)"));
    assert_eq!(out.tokens[0].tok, Tok::Int(12));
    assert_eq!(out.tokens[1].tok, Tok::Punct(Punct::PlusAssign));
    // The result is rescanned; operands are not expanded first.
    assert_eq!(expand(&format!("{m}#define AB 7\n#define A x\nCAT(A, B) CAT(A, 1)")), "7 A1");
    // Joins that are not one token stay several, as in FluffOS.
    assert_eq!(expand(&format!("{m}CAT(a, +)")), "a +");
    // Chains, and `##` in object-like macros.
    assert_eq!(expand("#define C3(a, b, c) a ## b ## c\nC3(x, , z) C3(1, 2, 3)"), "xz 123");
    assert_eq!(expand("#define OB x ## y\nOB"), "xy");
    // Stringize and paste together.
    assert_eq!(expand("#define SP(a) #a ## x\nSP(1)"), "\"1\" x");
}

#[test]
fn variadic_macros() {
    assert_eq!(expand("#define V(fmt, ...) f(fmt, __VA_ARGS__)\nV(1, 2, (3, 4))"), "f ( 1 , 2 , ( 3 , 4 ) )");
    assert_eq!(expand("#define V(...) [__VA_ARGS__]\nV() V(1) V(1, 2)"), "[ ] [ 1 ] [ 1 , 2 ]");
    assert_eq!(expand("#define E(fmt, args...) g(fmt, args)\nE(1, 2, 3)"), "g ( 1 , 2 , 3 )");
    // GCC's comma elision.
    assert_eq!(expand("#define C(fmt, ...) h(fmt , ## __VA_ARGS__)\nC(1) C(1, 2)"), "h ( 1 ) h ( 1 , 2 )");
    let out = run("#define N(...) #__VA_ARGS__\nN(a, b)");
    assert_eq!(out.strings(), vec!["a, b"]);
}

#[test]
fn arguments_are_expanded_before_substitution() {
    assert_eq!(expand("#define ID(x) x\n#define TWO 2\nID(TWO) ID(ID(TWO))"), "2 2");
    assert_eq!(expand("#define ID(x) x\n#define F(x) <x>\nID(F)(3)"), "< 3 >");
}

#[test]
fn redefinition() {
    // The same definition again is fine.
    run("#define A 1 + 2\n#define A 1 + 2\n#define F(x) x\n#define F(x) x").assert_clean();
    let out = run("#define A 1\n#define A 2\nA");
    assert_eq!(out.messages(), vec!["warning /main.c:2: Macro 'A' redefined"]);
    assert_eq!(out.text(), "2");
    // Different spacing or parameters are different definitions.
    assert_eq!(run("#define A 1+2\n#define A 1 + 2").messages().len(), 1);
    assert_eq!(run("#define F(x) x\n#define F(y) y").messages().len(), 1);
    assert_eq!(run("#define F(x) x\n#define F x").messages().len(), 1);
}

#[test]
fn undef() {
    assert_eq!(expand("#define A 1\n#undef A\nA"), "A");
    // Undefining an unknown name is harmless.
    assert_eq!(expand("#undef NOPE\nNOPE"), "NOPE");
    assert_eq!(run("#undef\n").errors(), vec!["error /main.c:1: Invalid macro name"]);
}

#[test]
fn predefined_macros() {
    let out = run_with("MUDOS __VERSION__\n#define MUDOS 2\n#undef MUDOS\n#undef __FILE__\nMUDOS", &[], |pp, _| {
        pp.define("MUDOS", "1");
        pp.define("__VERSION__", "\"ferrum 0.1\"");
    });
    assert_eq!(out.text(), "1 \"ferrum 0.1\" 1");
    assert_eq!(
        out.errors(),
        vec![
            "error /main.c:2: Illegal to redefine a predefined value.",
            "error /main.c:3: Illegal to #undef a predefined value.",
            "error /main.c:4: Illegal to #undef a predefined value.",
        ]
    );
}

#[test]
fn builtin_file_line_dir() {
    let out = run_with(
        "__FILE__ __DIR__\n#define L __LINE__\n\nL __LINE__\n#include \"inc/h.h\"\n__FILE__",
        &[("/inc/h.h", "\n__FILE__ __DIR__ __LINE__\n")],
        |_, _| {},
    );
    out.assert_clean();
    assert_eq!(out.text(), "\"/main.c\" \"/\" 4 4 \"/inc/h.h\" \"/inc/\" 2 \"/main.c\"");
    // File names always get a leading '/'.
    let resolver = super::test_support::MapResolver::new(&[]);
    let mut diags = crate::diag::Diagnostics::new();
    let mut pp = super::Preprocessor::new("std/room.c", "__FILE__ __DIR__", &resolver, &mut diags);
    assert_eq!(pp.next_token(&mut diags).tok, Tok::Str(Rc::from("/std/room.c")));
    assert_eq!(pp.next_token(&mut diags).tok, Tok::Str(Rc::from("/std/")));
    // They count as defined.
    assert_eq!(expand("#ifdef __FILE__\nyes\n#endif"), "yes");
}

#[test]
fn expansions_take_the_position_of_the_call() {
    let out = run("#define A x y\n\n   A");
    assert_eq!(out.tokens[0].span.line, 3);
    assert_eq!(out.tokens[0].span.col, 4);
    assert_eq!(out.tokens[1].span.line, 3);
}

#[test]
fn bad_definitions_are_errors() {
    let cases = [
        ("#define", "#define: missing name"),
        ("#define 1 2", "Invalid macro name"),
        ("#define F(a b) a", "Invalid macro parameter list"),
        ("#define F(a, 1) a", "Invalid macro parameter list"),
        ("#define F(a", "Invalid macro parameter list"),
        ("#define F(..., a) a", "Invalid macro parameter list"),
        ("#define F(a, a) a", "Duplicate macro parameter 'a'"),
        ("#define F(a) ## a", "'##' cannot appear at start of macro body"),
        ("#define G(a) a ##", "'##' cannot appear at end of macro body"),
    ];
    for (src, message) in cases {
        let out = run(&format!("\n{}\nF", src));
        assert_eq!(out.errors(), vec![format!("error /main.c:2: {}", message)], "{}", src);
        assert_eq!(out.text(), "F", "{}", src);
    }
}

#[test]
fn hash_inside_a_line_passes_through() {
    let out = run("a # b ## c");
    out.assert_clean();
    assert_eq!(out.tokens[1].tok, Tok::Punct(Punct::Hash));
    assert_eq!(out.tokens[3].tok, Tok::Punct(Punct::HashHash));
}

#[test]
fn tests_h_style_assertions() {
    let src = "#define WHERE (__FILE__ + \":\" + __LINE__)
#define ASSERT(x) if (!(x)) { fail(WHERE + \": \" + #x); }
ASSERT(a == \"b\")";
    let out = run(src);
    out.assert_clean();
    assert_eq!(
        out.text(),
        "if ( ! ( a == \"b\" ) ) { fail ( ( \"/main.c\" + \":\" + 3 ) + \": \" + \"a == \\\"b\\\"\" ) ; }"
    );
}

#[test]
fn long_macro_chains_stay_linear() {
    // FluffOS compiles 60000-deep chains; so must we, without deep recursion.
    let depth = 60000;
    let mut src = String::new();
    for i in 0..depth {
        src.push_str(&format!("#define A{} A{}\n", i, i + 1));
    }
    src.push_str(&format!("#define A{} 42\n#define WRAP(x) (x)\nA0 WRAP(A0)\n", depth));
    let out = run(&src);
    out.assert_clean();
    assert_eq!(out.text(), "42 ( 42 )");
}

#[test]
fn nested_calls_in_arguments() {
    assert_eq!(expand("#define F(x) [x]\nF(F(F(1)))"), "[ [ [ 1 ] ] ]");
    let mut src = String::from("#define F(x) x\n");
    src.push_str(&"F(".repeat(100));
    src.push('1');
    src.push_str(&")".repeat(100));
    assert_eq!(expand(&src), "1");
}

#[test]
fn runaway_expansions_are_cut_off() {
    // Past 65536 live expansions: one clean error, the name left as is.
    let depth = 66000;
    let mut src = String::new();
    for i in 0..depth {
        src.push_str(&format!("#define A{} A{}\n", i, i + 1));
    }
    src.push_str("A0\n");
    let out = run(&src);
    assert_eq!(out.errors(), vec![format!("error /main.c:{}: Macro expansion nested too deep", depth + 1)]);
    assert_eq!(out.text(), "A65536");
    // Calls nested hundreds deep inside arguments.
    let mut src = String::from("#define F(x) x\n");
    src.push_str(&"F(".repeat(300));
    src.push('1');
    src.push_str(&")".repeat(300));
    let out = run(&src);
    assert_eq!(out.errors(), vec!["error /main.c:2: Macro expansion nested too deep"]);
}
