//! Parser: tokens -> syntax tree. Statements by recursive descent, expressions by Pratt
//! binding powers, with CPython's wording for the errors a learner is likely to make.

use crate::ast::*;
use crate::error::{ErrorKind, PyError};
use crate::lexer::{tokenize, unescape, Tok, Token};
use std::rc::Rc;

/// Nesting deeper than this (brackets, operators, blocks) is refused: it bounds the recursion
/// of both the parser and the evaluator, so hostile input cannot overflow the stack.
const MAX_NESTING: usize = 120;

pub(crate) const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Parses a whole program.
pub fn parse_program(src: &str) -> Result<Vec<Stmt>, PyError> {
    let toks = tokenize(src, 1)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let mut body = Vec::new();
    loop {
        match p.peek() {
            Tok::Eof => break,
            Tok::Newline => p.pos += 1,
            Tok::Indent => return Err(indentation("unexpected indent", p.line())),
            _ => body.extend(p.statement()?),
        }
    }
    Ok(body)
}

fn syntax(msg: impl Into<String>, line: u32) -> PyError {
    PyError::new(ErrorKind::Syntax, msg).at(line)
}

fn indentation(msg: impl Into<String>, line: u32) -> PyError {
    PyError::new(ErrorKind::Indentation, msg).at(line)
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].tok
    }

    fn peek_at(&self, ahead: usize) -> &Tok {
        &self.toks[(self.pos + ahead).min(self.toks.len() - 1)].tok
    }

    fn line(&self) -> u32 {
        self.toks[self.pos.min(self.toks.len() - 1)].line
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.pos.min(self.toks.len() - 1)].clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn invalid(&self) -> PyError {
        syntax("invalid syntax", self.line())
    }

    fn expect_op(&mut self, op: &str) -> Result<(), PyError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(syntax(format!("expected '{op}'"), self.line()))
        }
    }

    fn enter(&mut self) -> Result<(), PyError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(syntax(
                "too many nested parentheses, operators or blocks",
                self.line(),
            ));
        }
        Ok(())
    }

    // ----- statements -----

    fn statement(&mut self) -> Result<Vec<Stmt>, PyError> {
        let line = self.line();
        let kw = match self.peek() {
            Tok::Name(n) => n.clone(),
            _ => String::new(),
        };
        match kw.as_str() {
            "if" => Ok(vec![self.if_stmt()?]),
            "while" => {
                self.pos += 1;
                let cond = self.header_expr()?;
                let body = self.block("'while' statement", line)?;
                let other = self.else_block()?;
                Ok(vec![Stmt {
                    kind: StmtKind::While(cond, body, other),
                    line,
                }])
            }
            "for" => {
                self.pos += 1;
                let target = self.target_list()?;
                if !self.eat_kw("in") {
                    return Err(self.invalid());
                }
                let iter = self.expr_list()?;
                self.expect_colon()?;
                let body = self.block("'for' statement", line)?;
                let other = self.else_block()?;
                Ok(vec![Stmt {
                    kind: StmtKind::For(target, iter, body, other),
                    line,
                }])
            }
            "def" => Ok(vec![self.def_stmt()?]),
            "class" | "try" | "with" | "async" => Err(syntax(
                format!("'{kw}' statements are not supported in this course's Python"),
                line,
            )),
            _ => self.simple_statements(),
        }
    }

    fn expect_colon(&mut self) -> Result<(), PyError> {
        if self.eat_op(":") {
            return Ok(());
        }
        if self.is_op("=") {
            return Err(syntax(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                self.line(),
            ));
        }
        Err(syntax("expected ':'", self.line()))
    }

    /// The condition of `if`/`elif`/`while`, then its colon.
    fn header_expr(&mut self) -> Result<Expr, PyError> {
        let e = self.expr()?;
        self.expect_colon()?;
        Ok(e)
    }

    fn if_stmt(&mut self) -> Result<Stmt, PyError> {
        let line = self.line();
        self.pos += 1;
        let cond = self.header_expr()?;
        let body = self.block("'if' statement", line)?;
        let mut branches = vec![(cond, body)];
        let mut other = Vec::new();
        loop {
            let l = self.line();
            if self.eat_kw("elif") {
                let c = self.header_expr()?;
                let b = self.block("'elif' statement", l)?;
                branches.push((c, b));
            } else if self.eat_kw("else") {
                self.expect_colon()?;
                other = self.block("'else' statement", l)?;
                break;
            } else {
                break;
            }
        }
        Ok(Stmt {
            kind: StmtKind::If(branches, other),
            line,
        })
    }

    fn else_block(&mut self) -> Result<Vec<Stmt>, PyError> {
        let l = self.line();
        if self.eat_kw("else") {
            self.expect_colon()?;
            self.block("'else' statement", l)
        } else {
            Ok(Vec::new())
        }
    }

    fn def_stmt(&mut self) -> Result<Stmt, PyError> {
        let line = self.line();
        self.pos += 1;
        let name = self.identifier()?;
        self.expect_op("(")?;
        let mut params: Vec<Rc<str>> = Vec::new();
        let mut defaults = Vec::new();
        while !self.is_op(")") {
            let p = self.identifier()?;
            if params.contains(&p) {
                return Err(syntax(
                    format!("duplicate argument '{p}' in function definition"),
                    self.line(),
                ));
            }
            params.push(p);
            if self.eat_op("=") {
                defaults.push(self.expr()?);
            } else if !defaults.is_empty() {
                return Err(syntax(
                    "non-default argument follows default argument",
                    self.line(),
                ));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        self.expect_colon()?;
        let body = self.block("function definition", line)?;
        let mut locals: Vec<Rc<str>> = params.clone();
        let mut globals = Vec::new();
        collect_locals(&body, &mut locals, &mut globals);
        locals.retain(|n| !globals.contains(n));
        Ok(Stmt {
            kind: StmtKind::Def(Rc::new(FuncDef {
                name,
                params,
                defaults,
                body,
                locals,
            })),
            line,
        })
    }

    fn identifier(&mut self) -> Result<Rc<str>, PyError> {
        match self.peek().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                self.pos += 1;
                Ok(Rc::from(n.as_str()))
            }
            _ => Err(self.invalid()),
        }
    }

    /// The body after a header's colon: an indented block, or simple statements on the same line.
    fn block(&mut self, header: &str, header_line: u32) -> Result<Vec<Stmt>, PyError> {
        if !matches!(self.peek(), Tok::Newline) {
            return self.simple_statements();
        }
        self.pos += 1;
        if !matches!(self.peek(), Tok::Indent) {
            return Err(indentation(
                format!("expected an indented block after {header} on line {header_line}"),
                self.line(),
            ));
        }
        self.pos += 1;
        self.enter()?;
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.pos += 1;
                    break;
                }
                Tok::Eof => break,
                Tok::Newline => self.pos += 1,
                Tok::Indent => return Err(indentation("unexpected indent", self.line())),
                _ => body.extend(self.statement()?),
            }
        }
        self.depth -= 1;
        Ok(body)
    }

    fn simple_statements(&mut self) -> Result<Vec<Stmt>, PyError> {
        let mut out = vec![self.simple_statement()?];
        while self.eat_op(";") {
            if matches!(self.peek(), Tok::Newline | Tok::Eof) {
                break;
            }
            out.push(self.simple_statement()?);
        }
        match self.peek() {
            Tok::Newline => {
                self.pos += 1;
                Ok(out)
            }
            Tok::Eof => Ok(out),
            _ => Err(self.invalid()),
        }
    }

    fn simple_statement(&mut self) -> Result<Stmt, PyError> {
        let line = self.line();
        let kw = match self.peek() {
            Tok::Name(n) => n.clone(),
            _ => String::new(),
        };
        let kind = match kw.as_str() {
            "pass" => {
                self.pos += 1;
                StmtKind::Pass
            }
            "break" => {
                self.pos += 1;
                StmtKind::Break
            }
            "continue" => {
                self.pos += 1;
                StmtKind::Continue
            }
            "return" => {
                self.pos += 1;
                if matches!(self.peek(), Tok::Newline | Tok::Eof) || self.is_op(";") {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.expr_list()?))
                }
            }
            "global" => {
                self.pos += 1;
                let mut names = vec![self.identifier()?];
                while self.eat_op(",") {
                    names.push(self.identifier()?);
                }
                StmtKind::Global(names)
            }
            "del" => {
                self.pos += 1;
                let mut targets = vec![self.expr()?];
                while self.eat_op(",") {
                    targets.push(self.expr()?);
                }
                for t in &targets {
                    if !matches!(t.kind, ExprKind::Name(_) | ExprKind::Index(..)) {
                        return Err(syntax("cannot delete this expression", t.line));
                    }
                }
                StmtKind::Del(targets)
            }
            "assert" => {
                self.pos += 1;
                let cond = self.expr()?;
                let msg = if self.eat_op(",") {
                    Some(self.expr()?)
                } else {
                    None
                };
                StmtKind::Assert(cond, msg)
            }
            "import" | "from" => {
                return Err(syntax(
                    "'import' is not supported in this course's Python",
                    line,
                ));
            }
            "nonlocal" | "raise" | "yield" | "lambda" => {
                return Err(syntax(
                    format!("'{kw}' is not supported in this course's Python"),
                    line,
                ));
            }
            "print"
                if matches!(
                    self.peek_at(1),
                    Tok::Str(_) | Tok::FStr { .. } | Tok::Int(_)
                ) || matches!(self.peek_at(1), Tok::Name(n) if !KEYWORDS.contains(&n.as_str())) =>
            {
                return Err(syntax(
                    "Missing parentheses in call to 'print'. Did you mean print(...)?",
                    line,
                ));
            }
            _ => {
                let first = self.expr_list()?;
                if let Some(op) = self.aug_op() {
                    self.pos += 1;
                    check_target(&first, false)?;
                    let value = self.expr_list()?;
                    StmtKind::AugAssign(first, op, value)
                } else if self.is_op("=") {
                    let mut targets = vec![first];
                    let mut value;
                    loop {
                        self.pos += 1;
                        value = self.expr_list()?;
                        if !self.is_op("=") {
                            break;
                        }
                        targets.push(value);
                    }
                    for t in &targets {
                        check_target(t, true)?;
                    }
                    StmtKind::Assign(targets, value)
                } else {
                    StmtKind::Expr(first)
                }
            }
        };
        Ok(Stmt { kind, line })
    }

    fn aug_op(&self) -> Option<BinOp> {
        let Tok::Op(op) = self.peek() else {
            return None;
        };
        Some(match *op {
            "+=" => BinOp::Add,
            "-=" => BinOp::Sub,
            "*=" => BinOp::Mul,
            "/=" => BinOp::Div,
            "//=" => BinOp::FloorDiv,
            "%=" => BinOp::Mod,
            "**=" => BinOp::Pow,
            "&=" => BinOp::BitAnd,
            "|=" => BinOp::BitOr,
            "^=" => BinOp::BitXor,
            "<<=" => BinOp::Shl,
            ">>=" => BinOp::Shr,
            _ => return None,
        })
    }

    // ----- expressions -----

    fn can_start_expr(&self) -> bool {
        match self.peek() {
            Tok::Name(n) => {
                !KEYWORDS.contains(&n.as_str())
                    || matches!(n.as_str(), "True" | "False" | "None" | "not" | "lambda")
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) | Tok::FStr { .. } => true,
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~"),
            _ => false,
        }
    }

    /// `a, b, c` as a tuple (or a single expression without a comma).
    fn expr_list(&mut self) -> Result<Expr, PyError> {
        let first = self.expr()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let line = first.line;
        let mut items = vec![first];
        while self.eat_op(",") {
            if !self.can_start_expr() {
                break;
            }
            items.push(self.expr()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            line,
        })
    }

    /// Targets of `for`: stops before `in` (parsed above comparison precedence).
    fn target_list(&mut self) -> Result<Expr, PyError> {
        let first = self.bp(12)?;
        let line = first.line;
        let target = if self.is_op(",") {
            let mut items = vec![first];
            while self.eat_op(",") {
                if self.is_kw("in") {
                    break;
                }
                items.push(self.bp(12)?);
            }
            Expr {
                kind: ExprKind::Tuple(items),
                line,
            }
        } else {
            first
        };
        check_target(&target, true)?;
        Ok(target)
    }

    fn expr(&mut self) -> Result<Expr, PyError> {
        self.bp(0)
    }

    /// Pratt loop: parses an expression whose operators bind at least as tightly as `min_bp`.
    fn bp(&mut self, min_bp: u8) -> Result<Expr, PyError> {
        let saved_depth = self.depth;
        self.enter()?;
        let result = self.bp_inner(min_bp);
        self.depth = saved_depth;
        result
    }

    fn bp_inner(&mut self, min_bp: u8) -> Result<Expr, PyError> {
        let line = self.line();
        let mut lhs = if self.is_kw("not") {
            if min_bp > 8 {
                return Err(self.invalid());
            }
            self.pos += 1;
            let operand = self.bp(7)?;
            Expr {
                kind: ExprKind::Unary(UnaryOp::Not, Box::new(operand)),
                line,
            }
        } else if let Some(op) = match self.peek() {
            Tok::Op("-") => Some(UnaryOp::Neg),
            Tok::Op("+") => Some(UnaryOp::Pos),
            Tok::Op("~") => Some(UnaryOp::Invert),
            _ => None,
        } {
            self.pos += 1;
            let operand = self.bp(24)?;
            // Fold `-5` into a literal so that `-9223372036854775808`-style constants stay cheap.
            match (op, &operand.kind) {
                (UnaryOp::Neg, ExprKind::Int(v)) => Expr {
                    kind: ExprKind::Int(-v),
                    line,
                },
                (UnaryOp::Neg, ExprKind::Float(v)) => Expr {
                    kind: ExprKind::Float(-v),
                    line,
                },
                _ => Expr {
                    kind: ExprKind::Unary(op, Box::new(operand)),
                    line,
                },
            }
        } else {
            self.primary()?
        };
        loop {
            let line = lhs.line;
            if self.is_kw("if") {
                if min_bp > 2 {
                    break;
                }
                self.pos += 1;
                self.enter()?;
                let cond = self.bp(3)?;
                if !self.eat_kw("else") {
                    return Err(syntax("expected 'else' after 'if' expression", self.line()));
                }
                let other = self.bp(2)?;
                lhs = Expr {
                    kind: ExprKind::IfElse {
                        cond: Box::new(cond),
                        then: Box::new(lhs),
                        other: Box::new(other),
                    },
                    line,
                };
                continue;
            }
            if self.is_kw("or") || self.is_kw("and") {
                let is_or = self.is_kw("or");
                let lbp = if is_or { 4 } else { 6 };
                if lbp < min_bp {
                    break;
                }
                self.pos += 1;
                self.enter()?;
                let rhs = self.bp(lbp + 1)?;
                let kind = if is_or {
                    ExprKind::Or(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::And(Box::new(lhs), Box::new(rhs))
                };
                lhs = Expr { kind, line };
                continue;
            }
            if self.cmp_op().is_some() {
                if 10 < min_bp {
                    break;
                }
                let mut ops = Vec::new();
                while let Some((op, width)) = self.cmp_op() {
                    self.pos += width;
                    self.enter()?;
                    ops.push((op, self.bp(11)?));
                }
                lhs = Expr {
                    kind: ExprKind::Compare(Box::new(lhs), ops),
                    line,
                };
                continue;
            }
            let Tok::Op(op) = self.peek() else { break };
            let (binop, lbp) = match *op {
                "|" => (BinOp::BitOr, 12),
                "^" => (BinOp::BitXor, 14),
                "&" => (BinOp::BitAnd, 16),
                "<<" => (BinOp::Shl, 18),
                ">>" => (BinOp::Shr, 18),
                "+" => (BinOp::Add, 20),
                "-" => (BinOp::Sub, 20),
                "*" => (BinOp::Mul, 22),
                "/" => (BinOp::Div, 22),
                "//" => (BinOp::FloorDiv, 22),
                "%" => (BinOp::Mod, 22),
                "**" => (BinOp::Pow, 26),
                _ => break,
            };
            if lbp < min_bp {
                break;
            }
            self.pos += 1;
            self.enter()?;
            let rhs = if binop == BinOp::Pow {
                self.bp(24)?
            } else {
                self.bp(lbp + 1)?
            };
            lhs = Expr {
                kind: ExprKind::Binary(binop, Box::new(lhs), Box::new(rhs)),
                line,
            };
        }
        Ok(lhs)
    }

    /// A comparison operator at the cursor and how many tokens it spans.
    fn cmp_op(&self) -> Option<(CmpOp, usize)> {
        match self.peek() {
            Tok::Op("==") => Some((CmpOp::Eq, 1)),
            Tok::Op("!=") => Some((CmpOp::Ne, 1)),
            Tok::Op("<") => Some((CmpOp::Lt, 1)),
            Tok::Op("<=") => Some((CmpOp::Le, 1)),
            Tok::Op(">") => Some((CmpOp::Gt, 1)),
            Tok::Op(">=") => Some((CmpOp::Ge, 1)),
            Tok::Name(n) if n == "in" => Some((CmpOp::In, 1)),
            Tok::Name(n) if n == "not" && matches!(self.peek_at(1), Tok::Name(m) if m == "in") => {
                Some((CmpOp::NotIn, 2))
            }
            Tok::Name(n) if n == "is" => {
                if matches!(self.peek_at(1), Tok::Name(m) if m == "not") {
                    Some((CmpOp::IsNot, 2))
                } else {
                    Some((CmpOp::Is, 1))
                }
            }
            _ => None,
        }
    }

    fn primary(&mut self) -> Result<Expr, PyError> {
        let mut e = self.atom()?;
        loop {
            let line = e.line;
            if self.eat_op("(") {
                self.enter()?;
                let args = self.call_args()?;
                e = Expr {
                    kind: ExprKind::Call(Box::new(e), args),
                    line,
                };
            } else if self.eat_op("[") {
                self.enter()?;
                let index = self.subscript()?;
                self.expect_op("]")?;
                e = Expr {
                    kind: ExprKind::Index(Box::new(e), Box::new(index)),
                    line,
                };
            } else if self.eat_op(".") {
                self.enter()?;
                let name = self.identifier()?;
                e = Expr {
                    kind: ExprKind::Attr(Box::new(e), name),
                    line,
                };
            } else {
                break;
            }
        }
        Ok(e)
    }

    fn call_args(&mut self) -> Result<Vec<Arg>, PyError> {
        let mut args = Vec::new();
        while !self.is_op(")") {
            if self.eat_op("*") {
                args.push(Arg::Star(self.expr()?));
            } else if matches!(self.peek(), Tok::Name(_)) && matches!(self.peek_at(1), Tok::Op("="))
            {
                let name = self.identifier()?;
                self.pos += 1;
                args.push(Arg::Kw(name.to_string(), self.expr()?));
            } else {
                let value = self.expr()?;
                if args.is_empty() && self.is_kw("for") {
                    // `sum(x for x in xs)`: a generator argument, evaluated as a list here.
                    let line = value.line;
                    let fors = self.comp_fors()?;
                    args.push(Arg::Pos(Expr {
                        kind: ExprKind::ListComp(Box::new(value), fors),
                        line,
                    }));
                    break;
                }
                if args.iter().any(|a| matches!(a, Arg::Kw(..))) {
                    return Err(syntax(
                        "positional argument follows keyword argument",
                        value.line,
                    ));
                }
                args.push(Arg::Pos(value));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.close(")")?;
        Ok(args)
    }

    fn subscript(&mut self) -> Result<Expr, PyError> {
        let line = self.line();
        let lower = if self.is_op(":") {
            None
        } else {
            Some(self.expr()?)
        };
        if !self.is_op(":") {
            let first = lower.expect("an index expression was parsed");
            if self.is_op(",") {
                let mut items = vec![first];
                while self.eat_op(",") {
                    if self.is_op("]") {
                        break;
                    }
                    items.push(self.expr()?);
                }
                return Ok(Expr {
                    kind: ExprKind::Tuple(items),
                    line,
                });
            }
            return Ok(first);
        }
        self.pos += 1;
        let upper = if self.is_op(":") || self.is_op("]") {
            None
        } else {
            Some(Box::new(self.expr()?))
        };
        let step = if self.eat_op(":") && !self.is_op("]") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Slice(lower.map(Box::new), upper, step),
            line,
        })
    }

    fn comp_fors(&mut self) -> Result<Vec<CompFor>, PyError> {
        let mut fors = Vec::new();
        while self.eat_kw("for") {
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.bp(3)?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.bp(3)?);
            }
            fors.push(CompFor { target, iter, ifs });
        }
        Ok(fors)
    }

    fn atom(&mut self) -> Result<Expr, PyError> {
        let tok = self.next();
        let line = tok.line;
        let kind = match tok.tok {
            Tok::Int(v) => ExprKind::Int(v),
            Tok::Float(v) => ExprKind::Float(v),
            Tok::Str(_) | Tok::FStr { .. } => {
                self.pos -= 1;
                return self.strings();
            }
            Tok::Name(n) => match n.as_str() {
                "True" => ExprKind::True,
                "False" => ExprKind::False,
                "None" => ExprKind::None,
                "lambda" => {
                    return Err(syntax(
                        "'lambda' is not supported in this course's Python",
                        line,
                    ))
                }
                k if KEYWORDS.contains(&k) => {
                    self.pos -= 1;
                    return Err(self.invalid());
                }
                _ => ExprKind::Name(Rc::from(n.as_str())),
            },
            Tok::Op("(") => {
                if self.eat_op(")") {
                    ExprKind::Tuple(Vec::new())
                } else {
                    let first = self.expr()?;
                    if self.is_kw("for") {
                        let fors = self.comp_fors()?;
                        self.expect_op(")")?;
                        ExprKind::ListComp(Box::new(first), fors)
                    } else if self.is_op(",") {
                        let mut items = vec![first];
                        while self.eat_op(",") {
                            if self.is_op(")") {
                                break;
                            }
                            items.push(self.expr()?);
                        }
                        self.close(")")?;
                        ExprKind::Tuple(items)
                    } else {
                        self.close(")")?;
                        return Ok(Expr {
                            kind: first.kind,
                            line,
                        });
                    }
                }
            }
            Tok::Op("[") => {
                if self.eat_op("]") {
                    ExprKind::List(Vec::new())
                } else {
                    let first = self.expr()?;
                    if self.is_kw("for") {
                        let fors = self.comp_fors()?;
                        self.close("]")?;
                        ExprKind::ListComp(Box::new(first), fors)
                    } else {
                        let mut items = vec![first];
                        while self.eat_op(",") {
                            if self.is_op("]") {
                                break;
                            }
                            items.push(self.expr()?);
                        }
                        self.close("]")?;
                        ExprKind::List(items)
                    }
                }
            }
            Tok::Op("{") => {
                if self.eat_op("}") {
                    ExprKind::Dict(Vec::new())
                } else {
                    let key = self.expr()?;
                    if !self.eat_op(":") {
                        return Err(syntax(
                            "set literals are not supported in this course's Python",
                            line,
                        ));
                    }
                    let value = self.expr()?;
                    if self.is_kw("for") {
                        let fors = self.comp_fors()?;
                        self.close("}")?;
                        ExprKind::DictComp(Box::new((key, value)), fors)
                    } else {
                        let mut items = vec![(key, value)];
                        while self.eat_op(",") {
                            if self.is_op("}") {
                                break;
                            }
                            let k = self.expr()?;
                            if !self.eat_op(":") {
                                return Err(syntax(
                                    "':' expected after dictionary key",
                                    self.line(),
                                ));
                            }
                            items.push((k, self.expr()?));
                        }
                        self.close("}")?;
                        ExprKind::Dict(items)
                    }
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.invalid());
            }
        };
        Ok(Expr { kind, line })
    }

    /// Closes a bracket; anything else in its place is most often a missing comma.
    fn close(&mut self, op: &str) -> Result<(), PyError> {
        if self.eat_op(op) {
            Ok(())
        } else if self.can_start_expr() {
            // CPython points at the element before the missing comma.
            let prev_line = self.toks[self.pos.saturating_sub(1)].line;
            Err(syntax(
                "invalid syntax. Perhaps you forgot a comma?",
                prev_line,
            ))
        } else {
            Err(self.invalid())
        }
    }

    /// Adjacent string literals concatenate; any f-string among them makes the whole an f-string.
    fn strings(&mut self) -> Result<Expr, PyError> {
        let line = self.line();
        let mut parts: Vec<FPart> = Vec::new();
        let mut any_f = false;
        loop {
            match self.peek().clone() {
                Tok::Str(s) => {
                    self.pos += 1;
                    parts.push(FPart::Lit(s));
                }
                Tok::FStr { body, raw } => {
                    let l = self.line();
                    self.pos += 1;
                    any_f = true;
                    parts.extend(parse_fstring(&body, raw, l, self.depth)?);
                }
                _ => break,
            }
        }
        if !any_f {
            let mut s = String::new();
            for p in parts {
                if let FPart::Lit(l) = p {
                    s.push_str(&l);
                }
            }
            return Ok(Expr {
                kind: ExprKind::Str(Rc::from(s.as_str())),
                line,
            });
        }
        Ok(Expr {
            kind: ExprKind::FStr(parts),
            line,
        })
    }
}

