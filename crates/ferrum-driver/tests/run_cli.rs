//! `ferrum run FILE.c [ARGS]` as a command: output, exit status, errors.

use std::path::PathBuf;
use std::process::Command;

fn script(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferrum-run-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.c", name));
    std::fs::write(&file, src).unwrap();
    file
}

fn run(file: &PathBuf, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrum")).arg("run").arg(file).args(args).output().expect("ferrum runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn main_gets_arguments_and_its_result_is_the_exit_status() {
    let f = script("args", "int main(string *args) { write(implode(args, \",\") + \"\\n\"); return sizeof(args); }");
    let (code, out, _) = run(&f, &["a", "b", "c"]);
    assert_eq!(out, "a,b,c\n");
    assert_eq!(code, 3);
}

#[test]
fn a_script_without_main_exits_zero() {
    let f = script("nomain", "void create() { write(\"created\\n\"); }");
    let (code, out, _) = run(&f, &[]);
    assert_eq!((code, out.as_str()), (0, "created\n"));
}

#[test]
fn an_uncaught_error_prints_a_trace_and_exits_one() {
    let f = script("boom", "int inner(int x) { return 10 / x; }\nint main() { return inner(0); }\n");
    let (code, _, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("Division by zero"), "{}", err);
    assert!(err.contains("at inner() in /boom (/boom.c:1)"), "{}", err);
    assert!(err.contains("at main() in /boom (/boom.c:2)"), "{}", err);
}

#[test]
fn an_infinite_loop_ends_with_an_error_not_a_hang() {
    let f = script("spin", "int main() { while (1) ; return 0; }");
    let (code, _, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("Too long evaluation"), "{}", err);
}

#[test]
fn an_infinite_loop_inside_catch_is_not_caught() {
    let f = script("spincatch", "int main() { catch { while (1) ; }; write(\"after\\n\"); return 0; }");
    let (code, out, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("Too long evaluation"), "{}", err);
}

#[test]
fn unbounded_recursion_ends_with_an_error() {
    let f = script("deep", "int f(int n) { return f(n + 1); }\nint main() { return f(0); }");
    let (code, _, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("Too deep recursion"), "{}", err);
}

#[test]
fn compile_errors_name_file_line_and_column() {
    let f = script("bad", "int main() {\n  int x = ;\n  return y;\n}\n");
    let (code, _, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("/bad.c:2:11: error:"), "{}", err);
}

#[test]
fn the_hello_example_runs() {
    let hello = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/hello.c");
    let (code, out, err) = run(&hello, &["newcomer"]);
    assert_eq!(code, 0, "{}", err);
    assert!(out.starts_with("Hello, newcomer! This is ferrum "), "{}", out);
}

#[test]
fn pending_call_outs_keep_a_script_running() {
    let f = script(
        "callouts",
        "int n;\nvoid tick(int i) { write(\"tick \" + i + \"\\n\"); if (i < 3) call_out(\"tick\", 0, i + 1); }\n\
         int main() { call_out(\"tick\", 0, 1); return 0; }\n",
    );
    let (code, out, _) = run(&f, &[]);
    assert_eq!(code, 0);
    assert_eq!(out, "tick 1\ntick 2\ntick 3\n");
}

#[test]
fn shutdown_in_a_call_out_sets_the_exit_status() {
    let f = script("shut", "void bye() { shutdown(7); }\nint main() { call_out(\"bye\", 0); return 0; }\n");
    let (code, _, _) = run(&f, &[]);
    assert_eq!(code, 7);
}

#[test]
fn debug_levels_report_the_areas_turned_on() {
    let f = script(
        "debuglevels",
        "void tick() { write(\"ticked\\n\"); clear_debug_level(\"call_out\"); call_out(\"quiet\", 0); }\n\
         void quiet() { write(\"quiet\\n\"); }\n\
         int main() { set_debug_level(\"call_out\"); call_out(\"tick\", 0); return 0; }\n",
    );
    let (code, out, err) = run(&f, &[]);
    assert_eq!(code, 0, "{}", err);
    // The first call_out is reported, the one after the level went off is not.
    assert!(out.contains("[debug] call_out: tick in /debuglevels\n"), "{}", out);
    assert!(!out.contains("call_out: quiet"), "{}", out);
    assert!(out.contains("ticked\n") && out.contains("quiet\n"), "{}", out);
}
