//! Math efuns: FluffOS's math package (trigonometry, logarithms, powers,
//! rounding, vectors) plus `random`, `secure_random` and the contrib
//! `abs`, `min`, `max` and `roll_MdN`.

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Value;
use ferrum_vm::{bail, efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("float cos(float)", cos),
    efun!("float sin(float)", sin),
    efun!("float tan(float)", tan),
    efun!("float asin(float)", asin),
    efun!("float acos(float)", acos),
    efun!("float atan(float)", atan),
    efun!("float sqrt(float | int)", sqrt),
    efun!("float log(float)", log),
    efun!("float log10(float | int)", log10),
    efun!("float log2(float | int)", log2),
    efun!("float pow(float | int, float | int)", pow),
    efun!("float exp(float)", exp),
    efun!("float floor(float)", floor),
    efun!("float ceil(float)", ceil),
    efun!("float round(float)", round),
    efun!("float norm(int * | float *)", norm),
    efun!("float dotprod(int * | float *, int * | float *)", dotprod),
    efun!("float distance(int * | float *, int * | float *)", distance),
    efun!("float angle(int * | float *, int * | float *)", angle),
    efun!("int random(int)", random),
    efun!("int secure_random(int)", secure_random),
    efun!("mixed abs(int | float)", abs),
    efun!("mixed max(mixed *, void | int)", max),
    efun!("mixed min(mixed *, void | int)", min),
    efun!("int roll_MdN(int, int, int | void)", roll_mdn),
];

// ----- random numbers -----

/// The VM's pseudo-random generator (xoshiro256**), seeded from the OS.
pub struct Rng([u64; 4]);

impl Default for Rng {
    fn default() -> Self {
        let mut seed = [0u8; 32];
        if getrandom::getrandom(&mut seed).is_err() {
            // No OS entropy: fall back to the clock, still varying per run.
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0x9E37_79B9_7F4A_7C15);
            for (i, b) in seed.iter_mut().enumerate() {
                *b = (t.rotate_left(i as u32 * 7) >> (i % 8)) as u8 ^ i as u8;
            }
        }
        let mut s = [0u64; 4];
        for (i, w) in s.iter_mut().enumerate() {
            *w = u64::from_le_bytes(seed[i * 8..i * 8 + 8].try_into().unwrap());
        }
        if s == [0; 4] {
            s[0] = 1;
        }
        Rng(s)
    }
}

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }
}

/// A uniform integer in `0..n` drawn from `next`, without modulo bias.
fn uniform_below(n: u64, mut next: impl FnMut() -> u64) -> u64 {
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let r = next();
        if r < zone {
            return r % n;
        }
    }
}

/// A uniform random integer in `0..n` (n must be positive) from the VM's
/// generator. Shared by `random`, `shuffle`, `element_of` and salts.
pub fn random_below(vm: &mut Vm, n: i64) -> i64 {
    let rng = vm.ext::<Rng>();
    uniform_below(n.max(1) as u64, || rng.next_u64()) as i64
}

fn os_random_u64() -> u64 {
    let mut b = [0u8; 8];
    if getrandom::getrandom(&mut b).is_err() {
        return 0;
    }
    u64::from_le_bytes(b)
}

/// `int random(int n)`: 0..n-1; 0 when n <= 0.
pub fn random(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    Ok(Value::Int(if n <= 0 { 0 } else { random_below(vm, n) }))
}

/// `int secure_random(int n)`: like random() but from the OS's
/// cryptographic source.
pub fn secure_random(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    Ok(Value::Int(if n <= 0 {
        0
    } else {
        uniform_below(n as u64, os_random_u64) as i64
    }))
}

// ----- one-argument float functions -----

fn float_fn(args: &[Value], f: fn(f64) -> f64) -> VmResult<Value> {
    Ok(Value::Float(f(args::float(args, 0)?)))
}

pub fn cos(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::cos)
}
pub fn sin(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::sin)
}
pub fn tan(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::tan)
}
pub fn atan(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::atan)
}
pub fn exp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::exp)
}
pub fn floor(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::floor)
}
pub fn ceil(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::ceil)
}
/// C's round(): halves go away from zero.
pub fn round(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    float_fn(args, f64::round)
}

