//! Compile errors name file:line:column, and a file with several errors
//! reports them all.

use ferrum_compiler::{compile, CompileEnv, CompileOptions, IncludeResolver};
use ferrum_vm::efun::EfunTable;
use ferrum_vm::Program;
use std::collections::HashMap;
use std::rc::Rc;

struct Files(HashMap<String, String>);

impl IncludeResolver for Files {
    fn resolve(&self, name: &str, _angled: bool, _from: &str) -> Option<(String, String)> {
        let path = format!("/{}", name.trim_start_matches('/'));
        self.0.get(&path).map(|t| (path, t.clone()))
    }
}

struct NoInherits(EfunTable);

impl CompileEnv for NoInherits {
    fn efuns(&self) -> &EfunTable {
        &self.0
    }
    fn inherit(&mut self, path: &str, _from: &str) -> Result<Rc<Program>, String> {
        Err(format!("no such file {}", path))
    }
    fn is_simul_efun(&self, _name: &str) -> bool {
        false
    }
}

fn errors_of(src: &str, files: &[(&str, &str)]) -> Vec<String> {
    let resolver = Files(files.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
    let opts = CompileOptions { resolver: &resolver, predefines: vec![], global_include: None };
    let mut env = NoInherits(EfunTable::new());
    let out = compile("/t.c", src, &mut env, &opts);
    assert!(out.program.is_none(), "expected errors");
    out.diagnostics.errors().map(|d| out.diagnostics.render(d)).collect()
}

#[test]
fn syntax_errors_are_all_reported_with_positions() {
    let errs = errors_of("int f() {\n  int x = ;\n  return x +;\n}\nint g( { }\n", &[]);
    assert!(errs.len() >= 3, "{:?}", errs);
    assert!(errs[0].starts_with("/t.c:2:11: error: syntax error: expected an expression"), "{:?}", errs);
    assert!(errs[1].starts_with("/t.c:3:13: error:"), "{:?}", errs);
    assert!(errs.iter().any(|e| e.starts_with("/t.c:5:")), "{:?}", errs);
}

#[test]
fn semantic_errors_are_all_reported() {
    let src = "void f() {\n  y = 1;\n  return 5;\n}\nint g() {\n  break;\n  return undefined_fn();\n}\nint f2;\nint f2;\n";
    let errs = errors_of(src, &[]);
    let joined = errs.join("\n");
    assert!(joined.contains("/t.c:2:3: error: Undefined variable 'y'"), "{}", joined);
    assert!(joined.contains("/t.c:3:3: error: Non-void return in void function f()"), "{}", joined);
    assert!(joined.contains("/t.c:6:3: error: break statement outside loop"), "{}", joined);
    assert!(joined.contains("/t.c:7:10: error: Undefined function undefined_fn"), "{}", joined);
    assert!(joined.contains("/t.c:10:5: error: Redeclaration of global variable 'f2'"), "{}", joined);
}

#[test]
fn errors_in_included_files_name_that_file() {
    let errs = errors_of("#include \"inc.h\"\nint ok;\n", &[("/inc.h", "int x\nint y;\n")]);
    assert!(errs[0].starts_with("/inc.h:2:1: error:"), "{:?}", errs);
}

#[test]
fn error_count_is_capped() {
    let src: String = (0..100).map(|i| format!("void f{}() {{ y{} = 1; }}\n", i, i)).collect();
    let errs = errors_of(&src, &[]);
    assert_eq!(errs.len(), 25);
}

#[test]
fn inherit_failure_is_an_error() {
    let errs = errors_of("inherit \"/missing\";\n", &[]);
    assert!(errs[0].contains("cannot inherit /missing"), "{:?}", errs);
}
