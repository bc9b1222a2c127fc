//! Buffer efuns that need no files: allocation and conversion. (Reading
//! and writing buffers from files lives with the file efuns.)

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, efun, Value, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("buffer allocate_buffer(int)", allocate_buffer),
    efun!("buffer to_buffer(string | buffer | mixed *)", to_buffer),
];

/// `to_buffer(value)`: a string's UTF-8 bytes, an array of ints 0..255 one
/// byte each, a buffer as it is.
fn to_buffer(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    match &args[0] {
        Value::Str(s) => Ok(Value::buffer(s.as_bytes().to_vec())),
        Value::Buffer(b) => Ok(Value::Buffer(b.clone())),
        Value::Array(a) => {
            let mut bytes = Vec::with_capacity(a.borrow().len());
            for (i, v) in a.borrow().iter().enumerate() {
                match v {
                    Value::Int(n) if (0..=255).contains(n) => bytes.push(*n as u8),
                    _ => bail!("to_buffer(): element {} is not an int in 0..255", i),
                }
            }
            Ok(Value::buffer(bytes))
        }
        _ => bail!("Bad argument 1 to to_buffer()"),
    }
}

/// `allocate_buffer(n)`: n zero bytes.
fn allocate_buffer(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    if n < 0 || n as usize > vm.limits.max_buffer_size {
        bail!("Illegal buffer size {}", n);
    }
    Ok(Value::buffer(vec![0; n as usize]))
}

#[cfg(test)]
mod tests {
    use ferrum_vm::interp::NoHost;
    use ferrum_vm::{Value, Vm};
    use std::rc::Rc;

    #[test]
    fn allocates_zeroed_buffers_and_refuses_negative_sizes() {
        let mut vm = Vm::new(Rc::new(crate::standard_table()), Rc::new(NoHost));
        match vm.call_efun_by_name("allocate_buffer", vec![Value::Int(3)]).unwrap() {
            Value::Buffer(b) => assert_eq!(b.to_vec(), vec![0, 0, 0]),
            other => panic!("{:?}", other),
        }
        assert!(vm.call_efun_by_name("allocate_buffer", vec![Value::Int(-1)]).is_err());
    }
}
