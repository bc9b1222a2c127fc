//! Efun callbacks, as FluffOS's `process_efun_callback` reads them.
//!
//! Efuns such as `map`, `filter`, `sort_array` and `unique_mapping` take
//! either a function pointer followed by extra arguments, or a function
//! name, optionally followed by the object to call it in (an object or an
//! object name, loaded on demand) and then the extra arguments. The extra
//! arguments are passed after the efun's own per-element arguments.

use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{FunctionPtr, LStr, Value};
use ferrum_vm::{ObjectRef, Vm};
use std::rc::Rc;

enum Target {
    Pointer(Rc<FunctionPtr>),
    Named { ob: ObjectRef, name: LStr },
}

pub struct Callback {
    target: Target,
    extra: Vec<Value>,
}

impl Callback {
    /// Reads the callback starting at `args[at]`. `efun` names the efun in
    /// error messages.
    pub fn from_args(vm: &mut Vm, args: &[Value], at: usize, efun: &str) -> VmResult<Callback> {
        match args.get(at) {
            Some(Value::Function(fp)) => Ok(Callback {
                target: Target::Pointer(fp.clone()),
                extra: args[at + 1..].to_vec(),
            }),
            Some(Value::Str(name)) => {
                let ob = match args.get(at + 1) {
                    None => vm.this_object().ok_or_else(|| {
                        LpcError::new(format!("No object to call {}() in from {}()", name, efun))
                    })?,
                    Some(Value::Object(o)) if !o.is_destructed() => o.clone(),
                    // FluffOS loads a named object (find_object loads) and
                    // blames argument 3 when it cannot be had.
                    Some(Value::Str(path)) => vm
                        .load_object(path)
                        .map_err(|_| bad_target(efun, &args[at + 1]))?,
                    Some(other) => return Err(bad_target(efun, other)),
                };
                Ok(Callback {
                    target: Target::Named {
                        ob,
                        name: name.clone(),
                    },
                    extra: args.get(at + 2..).map(|s| s.to_vec()).unwrap_or_default(),
                })
            }
            Some(other) => Err(LpcError::new(format!(
                "Bad argument {} to {}()\nExpected: string | function Got: {}.",
                at + 1,
                efun,
                other.type_name()
            ))),
            None => Err(LpcError::new(format!("Too few arguments to {}()", efun))),
        }
    }

    /// Calls the callback with `args` followed by the extra arguments.
    /// `None` when a named function does not exist in its object (FluffOS's
    /// apply() returning NULL), which each efun treats in its own way.
    pub fn call(&self, vm: &mut Vm, mut args: Vec<Value>) -> VmResult<Option<Value>> {
        args.extend(self.extra.iter().cloned());
        match &self.target {
            Target::Pointer(fp) => vm.call_function(fp, args).map(Some),
            Target::Named { ob, name } => {
                if ob.is_destructed() {
                    return Err(LpcError::new("Object destructed during efun callback."));
                }
                // The callee's origin() is "efun", as in FluffOS.
                let prev = vm.this_object();
                vm.apply_for_efun(ob, name, args, prev)
            }
        }
    }
}

fn bad_target(efun: &str, got: &Value) -> LpcError {
    LpcError::new(format!(
        "Bad argument 3 to {}()\nExpected: string | object Got: {}.",
        efun,
        got.type_name()
    ))
}

/// FluffOS's test for a "false" callback result: only the number 0 (or a
/// missing function) is false; 0.0, empty strings and arrays are true.
pub fn is_number_zero(v: &Option<Value>) -> bool {
    matches!(v, None | Some(Value::Int(0)) | Some(Value::Undefined))
}
