//! Tokens and source positions.

use std::fmt;
use std::rc::Rc;

/// A position in a source file. `file` indexes the compilation's file list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub file: u16,
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Punct {
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Colon,
    ColonColon,
    Dot,
    DotDot,
    Ellipsis,
    Question,
    QuestionQuestion,
    QuestionQuestionAssign,
    QuestionDot,
    Arrow,
    Assign,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Shl,
    Shr,
    ShlAssign,
    ShrAssign,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Amp,
    Pipe,
    Caret,
    Tilde,
    Bang,
    AndAnd,
    OrOr,
    AndAndAssign,
    OrOrAssign,
    PlusPlus,
    MinusMinus,
    PlusAssign,
    MinusAssign,
    StarAssign,
    SlashAssign,
    PercentAssign,
    AmpAssign,
    PipeAssign,
    CaretAssign,
    Dollar,
    Hash,
    HashHash,
}

impl Punct {
    pub fn text(self) -> &'static str {
        use Punct::*;
        match self {
            LParen => "(",
            RParen => ")",
            LBrace => "{",
            RBrace => "}",
            LBracket => "[",
            RBracket => "]",
            Semi => ";",
            Comma => ",",
            Colon => ":",
            ColonColon => "::",
            Dot => ".",
            DotDot => "..",
            Ellipsis => "...",
            Question => "?",
            QuestionQuestion => "??",
            QuestionQuestionAssign => "??=",
            QuestionDot => "?.",
            Arrow => "->",
            Assign => "=",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Shl => "<<",
            Shr => ">>",
            ShlAssign => "<<=",
            ShrAssign => ">>=",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            Percent => "%",
            Amp => "&",
            Pipe => "|",
            Caret => "^",
            Tilde => "~",
            Bang => "!",
            AndAnd => "&&",
            OrOr => "||",
            AndAndAssign => "&&=",
            OrOrAssign => "||=",
            PlusPlus => "++",
            MinusMinus => "--",
            PlusAssign => "+=",
            MinusAssign => "-=",
            StarAssign => "*=",
            SlashAssign => "/=",
            PercentAssign => "%=",
            AmpAssign => "&=",
            PipeAssign => "|=",
            CaretAssign => "^=",
            Dollar => "$",
            Hash => "#",
            HashHash => "##",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(Rc<str>),
    Int(i64),
    Float(f64),
    /// A string literal's value (escapes resolved).
    Str(Rc<str>),
    /// A character literal (its code); an int to the parser.
    Char(i64),
    /// `@@END ... END`: the lines of the block.
    StrArray(Rc<[String]>),
    Punct(Punct),
    /// A character the lexer does not know; the parser reports it.
    Unknown(char),
    Eof,
}

/// Names a macro expansion must not expand again (C's "hide set").
pub type HideSet = Rc<Vec<Rc<str>>>;

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// Whitespace came before it (for `#` stringizing and `#define f(`).
    pub space_before: bool,
    /// First token on its line (directives start with one).
    pub line_start: bool,
    pub hide: Option<HideSet>,
}

impl Token {
    pub fn new(tok: Tok, span: Span) -> Token {
        Token { tok, span, space_before: false, line_start: false, hide: None }
    }

    pub fn is_punct(&self, p: Punct) -> bool {
        self.tok == Tok::Punct(p)
    }

    pub fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_ident(&self, name: &str) -> bool {
        self.ident() == Some(name)
    }

    pub fn hidden(&self, name: &str) -> bool {
        self.hide.as_ref().is_some_and(|h| h.iter().any(|n| &**n == name))
    }
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "{}", s),
            Tok::Int(i) => write!(f, "{}", i),
            Tok::Float(x) => write!(f, "{:?}", x),
            Tok::Str(s) => write!(f, "{:?}", s),
            Tok::Char(c) => match char::from_u32(*c as u32) {
                Some(ch) => write!(f, "{:?}", ch),
                None => write!(f, "'\\x{:x}'", c),
            },
            Tok::StrArray(_) => write!(f, "@@text block"),
            Tok::Punct(p) => write!(f, "{}", p.text()),
            Tok::Unknown(c) => write!(f, "{}", c),
            Tok::Eof => write!(f, "end of file"),
        }
    }
}
