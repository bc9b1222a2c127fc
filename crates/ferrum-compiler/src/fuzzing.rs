//! A self-contained compile used by the fuzz target and its regression
//! tests: no files, a fixed include, the standard efun names.

use crate::{compile, CompileEnv, CompileOptions, IncludeResolver};
use ferrum_vm::efun::EfunTable;
use ferrum_vm::Program;
use std::rc::Rc;

struct OneInclude;

impl IncludeResolver for OneInclude {
    fn resolve(&self, name: &str, _angled: bool, _from: &str) -> Option<(String, String)> {
        // Includes itself-like content so recursion limits get exercised.
        (name == "x.h").then(|| ("/x.h".to_string(), "#define X 1\nint x_var;\n".to_string()))
    }
}

struct Env(EfunTable);

impl CompileEnv for Env {
    fn efuns(&self) -> &EfunTable {
        &self.0
    }
    fn inherit(&mut self, path: &str, _from: &str) -> Result<Rc<Program>, String> {
        Err(format!("no inherits while fuzzing ({})", path))
    }
    fn is_simul_efun(&self, name: &str) -> bool {
        name == "simul"
    }
}

fn efun_table() -> EfunTable {
    fn nothing(_: &mut ferrum_vm::Vm, _: &mut [ferrum_vm::Value]) -> ferrum_vm::VmResult<ferrum_vm::Value> {
        Ok(ferrum_vm::Value::Int(0))
    }
    static SPECS: &[ferrum_vm::efun::EfunSpec] = &[
        ferrum_vm::efun!("int strlen(string)", nothing),
        ferrum_vm::efun!("void write(mixed)", nothing),
        ferrum_vm::efun!("mixed *__sscanf(string, string, int)", nothing),
        ferrum_vm::efun!("int perf_counter_ns()", nothing),
        ferrum_vm::efun!("string sprintf(string, mixed ...)", nothing),
        ferrum_vm::efun!("object clone_object(string, mixed ...)", nothing),
    ];
    let mut t = EfunTable::new();
    t.register("core", SPECS);
    t
}

/// Compiles `src`; returns whether it compiled. Never panics on any input
/// (that is what the fuzz target checks).
pub fn compile_for_fuzzing(src: &str) -> bool {
    let opts = CompileOptions { resolver: &OneInclude, predefines: vec![("P".into(), "1".into())], global_include: None };
    let mut env = Env(efun_table());
    compile("/fuzz.c", src, &mut env, &opts).program.is_some()
}
