//! The driver's `Host`: compiling mudlib files on demand and sending
//! output where it belongs.

use crate::mudlib::Mudlib;
use ferrum_compiler::{compile, CompileEnv, CompileOptions};
use ferrum_vm::efun::EfunTable;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Host, Program, Vm};
use std::rc::Rc;

/// Macros every compilation sees.
pub fn predefines(efuns: &EfunTable) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("MUDOS".into(), "1".into()),
        ("FLUFFOS".into(), "1".into()),
        ("__FERRUM__".into(), "1".into()),
        ("__VERSION__".into(), format!("\"ferrum {}\"", env!("CARGO_PKG_VERSION"))),
        ("__ARCH__".into(), format!("\"{}\"", std::env::consts::ARCH)),
        ("__PORT__".into(), "0".into()),
        ("MAX_INT".into(), i64::MAX.to_string()),
        ("MIN_INT".into(), format!("({} - 1)", i64::MIN + 1)),
        ("MAX_FLOAT".into(), format!("{:.6}", f64::MAX)),
        ("MIN_FLOAT".into(), format!("{:.6}", f64::MIN_POSITIVE)),
        ("SIZEOFINT".into(), "8".into()),
        ("__LPC_SWITCH_RANGES__".into(), "1".into()),
    ];
    for p in efuns.packages() {
        v.push((format!("__PACKAGE_{}__", p.to_uppercase()), "1".into()));
    }
    v
}

/// The compile environment during one compilation: inherits load objects
/// through the VM.
struct Env<'v> {
    vm: &'v mut Vm,
    efuns: Rc<EfunTable>,
}

impl CompileEnv for Env<'_> {
    fn efuns(&self) -> &EfunTable {
        &self.efuns
    }

    fn inherit(&mut self, path: &str, _from: &str) -> Result<Rc<Program>, String> {
        match self.vm.load_object(path) {
            Ok(ob) => Ok(ob.program()),
            Err(e) => Err(e.message()),
        }
    }

    fn is_simul_efun(&self, name: &str) -> bool {
        match &self.vm.simul_efun {
            Some(s) if !s.is_destructed() => s.program_ref().find_function(name).is_some_and(|(_, f)| f.is_public()),
            _ => false,
        }
    }
}

pub struct DriverHost {
    pub mudlib: Mudlib,
    pub global_include: Option<String>,
    /// Where compile errors and warnings are reported.
    pub log: Box<dyn Fn(&str)>,
}

impl DriverHost {
    pub fn new(mudlib: Mudlib) -> DriverHost {
        DriverHost { mudlib, global_include: None, log: Box::new(|s| eprint!("{}", s)) }
    }

    /// Compiles source text under a mudlib path.
    pub fn compile_source(&self, vm: &mut Vm, path: &str, source: &str) -> VmResult<Rc<Program>> {
        let efuns = vm.efuns.clone();
        let opts = CompileOptions {
            resolver: &self.mudlib,
            predefines: predefines(&efuns),
            global_include: self.global_include.clone(),
        };
        let mut env = Env { vm, efuns: efuns.clone() };
        let compiled = compile(path, source, &mut env, &opts);
        let report = compiled.diagnostics.render_all();
        match compiled.program {
            Some(p) => {
                // Warnings of a successful compile; errors travel in the error.
                if !report.is_empty() {
                    (self.log)(&report);
                }
                Ok(Rc::new(p))
            }
            None => Err(LpcError::new(format!(
                "Error in loading object '{}':\n{}",
                path.trim_end_matches(".c"),
                report.trim_end()
            ))),
        }
    }
}

impl Host for DriverHost {
    fn compile(&self, vm: &mut Vm, path: &str) -> VmResult<Rc<Program>> {
        let source = self
            .mudlib
            .read(path)
            .ok_or_else(|| LpcError::new(format!("Failed to load file: {}", path)))?;
        self.compile_source(vm, path, &source)
    }
}