fn domain_checked(args: &[Value], name: &str, f: fn(f64) -> f64) -> VmResult<Value> {
    let x = args::float(args, 0)?;
    if x < -1.0 {
        return Err(ferrum_vm::lpc_error!("math: {}(x) with (x < -1.0)", name));
    }
    if x > 1.0 {
        return Err(ferrum_vm::lpc_error!("math: {}(x) with (x > 1.0)", name));
    }
    Ok(Value::Float(f(x)))
}

pub fn asin(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    domain_checked(args, "asin", f64::asin)
}
pub fn acos(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    domain_checked(args, "acos", f64::acos)
}

pub fn sqrt(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let x = args::float(args, 0)?;
    if x < 0.0 {
        return Err(LpcError::new("math: sqrt(x) with (x < 0.0)"));
    }
    Ok(Value::Float(x.sqrt()))
}

fn positive_log(args: &[Value], name: &str, f: fn(f64) -> f64) -> VmResult<Value> {
    let x = args::float(args, 0)?;
    if x <= 0.0 {
        return Err(ferrum_vm::lpc_error!("math: {}(x) with (x <= 0.0)", name));
    }
    Ok(Value::Float(f(x)))
}

pub fn log(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    positive_log(args, "log", f64::ln)
}
pub fn log10(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    positive_log(args, "log10", f64::log10)
}
pub fn log2(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    positive_log(args, "log2", f64::log2)
}

pub fn pow(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Float(
        args::float(args, 0)?.powf(args::float(args, 1)?),
    ))
}

// ----- vectors -----

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Undefined => Some(0.0),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Euclidean norm, summed from the last element as FluffOS does; `None`
/// when an element is not a number.
fn norm_of(items: &[Value]) -> Option<f64> {
    let mut total = 0.0;
    for v in items.iter().rev() {
        let x = number(v)?;
        total += x * x;
    }
    Some(total.sqrt())
}

pub fn norm(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let a = args::array(args, 0)?.to_vec();
    norm_of(&a)
        .map(Value::Float)
        .ok_or_else(|| LpcError::new("norm: invalid argument 1."))
}

enum VecError {
    SizeMismatch,
    /// The (1-based) argument holding a non-number.
    BadArg(u8),
}

/// Sums `f(a[i], b[i])` from the last element down, checking `b`'s element
/// before `a`'s (so errors name the same argument FluffOS names).
fn vector_op(a: &[Value], b: &[Value], f: fn(f64, f64) -> f64) -> Result<f64, VecError> {
    if a.len() != b.len() {
        return Err(VecError::SizeMismatch);
    }
    let mut total = 0.0;
    for i in (0..a.len()).rev() {
        let y = number(&b[i]).ok_or(VecError::BadArg(2))?;
        let x = number(&a[i]).ok_or(VecError::BadArg(1))?;
        total += f(x, y);
    }
    Ok(total)
}

fn two_vectors(args: &[Value]) -> VmResult<(Vec<Value>, Vec<Value>)> {
    Ok((
        args::array(args, 0)?.to_vec(),
        args::array(args, 1)?.to_vec(),
    ))
}

pub fn dotprod(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (a, b) = two_vectors(args)?;
    match vector_op(&a, &b, |x, y| x * y) {
        Ok(t) => Ok(Value::Float(t)),
        Err(VecError::SizeMismatch) => Err(LpcError::new(
            "dotprod: cannot take the dotprod of vectors of different sizes.",
        )),
        Err(VecError::BadArg(n)) => Err(ferrum_vm::lpc_error!("dotprod: invalid arg {}.", n)),
    }
}

pub fn distance(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (a, b) = two_vectors(args)?;
    match vector_op(&a, &b, |x, y| (y - x) * (y - x)) {
        Ok(t) => Ok(Value::Float(t.sqrt())),
        Err(VecError::SizeMismatch) => Err(LpcError::new(
            "distance: cannot take the distance of vectors of different sizes.",
        )),
        Err(VecError::BadArg(n)) => Err(ferrum_vm::lpc_error!("distance: invalid arg {}.", n)),
    }
}

