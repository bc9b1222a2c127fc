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
    if let Value::Buffer(b) = &args[0] {
        return Ok(Value::Buffer(b.clone()));
    }
    match ferrum_vm::interp::ops::buffer_bytes_of(&args[0]) {
        Some(bytes) => Ok(Value::buffer(bytes?)),
        None => bail!("Bad argument 1 to to_buffer()"),
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
