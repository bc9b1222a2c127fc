//! Every input in tests/fuzz_corpus (crashes the fuzzer once found, and
//! seeds) must compile or fail cleanly: no panic.

use std::path::PathBuf;

#[test]
fn fuzz_corpus_never_panics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus dir").flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(src) = std::str::from_utf8(&bytes) {
            let name = entry.path().display().to_string();
            let r = std::panic::catch_unwind(|| ferrum_compiler::fuzzing::compile_for_fuzzing(src));
            assert!(r.is_ok(), "compiler panicked on {}", name);
            n += 1;
        }
    }
    assert!(n > 0, "empty fuzz corpus");
}
