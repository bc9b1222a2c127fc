//! # ferrum-compiler
//!
//! Compiles LPC source to `ferrum_vm::Program`s:
//! preprocessor → lexer → parser → AST → bytecode.
//!
//! ```text
//! source ──preprocess──▶ tokens ──parser──▶ Vec<Decl> ──codegen──▶ Program
//! ```
//! Errors are collected in `Diagnostics` (file:line:column, several per
//! file); `compile` fails only after the whole file was looked at.

pub mod ast;
pub mod codegen;
pub mod diag;
pub mod fuzzing;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod token;

pub use codegen::CompileEnv;
pub use diag::{Diagnostic, Diagnostics, Severity};
pub use preprocess::IncludeResolver;

use ferrum_vm::Program;
use parser::{Parser, TokenSource};

/// Settings a driver passes for every compilation.
pub struct CompileOptions<'a> {
    pub resolver: &'a dyn IncludeResolver,
    /// Object-like macros defined before the file (`MUDOS`, `__PACKAGE_X__`...).
    pub predefines: Vec<(String, String)>,
    /// The config's "global include file", included before the source.
    pub global_include: Option<String>,
}

/// The result of a compilation: the program (when there were no errors)
/// and every diagnostic.
pub struct Compiled {
    pub program: Option<Program>,
    pub diagnostics: Diagnostics,
    pub pragmas: Vec<String>,
}

impl TokenSource for preprocess::Preprocessor<'_> {
    fn next_token(&mut self, diags: &mut Diagnostics) -> token::Token {
        preprocess::Preprocessor::next_token(self, diags)
    }

    fn strict_types(&self) -> bool {
        preprocess::Preprocessor::strict_types(self)
    }
}

/// Compiles one file. `path` is its mudlib path ("/obj/sword.c").
pub fn compile(path: &str, source: &str, env: &mut dyn CompileEnv, opts: &CompileOptions) -> Compiled {
    let mut diags = Diagnostics::new();
    let (decls, pragmas, includes) = {
        let mut pp = preprocess::Preprocessor::new(path, source, opts.resolver, &mut diags);
        for (name, body) in &opts.predefines {
            pp.define(name, body);
        }
        let efun_names: Vec<String> = env.efuns().iter().map(|d| d.name.to_string()).collect();
        pp.set_efun_defined(Box::new(move |n: &str| efun_names.iter().any(|e| e == n)));
        if let Some(g) = &opts.global_include {
            pp.include_first(g, &mut diags);
        }
        let decls = Parser::new(&mut pp, &mut diags).parse_program();
        (decls, pp.pragmas().to_vec(), pp.files()[1..].to_vec())
    };
    let mut program = if diags.has_errors() { None } else { codegen::generate(path, &decls, env, &mut diags) };
    if let Some(p) = &mut program {
        p.includes = includes;
    }
    Compiled { program, diagnostics: diags, pragmas }
}

/// Compiles from any token source (tests, tools).
pub fn compile_tokens(path: &str, tokens: &mut dyn TokenSource, env: &mut dyn CompileEnv, diags: &mut Diagnostics) -> Option<Program> {
    let decls = Parser::new(tokens, diags).parse_program();
    if diags.has_errors() {
        return None;
    }
    codegen::generate(path, &decls, env, diags)
}
