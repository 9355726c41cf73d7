//! Tree-walking evaluator: runs the syntax tree with a step budget, a call-depth limit and
//! size limits, so that no learner program can freeze the tab or exhaust memory.

use crate::ast::*;
use crate::error::{type_error, value_error, ErrorKind, PyError};
use crate::format::format_value;
use crate::value::*;
use crate::RunOptions;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// The builtin functions, by the name a program calls them with.
pub(crate) const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "sum",
    "min",
    "max",
    "sorted",
    "round",
    "abs",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "tuple",
    "enumerate",
    "zip",
    "repr",
    "reversed",
    "any",
    "all",
    "isinstance",
    "type",
];

/// Evaluated call arguments: positional values, then keyword name/value pairs.
type CallArgs = (Vec<Value>, Vec<(String, Value)>);

pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

struct Frame {
    /// `None` for the module frame, whose variables are the globals.
    func: Option<Rc<FuncDef>>,
    /// Shared so that functions defined in this call can read them later (closures).
    locals: Rc<RefCell<Map<Rc<str>, Value>>>,
    /// The enclosing calls' variables, for a function defined inside another.
    env: Option<Rc<Env>>,
    /// Comprehension scopes, innermost last: their loop variables do not leak (Python 3).
    comps: Vec<Map<Rc<str>, Value>>,
}

pub(crate) struct Interp {
    pub globals: Map<Rc<str>, Value>,
    pub global_order: Vec<Rc<str>>,
    frames: Vec<Frame>,
    pub out: String,
    pub steps: u64,
    opts: RunOptions,
    /// Expressions being evaluated and blocks being run right now (see [`MAX_NESTING`]).
    nesting: usize,
}

/// Nested evaluations plus nested blocks allowed at once. Each is native recursion, and the
/// browser's stack for wasm is small: measured in node 20 on the release build, a nested
/// evaluation or block costs about 1.5 KiB of its ~984 KiB stack, so 400 (about 600 KiB) stops
/// deep expressions inside deep recursion with a RecursionError instead of a crashed page.
const MAX_NESTING: usize = 400;

enum PyIter {
    List(Rc<ListObj>, usize),
    Tuple(Rc<TupleObj>, usize),
    Str(Rc<str>, usize),
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Dict {
        d: Rc<DictObj>,
        idx: usize,
        len0: usize,
        kind: ViewKind,
    },
}

fn name_error(name: &str) -> PyError {
    PyError::new(ErrorKind::Name, format!("name '{name}' is not defined"))
}

fn with_suggestion<'a>(
    mut e: PyError,
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> PyError {
    e.suggestion = crate::suggest::suggest(wrong, candidates);
    e
}

