//! Fuzzes the whole compiler (preprocessor, parser, code generator) on
//! arbitrary source: it must report errors, never panic or hang.
//!
//! `cargo fuzz run compile` (from this directory's parent). Crashes found
//! go to crates/ferrum-compiler/tests/fuzz_corpus/ as regression tests.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        ferrum_compiler::fuzzing::compile_for_fuzzing(src);
    }
});