pub fn angle(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (a, b) = two_vectors(args)?;
    let dot = match vector_op(&a, &b, |x, y| x * y) {
        Ok(t) => t,
        Err(VecError::SizeMismatch) => {
            return Err(LpcError::new(
                "angle: cannot calculate the angle between vectors of different sizes.",
            ))
        }
        Err(VecError::BadArg(n)) => return Err(ferrum_vm::lpc_error!("angle: invalid arg {}.", n)),
    };
    let na = norm_of(&a).ok_or_else(|| LpcError::new("angle: invalid argument 1."))?;
    let nb = norm_of(&b).ok_or_else(|| LpcError::new("angle: invalid argument 2."))?;
    Ok(Value::Float((dot / (na * nb)).acos()))
}

// ----- contrib -----

/// `mixed abs(int | float)`; abs(MIN_INT) wraps to itself, as in C.
pub fn abs(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(match &args[0] {
        Value::Int(i) => Value::Int(i.wrapping_abs()),
        Value::Float(f) => Value::Float(f.abs()),
        other => other.clone(),
    })
}

/// Shared body of `max` and `min`: `wins(candidate, best)` tells whether a
/// candidate replaces the best so far (strictly, so ties keep the first).
fn extreme(args: &[Value], what: &str, wins: fn(std::cmp::Ordering) -> bool) -> VmResult<Value> {
    use std::cmp::Ordering;
    let arr = args::array(args, 0)?.to_vec();
    let first = arr
        .first()
        .ok_or_else(|| ferrum_vm::lpc_error!("Can't find {} of an empty array.", what))?;
    let kind_error = || LpcError::new("Array must consist of ints, floats or strings.");
    if number(first).is_none() && !matches!(first, Value::Str(_)) {
        return Err(kind_error());
    }
    let mut best = 0usize;
    for (i, item) in arr.iter().enumerate().skip(1) {
        let order = match (item, &arr[best]) {
            (Value::Str(x), Value::Str(y)) => x.as_bytes().cmp(y.as_bytes()),
            (Value::Str(_), _) => return Err(LpcError::new("Inhomogeneous array.")),
            (x, y) => match (number(x), number(y)) {
                (Some(p), Some(q)) => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
                (Some(_), None) => return Err(LpcError::new("Inhomogeneous array.")),
                (None, _) => return Err(kind_error()),
            },
        };
        if wins(order) {
            best = i;
        }
    }
    if args::int(args, 1)? != 0 {
        Ok(Value::Int(best as i64))
    } else {
        Ok(arr[best].clone())
    }
}

/// `mixed max(mixed *arr, int want_index)`: the largest element (or its
/// index) of an array of numbers or of strings.
pub fn max(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    extreme(args, "max", |o| o == std::cmp::Ordering::Greater)
}

pub fn min(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    extreme(args, "min", |o| o == std::cmp::Ordering::Less)
}

/// `int roll_MdN(int m, int n, int bonus = 0)`: the sum of m rolls of an
/// n-sided die (none unless both are positive), plus `bonus`.
pub fn roll_mdn(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (m, n) = (args::int(args, 0)?, args::int(args, 1)?);
    // More rolls than a 32-bit count is refused rather than looped over.
    if m > i32::MAX as i64 {
        bail!("roll_MdN: too many rolls");
    }
    let mut total: i64 = args::int_or(args, 2, 0);
    if m > 0 && n > 0 {
        for _ in 0..m {
            vm.charge(1)?;
            total = total.wrapping_add(1 + random_below(vm, n));
        }
    }
    Ok(Value::Int(total))
}

#[cfg(test)]
mod tests {
    use crate::arrays::testutil::*;
    use ferrum_vm::value::Value;

    fn f(vm: &mut ferrum_vm::Vm, name: &str, args: Vec<Value>) -> f64 {
        float(&call(vm, name, args))
    }

