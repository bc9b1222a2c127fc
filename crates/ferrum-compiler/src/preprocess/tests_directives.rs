//! Tests of directives: conditionals, includes and the rest.

use super::test_support::{expand, run, run_with};
use crate::diag::Severity;
use crate::token::{Punct, Tok};
use std::rc::Rc;

/// Whether `#if expr` takes its group (asserting no diagnostics).
fn holds(expr: &str) -> bool {
    let out = run(&format!("#define X 1+1\n#define A\n#if {}\nyes\n#else\nno\n#endif\n", expr));
    out.assert_clean();
    match out.text().as_str() {
        "yes" => true,
        "no" => false,
        other => panic!("{}: {}", expr, other),
    }
}

#[test]
fn if_arithmetic() {
    let true_cases = [
        "1",
        "1+2*3 == 7",
        "(1+2)*3 == 9",
        "10/3 == 3",
        "-7/2 == -3",
        "-7%3 == -1",
        "1<<3 == 8",
        "(1 << 100) == (1 << 36)",
        "(1 >> -1) == (1 >> 63)",
        "-16 >> 2 == -4",
        "3 < 4",
        "!(4 <= 3)",
        "5 > 4 && 4 >= 4",
        "1 != 2",
        "(6 & 3) == 2",
        "(6 ^ 3) == 5",
        "(6 | 3) == 7",
        "~0 == -1",
        "-(-3) == 3",
        "+3 == 3",
        "0 || 2",
        "!(0 && 1)",
        "1 ? 2 : 0",
        "0 ? 0 : 1 ? 1 : 0",
        "(0 ? 1 : 2) == 2",
        "1 ? 0 ? 5 : 6 : 7 == 6",
        "2 + 3 ? 1 : 0",
        "'a' == 97",
        "'\\n' == 10",
        "0x10 == 16",
        "0b101 == 5",
        "1 == 1 == 1",
        "1 - 2 - 3 == -4",
        "2 * 3 % 4 == 2",
        // Undefined names are 0.
        "FOO == 0",
        "!FOO",
        // Macros expand before evaluation, as tokens.
        "X*2 == 3",
        "defined(A)",
        "defined A",
        "defined X && !defined(NOPE)",
        // Branches not taken do not report errors (as in C).
        "!(0 && 1/0)",
        "1 || 1 % 0",
        "1 ? 1 : 1/0",
        "9223372036854775807 + 1 < 0",
        "!!!!!!!!1",
    ];
    for expr in true_cases {
        assert!(holds(expr), "{}", expr);
    }
    for expr in ["0", "1 > 2", "FOO", "defined(NOPE)", "0 && 1", "X*2 == 4", "'a' == 98"] {
        assert!(!holds(expr), "{}", expr);
    }
}

#[test]
fn deeply_nested_if_expressions_do_not_recurse() {
    let deep = format!("{}1{}", "(".repeat(50000), ")".repeat(50000));
    assert!(holds(&deep));
    assert!(holds(&format!("{}1", "!".repeat(100000))));
    assert!(holds(&format!("{} 7", "1 ? 1 :".repeat(50000))));
}

#[test]
fn if_errors() {
    let cases = [
        ("#if", "missing expression in #if"),
        ("#if 1/0", "division by 0 in #if"),
        ("#if 1 % (2 - 2)", "modulo by 0 in #if"),
        ("#if (1", "bracket not paired in #if"),
        ("#if 1)", "bracket not paired in #if"),
        ("#if 1 ? 2", "'?' without ':' in #if"),
        ("#if 1 : 2", "':' without '?' in #if"),
        ("#if 1 2", "Condition too complex"),
        ("#if 1.5", "floating point constants are not allowed in #if"),
        ("#if 1 +", "missing expression at end of #if"),
        ("#if * 2", "missing expression before '*' in #if"),
        ("#if 1 = 1", "illegal operator '=' in #if"),
        ("#if defined", "operator 'defined' requires an identifier"),
        ("#if defined(1)", "operator 'defined' requires an identifier"),
        ("#if defined(A", "missing ')' after 'defined'"),
    ];
    for (line, message) in cases {
        let out = run(&format!("\n{}\nyes\n#else\nno\n#endif\n", line));
        assert_eq!(out.errors(), vec![format!("error /main.c:2: {}", message)], "{}", line);
        // A failed condition counts as false.
        assert_eq!(out.text(), "no", "{}", line);
    }
    let out = run("#if 1\n#elif\n#endif\n#if 0\n#elif\n#endif");
    assert_eq!(out.errors(), vec!["error /main.c:5: missing expression in #elif"]);
}