/// Splits an f-string body into literal text and `{expr!conv:spec}` fields.
fn parse_fstring(body: &str, raw: bool, line: u32, depth: usize) -> Result<Vec<FPart>, PyError> {
    let chars: Vec<char> = body.chars().collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> Result<(), PyError> {
        if !lit.is_empty() {
            let text = if raw {
                std::mem::take(lit)
            } else {
                unescape(&std::mem::take(lit), line)?
            };
            parts.push(FPart::Lit(text));
        }
        Ok(())
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            lit.push('{');
            i += 2;
        } else if c == '}' && chars.get(i + 1) == Some(&'}') {
            lit.push('}');
            i += 2;
        } else if c == '}' {
            return Err(syntax("f-string: single '}' is not allowed", line));
        } else if c == '{' {
            flush(&mut lit, &mut parts)?;
            // Find the end of the expression: the first top-level '!', ':' or '}'.
            let start = i + 1;
            let mut j = start;
            let mut nest = 0i32;
            let mut quote: Option<char> = None;
            while j < chars.len() {
                let d = chars[j];
                if let Some(q) = quote {
                    if d == q {
                        quote = None;
                    }
                } else {
                    match d {
                        '\'' | '"' => quote = Some(d),
                        '(' | '[' | '{' => nest += 1,
                        ')' | ']' => nest -= 1,
                        '}' if nest > 0 => nest -= 1,
                        '}' => break,
                        '!' if nest == 0 && chars.get(j + 1) != Some(&'=') => break,
                        ':' if nest == 0 => break,
                        _ => {}
                    }
                }
                j += 1;
            }
            let mut expr_text: String = chars[start..j.min(chars.len())].iter().collect();
            let mut conversion = None;
            let mut debug_prefix = None;
            if expr_text.trim_end().ends_with('=')
                && !["==", "!=", "<=", ">="]
                    .iter()
                    .any(|op| expr_text.trim_end().ends_with(op))
            {
                debug_prefix = Some(expr_text.clone());
                let trimmed = expr_text.trim_end();
                expr_text = trimmed[..trimmed.len() - 1].to_string();
            }
            if expr_text.trim().is_empty() {
                return Err(syntax("f-string: empty expression not allowed", line));
            }
            if chars.get(j) == Some(&'!') {
                match chars.get(j + 1) {
                    Some(&conv @ ('r' | 's' | 'a')) => conversion = Some(conv),
                    _ => {
                        return Err(syntax(
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                            line,
                        ))
                    }
                }
                j += 2;
            }
            let mut spec = String::new();
            if chars.get(j) == Some(&':') {
                j += 1;
                while j < chars.len() && chars[j] != '}' {
                    if chars[j] == '{' {
                        return Err(syntax("nested fields in f-string format specs are not supported in this course's Python", line));
                    }
                    spec.push(chars[j]);
                    j += 1;
                }
            }
            if chars.get(j) != Some(&'}') {
                return Err(syntax("f-string: expecting '}'", line));
            }
            i = j + 1;
            // Errors inside a field read like CPython's: "f-string: invalid syntax".
            let in_fstring = |mut e: PyError| {
                if e.kind == ErrorKind::Syntax && !e.message.starts_with("f-string") {
                    e.message = format!("f-string: {}", e.message);
                }
                e
            };
            let toks = tokenize(&format!("({expr_text})"), line)?;
            let mut p = Parser {
                toks,
                pos: 0,
                depth,
            };
            let expr = p.expr().map_err(in_fstring)?;
            if !matches!(p.peek(), Tok::Newline | Tok::Eof) {
                return Err(syntax("f-string: invalid syntax", line));
            }
            if let Some(prefix) = debug_prefix {
                parts.push(FPart::Lit(prefix));
                if conversion.is_none() && spec.is_empty() {
                    conversion = Some('r');
                }
            }
            parts.push(FPart::Field {
                expr,
                conversion,
                spec,
            });
        } else {
            lit.push(c);
            i += 1;
        }
    }
    flush(&mut lit, &mut parts)?;
    Ok(parts)
}

