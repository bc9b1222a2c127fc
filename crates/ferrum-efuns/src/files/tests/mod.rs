//! Unit tests of the file efuns against a temporary mudlib.

mod access;
mod dirs;
mod io;

use ferrum_vm::{Value, Vm};

pub fn text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        other => panic!("not a string: {:?}", other),
    }
}

pub fn int(v: &Value) -> i64 {
    v.as_int().unwrap_or_else(|| panic!("not an int: {:?}", v))
}

pub fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {:?}", v))
        .to_vec()
        .iter()
        .map(text)
        .collect()
}

pub fn s(x: &str) -> Value {
    Value::from(x)
}

pub fn call(vm: &mut Vm, efun: &str, args: Vec<Value>) -> Value {
    super::testhost::call_in(vm, efun, args)
}
