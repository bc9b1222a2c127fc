//! `#include` resolution with the master's say: the `include_file` apply
//! may redirect an include, supply its text, or refuse it.

use crate::mudlib::Mudlib;
use ferrum_compiler::IncludeResolver;
use ferrum_efuns::runtime::master::master_apply;
use ferrum_vm::{Value, Vm};
use std::cell::RefCell;

pub struct MasterIncludes<'a, 'v> {
    pub files: &'a Mudlib,
    /// Shared with the compile environment; free whenever the
    /// preprocessor asks for a file.
    pub vm: &'a RefCell<&'v mut Vm>,
    /// The main file being compiled.
    pub compiled: &'a str,
}

impl IncludeResolver for MasterIncludes<'_, '_> {
    fn resolve(&self, name: &str, angled: bool, from_file: &str) -> Option<(String, String)> {
        let answer = match self.vm.try_borrow_mut() {
            Ok(mut vm) => {
                let args = vec![Value::from(self.compiled), Value::from(from_file), Value::from(name)];
                master_apply(&mut vm, "include_file", args)
            }
            // Never expected; the files alone decide then.
            Err(_) => Ok(None),
        };
        match answer {
            // No master, no apply, or an error in it (FluffOS's safe
            // apply): the usual search.
            Ok(None) | Err(_) => self.files.resolve(name, angled, from_file),
            // Unchanged keeps the "…" versus <…> search.
            Ok(Some(Value::Str(path))) if path.as_str() == name => self.files.resolve(name, angled, from_file),
            // A new path resolves like a quoted include.
            Ok(Some(Value::Str(path))) => self.files.resolve(path.as_str(), false, from_file),
            // The file's lines themselves.
            Ok(Some(Value::Array(lines))) => {
                let mut text = String::new();
                for line in lines.to_vec() {
                    text.push_str(line.as_str()?);
                    text.push('\n');
                }
                let path = if name.starts_with('/') {
                    name.to_string()
                } else {
                    format!("{}/{}", Mudlib::dir_of(from_file), name)
                };
                Some((path, text))
            }
            // Anything else refuses the file.
            _ => None,
        }
    }
}
