//! The syntax tree the parser builds and the evaluator walks. Every node keeps its line.

use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: u32,
}

/// One piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    Lit(String),
    Field {
        expr: Expr,
        conversion: Option<char>,
        spec: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Star(Expr),
    Kw(String, Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompFor {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    None,
    True,
    False,
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    FStr(Vec<FPart>),
    Name(Rc<str>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    ListComp(Box<Expr>, Vec<CompFor>),
    DictComp(Box<(Expr, Expr)>, Vec<CompFor>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfElse {
        cond: Box<Expr>,
        then: Box<Expr>,
        other: Box<Expr>,
    },
    Call(Box<Expr>, Vec<Arg>),
    Attr(Box<Expr>, Rc<str>),
    Index(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FuncDef {
    pub name: Rc<str>,
    pub params: Vec<Rc<str>>,
    pub defaults: Vec<Expr>,
    pub body: Vec<Stmt>,
    /// Names assigned in the body (Python's rule for what is local), minus `global` ones.
    pub locals: Vec<Rc<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    Assign(Vec<Expr>, Expr),
    AugAssign(Expr, BinOp, Expr),
    If(Vec<(Expr, Vec<Stmt>)>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    Def(Rc<FuncDef>),
    Return(Option<Expr>),
    Break,
    Continue,
    Pass,
    Global(Vec<Rc<str>>),
    Del(Vec<Expr>),
    Assert(Expr, Option<Expr>),
}
