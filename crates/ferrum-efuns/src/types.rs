//! Type predicates and conversions: intp, floatp, stringp, objectp, mapp,
//! pointerp/arrayp, functionp, bufferp, classp, undefinedp/nullp, typeof,
//! to_int, to_float.
//!
//! A destructed object reads as 0 everywhere, as in FluffOS (which
//! replaces it by undefined when it is read), so `intp()` and
//! `undefinedp()` say yes to one.

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::{FunctionKind, FunctionPtr, Value};
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("int intp(mixed)", intp),
    efun!("int floatp(mixed)", floatp),
    efun!("int stringp(mixed)", stringp),
    efun!("int objectp(mixed)", objectp),
    efun!("int mapp(mixed)", mapp),
    efun!("int pointerp(mixed)", pointerp),
    efun!("int arrayp(mixed)", pointerp),
    efun!("int functionp(mixed)", functionp),
    efun!("int bufferp(mixed)", bufferp),
    efun!("int classp(mixed)", classp),
    efun!("int undefinedp(mixed)", undefinedp),
    efun!("int nullp(mixed)", undefinedp),
    efun!("string typeof(mixed)", typeof_),
    efun!("int to_int(string | float | int | buffer)", to_int),
    efun!("float to_float(string | float | int)", to_float),
];

fn flag(b: bool) -> VmResult<Value> {
    Ok(Value::Int(b as i64))
}

fn dead_object(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.is_destructed())
}

pub fn intp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Int(_) | Value::Undefined) || dead_object(&args[0]))
}
pub fn floatp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Float(_)))
}
pub fn stringp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Str(_)))
}
pub fn objectp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(&args[0], Value::Object(o) if !o.is_destructed()))
}
pub fn mapp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Mapping(_)))
}
pub fn pointerp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Array(_)))
}
pub fn bufferp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Buffer(_)))
}
pub fn classp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Class(_)))
}
pub fn undefinedp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    flag(matches!(args[0], Value::Undefined) || dead_object(&args[0]))
}

// The function pointer kinds of FluffOS's include/function.h.
pub const FP_LOCAL: i64 = 2;
pub const FP_EFUN: i64 = 3;
pub const FP_SIMUL: i64 = 4;
pub const FP_FUNCTIONAL: i64 = 5;
pub const FP_MASK: i64 = 0x0f;
pub const FP_HAS_ARGUMENTS: i64 = 0x10;
pub const FP_OWNER_DESTED: i64 = 0x20;
pub const FP_NOT_BINDABLE: i64 = 0x40;

/// Whether a compiled functional or anonymous function uses its owner's
/// globals or functions, which makes it impossible to rebind.
pub fn uses_owner(def: &ferrum_vm::program::FunctionDef) -> bool {
    use ferrum_vm::program::Op::*;
    def.code.iter().any(|op| {
        matches!(
            op,
            Global(_)
                | SetGlobal(_)
                | TeeGlobal(_)
                | AddToGlobal(_)
                | SetIndexGlobal(_)
                | SetIndexRevGlobal(_)
                | SetRangeGlobal(..)
                | CallLocal(..)
                | CallSuper(..)
                | FuncLocal(..)
        )
    }) || def.anons.iter().any(|d| uses_owner(d))
}

/// The `functionp()` code of a function pointer: its kind (FP_*) plus the
/// FP_HAS_ARGUMENTS, FP_OWNER_DESTED and FP_NOT_BINDABLE bits.
pub fn function_flags(fp: &FunctionPtr) -> i64 {
    let mut code = match &fp.kind {
        FunctionKind::Local { .. } => FP_LOCAL | FP_NOT_BINDABLE,
        FunctionKind::Efun { .. } => FP_EFUN,
        FunctionKind::Simul { .. } => FP_SIMUL,
        // `(: ob, "fn" :)` is an efun pointer to call_other with bound
        // arguments in FluffOS.
        FunctionKind::CallOther { .. } => FP_EFUN | FP_HAS_ARGUMENTS,
        FunctionKind::Anonymous { def, .. } => {
            if uses_owner(def) {
                FP_FUNCTIONAL | FP_NOT_BINDABLE
            } else {
                FP_FUNCTIONAL
            }
        }
    };
    if !fp.bound_args.is_empty() {
        code |= FP_HAS_ARGUMENTS;
    }
    if !matches!(&fp.owner, Some(o) if !o.is_destructed()) {
        code |= FP_OWNER_DESTED;
    }
    code
}

/// `int functionp(mixed)`: 0, or the pointer's FP_* code (never 0).
pub fn functionp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(match &args[0] {
        Value::Function(fp) => function_flags(fp),
        _ => 0,
    }))
}