fn overflow() -> PyError {
    PyError::new(
        ErrorKind::Overflow,
        format!(
            "integer result is too large for this course's Python (the limit is ±{})",
            i64::MAX
        ),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Normalises a Python index against a length: `-1` is the last item.
fn norm_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// The positions a slice `[lower:upper:step]` selects, as CPython's `PySlice_AdjustIndices`.
fn slice_positions(len: usize, lower: Option<i64>, upper: Option<i64>, step: i64) -> Vec<usize> {
    let (start, stop) = slice_bounds(len, lower, upper, step);
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}

/// A slice's clamped start and stop, as CPython's `PySlice_AdjustIndices` computes them.
fn slice_bounds(len: usize, lower: Option<i64>, upper: Option<i64>, step: i64) -> (i64, i64) {
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(x) if x < 0 => (x + len).max(lo),
        Some(x) => x.min(hi),
    };
    if step > 0 {
        (clamp(lower, 0, 0, len), clamp(upper, len, 0, len))
    } else {
        (
            clamp(lower, len - 1, -1, len - 1),
            clamp(upper, -1, -1, len - 1),
        )
    }
}

fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

impl Interp {
    pub fn new(opts: RunOptions) -> Self {
        Interp {
            globals: Map::default(),
            global_order: Vec::new(),
            frames: vec![Frame {
                func: None,
                locals: Rc::default(),
                env: None,
                comps: Vec::new(),
            }],
            out: String::new(),
            steps: 0,
            opts,
            nesting: 0,
        }
    }

    /// A closure holds its enclosing call's variables, which may hold the closure itself: an Rc
    /// cycle. Emptying those variable maps after a run lets everything be freed.
    pub fn break_cycles(&mut self) {
        let mut stack: Vec<Value> = self.globals.drain().map(|(_, v)| v).collect();
        while let Some(v) = stack.pop() {
            if let Value::Func(f) = &v {
                let mut env = f.env.clone();
                while let Some(e) = env {
                    stack.extend(e.vars.borrow_mut().drain().map(|(_, v)| v));
                    env = e.parent.clone();
                }
            }
        }
    }

    /// Python's `==`, charged to the step budget per element compared.
    fn eq(&mut self, a: &Value, b: &Value) -> Result<bool, PyError> {
        let mut work = self.opts.max_steps.saturating_sub(self.steps);
        let before = work;
        let result = py_eq(a, b, 0, &mut work);
        self.steps += before - work;
        result.map_err(|e| self.budget_error(e))
    }

    /// Python's ordering, charged to the step budget per element compared.
    fn cmp(&mut self, a: &Value, b: &Value, op: &str) -> Result<Option<Ordering>, PyError> {
        let mut work = self.opts.max_steps.saturating_sub(self.steps);
        let before = work;
        let result = py_cmp(a, b, op, 0, &mut work);
        self.steps += before - work;
        result.map_err(|e| self.budget_error(e))
    }

    /// A comparison that ran out of budget reports the standard timeout message.
    fn budget_error(&mut self, e: PyError) -> PyError {
        if e.kind == ErrorKind::Timeout {
            self.charge(u64::MAX / 4)
                .expect_err("the budget is exhausted")
        } else {
            e
        }
    }

    /// Hashing a big str or tuple key is work too: charge it like the other bulk operations.
    fn charge_key(&mut self, key: &Value) -> Result<(), PyError> {
        match key {
            Value::Str(s) => self.charge(s.len() as u64 / 16),
            Value::Tuple(t) => self.charge(t.0.len() as u64),
            _ => Ok(()),
        }
    }

    /// Spends one step of the budget.
    fn tick(&mut self) -> Result<(), PyError> {
        self.charge(1)
    }

    /// Spends `n` steps: bulk work (copying a big list, sorting) costs in proportion.
    fn charge(&mut self, n: u64) -> Result<(), PyError> {
        self.steps += n;
        if self.steps > self.opts.max_steps {
            return Err(PyError::new(
                ErrorKind::Timeout,
                format!(
                    "stopped after {} steps: is there an infinite loop?",
                    self.opts.max_steps
                ),
            ));
        }
        Ok(())
    }

    /// Refuses to build a str/list/tuple longer than the configured limit.
    fn check_len(&mut self, what: &str, n: usize) -> Result<(), PyError> {
        if n > self.opts.max_collection_len {
            return Err(PyError::new(
                ErrorKind::Memory,
                format!(
                    "refusing to build a {what} of {n} items: the limit in this course's Python is {}",
                    self.opts.max_collection_len
                ),
            ));
        }
        self.charge(if what == "str" {
            n as u64 / 16
        } else {
            n as u64
        })
    }

    fn new_str(&mut self, s: String) -> Result<Value, PyError> {
        self.check_len("str", s.len())?;
        Ok(Value::Str(Rc::from(s)))
    }

    pub fn exec_block(&mut self, stmts: &[Stmt]) -> Result<Flow, PyError> {
        self.enter_nesting()
            .map_err(|e| e.at(stmts.first().map_or(0, |s| s.line)))?;
        let result = self.exec_stmts(stmts);
        self.nesting -= 1;
        result
    }

    fn exec_stmts(&mut self, stmts: &[Stmt]) -> Result<Flow, PyError> {
        for s in stmts {
            match self.exec(s).map_err(|e| e.at(s.line))? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn enter_nesting(&mut self) -> Result<(), PyError> {
        if self.nesting >= MAX_NESTING {
            return Err(PyError::new(
                ErrorKind::Recursion,
                "maximum recursion depth exceeded",
            ));
        }
        self.nesting += 1;
        Ok(())
    }

    fn exec(&mut self, s: &Stmt) -> Result<Flow, PyError> {
        self.tick()?;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e)?;
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone(), false)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => match &target.kind {
                ExprKind::Name(n) => {
                    let cur = self.lookup(n).map_err(|e| e.at(target.line))?;
                    let rhs = self.eval(value)?;
                    let new = self.inplace(*op, cur, rhs)?;
                    self.set_name(n, new);
                }
                ExprKind::Index(obj, idx) => {
                    let obj = self.eval(obj)?;
                    let key = self.eval(idx)?;
                    let cur = self.getitem(&obj, &key)?;
                    let rhs = self.eval(value)?;
                    let new = self.inplace(*op, cur, rhs)?;
                    self.setitem(&obj, key, new)?;
                }
                _ => {
                    return Err(PyError::new(
                        ErrorKind::Syntax,
                        "illegal expression for augmented assignment",
                    ))
                }
            },
            StmtKind::If(branches, other) => {
                for (cond, body) in branches {
                    if self.eval(cond)?.truthy() {
                        return self.exec_block(body);
                    }
                }
                return self.exec_block(other);
            }
            StmtKind::While(cond, body, other) => loop {
                self.tick()?;
                if !self.eval(cond)?.truthy() {
                    return self.exec_block(other);
                }
                match self.exec_block(body)? {
                    Flow::Break => break,
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    Flow::Normal | Flow::Continue => {}
                }
            },
            StmtKind::For(target, iter, body, other) => {
                let iterable = self.eval(iter)?;
                let mut it = self.iter(&iterable)?;
                loop {
                    self.tick()?;
                    let Some(item) = self.next(&mut it)? else {
                        return self.exec_block(other);
                    };
                    self.assign(target, item, false)?;
                    match self.exec_block(body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            StmtKind::Def(def) => {
                let defaults = def
                    .defaults
                    .iter()
                    .map(|d| self.eval(d))
                    .collect::<Result<Vec<_>, _>>()?;
                // Inside a function, the new function can read the enclosing call's variables.
                let frame = self.frames.last().expect("a frame is always present");
                let env = frame.func.as_ref().map(|enclosing| {
                    Rc::new(Env {
                        vars: frame.locals.clone(),
                        def: enclosing.clone(),
                        parent: frame.env.clone(),
                    })
                });
                let f = FuncObj {
                    def: def.clone(),
                    defaults,
                    env,
                };
                self.set_name(&def.name, Value::Func(Rc::new(f)));
            }
            StmtKind::Return(value) => {
                if self.frames.last().is_some_and(|f| f.func.is_none()) {
                    return Err(PyError::new(ErrorKind::Syntax, "'return' outside function"));
                }
                let v = match value {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) => {}
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Assert(cond, msg) => {
                if !self.eval(cond)?.truthy() {
                    let text = match msg {
                        Some(m) => self.eval(m)?.to_str()?,
                        None => String::new(),
                    };
                    return Err(PyError::new(ErrorKind::Assertion, text));
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn delete(&mut self, t: &Expr) -> Result<(), PyError> {
        match &t.kind {
            ExprKind::Name(n) => {
                let frame = self.frames.last_mut().expect("a frame is always present");
                let removed = match &frame.func {
                    Some(f) if f.locals.contains(n) => {
                        frame.locals.borrow_mut().remove(n).is_some()
                    }
                    _ => {
                        let r = self.globals.remove(n).is_some();
                        self.global_order.retain(|g| g != n);
                        r
                    }
                };
                if removed {
                    Ok(())
                } else {
                    Err(name_error(n))
                }
            }
            ExprKind::Index(obj, idx) => {
                let obj = self.eval(obj)?;
                let key = self.eval(idx)?;
                match &obj {
                    Value::Dict(d) => {
                        let removed = d.0.borrow_mut().remove(&key)?;
                        self.charge(d.0.borrow().len() as u64)?;
                        match removed {
                            Some(_) => Ok(()),
                            None => Err(PyError::new(ErrorKind::Key, key.repr()?)),
                        }
                    }
                    Value::List(l) => {
                        let i = key.as_int().ok_or_else(|| {
                            type_error(format!(
                                "list indices must be integers or slices, not {}",
                                key.type_name()
                            ))
                        })?;
                        let len = l.0.borrow().len();
                        let i = norm_index(i, len).ok_or_else(|| {
                            PyError::new(ErrorKind::Index, "list assignment index out of range")
                        })?;
                        self.charge(len as u64)?;
                        l.0.borrow_mut().remove(i);
                        Ok(())
                    }
                    other => Err(type_error(format!(
                        "'{}' object does not support item deletion",
                        other.type_name()
                    ))),
                }
            }
            _ => Err(PyError::new(
                ErrorKind::Syntax,
                "cannot delete this expression",
            )),
        }
    }

    // ----- names -----

    fn lookup(&self, name: &Rc<str>) -> Result<Value, PyError> {
        let frame = self.frames.last().expect("a frame is always present");
        for scope in frame.comps.iter().rev() {
            if let Some(v) = scope.get(name) {
                return Ok(v.clone());
            }
        }
        if let Some(f) = &frame.func {
            if f.locals.contains(name) {
                return frame.locals.borrow().get(name).cloned().ok_or_else(|| {
                    PyError::new(
                        ErrorKind::UnboundLocal,
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    )
                });
            }
            // A name local to an enclosing function is read from that call (a closure).
            let mut env = frame.env.as_ref();
            while let Some(e) = env {
                if e.def.locals.contains(name) {
                    return e.vars.borrow().get(name).cloned().ok_or_else(|| {
                        PyError::new(
                            ErrorKind::Name,
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        )
                    });
                }
                env = e.parent.as_ref();
            }
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        match BUILTINS.iter().find(|b| ***b == **name) {
            Some(b) => Ok(Value::Builtin(b)),
            None => Err(self.name_error_with_hint(name)),
        }
    }

    /// NameError with CPython's candidates in its order: locals, globals, builtins.
    #[inline(never)]
    fn name_error_with_hint(&self, name: &str) -> PyError {
        let frame = self.frames.last().expect("a frame is always present");
        let mut candidates: Vec<&str> = Vec::new();
        for scope in frame.comps.iter().rev() {
            let mut names: Vec<&str> = scope.keys().map(|k| &**k).collect();
            names.sort_unstable();
            candidates.extend(names);
        }
        if let Some(f) = &frame.func {
            candidates.extend(
                f.locals
                    .iter()
                    .filter(|n| frame.locals.borrow().contains_key(*n))
                    .map(|n| &**n),
            );
        }
        candidates.extend(self.global_order.iter().map(|n| &**n));
        candidates.extend(BUILTINS.iter().copied());
        with_suggestion(name_error(name), name, candidates)
    }

    fn set_name(&mut self, name: &Rc<str>, v: Value) {
        let frame = self.frames.last_mut().expect("a frame is always present");
        if let Some(f) = &frame.func {
            if f.locals.contains(name) {
                frame.locals.borrow_mut().insert(name.clone(), v);
                return;
            }
        }
        if self.globals.insert(name.clone(), v).is_none() {
            self.global_order.push(name.clone());
        }
    }

    fn assign(&mut self, target: &Expr, v: Value, in_comp: bool) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                if in_comp {
                    let frame = self.frames.last_mut().expect("a frame is always present");
                    frame
                        .comps
                        .last_mut()
                        .expect("inside a comprehension")
                        .insert(n.clone(), v);
                } else {
                    self.set_name(n, v);
                }
                Ok(())
            }
            ExprKind::Index(obj, idx) => {
                let obj = self.eval(obj)?;
                let key = self.eval(idx)?;
                self.setitem(&obj, key, v)
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                if !matches!(
                    v,
                    Value::List(_)
                        | Value::Tuple(_)
                        | Value::Str(_)
                        | Value::Range { .. }
                        | Value::Dict(_)
                        | Value::View(..)
                ) {
                    return Err(type_error(format!(
                        "cannot unpack non-iterable {} object",
                        v.type_name()
                    )));
                }
                let items = self.collect(&v)?;
                if items.len() > targets.len() {
                    return Err(value_error(format!(
                        "too many values to unpack (expected {})",
                        targets.len()
                    )));
                }
                if items.len() < targets.len() {
                    return Err(value_error(format!(
                        "not enough values to unpack (expected {}, got {})",
                        targets.len(),
                        items.len()
                    )));
                }
                for (t, item) in targets.iter().zip(items) {
                    self.assign(t, item, in_comp)?;
                }
                Ok(())
            }
            _ => Err(PyError::new(
                ErrorKind::Syntax,
                "cannot assign to expression",
            )),
        }
    }

    fn setitem(&mut self, obj: &Value, key: Value, v: Value) -> Result<(), PyError> {
        match obj {
            Value::Dict(d) => {
                self.charge_key(&key)?;
                d.0.borrow_mut().insert(key, v)
            }
            Value::List(l) => {
                let i = key.as_int().ok_or_else(|| {
                    type_error(format!(
                        "list indices must be integers or slices, not {}",
                        key.type_name()
                    ))
                })?;
                let mut items = l.0.borrow_mut();
                let len = items.len();
                let i = norm_index(i, len).ok_or_else(|| {
                    PyError::new(ErrorKind::Index, "list assignment index out of range")
                })?;
                items[i] = v;
                Ok(())
            }
            other => Err(type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }

    // ----- iteration -----

    fn iter(&self, v: &Value) -> Result<PyIter, PyError> {
        Ok(match v {
            Value::List(l) => PyIter::List(l.clone(), 0),
            Value::Tuple(t) => PyIter::Tuple(t.clone(), 0),
            Value::Str(s) => PyIter::Str(s.clone(), 0),
            Value::Range { start, stop, step } => PyIter::Range {
                cur: *start,
                stop: *stop,
                step: *step,
            },
            Value::Dict(d) => PyIter::Dict {
                d: d.clone(),
                idx: 0,
                len0: d.0.borrow().len(),
                kind: ViewKind::Keys,
            },
            Value::View(d, kind) => PyIter::Dict {
                d: d.clone(),
                idx: 0,
                len0: d.0.borrow().len(),
                kind: *kind,
            },
            other => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )))
            }
        })
    }

    fn next(&mut self, it: &mut PyIter) -> Result<Option<Value>, PyError> {
        Ok(match it {
            PyIter::List(l, i) => {
                let v = l.0.borrow().get(*i).cloned();
                *i += 1;
                v
            }
            PyIter::Tuple(t, i) => {
                let v = t.0.get(*i).cloned();
                *i += 1;
                v
            }
            PyIter::Str(s, i) => match s[*i..].chars().next() {
                Some(c) => {
                    *i += c.len_utf8();
                    Some(Value::str(c.encode_utf8(&mut [0; 4])))
                }
                None => None,
            },
            PyIter::Range { cur, stop, step } => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur = cur.saturating_add(*step);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            PyIter::Dict { d, idx, len0, kind } => {
                let d = d.0.borrow();
                if d.len() != *len0 {
                    return Err(PyError::new(
                        ErrorKind::Runtime,
                        "dictionary changed size during iteration",
                    ));
                }
                let v = d.entries.get(*idx).map(|(k, v)| match kind {
                    ViewKind::Keys => k.clone(),
                    ViewKind::Values => v.clone(),
                    ViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                });
                *idx += 1;
                v
            }
        })
    }

    /// Materialises an iterable, refusing one longer than the size limit.
    fn collect(&mut self, v: &Value) -> Result<Vec<Value>, PyError> {
        if let Value::Range { .. } = v {
            self.check_len("list", range_len(v) as usize)?;
        }
        let mut it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&mut it)? {
            out.push(x);
        }
        self.check_len("list", out.len())?;
        Ok(out)
    }

    // ----- expressions -----

    pub fn eval(&mut self, e: &Expr) -> Result<Value, PyError> {
        self.enter_nesting()?;
        let result = self.eval_inner(e).map_err(|err| err.at(e.line));
        self.nesting -= 1;
        result
    }

    /// The hot path: literals, names, operators and calls. Rarer, stack-hungry arms live in
    /// [`Interp::eval_rare`] so that each level of Python recursion costs less native stack.
    fn eval_inner(&mut self, e: &Expr) -> Result<Value, PyError> {
        Ok(match &e.kind {
            ExprKind::None => Value::None,
            ExprKind::True => Value::Bool(true),
            ExprKind::False => Value::Bool(false),
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Name(n) => self.lookup(n)?,
            ExprKind::Binary(op, a, b) => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                self.binop(*op, a, b)?
            }
            ExprKind::And(a, b) => {
                let a = self.eval(a)?;
                if !a.truthy() {
                    a
                } else {
                    self.eval(b)?
                }
            }
            ExprKind::Or(a, b) => {
                let a = self.eval(a)?;
                if a.truthy() {
                    a
                } else {
                    self.eval(b)?
                }
            }
            ExprKind::IfElse { cond, then, other } => {
                if self.eval(cond)?.truthy() {
                    self.eval(then)?
                } else {
                    self.eval(other)?
                }
            }
            ExprKind::Call(func, args) => return self.eval_call(func, args),
            _ => return self.eval_rare(e),
        })
    }

    #[inline(never)]
    fn eval_call(&mut self, func: &Expr, args: &[Arg]) -> Result<Value, PyError> {
        if let ExprKind::Attr(obj, name) = &func.kind {
            let obj = self.eval(obj)?;
            let (pos, kw) = self.eval_args(args)?;
            return self.call_method(&obj, name, pos, kw);
        }
        let f = self.eval(func)?;
        let (pos, kw) = self.eval_args(args)?;
        self.call_value(&f, pos, kw)
    }

    #[inline(never)]
    fn eval_rare(&mut self, e: &Expr) -> Result<Value, PyError> {
        Ok(match &e.kind {
            ExprKind::FStr(parts) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        FPart::Lit(l) => s.push_str(l),
                        FPart::Field {
                            expr,
                            conversion,
                            spec,
                        } => {
                            let v = self.eval(expr)?;
                            let v = match conversion {
                                Some('r' | 'a') => Value::Str(Rc::from(v.repr()?)),
                                Some(_) => Value::Str(Rc::from(v.to_str()?)),
                                None => v,
                            };
                            s.push_str(&format_value(&v, spec)?);
                        }
                    }
                    self.check_len("str", s.len())?;
                }
                Value::Str(Rc::from(s))
            }
            ExprKind::List(items) => {
                let vs = items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Value::list(vs)
            }
            ExprKind::Tuple(items) => {
                let vs = items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Value::tuple(vs)
            }
            ExprKind::Dict(items) => {
                let mut d = Dict::default();
                for (k, v) in items {
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    d.insert(k, v)?;
                }
                Value::dict(d)
            }
            ExprKind::ListComp(elt, fors) => {
                let mut out = Vec::new();
                self.comprehension(fors, &mut |me: &mut Interp| {
                    let v = me.eval(elt)?;
                    out.push(v);
                    me.check_len("list", out.len())
                })?;
                Value::list(out)
            }
            ExprKind::DictComp(kv, fors) => {
                let mut d = Dict::default();
                self.comprehension(fors, &mut |me: &mut Interp| {
                    let k = me.eval(&kv.0)?;
                    let v = me.eval(&kv.1)?;
                    d.insert(k, v)?;
                    me.check_len("dict", d.len())
                })?;
                Value::dict(d)
            }
            ExprKind::Unary(op, operand) => {
                let v = self.eval(operand)?;
                match (op, &v) {
                    (UnaryOp::Not, _) => Value::Bool(!v.truthy()),
                    (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
                    (UnaryOp::Neg, _) if v.as_int().is_some() => Value::Int(
                        v.as_int()
                            .expect("checked")
                            .checked_neg()
                            .ok_or_else(overflow)?,
                    ),
                    (UnaryOp::Pos, Value::Float(_)) => v,
                    (UnaryOp::Pos, _) if v.as_int().is_some() => {
                        Value::Int(v.as_int().expect("checked"))
                    }
                    (UnaryOp::Invert, _) if v.as_int().is_some() => {
                        Value::Int(!v.as_int().expect("checked"))
                    }
                    _ => {
                        let sym = match op {
                            UnaryOp::Neg => "-",
                            UnaryOp::Pos => "+",
                            _ => "~",
                        };
                        return Err(type_error(format!(
                            "bad operand type for unary {sym}: '{}'",
                            v.type_name()
                        )));
                    }
                }
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(first)?;
                for (op, rhs) in rest {
                    let right = self.eval(rhs)?;
                    if !self.compare(*op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Value::Bool(true)
            }
            ExprKind::Attr(obj, name) => {
                let obj = self.eval(obj)?;
                match method_name(&obj, name) {
                    Some(m) => Value::Method(Rc::new((obj, m))),
                    None => return Err(no_attribute(&obj, name)),
                }
            }
            ExprKind::Index(obj, idx) => {
                let obj = self.eval(obj)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    let mut bound = |x: &Option<Box<Expr>>| -> Result<Option<i64>, PyError> {
                        match x {
                            None => Ok(None),
                            Some(e) => match self.eval(e)? {
                                Value::None => Ok(None),
                                v => v.as_int().map(Some).ok_or_else(|| {
                                    type_error("slice indices must be integers or None or have an __index__ method")
                                }),
                            },
                        }
                    };
                    let (lo, hi, step) = (bound(lo)?, bound(hi)?, bound(step)?.unwrap_or(1));
                    return self.slice(&obj, lo, hi, step);
                }
                let key = self.eval(idx)?;
                self.getitem(&obj, &key)?
            }
            _ => return Err(PyError::new(ErrorKind::Syntax, "invalid syntax")),
        })
    }

    fn comprehension(
        &mut self,
        fors: &[CompFor],
        body: &mut dyn FnMut(&mut Interp) -> Result<(), PyError>,
    ) -> Result<(), PyError> {
        // The first iterable is evaluated in the enclosing scope, the rest inside.
        let first = self.eval(&fors[0].iter)?;
        self.frames
            .last_mut()
            .expect("a frame is always present")
            .comps
            .push(Map::default());
        let result = self.comp_level(fors, 0, Some(first), body);
        self.frames
            .last_mut()
            .expect("a frame is always present")
            .comps
            .pop();
        result
    }

    fn comp_level(
        &mut self,
        fors: &[CompFor],
        level: usize,
        iterable: Option<Value>,
        body: &mut dyn FnMut(&mut Interp) -> Result<(), PyError>,
    ) -> Result<(), PyError> {
        let Some(cf) = fors.get(level) else {
            return body(self);
        };
        let iterable = match iterable {
            Some(v) => v,
            None => self.eval(&cf.iter)?,
        };
        let mut it = self.iter(&iterable).map_err(|e| e.at(cf.iter.line))?;
        'items: while let Some(item) = self.next(&mut it)? {
            self.tick()?;
            self.assign(&cf.target, item, true)?;
            for cond in &cf.ifs {
                if !self.eval(cond)?.truthy() {
                    continue 'items;
                }
            }
            self.comp_level(fors, level + 1, None, body)?;
        }
        Ok(())
    }

    fn eval_args(&mut self, args: &[Arg]) -> Result<CallArgs, PyError> {
        let mut pos = Vec::with_capacity(args.len());
        let mut kw = Vec::new();
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval(e)?),
                Arg::Star(e) => {
                    let v = self.eval(e)?;
                    let items = self.collect(&v)?;
                    pos.extend(items);
                }
                Arg::Kw(name, e) => {
                    let v = self.eval(e)?;
                    if kw.iter().any(|(k, _)| k == name) {
                        return Err(PyError::new(
                            ErrorKind::Syntax,
                            format!("keyword argument repeated: {name}"),
                        ));
                    }
                    kw.push((name.clone(), v));
                }
            }
        }
        Ok((pos, kw))
    }

    // ----- operators -----

    fn inplace(&mut self, op: BinOp, cur: Value, rhs: Value) -> Result<Value, PyError> {
        self.inplace_op(op, cur, rhs).map_err(|mut e| {
            // CPython names the augmented operator: "unsupported operand type(s) for +=: ...".
            let plain = format!(
                "unsupported operand type(s) for {}:",
                op.symbol().trim_end_matches(" or pow()")
            );
            if let Some(rest) = e.message.strip_prefix(&plain) {
                e.message = format!(
                    "unsupported operand type(s) for {}=:{rest}",
                    op.symbol().trim_end_matches(" or pow()")
                );
            } else if let Some(rest) = e
                .message
                .strip_prefix("unsupported operand type(s) for ** or pow():")
            {
                e.message = format!("unsupported operand type(s) for **=:{rest}");
            }
            e
        })
    }

    fn inplace_op(&mut self, op: BinOp, cur: Value, rhs: Value) -> Result<Value, PyError> {
        // `lst += other` extends the list in place (other names for it see the change).
        if let (BinOp::Add, Value::List(l)) = (op, &cur) {
            let items = self.collect(&rhs)?;
            let new_len = l.0.borrow().len() + items.len();
            self.check_len("list", new_len)?;
            l.0.borrow_mut().extend(items);
            return Ok(cur);
        }
        self.binop(op, cur, rhs)
    }

    pub fn binop(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, PyError> {
        // bool & bool stays a bool in Python (True & False is False, not 0).
        if let (Value::Bool(x), Value::Bool(y)) = (&a, &b) {
            match op {
                BinOp::BitAnd => return Ok(Value::Bool(x & y)),
                BinOp::BitOr => return Ok(Value::Bool(x | y)),
                BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
                _ => {}
            }
        }
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            return self.int_op(op, x, y);
        }
        if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
            if !matches!(
                op,
                BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr
            ) {
                return float_op(op, x, y);
            }
        }
        match (op, &a, &b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                self.check_len("str", x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(Value::Str(Rc::from(s)));
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let (x, y) = (x.0.borrow(), y.0.borrow());
                let n = x.len() + y.len();
                drop((x, y));
                self.check_len("list", n)?;
                let (Value::List(x), Value::List(y)) = (&a, &b) else {
                    unreachable!()
                };
                let mut v = x.0.borrow().clone();
                v.extend(y.0.borrow().iter().cloned());
                return Ok(Value::list(v));
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                self.check_len("tuple", x.0.len() + y.0.len())?;
                let mut v = x.0.clone();
                v.extend(y.0.iter().cloned());
                return Ok(Value::tuple(v));
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
                if b.as_int().is_some() =>
            {
                return self.repeat(&a, b.as_int().expect("checked"));
            }
            (BinOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                if a.as_int().is_some() =>
            {
                return self.repeat(&b, a.as_int().expect("checked"));
            }
            (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => {
                return Err(type_error(format!(
                    "can only concatenate {} (not \"{}\") to {}",
                    a.type_name(),
                    b.type_name(),
                    a.type_name()
                )));
            }
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                // d1 | d2 (Python 3.9+): a new dict, right-hand values win.
                let mut merged = Dict::default();
                for (k, v) in
                    x.0.borrow()
                        .entries
                        .iter()
                        .chain(y.0.borrow().entries.iter())
                {
                    merged.insert(k.clone(), v.clone())?;
                }
                self.check_len("dict", merged.len())?;
                return Ok(Value::dict(merged));
            }
            (BinOp::Mod, Value::Str(_), _) => {
                return Err(type_error(
                    "'%' string formatting is not supported in this course's Python: use an f-string",
                ));
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
            | (BinOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                let seq = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    &b
                } else {
                    &a
                };
                return Err(type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    seq.type_name()
                )));
            }
            _ => {}
        }
        let sym = match op {
            BinOp::Pow => "** or pow()",
            other => other.symbol(),
        };
        Err(type_error(format!(
            "unsupported operand type(s) for {sym}: '{}' and '{}'",
            a.type_name(),
            b.type_name()
        )))
    }

    fn repeat(&mut self, seq: &Value, n: i64) -> Result<Value, PyError> {
        let n = n.max(0) as usize;
        match seq {
            Value::Str(s) => {
                let total = s.len().saturating_mul(n);
                if total > self.opts.max_collection_len {
                    return Err(PyError::new(
                        ErrorKind::Memory,
                        format!(
                            "refusing to build a str of {total} characters: the limit in this course's Python is {}",
                            self.opts.max_collection_len
                        ),
                    ));
                }
                self.check_len("str", total)?;
                Ok(Value::Str(Rc::from(s.repeat(n))))
            }
            Value::List(l) => {
                let items = l.0.borrow().clone();
                self.check_len("list", items.len().saturating_mul(n))?;
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                Ok(Value::list(out))
            }
            Value::Tuple(t) => {
                self.check_len("tuple", t.0.len().saturating_mul(n))?;
                let mut out = Vec::with_capacity(t.0.len() * n);
                for _ in 0..n {
                    out.extend(t.0.iter().cloned());
                }
                Ok(Value::tuple(out))
            }
            _ => unreachable!("repeat is only called on sequences"),
        }
    }

    fn int_op(&mut self, op: BinOp, x: i64, y: i64) -> Result<Value, PyError> {
        let zero = |msg: &str| PyError::new(ErrorKind::ZeroDivision, msg);
        Ok(Value::Int(match op {
            BinOp::Add => x.checked_add(y).ok_or_else(overflow)?,
            BinOp::Sub => x.checked_sub(y).ok_or_else(overflow)?,
            BinOp::Mul => x.checked_mul(y).ok_or_else(overflow)?,
            BinOp::Div => {
                if y == 0 {
                    return Err(zero("division by zero"));
                }
                return Ok(Value::Float(x as f64 / y as f64));
            }
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(zero("integer division or modulo by zero"));
                }
                let q = x.checked_div(y).ok_or_else(overflow)?;
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(zero("integer modulo by zero"));
                }
                let r = x.checked_rem(y).unwrap_or(0);
                if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(zero("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                match x {
                    0 | 1 => x.pow(if y == 0 { 0 } else { 1 }),
                    -1 => {
                        if y % 2 == 0 {
                            1
                        } else {
                            -1
                        }
                    }
                    _ => u32::try_from(y)
                        .ok()
                        .and_then(|e| x.checked_pow(e))
                        .ok_or_else(overflow)?,
                }
            }
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::Shl => {
                if y < 0 {
                    return Err(value_error("negative shift count"));
                }
                if x == 0 {
                    0
                } else {
                    let r = if y >= 64 {
                        None
                    } else {
                        x.checked_shl(y as u32).filter(|r| r >> y == x)
                    };
                    r.ok_or_else(overflow)?
                }
            }
            BinOp::Shr => {
                if y < 0 {
                    return Err(value_error("negative shift count"));
                }
                x >> y.min(63)
            }
        }))
    }

    fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Result<bool, PyError> {
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            _ => "",
        };
        // Comparing big containers is work: charge for it.
        let size = |v: &Value| match v {
            Value::List(l) => l.0.borrow().len(),
            Value::Tuple(t) => t.0.len(),
            Value::Dict(d) => d.0.borrow().len(),
            Value::Str(s) => s.len() / 16,
            _ => 0,
        };
        self.charge(
            size(a).min(size(b)) as u64
                + if matches!(op, CmpOp::In | CmpOp::NotIn) {
                    size(b) as u64
                } else {
                    0
                },
        )?;
        Ok(match op {
            CmpOp::Eq => self.eq(a, b)?,
            CmpOp::Ne => !self.eq(a, b)?,
            CmpOp::Lt => self.cmp(a, b, sym)? == Some(Ordering::Less),
            CmpOp::Le => matches!(self.cmp(a, b, sym)?, Some(Ordering::Less | Ordering::Equal)),
            CmpOp::Gt => self.cmp(a, b, sym)? == Some(Ordering::Greater),
            CmpOp::Ge => matches!(
                self.cmp(a, b, sym)?,
                Some(Ordering::Greater | Ordering::Equal)
            ),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Is => is_same(a, b),
            CmpOp::IsNot => !is_same(a, b),
        })
    }

    fn contains(&mut self, container: &Value, item: &Value) -> Result<bool, PyError> {
        match container {
            Value::List(l) => {
                let items = l.0.borrow().clone();
                for x in &items {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                for x in &t.0 {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) | Value::View(d, ViewKind::Keys) => {
                self.charge_key(item)?;
                d.0.borrow().contains(item)
            }
            Value::View(d, kind) => {
                let entries: Vec<(Value, Value)> = d.0.borrow().entries.clone();
                for (k, v) in entries {
                    let candidate = match kind {
                        ViewKind::Values => v,
                        _ => Value::tuple(vec![k, v]),
                    };
                    if self.eq(&candidate, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::Range { start, step, .. } => {
                let Some(i) = item.as_int().or_else(|| match item {
                    Value::Float(f) if f.fract() == 0.0 => Some(*f as i64),
                    _ => None,
                }) else {
                    return Ok(false);
                };
                let n = range_len(container);
                let offset = (i as i128 - *start as i128) / *step as i128;
                Ok((i as i128 - *start as i128) % *step as i128 == 0
                    && offset >= 0
                    && offset < n as i128)
            }
            other => Err(type_error(format!(
                "argument of type '{}' is not iterable",
                other.type_name()
            ))),
        }
    }

    fn getitem(&mut self, obj: &Value, key: &Value) -> Result<Value, PyError> {
        let int_key = |what: &str| {
            key.as_int().ok_or_else(|| {
                type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    key.type_name()
                ))
            })
        };
        match obj {
            Value::List(l) => {
                let i = int_key("list")?;
                let items = l.0.borrow();
                norm_index(i, items.len())
                    .map(|i| items[i].clone())
                    .ok_or_else(|| PyError::new(ErrorKind::Index, "list index out of range"))
            }
            Value::Tuple(t) => {
                let i = int_key("tuple")?;
                norm_index(i, t.0.len())
                    .map(|i| t.0[i].clone())
                    .ok_or_else(|| PyError::new(ErrorKind::Index, "tuple index out of range"))
            }
            Value::Str(s) => {
                let i = key.as_int().ok_or_else(|| {
                    type_error(format!(
                        "string indices must be integers, not '{}'",
                        key.type_name()
                    ))
                })?;
                let n = s.chars().count();
                self.charge(n as u64 / 16)?;
                norm_index(i, n)
                    .and_then(|i| s.chars().nth(i))
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    .ok_or_else(|| PyError::new(ErrorKind::Index, "string index out of range"))
            }
            Value::Dict(d) => {
                self.charge_key(key)?;
                let found = d.0.borrow().get(key)?.cloned();
                match found {
                    Some(v) => Ok(v),
                    None => Err(PyError::new(ErrorKind::Key, key.repr()?)),
                }
            }
            Value::Range { start, step, .. } => {
                let i = int_key("range")?;
                norm_index(i, range_len(obj) as usize)
                    .map(|i| Value::Int(start + step * i as i64))
                    .ok_or_else(|| {
                        PyError::new(ErrorKind::Index, "range object index out of range")
                    })
            }
            other => Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            ))),
        }
    }

    fn slice(
        &mut self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: i64,
    ) -> Result<Value, PyError> {
        if step == 0 {
            return Err(value_error("slice step cannot be zero"));
        }
        match obj {
            Value::List(l) => {
                let items = l.0.borrow();
                let pos = slice_positions(items.len(), lo, hi, step);
                let out: Vec<Value> = pos.iter().map(|&i| items[i].clone()).collect();
                drop(items);
                self.charge(out.len() as u64)?;
                Ok(Value::list(out))
            }
            Value::Tuple(t) => {
                let pos = slice_positions(t.0.len(), lo, hi, step);
                self.charge(pos.len() as u64)?;
                Ok(Value::tuple(pos.iter().map(|&i| t.0[i].clone()).collect()))
            }
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let pos = slice_positions(chars.len(), lo, hi, step);
                self.charge(chars.len() as u64 / 16)?;
                Ok(Value::str(
                    &pos.iter().map(|&i| chars[i]).collect::<String>(),
                ))
            }
            r @ Value::Range {
                start, step: rstep, ..
            } => {
                // Slicing a range gives a range, as in CPython: range(5)[::-1] is range(4, -1, -1).
                let (lo, hi) = slice_bounds(range_len(r) as usize, lo, hi, step);
                let at = |i: i64| start.saturating_add(rstep.saturating_mul(i));
                Ok(Value::Range {
                    start: at(lo),
                    stop: at(hi),
                    step: rstep.saturating_mul(step),
                })
            }
            Value::Dict(_) => Err(type_error("unhashable type: 'slice'")),
            other => Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            ))),
        }
    }

    // ----- calls -----

    pub fn call_value(
        &mut self,
        f: &Value,
        pos: Vec<Value>,
        kw: Vec<(String, Value)>,
    ) -> Result<Value, PyError> {
        match f {
            Value::Builtin(name) => self.call_builtin(name, pos, kw),
            Value::Method(m) => {
                let (obj, name) = (m.0.clone(), m.1);
                self.call_method(&obj, name, pos, kw)
            }
            Value::Func(f) => self.call_function(f, pos, kw),
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    fn call_function(
        &mut self,
        func: &Rc<FuncObj>,
        pos: Vec<Value>,
        kw: Vec<(String, Value)>,
    ) -> Result<Value, PyError> {
        let (def, defaults) = (&func.def, &func.defaults);
        self.tick()?;
        if self.frames.len() > self.opts.max_call_depth {
            return Err(PyError::new(
                ErrorKind::Recursion,
                "maximum recursion depth exceeded",
            ));
        }
        let n = def.params.len();
        let first_default = n - defaults.len();
        if pos.len() > n {
            let takes = if defaults.is_empty() {
                plural(n, "positional argument")
            } else {
                format!("from {first_default} to {n} positional arguments")
            };
            let given = if pos.len() == 1 {
                "1 was given".to_string()
            } else {
                format!("{} were given", pos.len())
            };
            return Err(type_error(format!(
                "{}() takes {takes} but {given}",
                def.name
            )));
        }
        let mut slots: Vec<Option<Value>> = pos.into_iter().map(Some).collect();
        slots.resize(n, None);
        for (k, v) in kw {
            let Some(i) = def.params.iter().position(|p| **p == *k) else {
                return Err(type_error(format!(
                    "{}() got an unexpected keyword argument '{k}'",
                    def.name
                )));
            };
            if slots[i].is_some() {
                return Err(type_error(format!(
                    "{}() got multiple values for argument '{k}'",
                    def.name
                )));
            }
            slots[i] = Some(v);
        }
        let mut missing = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() {
                if i >= first_default {
                    *slot = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(format!("'{}'", def.params[i]));
                }
            }
        }
        if !missing.is_empty() {
            let names = match missing.len() {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
            };
            return Err(type_error(format!(
                "{}() missing {} required positional argument{}: {names}",
                def.name,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            )));
        }
        let locals = def
            .params
            .iter()
            .cloned()
            .zip(slots.into_iter().map(|s| s.expect("filled")))
            .collect();
        self.frames.push(Frame {
            func: Some(def.clone()),
            locals: Rc::new(RefCell::new(locals)),
            env: func.env.clone(),
            comps: Vec::new(),
        });
        let result = self.exec_block(&def.body);
        self.frames.pop();
        match result? {
            Flow::Return(v) => Ok(v),
            Flow::Break | Flow::Continue => {
                Err(PyError::new(ErrorKind::Syntax, "'break' outside loop"))
            }
            Flow::Normal => Ok(Value::None),
        }
    }

    fn write_out(&mut self, s: &str) -> Result<(), PyError> {
        self.charge(s.len() as u64 / 16)?;
        if self.out.len() + s.len() > self.opts.max_output_bytes {
            return Err(PyError::new(
                ErrorKind::Timeout,
                format!(
                    "stopped after printing {} bytes of output: is there an infinite loop?",
                    self.opts.max_output_bytes
                ),
            ));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn call_builtin(
        &mut self,
        name: &str,
        pos: Vec<Value>,
        kw: Vec<(String, Value)>,
    ) -> Result<Value, PyError> {
        self.tick()?;
        let kw_allowed: &[&str] = match name {
            "print" => &["sep", "end", "flush"],
            "sum" => &["start"],
            "min" | "max" => &["key", "default"],
            "sorted" => &["key", "reverse"],
            "round" => &["ndigits"],
            "enumerate" => &["start"],
            "dict" => &["*"],
            _ => &[],
        };
        for (k, _) in &kw {
            if !kw_allowed.contains(&k.as_str()) && kw_allowed != ["*"] {
                return Err(type_error(if kw_allowed.is_empty() {
                    format!("{name}() takes no keyword arguments")
                } else {
                    format!("'{k}' is an invalid keyword argument for {name}()")
                }));
            }
        }
        let kwarg = |k: &str| kw.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let arity = |lo: usize, hi: usize| -> Result<(), PyError> {
            let n = pos.len();
            if n >= lo && n <= hi {
                return Ok(());
            }
            Err(type_error(if lo == hi && lo == 1 {
                format!("{name}() takes exactly one argument ({n} given)")
            } else if n < lo {
                format!(
                    "{name} expected at least {lo} argument{}, got {n}",
                    if lo == 1 { "" } else { "s" }
                )
            } else if hi == 0 {
                format!("{name}() takes no arguments ({n} given)")
            } else {
                format!(
                    "{name} expected at most {hi} argument{}, got {n}",
                    if hi == 1 { "" } else { "s" }
                )
            }))
        };
        match name {
            "print" => {
                let text_of =
                    |v: Option<Value>, default: &str, what: &str| -> Result<String, PyError> {
                        match v {
                            None | Some(Value::None) => Ok(default.to_string()),
                            Some(Value::Str(s)) => Ok(s.to_string()),
                            Some(other) => Err(type_error(format!(
                                "{what} must be None or a string, not {}",
                                other.type_name()
                            ))),
                        }
                    };
                let sep = text_of(kwarg("sep"), " ", "sep")?;
                let end = text_of(kwarg("end"), "\n", "end")?;
                let mut line = String::new();
                for (i, v) in pos.iter().enumerate() {
                    if i > 0 {
                        line.push_str(&sep);
                    }
                    line.push_str(&v.to_str()?);
                    if line.len() > self.opts.max_output_bytes {
                        break;
                    }
                }
                line.push_str(&end);
                self.write_out(&line)?;
                Ok(Value::None)
            }
            "len" => {
                arity(1, 1)?;
                let n = match &pos[0] {
                    Value::Str(s) => {
                        self.charge(s.len() as u64 / 16)?;
                        s.chars().count()
                    }
                    Value::List(l) => l.0.borrow().len(),
                    Value::Tuple(t) => t.0.len(),
                    Value::Dict(d) | Value::View(d, _) => d.0.borrow().len(),
                    r @ Value::Range { .. } => range_len(r) as usize,
                    other => {
                        return Err(type_error(format!(
                            "object of type '{}' has no len()",
                            other.type_name()
                        )))
                    }
                };
                Ok(Value::Int(n as i64))
            }
            "range" => {
                if pos.is_empty() {
                    return Err(type_error("range expected at least 1 argument, got 0"));
                }
                arity(1, 3)?;
                let ints = pos
                    .iter()
                    .map(|v| {
                        v.as_int().ok_or_else(|| {
                            type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                v.type_name()
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let (start, stop, step) = match ints.len() {
                    1 => (0, ints[0], 1),
                    2 => (ints[0], ints[1], 1),
                    _ => (ints[0], ints[1], ints[2]),
                };
                if step == 0 {
                    return Err(value_error("range() arg 3 must not be zero"));
                }
                Ok(Value::Range { start, stop, step })
            }
            "sum" => {
                arity(1, 2)?;
                let items = self.collect(&pos[0])?;
                let mut acc = pos
                    .get(1)
                    .cloned()
                    .or_else(|| kwarg("start"))
                    .unwrap_or(Value::Int(0));
                if let Value::Str(_) = acc {
                    return Err(type_error(
                        "sum() can't sum strings [use ''.join(seq) instead]",
                    ));
                }
                for x in items {
                    acc = self.binop(BinOp::Add, acc, x)?;
                }
                Ok(acc)
            }
            "min" | "max" => {
                if pos.is_empty() {
                    return Err(type_error(format!(
                        "{name} expected at least 1 argument, got 0"
                    )));
                }
                let items = if pos.len() == 1 {
                    self.collect(&pos[0])?
                } else {
                    pos
                };
                let key = kwarg("key").filter(|k| !matches!(k, Value::None));
                if items.is_empty() {
                    return match kwarg("default") {
                        Some(d) => Ok(d),
                        None => Err(value_error(format!("{name}() arg is an empty sequence"))),
                    };
                }
                let want = if name == "min" {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let sym = if name == "min" { "<" } else { ">" };
                let mut best: Option<(Value, Value)> = None;
                for item in items {
                    let k = match &key {
                        Some(f) => self.call_value(f, vec![item.clone()], Vec::new())?,
                        None => item.clone(),
                    };
                    best = match best {
                        None => Some((k, item)),
                        Some((bk, bv)) => {
                            // Python compares new against best with `<`/`>`, so the first extreme wins.
                            if self.cmp(&k, &bk, sym)? == Some(want) {
                                Some((k, item))
                            } else {
                                Some((bk, bv))
                            }
                        }
                    };
                }
                Ok(best.expect("non-empty").1)
            }
            "sorted" => {
                arity(1, 1)?;
                let items = self.collect(&pos[0])?;
                self.sort_values(items, kwarg("key"), kwarg("reverse"))
                    .map(Value::list)
            }
            "reversed" => {
                arity(1, 1)?;
                if !matches!(
                    pos[0],
                    Value::List(_)
                        | Value::Tuple(_)
                        | Value::Str(_)
                        | Value::Range { .. }
                        | Value::Dict(_)
                        | Value::View(..)
                ) {
                    return Err(type_error(format!(
                        "'{}' object is not reversible",
                        pos[0].type_name()
                    )));
                }
                let mut items = self.collect(&pos[0])?;
                items.reverse();
                Ok(Value::list(items))
            }
            "round" => {
                arity(1, 2)?;
                let nd = pos
                    .get(1)
                    .cloned()
                    .or_else(|| kwarg("ndigits"))
                    .filter(|v| !matches!(v, Value::None));
                let nd = match nd {
                    None => None,
                    Some(v) => Some(v.as_int().ok_or_else(|| {
                        type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            v.type_name()
                        ))
                    })?),
                };
                match (&pos[0], nd) {
                    (Value::Float(x), None) => float_to_int(x.round_ties_even()),
                    (Value::Float(x), Some(d)) => Ok(Value::Float(round_float(*x, d))),
                    (v, d) if v.as_int().is_some() => {
                        let i = v.as_int().expect("checked");
                        match d {
                            Some(d) if d < 0 => {
                                let Some(p) = 10i64.checked_pow((-d) as u32) else {
                                    return Ok(Value::Int(0));
                                };
                                let (q, r) = (i.div_euclid(p), i.rem_euclid(p));
                                let q = if 2 * r as i128 > p as i128
                                    || (2 * r as i128 == p as i128 && q % 2 != 0)
                                {
                                    q + 1
                                } else {
                                    q
                                };
                                Ok(Value::Int(q.checked_mul(p).ok_or_else(overflow)?))
                            }
                            _ => Ok(Value::Int(i)),
                        }
                    }
                    (other, _) => Err(type_error(format!(
                        "type {} doesn't define __round__ method",
                        other.type_name()
                    ))),
                }
            }
            "abs" => {
                arity(1, 1)?;
                match &pos[0] {
                    Value::Float(f) => Ok(Value::Float(f.abs())),
                    v if v.as_int().is_some() => Ok(Value::Int(
                        v.as_int()
                            .expect("checked")
                            .checked_abs()
                            .ok_or_else(overflow)?,
                    )),
                    other => Err(type_error(format!(
                        "bad operand type for abs(): '{}'",
                        other.type_name()
                    ))),
                }
            }
            "str" => {
                arity(0, 1)?;
                match pos.first() {
                    None => Ok(Value::str("")),
                    Some(v) => {
                        let s = v.to_str()?;
                        self.new_str(s)
                    }
                }
            }
            "repr" => {
                arity(1, 1)?;
                let s = pos[0].repr()?;
                self.new_str(s)
            }
            "int" => {
                arity(0, 1)?;
                match pos.first() {
                    None => Ok(Value::Int(0)),
                    Some(Value::Float(f)) => float_to_int(f.trunc()),
                    Some(v) if v.as_int().is_some() => Ok(Value::Int(v.as_int().expect("checked"))),
                    Some(Value::Str(s)) => parse_int(s).map(Value::Int),
                    Some(other) => Err(type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        other.type_name()
                    ))),
                }
            }
            "float" => {
                arity(0, 1)?;
                match pos.first() {
                    None => Ok(Value::Float(0.0)),
                    Some(Value::Str(s)) => parse_float(s).map(Value::Float),
                    Some(v) if v.as_f64().is_some() => {
                        Ok(Value::Float(v.as_f64().expect("checked")))
                    }
                    Some(other) => Err(type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        other.type_name()
                    ))),
                }
            }
            "bool" => {
                arity(0, 1)?;
                Ok(Value::Bool(pos.first().is_some_and(|v| v.truthy())))
            }
            "list" => {
                arity(0, 1)?;
                match pos.first() {
                    None => Ok(Value::list(Vec::new())),
                    Some(v) => self.collect(v).map(Value::list),
                }
            }
            "tuple" => {
                arity(0, 1)?;
                match pos.first() {
                    None => Ok(Value::tuple(Vec::new())),
                    Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
                    Some(v) => self.collect(v).map(Value::tuple),
                }
            }
            "dict" => {
                arity(0, 1)?;
                let mut d = Dict::default();
                if let Some(src) = pos.first() {
                    self.dict_update(&mut d, src)?;
                }
                for (k, v) in kw {
                    d.insert(Value::str(&k), v)?;
                }
                Ok(Value::dict(d))
            }
            "enumerate" => {
                arity(1, 2)?;
                let items = self.collect(&pos[0])?;
                let start = pos
                    .get(1)
                    .cloned()
                    .or_else(|| kwarg("start"))
                    .unwrap_or(Value::Int(0));
                let start = start.as_int().ok_or_else(|| {
                    type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        start.type_name()
                    ))
                })?;
                let out = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v]))
                    .collect();
                Ok(Value::list(out))
            }
            "zip" => {
                let lists = pos
                    .iter()
                    .map(|v| self.collect(v))
                    .collect::<Result<Vec<_>, _>>()?;
                let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
                let out = (0..n)
                    .map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect()))
                    .collect();
                Ok(Value::list(out))
            }
            "any" | "all" => {
                arity(1, 1)?;
                let items = self.collect(&pos[0])?;
                let want = name == "any";
                Ok(Value::Bool(if want {
                    items.iter().any(|v| v.truthy())
                } else {
                    items.iter().all(|v| v.truthy())
                }))
            }
            "type" => {
                arity(1, 1)?;
                Ok(Value::str(&format!("<class '{}'>", pos[0].type_name())))
            }
            "isinstance" => {
                arity(2, 2)?;
                let Value::Builtin(t) = &pos[1] else {
                    return Err(type_error(
                        "isinstance() arg 2 must be a type, a tuple of types, or a union",
                    ));
                };
                let tn = pos[0].type_name();
                Ok(Value::Bool(tn == *t || (tn == "bool" && *t == "int")))
            }
            _ => Err(name_error(name)),
        }
    }

    fn dict_update(&mut self, d: &mut Dict, src: &Value) -> Result<(), PyError> {
        if let Value::Dict(other) = src {
            let entries = other.0.borrow().entries.clone();
            self.charge(entries.len() as u64)?;
            for (k, v) in entries {
                d.insert(k, v)?;
            }
            return Ok(());
        }
        let items = self.collect(src)?;
        for (i, item) in items.into_iter().enumerate() {
            let pair = match &item {
                Value::Tuple(_) | Value::List(_) | Value::Str(_) => self.collect(&item)?,
                _ => {
                    return Err(type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )))
                }
            };
            if pair.len() != 2 {
                return Err(value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            let mut it = pair.into_iter();
            let (k, v) = (it.next().expect("two"), it.next().expect("two"));
            d.insert(k, v)?;
        }
        Ok(())
    }

    fn sort_values(
        &mut self,
        items: Vec<Value>,
        key: Option<Value>,
        reverse: Option<Value>,
    ) -> Result<Vec<Value>, PyError> {
        let n = items.len() as u64;
        self.charge(n * (64 - n.leading_zeros() as u64).max(1))?;
        let key = key.filter(|k| !matches!(k, Value::None));
        let mut keyed = Vec::with_capacity(items.len());
        for item in items {
            let k = match &key {
                Some(f) => self.call_value(f, vec![item.clone()], Vec::new())?,
                None => item.clone(),
            };
            keyed.push((k, item));
        }
        let reverse = reverse.is_some_and(|r| r.truthy());
        if reverse {
            keyed.reverse();
        }
        let mut err = None;
        let mut work = self.opts.max_steps.saturating_sub(self.steps);
        keyed.sort_by(|a, b| {
            if err.is_some() {
                return Ordering::Equal;
            }
            match py_cmp(&a.0, &b.0, "<", 0, &mut work) {
                Ok(o) => o.unwrap_or(Ordering::Equal),
                Err(e) => {
                    err = Some(e);
                    Ordering::Equal
                }
            }
        });
        if let Some(e) = err {
            return Err(self.budget_error(e));
        }
        if reverse {
            keyed.reverse();
        }
        Ok(keyed.into_iter().map(|(_, v)| v).collect())
    }

    fn call_method(
        &mut self,
        obj: &Value,
        name: &str,
        pos: Vec<Value>,
        kw: Vec<(String, Value)>,
    ) -> Result<Value, PyError> {
        self.tick()?;
        let Some(name) = method_name(obj, name) else {
            return Err(no_attribute(obj, name));
        };
        let qual = format!("{}.{name}", obj.type_name());
        if !kw.is_empty() && !matches!(name, "sort" | "split" | "update" | "get" | "pop") {
            return Err(type_error(format!("{qual}() takes no keyword arguments")));
        }
        let kwarg = |k: &str| kw.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let arity = |lo: usize, hi: usize| -> Result<(), PyError> {
            let n = pos.len();
            if n >= lo && n <= hi {
                Ok(())
            } else if lo == hi && lo == 1 {
                Err(type_error(format!(
                    "{qual}() takes exactly one argument ({n} given)"
                )))
            } else if hi == 0 {
                Err(type_error(format!(
                    "{qual}() takes no arguments ({n} given)"
                )))
            } else if n < lo {
                Err(type_error(format!(
                    "{name} expected at least {lo} argument{}, got {n}",
                    if lo == 1 { "" } else { "s" }
                )))
            } else {
                Err(type_error(format!(
                    "{name} expected at most {hi} argument{}, got {n}",
                    if hi == 1 { "" } else { "s" }
                )))
            }
        };
        let str_arg = |v: &Value, what: &str| -> Result<Rc<str>, PyError> {
            match v {
                Value::Str(s) => Ok(s.clone()),
                other => Err(type_error(format!(
                    "{what}must be str, not {}",
                    other.type_name()
                ))),
            }
        };
        match obj {
            Value::List(l) => match name {
                "append" => {
                    arity(1, 1)?;
                    let n = l.0.borrow().len() + 1;
                    if n > self.opts.max_collection_len {
                        self.check_len("list", n)?;
                    }
                    l.0.borrow_mut().push(pos.into_iter().next().expect("one"));
                    Ok(Value::None)
                }
                "extend" => {
                    arity(1, 1)?;
                    let items = self.collect(&pos[0])?;
                    let n = l.0.borrow().len() + items.len();
                    self.check_len("list", n)?;
                    l.0.borrow_mut().extend(items);
                    Ok(Value::None)
                }
                "insert" => {
                    arity(2, 2)?;
                    let i = pos[0]
                        .as_int()
                        .ok_or_else(|| type_error("'index' must be an integer"))?;
                    let len = l.0.borrow().len();
                    self.check_len("list", len + 1)?;
                    let i = if i < 0 {
                        (i + len as i64).max(0) as usize
                    } else {
                        (i as usize).min(len)
                    };
                    l.0.borrow_mut().insert(i, pos[1].clone());
                    Ok(Value::None)
                }
                "pop" => {
                    arity(0, 1)?;
                    let len = l.0.borrow().len();
                    if len == 0 {
                        return Err(PyError::new(ErrorKind::Index, "pop from empty list"));
                    }
                    let i = match pos.first() {
                        None => -1,
                        Some(v) => v.as_int().ok_or_else(|| {
                            type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                v.type_name()
                            ))
                        })?,
                    };
                    let i = norm_index(i, len)
                        .ok_or_else(|| PyError::new(ErrorKind::Index, "pop index out of range"))?;
                    self.charge((len - i) as u64)?;
                    Ok(l.0.borrow_mut().remove(i))
                }
                "remove" | "index" | "count" => {
                    arity(1, 1)?;
                    let items = l.0.borrow().clone();
                    self.charge(items.len() as u64)?;
                    let mut found = Vec::new();
                    for (i, x) in items.iter().enumerate() {
                        if self.eq(x, &pos[0])? {
                            found.push(i);
                            if name != "count" {
                                break;
                            }
                        }
                    }
                    match (name, found.first()) {
                        ("count", _) => Ok(Value::Int(found.len() as i64)),
                        ("index", Some(&i)) => Ok(Value::Int(i as i64)),
                        ("remove", Some(&i)) => {
                            l.0.borrow_mut().remove(i);
                            Ok(Value::None)
                        }
                        ("index", None) => {
                            Err(value_error(format!("{} is not in list", pos[0].repr()?)))
                        }
                        _ => Err(value_error("list.remove(x): x not in list")),
                    }
                }
                "sort" => {
                    arity(0, 0)?;
                    let items = l.0.borrow().clone();
                    let sorted = self.sort_values(items, kwarg("key"), kwarg("reverse"))?;
                    *l.0.borrow_mut() = sorted;
                    Ok(Value::None)
                }
                "reverse" => {
                    arity(0, 0)?;
                    l.0.borrow_mut().reverse();
                    Ok(Value::None)
                }
                "copy" => {
                    arity(0, 0)?;
                    let items = l.0.borrow().clone();
                    self.charge(items.len() as u64)?;
                    Ok(Value::list(items))
                }
                _ => {
                    arity(0, 0)?;
                    l.0.borrow_mut().clear();
                    Ok(Value::None)
                }
            },
            r @ Value::Range { start, step, .. } => {
                arity(1, 1)?;
                let found = self.contains(r, &pos[0])?;
                match (name, found) {
                    ("count", _) => Ok(Value::Int(found as i64)),
                    (_, true) => {
                        let i = pos[0].as_int().unwrap_or(0);
                        Ok(Value::Int((i - start) / step))
                    }
                    _ => Err(value_error(format!("{} is not in range", pos[0].repr()?))),
                }
            }
            Value::Tuple(t) => {
                arity(1, 1)?;
                self.charge(t.0.len() as u64)?;
                let mut found = Vec::new();
                for (i, x) in t.0.iter().enumerate() {
                    if self.eq(x, &pos[0])? {
                        found.push(i);
                    }
                }
                match (name, found.first()) {
                    ("count", _) => Ok(Value::Int(found.len() as i64)),
                    (_, Some(&i)) => Ok(Value::Int(i as i64)),
                    _ => Err(value_error("tuple.index(x): x not in tuple")),
                }
            }
            Value::Dict(d) => match name {
                "keys" | "values" | "items" => {
                    arity(0, 0)?;
                    let kind = match name {
                        "keys" => ViewKind::Keys,
                        "values" => ViewKind::Values,
                        _ => ViewKind::Items,
                    };
                    Ok(Value::View(d.clone(), kind))
                }
                "get" => {
                    arity(1, 2)?;
                    self.charge_key(&pos[0])?;
                    let found = d.0.borrow().get(&pos[0])?.cloned();
                    Ok(found.or_else(|| pos.get(1).cloned()).unwrap_or(Value::None))
                }
                "pop" => {
                    arity(1, 2)?;
                    let removed = d.0.borrow_mut().remove(&pos[0])?;
                    self.charge(d.0.borrow().len() as u64)?;
                    match (removed, pos.get(1)) {
                        (Some(v), _) => Ok(v),
                        (None, Some(default)) => Ok(default.clone()),
                        (None, None) => Err(PyError::new(ErrorKind::Key, pos[0].repr()?)),
                    }
                }
                "setdefault" => {
                    arity(1, 2)?;
                    let existing = d.0.borrow().get(&pos[0])?.cloned();
                    match existing {
                        Some(v) => Ok(v),
                        None => {
                            let v = pos.get(1).cloned().unwrap_or(Value::None);
                            d.0.borrow_mut().insert(pos[0].clone(), v.clone())?;
                            Ok(v)
                        }
                    }
                }
                "update" => {
                    arity(0, 1)?;
                    let mut tmp = Dict::default();
                    if let Some(src) = pos.first() {
                        self.dict_update(&mut tmp, src)?;
                    }
                    for (k, v) in kw {
                        tmp.insert(Value::str(&k), v)?;
                    }
                    let mut target = d.0.borrow_mut();
                    for (k, v) in std::mem::take(&mut tmp.entries) {
                        target.insert(k, v)?;
                    }
                    Ok(Value::None)
                }
                "copy" => {
                    arity(0, 0)?;
                    let mut c = Dict::default();
                    self.dict_update(&mut c, obj)?;
                    Ok(Value::dict(c))
                }
                _ => {
                    arity(0, 0)?;
                    d.0.borrow_mut().clear();
                    Ok(Value::None)
                }
            },
            Value::Str(s) => {
                self.charge(s.len() as u64 / 16)?;
                match name {
                    "upper" | "lower" | "title" | "capitalize" | "isdigit" | "isalpha"
                    | "isspace" => {
                        arity(0, 0)?;
                        Ok(match name {
                            "upper" => Value::str(&s.to_uppercase()),
                            "lower" => Value::str(&s.to_lowercase()),
                            "title" => Value::str(&title_case(s)),
                            "capitalize" => {
                                let mut c = s.chars();
                                Value::str(&match c.next() {
                                    Some(f) => {
                                        f.to_uppercase().collect::<String>()
                                            + &c.as_str().to_lowercase()
                                    }
                                    None => String::new(),
                                })
                            }
                            "isdigit" => {
                                Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
                            }
                            "isalpha" => {
                                Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_alphabetic()))
                            }
                            _ => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_whitespace())),
                        })
                    }
                    "strip" | "lstrip" | "rstrip" => {
                        arity(0, 1)?;
                        let chars: Option<Vec<char>> = match pos.first() {
                            None | Some(Value::None) => None,
                            Some(v) => Some(str_arg(v, &format!("{name} arg"))?.chars().collect()),
                        };
                        let pred = |c: char| match &chars {
                            None => c.is_whitespace(),
                            Some(cs) => cs.contains(&c),
                        };
                        Ok(Value::str(match name {
                            "strip" => s.trim_matches(pred),
                            "lstrip" => s.trim_start_matches(pred),
                            _ => s.trim_end_matches(pred),
                        }))
                    }
                    "split" => {
                        arity(0, 2)?;
                        let sep = pos
                            .first()
                            .cloned()
                            .or_else(|| kwarg("sep"))
                            .filter(|v| !matches!(v, Value::None));
                        let maxsplit = pos
                            .get(1)
                            .cloned()
                            .or_else(|| kwarg("maxsplit"))
                            .and_then(|v| v.as_int())
                            .unwrap_or(-1);
                        let parts: Vec<Value> = match sep {
                            None => {
                                let mut parts = Vec::new();
                                let mut rest = s.trim_start();
                                while !rest.is_empty() {
                                    if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                                        parts.push(Value::str(rest));
                                        break;
                                    }
                                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                                    parts.push(Value::str(&rest[..end]));
                                    rest = rest[end..].trim_start();
                                }
                                parts
                            }
                            Some(sep) => {
                                let sep = str_arg(&sep, "must be str or None, not")?;
                                if sep.is_empty() {
                                    return Err(value_error("empty separator"));
                                }
                                if maxsplit >= 0 {
                                    s.splitn(maxsplit as usize + 1, &*sep)
                                        .map(Value::str)
                                        .collect()
                                } else {
                                    s.split(&*sep).map(Value::str).collect()
                                }
                            }
                        };
                        Ok(Value::list(parts))
                    }
                    "join" => {
                        arity(1, 1)?;
                        let items = self.collect(&pos[0]).map_err(|e| {
                            if e.message.ends_with("object is not iterable") {
                                type_error("can only join an iterable")
                            } else {
                                e
                            }
                        })?;
                        let mut out = String::new();
                        for (i, item) in items.iter().enumerate() {
                            let Value::Str(part) = item else {
                                return Err(type_error(format!(
                                    "sequence item {i}: expected str instance, {} found",
                                    item.type_name()
                                )));
                            };
                            if i > 0 {
                                out.push_str(s);
                            }
                            out.push_str(part);
                            if out.len() > self.opts.max_collection_len {
                                self.check_len("str", out.len())?;
                            }
                        }
                        self.new_str(out)
                    }
                    "replace" => {
                        arity(2, 3)?;
                        let old = str_arg(&pos[0], "replace() argument 1")?;
                        let new = str_arg(&pos[1], "replace() argument 2")?;
                        let count = if old.is_empty() {
                            s.chars().count() + 1
                        } else {
                            s.matches(&*old).count()
                        };
                        let total = s.len() + count.saturating_mul(new.len());
                        self.check_len("str", total)?;
                        match pos.get(2).and_then(|v| v.as_int()) {
                            Some(n) if n >= 0 => {
                                Ok(Value::str(&s.replacen(&*old, &new, n as usize)))
                            }
                            _ => Ok(Value::str(&s.replace(&*old, &new))),
                        }
                    }
                    "startswith" | "endswith" | "find" | "count" | "index" => {
                        arity(1, 1)?;
                        let sub = match (&pos[0], name) {
                            (Value::Str(_), _) | (_, "find" | "count" | "index") => {
                                str_arg(&pos[0], "")?
                            }
                            (other, _) => {
                                return Err(type_error(format!(
                                    "{name} first arg must be str or a tuple of str, not {}",
                                    other.type_name()
                                )))
                            }
                        };
                        Ok(match name {
                            "startswith" => Value::Bool(s.starts_with(&*sub)),
                            "endswith" => Value::Bool(s.ends_with(&*sub)),
                            "find" => Value::Int(
                                s.find(&*sub)
                                    .map(|b| s[..b].chars().count() as i64)
                                    .unwrap_or(-1),
                            ),
                            "index" => match s.find(&*sub) {
                                Some(b) => Value::Int(s[..b].chars().count() as i64),
                                None => return Err(value_error("substring not found")),
                            },
                            _ => Value::Int(if sub.is_empty() {
                                s.chars().count() as i64 + 1
                            } else {
                                s.matches(&*sub).count() as i64
                            }),
                        })
                    }
                    _ => Err(no_attribute(obj, name)),
                }
            }
            _ => Err(no_attribute(obj, name)),
        }
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_letter = true;
        } else {
            out.push(c);
            prev_letter = false;
        }
    }
    out
}

