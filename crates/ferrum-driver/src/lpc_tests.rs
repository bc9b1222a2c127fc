//! Runs LPC test files in the tests.h style: load the object, call
//! `do_tests()`, deliver settled promises, call `after_microtasks()` when
//! the object has one, collect `__test_failures()`.

use crate::script::script_vm;
use ferrum_vm::Value;
use std::path::{Path, PathBuf};

fn run_fail_file(root: &Path, file: &Path, rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let expect = text.lines().find_map(|l| l.trim().strip_prefix("// expect:")).map(|e| e.trim().to_string());
    let Some(expect) = expect else {
        return vec![format!("{}: no `// expect: message` line", rel)];
    };
    let mut vm = match script_vm(root, &[]) {
        Ok(vm) => vm,
        Err(e) => return vec![format!("{}: cannot start: {}", rel, e.report())],
    };
    match vm.load_object(rel) {
        Ok(_) => vec![format!("{}: compiled, but must fail with {:?}", rel, expect)],
        Err(e) if e.message().contains(&expect) => Vec::new(),
        Err(e) => vec![format!("{}: failed with {:?}, expected {:?}", rel, e.message(), expect)],
    }
}

/// Every `.c` test file under `dir`, sorted.
pub fn find_tests(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "include" && n != "fixtures") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "c") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs one test file (a path under `root`); returns its failures.
/// Files under `fail/` must fail to compile with the message their
/// `// expect: ...` line names.
pub fn run_test_file(root: &Path, file: &Path) -> Vec<String> {
    let rel = match file.strip_prefix(root) {
        Ok(r) => format!("/{}", r.to_string_lossy()),
        Err(_) => return vec![format!("{} is not under {}", file.display(), root.display())],
    };
    if rel.starts_with("/fail/") {
        return run_fail_file(root, file, &rel);
    }
    let mut vm = match script_vm(root, &[]) {
        Ok(vm) => vm,
        Err(e) => return vec![format!("{}: cannot start: {}", rel, e.report())],
    };
    vm.reset_eval_cost();
    let ob = match vm.load_object(&rel) {
        Ok(ob) => ob,
        Err(e) => return vec![format!("{}: does not load: {}", rel, e.report())],
    };
    vm.reset_eval_cost();
    match vm.apply(&ob, "do_tests", vec![]) {
        Err(e) => return vec![format!("{}: do_tests() failed: {}", rel, e.report())],
        // A file without do_tests() would pass without checking anything.
        Ok(None) => return vec![format!("{}: defines no do_tests()", rel)],
        Ok(Some(_)) => {}
    }
    // Promise deliveries run once the top-level call is over, as in the
    // backend; `after_microtasks()` then checks what they did.
    while ferrum_efuns::async_pkg::drain(&mut vm) {}
    vm.reset_eval_cost();
    if let Err(e) = vm.apply(&ob, "after_microtasks", vec![]) {
        return vec![format!("{}: after_microtasks() failed: {}", rel, e.report())];
    }
    while ferrum_efuns::async_pkg::drain(&mut vm) {}
    match vm.apply(&ob, "__test_failures", vec![]) {
        Ok(Some(Value::Array(a))) => a
            .to_vec()
            .into_iter()
            .map(|v| match v {
                Value::Str(s) => s.to_string(),
                other => format!("{:?}", other),
            })
            .collect(),
        Ok(_) => vec![format!("{}: has no __test_failures() (include <tests.h>)", rel)],
        Err(e) => vec![format!("{}: {}", rel, e.report())],
    }
}
