//! Runs every LPC test file under tests/lpc (tests.h style).

use ferrum_driver::lpc_tests::{find_tests, run_test_file};
use std::path::PathBuf;

#[test]
fn lpc_test_files_pass() {
    // The driver compiles on the main thread (8 MiB of stack); test threads
    // get 2 MiB, too little for the deepest nesting the compiler accepts.
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(run_all)
        .expect("test thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn run_all() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/lpc").canonicalize().expect("tests/lpc");
    let filter = std::env::var("LPC_TEST").unwrap_or_default();
    let mut failed = Vec::new();
    let mut count = 0;
    for file in find_tests(&root) {
        let name = file.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        if !name.contains(&filter) {
            continue;
        }
        count += 1;
        let failures = run_test_file(&root, &file);
        if failures.is_empty() {
            println!("ok      {}", name);
        } else {
            println!("FAILED  {}", name);
            for f in &failures {
                println!("        {}", f.trim_end().replace('\n', "\n        "));
            }
            failed.push(name);
        }
    }
    assert!(count > 0, "no LPC test files found");
    assert!(failed.is_empty(), "{} of {} LPC test files failed: {:?}", failed.len(), count, failed);
}

#[test]
fn a_test_file_without_do_tests_fails_instead_of_passing_unchecked() {
    let root = std::env::temp_dir().join(format!("ferrum-lpc-runner-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let empty = root.join("no_checks.c");
    std::fs::write(&empty, "void test_something() { }\n").unwrap();
    let fine = root.join("checks.c");
    std::fs::write(&fine, "string *__test_failures() { return ({ }); }\nvoid do_tests() { }\n").unwrap();
    let failures = run_test_file(&root, &empty);
    assert_eq!(failures.len(), 1, "{:?}", failures);
    assert!(failures[0].contains("defines no do_tests()"), "{:?}", failures);
    assert_eq!(run_test_file(&root, &fine), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&root);
}
