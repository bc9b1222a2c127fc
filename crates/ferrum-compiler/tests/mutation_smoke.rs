//! A quick deterministic fuzz pass for CI: mutates the seed programs
//! (deleting, duplicating and splicing ranges, inserting punctuation) and
//! checks the compiler never panics. `cargo fuzz` does the deep search.

use std::path::PathBuf;

/// xorshift: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const PIECES: &[&str] = &[
    "(", ")", "{", "}", "[", "]", "({", "})", "([", "])", "(:", ":)", ";", ",", "..", "...", "$1", "$(", "#define A(x) x##x\n",
    "#if 1\n", "#endif\n", "\"", "'", "`${", "@END\n", "\nEND\n", "::", "->", "?.", "??=", "catch", "foreach", "switch", "case",
    "class", "inherit", "ref", "new(", "function(", "=", "+=", "<", "[<", "\\", "/*", "*/", "\n#",
];

fn mutate(src: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = chars.clone();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let a = rng.below(len + 1);
        let b = (a + rng.below(40)).min(len);
        match rng.below(4) {
            0 => {
                out.drain(a..b);
            }
            1 => {
                let piece: Vec<char> = out[a..b].to_vec();
                let at = rng.below(out.len() + 1);
                out.splice(at..at, piece);
            }
            2 => {
                let p = PIECES[rng.below(PIECES.len())];
                out.splice(a..a, p.chars());
            }
            _ => {
                out.truncate(a);
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn mutated_programs_never_panic_the_compiler() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut rng = Rng(0x5eed_f00d_1234_5678);
    let mut runs = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus").flatten() {
        let Ok(src) = std::fs::read_to_string(entry.path()) else { continue };
        let iters: usize = std::env::var("FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(150);
        for _ in 0..iters {
            let m = mutate(&src, &mut rng);
            let r = std::panic::catch_unwind(|| ferrum_compiler::fuzzing::compile_for_fuzzing(&m));
            if r.is_err() {
                let dump = std::env::temp_dir().join("ferrum-fuzz-crash.c");
                std::fs::write(&dump, &m).unwrap();
                panic!("compiler panicked on a mutation of {} (saved to {})", entry.path().display(), dump.display());
            }
            runs += 1;
        }
    }
    assert!(runs > 0);
}