#[test]
fn efun_defined() {
    let src =
        "#if efun_defined(write)\nw\n#endif\n#if efun_defined(nope)\nn\n#endif\n#if efun_defined write\nw2\n#endif";
    let out = run_with(src, &[], |pp, _| pp.set_efun_defined(Box::new(|name| name == "write")));
    out.assert_clean();
    assert_eq!(out.text(), "w w2");
    // Without an answer every efun is unknown.
    assert_eq!(expand(src), "");
    // The operand is not macro-expanded.
    let out = run_with("#define write nope\n#if efun_defined(write)\nw\n#endif", &[], |pp, _| {
        pp.set_efun_defined(Box::new(|name| name == "write"))
    });
    assert_eq!(out.text(), "w");
}

#[test]
fn conditional_groups() {
    let src = "#define A
#ifdef A
a
#endif
#ifndef A
not_a
#endif
#ifdef B
b
#elif 1
elif1
#elif 1/0
elif2
#else
else1
#endif
#if 0
#if 1
skipped
#else
skipped
#endif
skipped
#elif 0
skipped
#else
else2
#endif
#if 1
#if 0
#else
inner
#endif
#else
skipped
#endif";
    assert_eq!(expand(src), "a elif1 else2 inner");
}

#[test]
fn skipped_groups_tolerate_anything() {
    let src = "#if 0
' unterminated \" stuff @@@ `tmpl ${
#bogus directive
#include \"nope.h\"
#error not reported
#define Q 1
/* a comment
#endif inside a comment
*/
#endif
ok Q";
    assert_eq!(expand(src), "ok Q");
}

#[test]
fn unbalanced_conditionals() {
    let out = run("x\n#else\n#endif\n#elif 1\ny");
    assert_eq!(
        out.errors(),
        vec![
            "error /main.c:2: Unexpected #else",
            "error /main.c:3: Unexpected #endif",
            "error /main.c:4: Unexpected #elif",
        ]
    );
    assert_eq!(out.text(), "x y");
    let out = run("#if 1\n#if 0\nx\n");
    assert_eq!(out.errors(), vec!["error /main.c:2: Missing #endif", "error /main.c:1: Missing #endif"]);
    let out = run("#if 1\na\n#else\nb\n#else\nc\n#endif");
    assert_eq!(out.errors(), vec!["error /main.c:5: #else after #else"]);
    assert_eq!(out.text(), "a");
    let out = run("#if 0\na\n#else\nb\n#elif 1\nc\n#endif\nd");
    assert_eq!(out.errors(), vec!["error /main.c:5: #elif after #else"]);
    assert_eq!(out.text(), "b d");
    let out = run("#if 0\na\n#else\nb\n#else\nc\n#endif\nd");
    assert_eq!(out.errors(), vec!["error /main.c:5: #else after #else"]);
}

#[test]
fn ifdef_needs_a_name() {
    let out = run("#ifdef\nx\n#endif\n#ifndef 3\ny\n#endif");
    assert_eq!(
        out.errors(),
        vec!["error /main.c:1: Missing macro name in #ifdef", "error /main.c:4: Missing macro name in #ifndef"]
    );
    assert_eq!(out.text(), "y");
}

#[test]
fn includes() {
    let files = [
        ("/inc/a.h", "#define FROM_A 1\na_text\n#include \"b.h\"\n"),
        ("/inc/b.h", "b_text __FILE__"),
        ("/include/sys.h", "sys_text"),
        ("/inc/m.h", "m_text"),
    ];
    let src = "#include \"inc/a.h\"\n#include <sys.h>\n#define H \"inc/m.h\"\n#include H\n#define S <sys.h>\n#include S\nFROM_A __FILE__";
    let out = run_with(src, &files, |_, _| {});
    out.assert_clean();
    assert_eq!(out.text(), "a_text b_text \"/inc/b.h\" sys_text m_text sys_text 1 \"/main.c\"");
    assert_eq!(out.files, vec!["/main.c", "/inc/a.h", "/inc/b.h", "/include/sys.h", "/inc/m.h"]);
    assert_eq!(out.tokens[1].span.line, 1);
    assert_eq!(out.diags.file_name(out.tokens[1].span.file), "/inc/b.h");
}