    #[test]
    fn float_functions() {
        let mut vm = vm();
        let x = Value::Float(0.5);
        assert_eq!(f(&mut vm, "cos", vec![x.clone()]), 0.5f64.cos());
        assert_eq!(f(&mut vm, "sin", vec![x.clone()]), 0.5f64.sin());
        assert_eq!(f(&mut vm, "tan", vec![x.clone()]), 0.5f64.tan());
        assert_eq!(f(&mut vm, "asin", vec![x.clone()]), 0.5f64.asin());
        assert_eq!(f(&mut vm, "acos", vec![x.clone()]), 0.5f64.acos());
        assert_eq!(f(&mut vm, "atan", vec![x.clone()]), 0.5f64.atan());
        assert_eq!(f(&mut vm, "exp", vec![Value::Float(0.0)]), 1.0);
        assert_eq!(f(&mut vm, "log", vec![Value::Float(1.0)]), 0.0);
        assert_eq!(f(&mut vm, "log10", vec![Value::Int(1000)]), 3.0);
        assert_eq!(f(&mut vm, "log2", vec![Value::Int(8)]), 3.0);
        assert_eq!(f(&mut vm, "sqrt", vec![Value::Int(16)]), 4.0);
        assert_eq!(
            f(&mut vm, "pow", vec![Value::Int(2), Value::Float(0.5)]),
            2f64.sqrt()
        );
        assert_eq!(
            f(&mut vm, "pow", vec![Value::Int(2), Value::Int(10)]),
            1024.0
        );
        assert_eq!(f(&mut vm, "floor", vec![Value::Float(-1.5)]), -2.0);
        assert_eq!(f(&mut vm, "ceil", vec![Value::Float(-1.5)]), -1.0);
        assert_eq!(f(&mut vm, "round", vec![Value::Float(2.5)]), 3.0);
        assert_eq!(f(&mut vm, "round", vec![Value::Float(-2.5)]), -3.0);
        // Functions declared float-only refuse ints, as in FluffOS.
        assert!(vm.call_efun_by_name("cos", vec![Value::Int(0)]).is_err());
    }

    #[test]
    fn domain_errors() {
        let mut vm = vm();
        let cases = [
            (
                "asin",
                Value::Float(-1.5),
                "*math: asin(x) with (x < -1.0)\n",
            ),
            ("asin", Value::Float(1.5), "*math: asin(x) with (x > 1.0)\n"),
            (
                "acos",
                Value::Float(-1.5),
                "*math: acos(x) with (x < -1.0)\n",
            ),
            ("acos", Value::Float(2.0), "*math: acos(x) with (x > 1.0)\n"),
            ("sqrt", Value::Int(-1), "*math: sqrt(x) with (x < 0.0)\n"),
            ("log", Value::Float(0.0), "*math: log(x) with (x <= 0.0)\n"),
            ("log10", Value::Int(-3), "*math: log10(x) with (x <= 0.0)\n"),
            (
                "log2",
                Value::Float(0.0),
                "*math: log2(x) with (x <= 0.0)\n",
            ),
        ];
        for (name, arg, want) in cases {
            assert_eq!(call_err(&mut vm, name, vec![arg]), want);
        }
    }

    #[test]
    fn vectors() {
        let mut vm = vm();
        assert_eq!(f(&mut vm, "norm", vec![ints(&[3, 4])]), 5.0);
        assert_eq!(f(&mut vm, "norm", vec![ints(&[])]), 0.0);
        let a = Value::array(vec![Value::Int(1), Value::Float(2.0), Value::Int(3)]);
        let b = ints(&[4, 5, 6]);
        assert_eq!(f(&mut vm, "dotprod", vec![a.clone(), b.clone()]), 32.0);
        assert_eq!(
            f(&mut vm, "distance", vec![ints(&[0, 0]), ints(&[3, 4])]),
            5.0
        );
        let right = f(&mut vm, "angle", vec![ints(&[1, 0]), ints(&[0, 1])]);
        assert!((right - std::f64::consts::FRAC_PI_2).abs() < 1e-12);
        let bad = Value::array(vec![Value::Int(1), Value::from("x")]);
        assert_eq!(
            call_err(&mut vm, "norm", vec![bad.clone()]),
            "*norm: invalid argument 1.\n"
        );
        assert_eq!(
            call_err(&mut vm, "dotprod", vec![ints(&[1]), ints(&[1, 2])]),
            "*dotprod: cannot take the dotprod of vectors of different sizes.\n"
        );
        assert_eq!(
            call_err(&mut vm, "dotprod", vec![bad.clone(), ints(&[1, 2])]),
            "*dotprod: invalid arg 1.\n"
        );
        assert_eq!(
            call_err(&mut vm, "distance", vec![ints(&[1, 2]), bad.clone()]),
            "*distance: invalid arg 2.\n"
        );
        assert_eq!(
            call_err(&mut vm, "distance", vec![ints(&[1]), ints(&[])]),
            "*distance: cannot take the distance of vectors of different sizes.\n"
        );
        assert_eq!(
            call_err(&mut vm, "angle", vec![bad, ints(&[1, 2])]),
            "*angle: invalid arg 1.\n"
        );
        assert_eq!(
            call_err(&mut vm, "angle", vec![ints(&[1]), ints(&[1, 2])]),
            "*angle: cannot calculate the angle between vectors of different sizes.\n"
        );
    }