/// The methods each type has, as static names (so a bound method needs no allocation).
fn method_name(obj: &Value, name: &str) -> Option<&'static str> {
    let table: &[&'static str] = match obj {
        Value::List(_) => &[
            "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse",
            "copy", "clear",
        ],
        Value::Dict(_) => &[
            "keys",
            "values",
            "items",
            "get",
            "pop",
            "setdefault",
            "update",
            "copy",
            "clear",
        ],
        Value::Str(_) => &[
            "upper",
            "lower",
            "title",
            "capitalize",
            "isdigit",
            "isalpha",
            "isspace",
            "strip",
            "lstrip",
            "rstrip",
            "split",
            "join",
            "replace",
            "startswith",
            "endswith",
            "find",
            "count",
            "index",
        ],
        Value::Tuple(_) | Value::Range { .. } => &["index", "count"],
        _ => &[],
    };
    table.iter().find(|m| **m == name).copied()
}

fn no_attribute(obj: &Value, name: &str) -> PyError {
    let e = PyError::new(
        ErrorKind::Attribute,
        format!("'{}' object has no attribute '{name}'", obj.type_name()),
    );
    // Like dir(obj), CPython's candidates are sorted.
    let mut methods: Vec<&str> = METHOD_NAMES
        .iter()
        .copied()
        .filter(|m| method_name(obj, m).is_some())
        .collect();
    methods.sort_unstable();
    with_suggestion(e, name, methods)
}