/// Rejects assignment to things that cannot be assigned, with CPython's wording.
fn check_target(e: &Expr, allow_tuple: bool) -> Result<(), PyError> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Index(..) => return Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) if allow_tuple => {
            for item in items {
                check_target(item, true)?;
            }
            return Ok(());
        }
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Attr(..) => {
            return Err(syntax(
                "assigning to attributes is not supported in this course's Python",
                e.line,
            ))
        }
        ExprKind::Call(..) => "function call",
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::True
        | ExprKind::False
        | ExprKind::None => "literal",
        ExprKind::FStr(_) => "f-string expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::IfElse { .. } => "conditional expression",
        _ => "expression",
    };
    if allow_tuple {
        Err(syntax(
            format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
            e.line,
        ))
    } else {
        Err(syntax(
            format!("'{what}' is an illegal expression for augmented assignment"),
            e.line,
        ))
    }
}

fn collect_target_names(e: &Expr, out: &mut Vec<Rc<str>>) {
    match &e.kind {
        ExprKind::Name(n) if !out.contains(n) => out.push(n.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| collect_target_names(i, out))
        }
        _ => {}
    }
}

/// Python decides at compile time which names are local to a function: those it assigns.
fn collect_locals(body: &[Stmt], locals: &mut Vec<Rc<str>>, globals: &mut Vec<Rc<str>>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign(targets, _) => {
                targets.iter().for_each(|t| collect_target_names(t, locals))
            }
            StmtKind::AugAssign(t, _, _) => collect_target_names(t, locals),
            StmtKind::For(t, _, b, o) => {
                collect_target_names(t, locals);
                collect_locals(b, locals, globals);
                collect_locals(o, locals, globals);
            }
            StmtKind::While(_, b, o) => {
                collect_locals(b, locals, globals);
                collect_locals(o, locals, globals);
            }
            StmtKind::If(branches, other) => {
                for (_, b) in branches {
                    collect_locals(b, locals, globals);
                }
                collect_locals(other, locals, globals);
            }
            StmtKind::Def(f) if !locals.contains(&f.name) => locals.push(f.name.clone()),
            StmtKind::Del(targets) => targets.iter().for_each(|t| collect_target_names(t, locals)),
            StmtKind::Global(names) => globals.extend(names.iter().cloned()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> PyError {
        parse_program(src).unwrap_err()
    }

    #[test]
    fn missing_colon_says_expected_colon() {
        let e = err("for x in range(3)\n    print(x)\n");
        assert_eq!(
            (e.kind, e.message.as_str(), e.line),
            (ErrorKind::Syntax, "expected ':'", Some(1))
        );
    }

    #[test]
    fn missing_block_names_the_header_line() {
        let e = err("x = 1\n\nfor s in x:\nprint(s)\n");
        assert_eq!(e.kind, ErrorKind::Indentation);
        assert_eq!(
            e.message,
            "expected an indented block after 'for' statement on line 3"
        );
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn power_binds_tighter_than_unary_minus() {
        let prog = parse_program("-2 ** 2\n").unwrap();
        let StmtKind::Expr(e) = &prog[0].kind else {
            panic!()
        };
        assert!(matches!(e.kind, ExprKind::Unary(UnaryOp::Neg, _)));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        // Release code needs ~1.6 KiB of stack per nesting level (examples/stack.rs with
        // PROBE_PARSER=1), a debug build ~18 KiB: give the debug test room for the 120 levels.
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(|| {
                let src = format!("{}1{}\n", "(".repeat(5000), ")".repeat(5000));
                assert_eq!(err(&src).kind, ErrorKind::Syntax);
                let src = format!("x = 1{}\n", " + 1".repeat(5000));
                assert_eq!(err(&src).kind, ErrorKind::Syntax);
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn function_locals_are_the_assigned_names() {
        let prog = parse_program(
            "def f(a):\n    b = 1\n    global c\n    c = 2\n    for i, j in a:\n        pass\n",
        )
        .unwrap();
        let StmtKind::Def(f) = &prog[0].kind else {
            panic!()
        };
        let names: Vec<&str> = f.locals.iter().map(|n| &**n).collect();
        assert_eq!(names, ["a", "b", "i", "j"]);
    }
}
