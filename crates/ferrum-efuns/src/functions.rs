//! Function pointer efuns: evaluate, apply, bind, function_owner.
//! (`functionp` lives with the other type predicates in `types`.)

use crate::args;
use crate::types::uses_owner;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{FunctionKind, Value};
use ferrum_vm::{efun, Vm};
use std::rc::Rc;

pub const EFUNS: &[EfunSpec] = &[
    efun!("mixed evaluate(mixed, ...)", evaluate),
    efun!("mixed apply(mixed, mixed *)", apply),
    efun!("function bind(function, object)", bind),
    efun!("object function_owner(function)", function_owner),
];

/// `mixed evaluate(mixed f, ...)`: calls a function pointer with the other
/// arguments; anything else is returned as it is.
pub fn evaluate(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    match &args[0] {
        Value::Function(fp) => {
            let fp = fp.clone();
            vm.call_function(&fp, args[1..].to_vec())
        }
        other => Ok(other.clone()),
    }
}

/// `mixed apply(mixed f, mixed *args)`: `evaluate(f, args...)`.
pub fn apply(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let spread = args::array(args, 1)?.to_vec();
    match &args[0] {
        Value::Function(fp) => {
            let fp = fp.clone();
            vm.call_function(&fp, spread)
        }
        other => Ok(other.clone()),
    }
}

/// `function bind(function f, object ob)`: a copy of `f` owned by `ob`.
/// Pointers to local functions, and functionals that use their owner's
/// globals or functions, cannot be rebound; the master's `valid_bind(binder,
/// old_owner, new_owner)` may refuse.
pub fn bind(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fp = args::function(args, 0)?;
    let ob = args::object(args, 1)?;
    if fp.owner.as_ref() == Some(&ob) {
        return Ok(Value::Function(fp));
    }
    match &fp.kind {
        FunctionKind::Local { .. } => {
            return Err(LpcError::new(
                "Illegal to rebind a pointer to a local function.",
            ));
        }
        FunctionKind::Anonymous { def, .. } if uses_owner(def) => {
            return Err(LpcError::new(
                "Illegal to rebind a functional that references globals or local functions.",
            ));
        }
        _ => {}
    }
    if let Some(master) = vm.master.clone() {
        let binder = vm.this_object().map(Value::Object).unwrap_or(Value::Int(0));
        let old = fp.owner.clone().map(Value::Object).unwrap_or(Value::Int(0));
        let verdict = vm.apply(
            &master,
            "valid_bind",
            vec![binder, old, Value::Object(ob.clone())],
        )?;
        // No valid_bind() at all means permission; a promise is no answer.
        if matches!(verdict, Some(Value::Int(0)) | Some(Value::Undefined) | Some(Value::Promise(_))) {
            return Err(LpcError::new(
                "Master object denied permission to bind() function pointer.",
            ));
        }
        // valid_bind() may have destructed the new owner.
        if ob.is_destructed() {
            return Err(LpcError::new("bind(): the new owner was destructed."));
        }
    }
    Ok(Value::Function(Rc::new(fp.with_owner(Some(ob)))))
}

/// `object function_owner(function)`: the object the pointer belongs to,
/// 0 when it has none or it was destructed.
pub fn function_owner(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fp = args::function(args, 0)?;
    Ok(match &fp.owner {
        Some(o) if !o.is_destructed() => Value::Object(o.clone()),
        _ => Value::Int(0),
    })
}

#[cfg(test)]
mod tests {
    use crate::arrays::testutil::*;
    use crate::types::{FP_FUNCTIONAL, FP_LOCAL, FP_MASK, FP_NOT_BINDABLE};
    use ferrum_vm::program::Op;
    use ferrum_vm::value::{FunctionKind, FunctionPtr, Value};
    use std::rc::Rc;

    #[test]
    fn evaluate_calls_functions_and_returns_other_values() {
        let mut vm = vm();
        let ob = object(&mut vm, "/t/ev");
        let add = lambda(
            &ob,
            2,
            vec![Op::Local(0), Op::Local(1), Op::Add, Op::Return],
        );
        assert_eq!(
            call(
                &mut vm,
                "evaluate",
                vec![add.clone(), Value::Int(3), Value::Int(4)]
            )
            .as_int(),
            Some(7)
        );
        assert_eq!(
            call(&mut vm, "evaluate", vec![Value::Int(5)]).as_int(),
            Some(5)
        );
        assert_eq!(
            call(&mut vm, "evaluate", vec![Value::from("s"), Value::Int(1)]).as_str(),
            Some("s")
        );
        // Efun pointers with bound arguments put them first.
        let pow = efun_ptr_owned(&vm, "pow", None, vec![Value::Int(2)]);
        assert_eq!(
            float(&call(&mut vm, "evaluate", vec![pow, Value::Int(10)])),
            1024.0
        );
        // Errors inside propagate.
        let sqrt = efun_ptr(&vm, "sqrt");
        assert_eq!(
            call_err(&mut vm, "evaluate", vec![sqrt, Value::Float(-1.0)]),
            "*math: sqrt(x) with (x < 0.0)\n"
        );
        assert_eq!(
            call(&mut vm, "apply", vec![add, ints(&[5, 6])]).as_int(),
            Some(11)
        );
        assert_eq!(
            call(&mut vm, "apply", vec![Value::Int(9), ints(&[])]).as_int(),
            Some(9)
        );
    }

