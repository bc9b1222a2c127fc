//! The syntax tree the parser builds and the code generator walks.

use crate::token::Span;
use ferrum_vm::Type;
use std::rc::Rc;

pub type Name = Rc<str>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
    Nullish,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    Compl,
}

/// `=` or a compound assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    Set,
    Op(BinOp),
    /// `||=`, `&&=`, `??=`
    Logic(LogicOp),
}

#[derive(Clone, Debug)]
pub struct Arg {
    pub expr: Expr,
    /// `arr...`
    pub spread: bool,
    /// `ref x`
    pub by_ref: bool,
}

/// What a `(: ... :)` or `function() {}` denotes.
#[derive(Clone, Debug)]
pub enum FuncLit {
    /// `(: name, args :)`: a local function, simul_efun or efun by name.
    Named { scope: Option<Name>, name: Name, args: Vec<Expr> },
    /// `(: expr :)` with `$1` and `$(...)` inside.
    Expr(Box<Expr>),
    /// `function(int x) { ... }`
    Anon { params: Vec<Param>, ret: Type, body: Vec<Stmt> },
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Ident(Name),
    /// `::f`, `inh::f`, `efun::f` (only as a callee or in a functional)
    Scoped(Option<Name>, Name),
    Array(Vec<Arg>),
    Mapping(Vec<(Expr, Expr)>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Logic(LogicOp, Box<Expr>, Box<Expr>),
    Assign(AssignOp, Box<Expr>, Box<Expr>),
    /// `++x` / `--x` (delta +1/-1)
    PreInc(i64, Box<Expr>),
    PostInc(i64, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x[i]`, `x[<i]`
    Index(Box<Expr>, Box<Expr>, bool),
    /// `x[a..b]` with from-end flags; `to` None for `x[a..]`
    Range(Box<Expr>, Box<Expr>, bool, Option<Box<Expr>>, bool),
    /// `x->field` / `x.field`; `optional` for `?.`
    Member(Box<Expr>, Name, bool),
    /// `x?.[e]`
    OptIndex(Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Arg>),
    /// `ob->name(args)`; name may be computed: `ob->(expr)(args)` is not
    /// LPC, but `call_other` is.
    CallOther(Box<Expr>, Name, Vec<Arg>),
    Comma(Vec<Expr>),
    Catch(Box<Expr>),
    CatchBlock(Vec<Stmt>),
    /// `acatch(expr)` / `acatch { }`: a catch an `await` may park in.
    AsyncCatch(Box<Expr>),
    AsyncCatchBlock(Vec<Stmt>),
    /// `await expr`
    Await(Box<Expr>),
    Sscanf(Box<Expr>, Box<Expr>, Vec<Expr>),
    Func(FuncLit),
    /// `$1`
    Dollar(u32),
    /// `$(expr)`: evaluated when the functional is made.
    Capture(Box<Expr>),
    /// `new(class Foo, a: 1)`
    NewClass(Name, Vec<(Name, Expr)>),
    /// `(type) expr`
    Cast(Type, Box<Expr>),
    TimeExpr(Vec<Stmt>),
    /// `@@END` blocks
    StrArray(Rc<[String]>),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

#[derive(Clone, Debug)]
pub struct LocalVar {
    pub ty: Type,
    pub name: Name,
    pub init: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ForeachVar {
    /// None when the variable is declared elsewhere.
    pub ty: Option<Type>,
    pub name: Name,
    pub by_ref: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CaseLabel {
    Value(Expr),
    /// `a..b`, `a..`, `..b`
    Range(Option<Expr>, Option<Expr>),
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Expr(Expr),
    Block(Vec<Stmt>),
    Locals(Vec<LocalVar>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    DoWhile(Box<Stmt>, Expr),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Expr>, Box<Stmt>),
    Foreach(Vec<ForeachVar>, Expr, Box<Stmt>),
    Switch(Expr, Vec<Stmt>),
    Case(CaseLabel),
    Default,
    Break,
    Continue,
    Return(Option<Expr>),
    Empty,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

pub mod modifiers {
    pub const PRIVATE: u16 = 1;
    pub const PROTECTED: u16 = 2;
    pub const PUBLIC: u16 = 4;
    pub const NOMASK: u16 = 8;
    pub const VARARGS: u16 = 16;
    pub const NOSAVE: u16 = 32;
    pub const ASYNC: u16 = 64;
}

#[derive(Clone, Debug)]
pub struct Param {
    pub ty: Type,
    pub name: Name,
    pub by_ref: bool,
    /// `type name...`
    pub rest: bool,
    /// `type name: (: expr :)`
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct FunctionDecl {
    pub modifiers: u16,
    pub ret: Type,
    pub name: Name,
    pub params: Vec<Param>,
    /// None for a prototype.
    pub body: Option<Vec<Stmt>>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct GlobalVar {
    pub modifiers: u16,
    pub ty: Type,
    pub name: Name,
    pub init: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Decl {
    Inherit { path: Rc<str>, modifiers: u16, span: Span },
    Function(FunctionDecl),
    Vars(Vec<GlobalVar>),
    Class { name: Name, fields: Vec<(Type, Name)>, span: Span },
}