#[test]
fn include_errors() {
    let out = run_with(
        "\n#include \"nope.h\"\n#include\n#include nope\n#include \"a.h\n#include <a.h\nafter",
        &[],
        |_, _| {},
    );
    assert_eq!(
        out.errors(),
        vec![
            "error /main.c:2: Cannot #include nope.h",
            "error /main.c:3: Bad #include directive",
            "error /main.c:4: Missing leading \" or < in #include",
            "error /main.c:5: Missing trailing \" or > in #include",
            "error /main.c:6: Missing trailing \" or > in #include",
        ]
    );
    assert_eq!(out.text(), "after");
}

#[test]
fn include_depth_is_limited() {
    let out = run_with("#include \"self.h\"\nend", &[("/self.h", "#include \"self.h\"\nx\n")], |_, _| {});
    assert_eq!(out.errors(), vec!["error /self.h:1: #include nested too deeply"]);
    // The main file and 32 nested includes were read.
    assert_eq!(out.tokens.iter().filter(|t| t.is_ident("x")).count(), 32);
}

#[test]
fn conditionals_must_close_in_their_file() {
    let out = run_with("#include \"a.h\"\nmain\n#endif", &[("/a.h", "\n#ifdef NOPE\n")], |_, _| {});
    assert_eq!(out.errors(), vec!["error /a.h:2: Missing #endif", "error /main.c:3: Unexpected #endif"]);
    assert_eq!(out.text(), "main");
}

#[test]
fn include_first() {
    let files = [("/include/globals.h", "#define GLOBAL 5\n#pragma strict_types\n")];
    let out = run_with("GLOBAL", &files, |pp, diags| pp.include_first("<globals.h>", diags));
    out.assert_clean();
    assert_eq!(out.text(), "5");
    assert_eq!(out.files, vec!["/main.c", "/include/globals.h"]);
    assert_eq!(out.pragmas, vec!["strict_types"]);
    let out = run_with("x", &[], |pp, diags| pp.include_first("\"missing.h\"", diags));
    assert_eq!(out.errors(), vec!["error /main.c:1: Cannot #include missing.h"]);
}

#[test]
fn error_warn_echo() {
    let out = run("#error  stop here  \na\n#warn careful\n#echo hello world // not this\nb");
    assert_eq!(
        out.messages(),
        vec!["error /main.c:1: #error stop here", "warning /main.c:3: #warn careful", "note /main.c:4: hello world",]
    );
    assert_eq!(out.diags.list[2].severity, Severity::Note);
    assert_eq!(out.text(), "a b");
}

#[test]
fn every_error_in_a_file_is_reported() {
    let out = run("#error one\nint x;\n#bogus\n#if 1/0\n#endif\n#define\nint y;\n#error two");
    assert_eq!(
        out.errors(),
        vec![
            "error /main.c:1: #error one",
            "error /main.c:3: Unknown # directive: bogus",
            "error /main.c:4: division by 0 in #if",
            "error /main.c:6: #define: missing name",
            "error /main.c:8: #error two",
        ]
    );
    assert_eq!(out.text(), "int x ; int y ;");
    let first = &out.diags.list[0];
    assert!(out.diags.render(first).starts_with("/main.c:1:"), "{}", out.diags.render(first));
}

#[test]
fn line_directive() {
    let out = run("#line 100\nx\ny __LINE__\n#line 7 \"other.c\"\n__FILE__ __LINE__\n# 20 \"/third.c\"\nz");
    out.assert_clean();
    assert_eq!(out.tokens[0].span.line, 100);
    assert_eq!(out.tokens[1].span.line, 101);
    assert_eq!(out.tokens[2].tok, Tok::Int(101));
    assert_eq!(out.tokens[3].tok, Tok::Str(Rc::from("/other.c")));
    assert_eq!(out.tokens[4].tok, Tok::Int(7));
    assert_eq!(out.diags.file_name(out.tokens[5].span.file), "/third.c");
    assert_eq!(out.tokens[5].span.line, 20);
    let out = run("#line\n#line x\n#line 3 4\n");
    assert_eq!(
        out.errors(),
        vec![
            "error /main.c:1: #line needs a line number",
            "error /main.c:2: #line needs a line number",
            "error /main.c:3: #line needs a file name in quotes",
        ]
    );
}