    #[test]
    fn random_numbers() {
        let mut vm = vm();
        for name in ["random", "secure_random"] {
            let mut seen = std::collections::HashSet::new();
            for _ in 0..200 {
                let r = call(&mut vm, name, vec![Value::Int(5)]).as_int().unwrap();
                assert!((0..5).contains(&r));
                seen.insert(r);
            }
            assert_eq!(seen.len(), 5, "{} covers its range", name);
            assert_eq!(call(&mut vm, name, vec![Value::Int(0)]).as_int(), Some(0));
            assert_eq!(call(&mut vm, name, vec![Value::Int(-4)]).as_int(), Some(0));
            assert_eq!(call(&mut vm, name, vec![Value::Int(1)]).as_int(), Some(0));
        }
        let big = call(&mut vm, "random", vec![Value::Int(i64::MAX)])
            .as_int()
            .unwrap();
        assert!(big >= 0);
    }

    #[test]
    fn abs_min_max_roll() {
        let mut vm = vm();
        assert_eq!(call(&mut vm, "abs", vec![Value::Int(-1)]).as_int(), Some(1));
        assert_eq!(call(&mut vm, "abs", vec![Value::Int(0)]).as_int(), Some(0));
        assert_eq!(f(&mut vm, "abs", vec![Value::Float(-1.5)]), 1.5);
        assert_eq!(
            call(&mut vm, "abs", vec![Value::Int(i64::MIN)]).as_int(),
            Some(i64::MIN)
        );
        let nums = Value::array(vec![
            Value::Int(3),
            Value::Float(7.5),
            Value::Int(-2),
            Value::Int(7),
        ]);
        assert_eq!(f(&mut vm, "max", vec![nums.clone()]), 7.5);
        assert_eq!(
            call(&mut vm, "max", vec![nums.clone(), Value::Int(1)]).as_int(),
            Some(1)
        );
        assert_eq!(call(&mut vm, "min", vec![nums.clone()]).as_int(), Some(-2));
        assert_eq!(
            call(&mut vm, "min", vec![nums, Value::Int(1)]).as_int(),
            Some(2)
        );
        let words = Value::array(vec![
            Value::from("pear"),
            Value::from("apple"),
            Value::from("zoo"),
        ]);
        assert_eq!(
            call(&mut vm, "max", vec![words.clone()]).as_str(),
            Some("zoo")
        );
        assert_eq!(call(&mut vm, "min", vec![words]).as_str(), Some("apple"));
        // Ties keep the first index.
        assert_eq!(
            call(&mut vm, "max", vec![ints(&[5, 5]), Value::Int(1)]).as_int(),
            Some(0)
        );
        assert_eq!(
            call_err(&mut vm, "max", vec![ints(&[])]),
            "*Can't find max of an empty array.\n"
        );
        assert_eq!(
            call_err(&mut vm, "min", vec![ints(&[])]),
            "*Can't find min of an empty array.\n"
        );
        let mixed = Value::array(vec![Value::Int(1), Value::from("a")]);
        assert_eq!(
            call_err(&mut vm, "max", vec![mixed]),
            "*Inhomogeneous array.\n"
        );
        let odd = Value::array(vec![ints(&[1])]);
        assert_eq!(
            call_err(&mut vm, "min", vec![odd]),
            "*Array must consist of ints, floats or strings.\n"
        );
        for _ in 0..50 {
            let r = call(&mut vm, "roll_MdN", vec![Value::Int(3), Value::Int(6)])
                .as_int()
                .unwrap();
            assert!((3..=18).contains(&r));
        }
        assert_eq!(
            call(&mut vm, "roll_MdN", vec![Value::Int(0), Value::Int(6)]).as_int(),
            Some(0)
        );
        assert_eq!(
            call(&mut vm, "roll_MdN", vec![Value::Int(3), Value::Int(-1)]).as_int(),
            Some(0)
        );
    }
}
