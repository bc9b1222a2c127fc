//! Unit tests of the string efuns, called the way the interpreter calls
//! them (through `call_efun_by_name`, so signatures are checked too).

use ferrum_vm::interp::{NoHost, Vm};
use ferrum_vm::value::Value;
use std::rc::Rc;

pub fn vm() -> Vm {
    Vm::new(Rc::new(crate::standard_table()), Rc::new(NoHost))
}

/// Calls an efun; panics on error.
pub fn call(vm: &mut Vm, name: &str, args: Vec<Value>) -> Value {
    match vm.call_efun_by_name(name, args) {
        Ok(v) => v,
        Err(e) => panic!("{}() failed: {}", name, e),
    }
}

/// Calls an efun that must fail; returns what catch() would give.
pub fn error_of(vm: &mut Vm, name: &str, args: Vec<Value>) -> String {
    match vm.call_efun_by_name(name, args) {
        Ok(v) => panic!("{}() should have failed, gave {:?}", name, v),
        Err(e) => match e.catch_value() {
            Value::Str(s) => s.to_string(),
            other => format!("{:?}", other),
        },
    }
}

pub fn s(text: &str) -> Value {
    Value::from(text)
}

pub fn strs(items: &[&str]) -> Value {
    Value::array(items.iter().map(|t| Value::from(*t)).collect())
}

pub fn as_string(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        other => panic!("expected a string, got {:?}", other),
    }
}

/// Deep equality for test assertions.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            let (x, y) = (x.to_vec(), y.to_vec());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q))
        }
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Float(_), _) | (_, Value::Float(_)) => false,
        _ => a.lpc_eq(b),
    }
}

#[track_caller]
pub fn assert_same(expected: Value, actual: Value) {
    assert!(
        same(&expected, &actual),
        "expected {:?}, got {:?}",
        expected,
        actual
    );
}

mod colour_tests;
mod describe_tests;
mod regexp_tests;
mod simple_tests;
mod sprintf_tests;
mod sscanf_tests;
