//! LPC values.
//!
//! A `Value` is two machine words: a tag and a payload. Numbers live inline;
//! strings, buffers, arrays, mappings, classes, functions and objects are
//! reference counted, so copying a value is cheap and arrays/mappings are
//! shared by reference exactly as LPC requires.

mod array;
mod buffer;
mod class;
mod function;
pub mod graphemes;
mod mapping;
pub mod promise;
mod string;

pub use array::Array;
pub use buffer::Buffer;
pub use class::ClassInstance;
pub use function::{FunctionKind, FunctionPtr};
pub use mapping::{MapTable, Mapping};
pub use promise::{Promise, PromiseRef, PromiseStatus};
pub use string::LStr;

use crate::object::ObjectRef;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

#[derive(Clone, Default)]
pub enum Value {
    /// The "undefined" zero: what a missing mapping key or a missing
    /// argument reads as. It is 0 everywhere except `undefinedp()`.
    #[default]
    Undefined,
    Int(i64),
    Float(f64),
    Str(LStr),
    Buffer(Buffer),
    Array(Array),
    Mapping(Mapping),
    Object(ObjectRef),
    Function(Rc<FunctionPtr>),
    Class(Rc<ClassInstance>),
    /// A promise (shared, compared by identity).
    Promise(PromiseRef),
    /// A reference to a caller's variable (`ref` arguments). Only ever seen
    /// in the argument slots of the callee.
    Ref(Rc<RefCell<Value>>),
}

impl Value {
    pub const ZERO: Value = Value::Int(0);