    #[test]
    fn bind_fails_when_valid_bind_destructs_the_new_owner() {
        let mut vm = vm();
        let (destruct, _) = vm.efuns.lookup("destruct").expect("destruct");
        let master = object_with(
            &mut vm,
            "/t/master",
            vec![(
                "valid_bind",
                3,
                vec![Op::Local(2), Op::CallEfun(destruct, 1), Op::Pop, Op::Int(1), Op::Return],
            )],
        );
        vm.master = Some(master);
        let a = object(&mut vm, "/t/a");
        let b = object(&mut vm, "/t/b");
        let f = lambda(&a, 2, vec![Op::Local(0), Op::Local(1), Op::Add, Op::Return]);
        let err = call_err(&mut vm, "bind", vec![f, Value::Object(b.clone())]);
        assert!(err.contains("destructed"), "{}", err);
        assert!(b.is_destructed());
    }

    #[test]
    fn bind_moves_functionals_to_a_new_owner() {
        let mut vm = vm();
        let a = object(&mut vm, "/t/a");
        let b = object(&mut vm, "/t/b");
        let f = lambda(&a, 2, vec![Op::Local(0), Op::Local(1), Op::Add, Op::Return]);
        let g = call(&mut vm, "bind", vec![f.clone(), Value::Object(b.clone())]);
        let owner = call(&mut vm, "function_owner", vec![g.clone()]);
        assert!(matches!(owner, Value::Object(ref o) if *o == b));
        assert_eq!(
            call(
                &mut vm,
                "evaluate",
                vec![g.clone(), Value::Int(3), Value::Int(4)]
            )
            .as_int(),
            Some(7)
        );
        let code = call(&mut vm, "functionp", vec![g]).as_int().unwrap();
        assert_eq!(code & FP_MASK, FP_FUNCTIONAL);
        // Binding to the same owner gives the same pointer back.
        let same = call(&mut vm, "bind", vec![f.clone(), Value::Object(a.clone())]);
        assert!(same.lpc_eq(&f));
        // The original keeps its owner.
        let owner = call(&mut vm, "function_owner", vec![f]);
        assert!(matches!(owner, Value::Object(ref o) if *o == a));
    }

    #[test]
    fn bind_refuses_local_pointers_and_functionals_using_globals() {
        let mut vm = vm();
        let a = object_with(
            &mut vm,
            "/t/la",
            vec![("f", 0, vec![Op::Int(1), Op::Return])],
        );
        let b = object(&mut vm, "/t/lb");
        let local = Value::Function(Rc::new(FunctionPtr {
            kind: FunctionKind::Local { slot: 0, gen: 0 },
            owner: Some(a.clone()),
            bound_args: Vec::new(),
        }));
        assert_eq!(
            call(&mut vm, "functionp", vec![local.clone()]).as_int(),
            Some(FP_LOCAL | FP_NOT_BINDABLE)
        );
        assert_eq!(
            call_err(&mut vm, "bind", vec![local, Value::Object(b.clone())]),
            "*Illegal to rebind a pointer to a local function.\n"
        );
        let uses_global = lambda(&a, 0, vec![Op::Global(0), Op::Return]);
        let code = call(&mut vm, "functionp", vec![uses_global.clone()])
            .as_int()
            .unwrap();
        assert_eq!(code & FP_NOT_BINDABLE, FP_NOT_BINDABLE);
        assert_eq!(
            call_err(&mut vm, "bind", vec![uses_global, Value::Object(b.clone())]),
            "*Illegal to rebind a functional that references globals or local functions.\n"
        );
        let calls_local = lambda(&a, 0, vec![Op::CallLocal(0, 0), Op::Return]);
        assert!(vm
            .call_efun_by_name("bind", vec![calls_local, Value::Object(b)])
            .is_err());
    }

    #[test]
    fn function_owner_of_destructed_owner_is_zero() {
        let mut vm = vm();
        let a = object(&mut vm, "/t/fo");
        let f = lambda(&a, 0, vec![Op::Int(1), Op::Return]);
        vm.destruct(&a);
        assert_eq!(
            call(&mut vm, "function_owner", vec![f.clone()]).as_int(),
            Some(0)
        );
        let code = call(&mut vm, "functionp", vec![f]).as_int().unwrap();
        assert_ne!(code & crate::types::FP_OWNER_DESTED, 0);
        assert!(vm
            .call_efun_by_name("function_owner", vec![Value::Int(0)])
            .is_err());
    }
}
