//! Static LPC types, as declared in source and in efun signatures.

use std::fmt;

/// A declared type. `Mixed` accepts anything; `Unknown` is what an
/// expression has when the compiler cannot tell (it is checked at run time).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Unknown,
    Void,
    Int,
    Float,
    String,
    Object,
    Mapping,
    Function,
    Buffer,
    /// A promise whose payload is not known (`promise`, an untyped async
    /// function's result).
    Promise,
    /// `promise<T>`, or a call to `async T f()`: awaiting it gives a `T`.
    PromiseOf(Box<Type>),
    Mixed,
    /// A class, by name.
    Class(String),
    Array(Box<Type>),
}

impl Type {
    pub fn array_of(t: Type) -> Type {
        Type::Array(Box::new(t))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Type::Array(_))
    }

    /// Either promise type.
    pub fn is_promise(&self) -> bool {
        matches!(self, Type::Promise | Type::PromiseOf(_))
    }

    /// Whether a value of type `self` may be used where `want` is expected
    /// (lax, as LPC is: mixed and unknown match anything).
    pub fn fits(&self, want: &Type) -> bool {
        use Type::*;
        match (self, want) {
            (Unknown, _) | (_, Unknown) | (Mixed, _) | (_, Mixed) => true,
            (Array(a), Array(b)) => a.fits(b),
            (Promise, PromiseOf(_)) | (PromiseOf(_), Promise) => true,
            (PromiseOf(a), PromiseOf(b)) => a.fits(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Unknown => write!(f, "unknown"),
            Type::Void => write!(f, "void"),
            Type::Int => write!(f, "int"),
            Type::Float => write!(f, "float"),
            Type::String => write!(f, "string"),
            Type::Object => write!(f, "object"),
            Type::Mapping => write!(f, "mapping"),
            Type::Function => write!(f, "function"),
            Type::Buffer => write!(f, "buffer"),
            Type::Promise => write!(f, "promise"),
            Type::PromiseOf(t) => write!(f, "promise<{}>", t),
            Type::Mixed => write!(f, "mixed"),
            Type::Class(n) => write!(f, "class {}", n),
            Type::Array(t) => write!(f, "{} *", t),
        }
    }
}

/// A set of runtime types, used to check efun arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TypeMask(pub u16);

impl TypeMask {
    pub const INT: TypeMask = TypeMask(1);
    pub const FLOAT: TypeMask = TypeMask(2);
    pub const STRING: TypeMask = TypeMask(4);
    pub const OBJECT: TypeMask = TypeMask(8);
    pub const MAPPING: TypeMask = TypeMask(16);
    pub const FUNCTION: TypeMask = TypeMask(32);
    pub const BUFFER: TypeMask = TypeMask(64);
    pub const ARRAY: TypeMask = TypeMask(128);
    pub const CLASS: TypeMask = TypeMask(256);
    /// The argument may be left out.
    pub const VOID: TypeMask = TypeMask(512);
    pub const PROMISE: TypeMask = TypeMask(1024);
    pub const ANY: TypeMask = TypeMask(511 | 1024);

    pub fn contains(self, other: TypeMask) -> bool {
        self.0 & other.0 != 0
    }

    pub fn union(self, other: TypeMask) -> TypeMask {
        TypeMask(self.0 | other.0)
    }
}