    pub fn str(s: impl Into<LStr>) -> Value {
        Value::Str(s.into())
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Array::new(items))
    }

    pub fn buffer(bytes: Vec<u8>) -> Value {
        Value::Buffer(Buffer::new(bytes))
    }

    /// True for 0, 0.0, undefined and destructed objects: the values `if`
    /// rejects.
    #[inline]
    pub fn is_false(&self) -> bool {
        match self {
            Value::Int(0) | Value::Undefined => true,
            Value::Float(f) => *f == 0.0,
            Value::Object(o) => o.is_destructed(),
            Value::Ref(r) => r.borrow().is_false(),
            _ => false,
        }
    }

    #[inline]
    pub fn is_true(&self) -> bool {
        !self.is_false()
    }

    /// A "yes" from LPC code the driver asked (an apply, an action, id()):
    /// true, and not a promise, which an async function hands back before
    /// it has decided anything (as FluffOS).
    pub fn is_yes(&self) -> bool {
        self.is_true() && !matches!(self, Value::Promise(_))
    }

    /// True when this value reads as the integer zero.
    pub fn is_zero(&self) -> bool {
        match self {
            Value::Int(0) | Value::Undefined => true,
            Value::Object(o) => o.is_destructed(),
            _ => false,
        }
    }

    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    /// Replaces a destructed object by 0; LPC never sees dead objects.
    #[inline(always)]
    pub fn live(self) -> Value {
        match self {
            Value::Object(ref o) if o.is_destructed() => Value::Int(0),
            v => v,
        }
    }

    /// The name `typeof()` reports.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Undefined | Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "string",
            Value::Buffer(_) => "buffer",
            Value::Array(_) => "array",
            Value::Mapping(_) => "mapping",
            Value::Object(o) if o.is_destructed() => "int",
            Value::Object(_) => "object",
            Value::Function(_) => "function",
            Value::Class(_) => "class",
            Value::Promise(_) => "promise",
            Value::Ref(r) => r.borrow().type_name(),
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Undefined => Some(0),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn as_lstr(&self) -> Option<&LStr> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Array> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&Mapping> {
        match self {
            Value::Mapping(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&ObjectRef> {
        match self {
            Value::Object(o) if !o.is_destructed() => Some(o),
            _ => None,
        }
    }

    /// Numeric value of an int or float, for mixed arithmetic.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Undefined => Some(0.0),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Follows a `ref` argument to the value it refers to.
    #[inline]
    pub fn deref(self) -> Value {
        match self {
            Value::Ref(r) => r.borrow().clone(),
            v => v,
        }
    }

    /// LPC's `==`: numbers by value (int and float compare numerically),
    /// strings by content, everything else by identity.
    pub fn lpc_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Undefined, _) | (_, Undefined) => self.is_zero() && other.is_zero(),
            (Object(a), Object(b)) => ObjectRef::ptr_eq(a, b),
            (Object(a), Int(0)) | (Int(0), Object(a)) => a.is_destructed(),
            // FluffOS shares one empty array, so all empty arrays are equal.
            (Array(a), Array(b)) => crate::value::Array::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (Mapping(a), Mapping(b)) => crate::value::Mapping::ptr_eq(a, b),
            (Buffer(a), Buffer(b)) => crate::value::Buffer::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Promise(a), Promise(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Identity of a reference value (for `%O` cycle detection and hashing).
    pub fn ref_addr(&self) -> Option<usize> {
        match self {
            Value::Array(a) => Some(a.addr()),
            Value::Mapping(m) => Some(m.addr()),
            Value::Buffer(b) => Some(b.addr()),
            Value::Class(c) => Some(Rc::as_ptr(c) as *const u8 as usize),
            Value::Function(f) => Some(Rc::as_ptr(f) as *const u8 as usize),
            Value::Promise(p) => Some(Rc::as_ptr(p) as *const u8 as usize),
            Value::Object(o) => Some(o.addr()),
            _ => None,
        }
    }
}

/// Mapping-key equality: exact for numbers (1 and 1.0 are different keys),
/// content for strings, identity for references. Undefined is the key 0.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Undefined, Undefined) => true,
            (Undefined, Int(0)) | (Int(0), Undefined) => true,
            (Str(a), Str(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.ref_addr(), other.ref_addr()) {
                (Some(a), Some(b)) => a == b && std::mem::discriminant(self) == std::mem::discriminant(other),
                _ => false,
            },
        }
    }
}
impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Value::Int(i) => i.hash(state),
            Value::Undefined => 0i64.hash(state),
            Value::Str(s) => s.hash(state),
            Value::Float(f) => f.to_bits().hash(state),
            other => other.ref_addr().unwrap_or(0).hash(state),
        }
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<i32> for Value {
    fn from(i: i32) -> Self {
        Value::Int(i as i64)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Self {
        Value::Int(i as i64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Int(b as i64)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(LStr::new(s))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(LStr::new(s))
    }
}
impl From<LStr> for Value {
    fn from(s: LStr) -> Self {
        Value::Str(s)
    }
}
impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::Array(Array::new(v))
    }
}
impl From<Array> for Value {
    fn from(a: Array) -> Self {
        Value::Array(a)
    }
}
impl From<Mapping> for Value {
    fn from(m: Mapping) -> Self {
        Value::Mapping(m)
    }
}
impl From<ObjectRef> for Value {
    fn from(o: ObjectRef) -> Self {
        Value::Object(o)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Undefined => write!(f, "undefined"),
            Value::Int(i) => write!(f, "{}", i),
            Value::Float(x) => write!(f, "{:?}", x),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            Value::Buffer(b) => write!(f, "<buffer {} bytes>", b.len()),
            Value::Array(a) => f.debug_list().entries(a.borrow().iter()).finish(),
            Value::Mapping(m) => f.debug_map().entries(m.borrow().iter()).finish(),
            Value::Object(o) => write!(f, "<object {}>", o.name()),
            Value::Function(p) => write!(f, "{}", p.describe()),
            Value::Class(c) => write!(f, "<class {}>", c.def.name),
            Value::Promise(p) => write!(f, "<promise {:?}>", p.status()),
            Value::Ref(r) => write!(f, "&{:?}", r.borrow()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_two_words() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn int_and_float_compare_numerically_but_key_exactly() {
        assert!(Value::Int(1).lpc_eq(&Value::Float(1.0)));
        assert!(Value::Int(1) != Value::Float(1.0));
        assert!(Value::Undefined == Value::Int(0));
    }

    #[test]
    fn arrays_are_shared() {
        let a = Value::array(vec![Value::Int(1)]);
        let b = a.clone();
        if let Value::Array(arr) = &b {
            arr.borrow_mut()[0] = Value::Int(2);
        }
        assert_eq!(a.as_array().unwrap().get(0).unwrap().as_int(), Some(2));
    }
}
