//! `sort_array()`: the built-in orderings and callback comparisons.
//!
//! The sort is a stable merge sort whose comparator may fail, so an error
//! raised by an LPC comparator propagates out of `sort_array()` (and an
//! inconsistent comparator can never make the sort misbehave).

use super::callback::Callback;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Value;
use ferrum_vm::Vm;
use std::cmp::Ordering;

/// `mixed *sort_array(mixed *, int | string | function, ...)`
pub fn sort_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let arr = crate::args::array(args, 0)?;
    // Destructed objects read as 0, as FluffOS's check_for_destr makes them.
    let mut items: Vec<Value> = arr.to_vec().into_iter().map(Value::live).collect();
    match &args[1] {
        Value::Int(dir) => {
            let reverse = *dir < 0;
            merge_sort(&mut items, &mut |a, b| {
                let o = builtin_order(a, b)?;
                Ok(if reverse { o.reverse() } else { o })
            })?;
        }
        Value::Undefined => merge_sort(&mut items, &mut builtin_order)?,
        _ => {
            let cb = Callback::from_args(vm, args, 1, "sort_array")?;
            merge_sort(&mut items, &mut |a, b| {
                let r = cb.call(vm, vec![a.clone(), b.clone()])?;
                // Non-int answers count as "equal"; ints only by their sign.
                Ok(match r {
                    Some(Value::Int(n)) => n.cmp(&0),
                    _ => Ordering::Equal,
                })
            })?;
        }
    }
    Ok(Value::array(items))
}

fn homogeneous_error() -> LpcError {
    LpcError::new(
        "built-in sort_array() can only handle homogeneous arrays of strings/ints/floats/arrays",
    )
}

fn compare_floats(a: f64, b: f64) -> Ordering {
    // COMPARE_NUMS: NaN compares equal to everything.
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// The ordering of `sort_array(arr, 1)`: strings bytewise, ints and floats
/// numerically (never mixed), arrays by their first elements.
pub fn builtin_order(a: &Value, b: &Value) -> VmResult<Ordering> {
    use Value::*;
    let as_int = |v: &Value| match v {
        Int(i) => Some(*i),
        Undefined => Some(0),
        _ => None,
    };
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        return Ok(x.cmp(&y));
    }
    match (a, b) {
        (Str(x), Str(y)) => Ok(x.as_bytes().cmp(y.as_bytes())),
        (Float(x), Float(y)) => Ok(compare_floats(*x, *y)),
        (Array(x), Array(y)) => {
            let (fx, fy) = match (x.get(0), y.get(0)) {
                (Some(fx), Some(fy)) => (fx, fy),
                _ => {
                    return Err(LpcError::new(
                        "Illegal to have empty array in array for sort_array()",
                    ))
                }
            };
            if let (Some(p), Some(q)) = (as_int(&fx), as_int(&fy)) {
                return Ok(p.cmp(&q));
            }
            match (&fx, &fy) {
                (Str(p), Str(q)) => Ok(p.as_bytes().cmp(q.as_bytes())),
                (Float(p), Float(q)) => Ok(compare_floats(*p, *q)),
                _ => Err(LpcError::new(
                    "sort_array() cannot handle arrays of arrays whose 1st elems\naren't strings/ints/floats",
                )),
            }
        }
        _ => Err(homogeneous_error()),
    }
}

/// Stable bottom-up merge sort with a fallible comparator.
pub fn merge_sort<F>(items: &mut Vec<Value>, cmp: &mut F) -> VmResult<()>
where
    F: FnMut(&Value, &Value) -> VmResult<Ordering>,
{
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    let mut src = std::mem::take(items);
    let mut dst = src.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right run only when strictly smaller: stable.
                if cmp(&src[j], &src[i])? == Ordering::Less {
                    dst[k] = src[j].clone();
                    j += 1;
                } else {
                    dst[k] = src[i].clone();
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                dst[k] = src[i].clone();
                i += 1;
                k += 1;
            }
            while j < hi {
                dst[k] = src[j].clone();
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    *items = src;
    Ok(())
}