/// `string typeof(mixed)`: "int", "float", "string", "array", "mapping",
/// "object", "function", "buffer" or "class".
pub fn typeof_(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(args[0].type_name()))
}

/// strtoll(base 10): leading white space, a sign, then digits; `None` when
/// no digit follows. Out-of-range values saturate.
pub fn parse_c_int(s: &str) -> Option<i64> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = digits.bytes().take_while(u8::is_ascii_digit).count();
    if end == 0 {
        return None;
    }
    let mut acc: i64 = 0;
    for b in digits[..end].bytes() {
        let d = (b - b'0') as i64;
        acc = match acc.checked_mul(10).and_then(|a| {
            if neg {
                a.checked_sub(d)
            } else {
                a.checked_add(d)
            }
        }) {
            Some(a) => a,
            None => return Some(if neg { i64::MIN } else { i64::MAX }),
        };
    }
    Some(acc)
}

/// strtod(): the longest prefix that reads as a decimal float (with
/// optional exponent), "inf"/"infinity" or "nan"; 0.0 when none does.
pub fn parse_c_float(s: &str) -> f64 {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = t.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+') | Some(b'-')) {
        i = 1;
    }
    let rest = t[i..].to_ascii_lowercase();
    let sign = if b.first() == Some(&b'-') { -1.0 } else { 1.0 };
    if rest.starts_with("inf") {
        return sign * f64::INFINITY;
    }
    if rest.starts_with("nan") {
        return f64::NAN;
    }
    let int_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = i + int_digits;
    let mut frac_digits = 0;
    if b.get(end) == Some(&b'.') {
        frac_digits = b[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if int_digits + frac_digits > 0 {
            end += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return 0.0;
    }
    if matches!(b.get(end), Some(b'e') | Some(b'E')) {
        let mut j = end + 1;
        if matches!(b.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        let exp_digits = b[j.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if exp_digits > 0 {
            end = j + exp_digits;
        }
    }
    t[..end].parse::<f64>().unwrap_or(0.0)
}

/// `int to_int(string | float | int | buffer)`: floats truncate; strings
/// read a leading decimal number (undefined when there is none); a buffer
/// gives its first four bytes as a big-endian signed 32-bit number.
pub fn to_int(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(match &args[0] {
        Value::Int(i) => Value::Int(*i),
        Value::Float(f) => Value::Int(*f as i64),
        Value::Str(s) => parse_c_int(s).map(Value::Int).unwrap_or(Value::Undefined),
        Value::Buffer(b) => {
            let bytes = b.borrow();
            if bytes.len() >= 4 {
                Value::Int(i32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as i64)
            } else {
                Value::Int(0)
            }
        }
        _ => Value::Int(0),
    })
}

/// `float to_float(string | float | int)`.
pub fn to_float(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Float(match &args[0] {
        Value::Str(s) => parse_c_float(s),
        other => args::float(std::slice::from_ref(other), 0)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrays::testutil::*;

    #[test]
    fn predicates() {
        let mut vm = vm();
        let cases: Vec<(&str, Value, bool)> = vec![
            ("intp", Value::Int(3), true),
            ("intp", Value::Undefined, true),
            ("intp", Value::Float(1.0), false),
            ("floatp", Value::Float(1.0), true),
            ("floatp", Value::Int(1), false),
            ("stringp", Value::from("x"), true),
            ("stringp", Value::Int(0), false),
            ("mapp", Value::Mapping(ferrum_vm::Mapping::new()), true),
            ("mapp", Value::array(vec![]), false),
            ("pointerp", Value::array(vec![]), true),
            ("arrayp", Value::array(vec![]), true),
            ("arrayp", Value::from("s"), false),
            ("bufferp", Value::buffer(vec![1]), true),
            ("bufferp", Value::from("s"), false),
            ("classp", Value::Int(0), false),
            ("objectp", Value::Int(0), false),
            ("undefinedp", Value::Undefined, true),
            ("undefinedp", Value::Int(0), false),
            ("nullp", Value::Undefined, true),
            ("functionp", Value::Int(0), false),
            ("functionp", Value::from("foo"), false),
        ];
        for (name, v, want) in cases {
            assert_eq!(
                call(&mut vm, name, vec![v.clone()]).as_int(),
                Some(want as i64),
                "{}({:?})",
                name,
                v
            );
        }
    }

    #[test]
    fn objects_and_destructed_objects() {
        let mut vm = vm();
        let ob = object(&mut vm, "/obj/thing");
        assert_eq!(
            call(&mut vm, "objectp", vec![Value::Object(ob.clone())]).as_int(),
            Some(1)
        );
        assert_eq!(
            call(&mut vm, "intp", vec![Value::Object(ob.clone())]).as_int(),
            Some(0)
        );
        vm.destruct(&ob);
        let dead = Value::Object(ob);
        assert_eq!(
            call(&mut vm, "objectp", vec![dead.clone()]).as_int(),
            Some(0)
        );
        assert_eq!(call(&mut vm, "intp", vec![dead.clone()]).as_int(), Some(1));
        assert_eq!(
            call(&mut vm, "undefinedp", vec![dead.clone()]).as_int(),
            Some(1)
        );
        assert_eq!(call(&mut vm, "typeof", vec![dead]).as_str(), Some("int"));
    }

    #[test]
    fn typeof_names() {
        let mut vm = vm();
        let cases = vec![
            (Value::Int(1), "int"),
            (Value::Undefined, "int"),
            (Value::Float(1.5), "float"),
            (Value::from("s"), "string"),
            (Value::array(vec![]), "array"),
            (Value::Mapping(ferrum_vm::Mapping::new()), "mapping"),
            (Value::buffer(vec![]), "buffer"),
            (efun_ptr(&vm, "time"), "function"),
        ];
        for (v, want) in cases {
            assert_eq!(call(&mut vm, "typeof", vec![v]).as_str(), Some(want));
        }
    }

    #[test]
    fn functionp_reports_kind_and_flags() {
        let mut vm = vm();
        let f = efun_ptr(&vm, "time");
        // No owner: reported as an efun whose owner is gone.
        assert_eq!(
            call(&mut vm, "functionp", vec![f]).as_int(),
            Some(FP_EFUN | FP_OWNER_DESTED)
        );
        let ob = object(&mut vm, "/obj/owner");
        let g = efun_ptr_owned(&vm, "time", Some(ob.clone()), vec![Value::Int(1)]);
        let code = call(&mut vm, "functionp", vec![g]).as_int().unwrap();
        assert_eq!(code & FP_MASK, FP_EFUN);
        assert_ne!(code & FP_HAS_ARGUMENTS, 0);
        assert_eq!(code & FP_OWNER_DESTED, 0);
    }

    #[test]
    fn to_int_rules() {
        let mut vm = vm();
        let t = |vm: &mut Vm, v: Value| call(vm, "to_int", vec![v]);
        assert_eq!(t(&mut vm, Value::Float(3.9)).as_int(), Some(3));
        assert_eq!(t(&mut vm, Value::Float(-3.9)).as_int(), Some(-3));
        assert_eq!(t(&mut vm, Value::from("12abc")).as_int(), Some(12));
        assert_eq!(t(&mut vm, Value::from("  -7")).as_int(), Some(-7));
        assert!(t(&mut vm, Value::from("abc")).is_undefined());
        assert!(t(&mut vm, Value::from("")).is_undefined());
        assert_eq!(
            t(&mut vm, Value::from("99999999999999999999")).as_int(),
            Some(i64::MAX)
        );
        assert_eq!(
            t(&mut vm, Value::buffer(vec![0, 0, 1, 2, 9])).as_int(),
            Some(258)
        );
        assert_eq!(
            t(&mut vm, Value::buffer(vec![0xff, 0xff, 0xff, 0xfe])).as_int(),
            Some(-2)
        );
        assert_eq!(t(&mut vm, Value::Int(5)).as_int(), Some(5));
        assert!(vm
            .call_efun_by_name("to_int", vec![Value::array(vec![])])
            .is_err());
    }

    #[test]
    fn to_float_rules() {
        let mut vm = vm();
        let t = |vm: &mut Vm, s: &str| match call(vm, "to_float", vec![Value::from(s)]) {
            Value::Float(f) => f,
            other => panic!("{:?}", other),
        };
        assert_eq!(t(&mut vm, "1.5"), 1.5);
        assert_eq!(t(&mut vm, "  2.5e2xyz"), 250.0);
        assert_eq!(t(&mut vm, "-.5"), -0.5);
        assert_eq!(t(&mut vm, "7."), 7.0);
        assert_eq!(t(&mut vm, "3e"), 3.0);
        assert_eq!(t(&mut vm, "garbage"), 0.0);
        assert_eq!(t(&mut vm, "-inf"), f64::NEG_INFINITY);
        match call(&mut vm, "to_float", vec![Value::Int(3)]) {
            Value::Float(f) => assert_eq!(f, 3.0),
            other => panic!("{:?}", other),
        }
    }
}
