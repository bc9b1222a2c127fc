//! LPC interpreter benchmarks: runs each program in bench/lpc (its
//! `main()`) several times and prints the best and median wall time.
//!
//! `cargo bench -p ferrum-driver --bench lpc [-- NAME]`

use ferrum_driver::script::script_vm;
use ferrum_vm::Value;
use std::path::PathBuf;
use std::time::Instant;

const RUNS: usize = 7;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/lpc").canonicalize().expect("bench/lpc");
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("bench dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    files.sort();
    println!("{:<12} {:>10} {:>10}", "program", "best ms", "median ms");
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let mut vm = script_vm(&root, &[]).expect("vm");
        vm.limits.max_eval_cost = i64::MAX / 4;
        let ob = match vm.load_object(&format!("/{}", name)) {
            Ok(ob) => ob,
            Err(e) => {
                println!("{:<12} failed to load: {}", name, e);
                continue;
            }
        };
        let mut times = Vec::new();
        for _ in 0..RUNS {
            vm.reset_eval_cost();
            let start = Instant::now();
            let r = vm.apply(&ob, "main", vec![]);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            match r {
                Ok(Some(Value::Int(0))) => times.push(ms),
                Ok(other) => {
                    println!("{:<12} wrong result {:?}", name, other);
                    break;
                }
                Err(e) => {
                    println!("{:<12} error: {}", name, e.report());
                    break;
                }
            }
        }
        if times.len() == RUNS {
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!("{:<12} {:>10.2} {:>10.2}", name, times[0], times[RUNS / 2]);
        }
    }
}