/// Every method name any type has, for spelling suggestions.
const METHOD_NAMES: &[&str] = &[
    "append",
    "capitalize",
    "clear",
    "copy",
    "count",
    "endswith",
    "extend",
    "find",
    "get",
    "index",
    "insert",
    "isalpha",
    "isdigit",
    "isspace",
    "items",
    "join",
    "keys",
    "lower",
    "lstrip",
    "pop",
    "remove",
    "replace",
    "reverse",
    "rstrip",
    "setdefault",
    "sort",
    "split",
    "startswith",
    "strip",
    "title",
    "update",
    "upper",
    "values",
];

fn is_same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => Rc::ptr_eq(x, y),
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y),
        (Value::Func(x), Value::Func(y)) => Rc::ptr_eq(x, y),
        (Value::Builtin(x), Value::Builtin(y)) => x == y,
        _ => false,
    }
}

fn float_op(op: BinOp, x: f64, y: f64) -> Result<Value, PyError> {
    let zero = |msg: &str| Err(PyError::new(ErrorKind::ZeroDivision, msg));
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return zero("float division by zero");
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return zero("float floor division by zero");
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return zero("float modulo");
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return zero("0.0 cannot be raised to a negative power");
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return Err(value_error("a negative number to a fractional power is complex: this course's Python has no complex numbers"));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(PyError::new(
                    ErrorKind::Overflow,
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        _ => unreachable!("bit operators are handled before float arithmetic"),
    }))
}

