//! # ferrum-vm
//!
//! The LPC virtual machine of the Ferrum driver: values with FluffOS
//! semantics, objects, compiled programs, the bytecode interpreter and the
//! efun dispatch table. The compiler (`ferrum-compiler`) produces
//! `Program`s; efun packages (`ferrum-efuns`) provide `EfunSpec` tables; the
//! driver supplies a `Host` for compiling files and writing output.

pub mod efun;
pub mod error;
pub mod interp;
pub mod object;
pub mod paths;
pub mod program;
pub mod types;
pub mod value;

pub use error::{LpcError, VmResult};
pub use interp::{Host, Limits, Vm};
pub use object::ObjectRef;
pub use program::Program;
pub use types::{Type, TypeMask};
pub use value::{Array, Buffer, LStr, Mapping, PromiseRef, PromiseStatus, Value};