#[test]
fn pragmas_are_recorded() {
    let out = run("#pragma strict_types // why\n#pragma   save_binary  \n#pragma\nx");
    out.assert_clean();
    assert_eq!(out.pragmas, vec!["strict_types", "save_binary"]);
}

#[test]
fn unknown_and_null_directives() {
    let out = run("#\n  #  foo bar\n#breakpoint\nx");
    assert_eq!(out.errors(), vec!["error /main.c:2: Unknown # directive: foo"]);
    assert_eq!(out.text(), "x");
}

#[test]
fn comments_and_continuations_in_directives() {
    let out = run("#define A 1 /* two\nlines */ + 1\n#define B 2 // c\n#define S \"a//b\" '/' /* x */\n#define L 1 + \\\n 2\nA B S L\n__LINE__");
    out.assert_clean();
    assert_eq!(out.text(), "1 + 1 2 \"a//b\" '/' 1 + 2 8");
    // '#' after blanks at a line start is still a directive; CRLF is fine.
    assert_eq!(expand("   #  define C 3\r\nC\r\n"), "3");
    // An apostrophe in a message does not hide a comment.
    let out = run("#warn don't /* hidden */ panic // gone");
    assert_eq!(out.messages(), vec!["warning /main.c:1: #warn don't   panic"]);
}

#[test]
fn template_strings_pass_through_macros() {
    let out = run("#define ID(x) x\nID(`a ${b}`)");
    out.assert_clean();
    assert_eq!(out.tokens[0].tok, Tok::Punct(Punct::LParen));
    assert!(out.tokens.iter().any(|t| t.is_ident("__template_part")));
}

#[test]
fn comment_markers_in_skipped_strings_are_text() {
    let src = "#if 0\nfiles = get_dir(\"/log/*\");\n#else\nyes\n#endif\n#ifdef NOPE\ns = \"*/\"; // /*\nc = '\"';\n#endif\nend";
    assert_eq!(expand(src), "yes end");
    // A block comment in a skipped group may hide directive-looking lines.
    assert_eq!(expand("#if 0\n/* start\n#else\n*/\n#else\nyes\n#endif"), "yes");
    // A comment opened on the line of the directive that ends the group
    // runs on over the next lines.
    assert_eq!(expand("#if 0\nno\n#else /* one\ntwo */\nyes\n#endif"), "yes");
}

#[test]
fn lpc_test_file_preprocesses_cleanly() {
    // tests/lpc/lang/preprocessor.c with the real tests.h and its header.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lpc");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect(p);
    let files = [("/include/tests.h", read("include/tests.h")), ("/lang/pp_helper.h", read("lang/pp_helper.h"))];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let resolver = super::test_support::MapResolver::new(&files);
    let mut diags = crate::diag::Diagnostics::new();
    let src = read("lang/preprocessor.c");
    let mut pp = super::Preprocessor::new("/lang/preprocessor.c", &src, &resolver, &mut diags);
    let mut text = Vec::new();
    loop {
        let t = pp.next_token(&mut diags);
        if t.tok == Tok::Eof {
            break;
        }
        assert!(!t.is_punct(Punct::Hash), "stray # at line {}", t.span.line);
        text.push(super::macros::spell(&t.tok));
    }
    assert!(diags.list.is_empty(), "{}", diags.render_all());
    let text = text.join(" ");
    assert!(text.contains("int pasted_name ( )"), "{}", text);
    assert!(text.contains("\"/lang/pp_helper.h\""), "{}", text);
    assert_eq!(text.matches("string helper_file").count(), 1);
    assert!(!text.contains("not LPC"));
    assert_eq!(pp.files(), ["/lang/preprocessor.c", "/include/tests.h", "/lang/pp_helper.h"]);
}