fn float_to_int(f: f64) -> Result<Value, PyError> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyError::new(
            ErrorKind::Overflow,
            "cannot convert float infinity to integer",
        ));
    }
    if f.abs() >= i64::MAX as f64 {
        return Err(overflow());
    }
    Ok(Value::Int(f as i64))
}

/// `round(x, n)` for floats, correctly rounded through the decimal string as CPython does.
fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || nd > 320 {
        return x;
    }
    if nd >= 0 {
        return format!("{:.*}", nd as usize, x).parse().unwrap_or(x);
    }
    let p = 10f64.powi((-nd).min(400) as i32);
    if p.is_infinite() {
        return 0.0 * x;
    }
    (x / p).round_ties_even() * p
}

fn parse_int(s: &str) -> Result<i64, PyError> {
    let bad = || {
        value_error(format!(
            "invalid literal for int() with base 10: {}",
            str_repr(s)
        ))
    };
    let t = s.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return Err(bad());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let v: i64 = clean.parse().map_err(|_| overflow())?;
    Ok(if neg { -v } else { v })
}

fn parse_float(s: &str) -> Result<f64, PyError> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let ok_word = matches!(body, "inf" | "infinity" | "nan");
    let ok_num = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
        && body.chars().any(|c| c.is_ascii_digit());
    if ok_word || ok_num {
        if let Ok(v) = t.replace('_', "").parse::<f64>() {
            return Ok(v);
        }
    }
    Err(value_error(format!(
        "could not convert string to float: {}",
        str_repr(s)
    )))
}
