//! Runtime errors and `throw`.
//!
//! An error carries its message and, once it has passed through the
//! interpreter, the call trace at the point it was raised. `catch` turns a
//! runtime error into the string `"*" + message` and a thrown value into
//! that value, as FluffOS does.

use crate::value::{LStr, Value};
use std::fmt;

#[derive(Clone, Debug)]
pub struct TraceFrame {
    pub function: LStr,
    pub program: LStr,
    pub object: LStr,
    pub file: LStr,
    pub line: u32,
}

#[derive(Debug)]
pub enum ErrorKind {
    /// A runtime error with its message (no leading '*', no trailing
    /// newline).
    Error(String),
    /// Evaluation cost exhausted: no `catch` may stop it.
    EvalCost,
    /// `throw(value)`.
    Throw(Value),
    /// A promise's rejection raised at an `await`: catches see the reason
    /// itself, and it is an outcome, not an error to report.
    Rejection(Value),
}

#[derive(Debug)]
pub struct ErrorData {
    pub kind: ErrorKind,
    /// Innermost frame first. Empty until the interpreter fills it in.
    pub trace: Vec<TraceFrame>,
    pub traced: bool,
}

/// A runtime error or a thrown value, boxed to keep `Result`s small.
#[derive(Debug)]
pub struct LpcError(pub Box<ErrorData>);

pub type VmResult<T> = Result<T, LpcError>;

impl LpcError {
    pub fn new(msg: impl Into<String>) -> LpcError {
        let mut msg = msg.into();
        if msg.ends_with('\n') {
            msg.pop();
        }
        LpcError(Box::new(ErrorData { kind: ErrorKind::Error(msg), trace: Vec::new(), traced: false }))
    }

    /// The evaluation-cost error ("Too long evaluation").
    pub fn eval_cost() -> LpcError {
        LpcError(Box::new(ErrorData { kind: ErrorKind::EvalCost, trace: Vec::new(), traced: false }))
    }

    /// Whether `catch` may stop this error.
    pub fn is_catchable(&self) -> bool {
        !matches!(self.0.kind, ErrorKind::EvalCost)
    }

    pub fn throw(v: Value) -> LpcError {
        LpcError(Box::new(ErrorData { kind: ErrorKind::Throw(v), trace: Vec::new(), traced: false }))
    }

    pub fn rejection(v: Value) -> LpcError {
        LpcError(Box::new(ErrorData { kind: ErrorKind::Rejection(v), trace: Vec::new(), traced: false }))
    }

    pub fn is_rejection(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Rejection(_))
    }

    /// The message, or a description of the thrown value.
    pub fn message(&self) -> String {
        match &self.0.kind {
            ErrorKind::Error(m) => m.clone(),
            ErrorKind::EvalCost => "Too long evaluation. Execution aborted.".to_string(),
            ErrorKind::Throw(v) | ErrorKind::Rejection(v) => match v {
                Value::Str(s) => s.to_string(),
                other => format!("{:?}", other),
            },
        }
    }

    pub fn is_throw(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Throw(_))
    }

    /// What `catch` evaluates to: "*message\n" for errors, the value for
    /// `throw`.
    pub fn catch_value(&self) -> Value {
        match &self.0.kind {
            ErrorKind::Throw(v) | ErrorKind::Rejection(v) => v.clone(),
            _ => Value::from(format!("*{}\n", self.message())),
        }
    }

    pub fn trace(&self) -> &[TraceFrame] {
        &self.0.trace
    }

    /// The error followed by its trace, one frame a line, as printed on
    /// stderr and in logs.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let msg = self.message();
        out.push_str(msg.trim_end_matches('\n'));
        out.push('\n');
        for f in &self.0.trace {
            out.push_str(&format!(
                "  at {}() in {} ({}:{})\n",
                f.function, f.object, f.file, f.line
            ));
        }
        out
    }
}

impl fmt::Display for LpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message().trim_end_matches('\n'))
    }
}

impl std::error::Error for LpcError {}

/// Builds a runtime error with `format!` syntax.
#[macro_export]
macro_rules! lpc_error {
    ($($arg:tt)*) => { $crate::error::LpcError::new(format!($($arg)*)) };
}

/// Returns early with a runtime error.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => { return Err($crate::error::LpcError::new(format!($($arg)*))) };
}
