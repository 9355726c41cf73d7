//! Runtime values: Python objects as Rust data, with CPython's repr, equality and ordering.

use crate::ast::FuncDef;
use crate::error::{type_error, ErrorKind, PyError};
use crate::format::float_repr;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::rc::Rc;

/// Repr, equality and ordering recurse into containers; past this depth they stop with a
/// RecursionError instead of overflowing the stack (a list nested 100 000 deep is possible).
pub const MAX_VALUE_DEPTH: usize = 200;

/// A HashMap with a fixed (unseeded) hasher: runs must not depend on process randomness.
pub type Map<K, V> = HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    List(Rc<ListObj>),
    Tuple(Rc<TupleObj>),
    Dict(Rc<DictObj>),
    Range { start: i64, stop: i64, step: i64 },
    Func(Rc<FuncObj>),
    Builtin(&'static str),
    Method(Rc<(Value, &'static str)>),
    View(Rc<DictObj>, ViewKind),
}

/// A function value: its definition, its evaluated defaults and, for a function defined
/// inside another, the enclosing call's variables it can read (a closure).
#[derive(Debug)]
pub struct FuncObj {
    pub def: Rc<FuncDef>,
    pub defaults: Vec<Value>,
    pub env: Option<Rc<Env>>,
}

/// The variables of one running function call, shared with the functions defined inside it.
#[derive(Debug)]
pub struct Env {
    pub vars: Rc<RefCell<Map<Rc<str>, Value>>>,
    pub def: Rc<FuncDef>,
    pub parent: Option<Rc<Env>>,
}

/// A list's storage. Dropping it is iterative, see [`drain_iteratively`].
#[derive(Debug, Default)]
pub struct ListObj(pub RefCell<Vec<Value>>);

#[derive(Debug, Default)]
pub struct TupleObj(pub Vec<Value>);

#[derive(Debug, Default)]
pub struct DictObj(pub RefCell<Dict>);

impl Drop for ListObj {
    fn drop(&mut self) {
        drain_iteratively(std::mem::take(self.0.get_mut()));
    }
}

impl Drop for TupleObj {
    fn drop(&mut self) {
        drain_iteratively(std::mem::take(&mut self.0));
    }
}

impl Drop for DictObj {
    fn drop(&mut self) {
        let d = std::mem::take(self.0.get_mut());
        let mut flat = Vec::with_capacity(d.entries.len() * 2);
        for (k, v) in d.entries {
            flat.push(k);
            flat.push(v);
        }
        drain_iteratively(flat);
    }
}

/// Drops values without recursion: containers about to die hand their children to a work
/// list, so `x = [x]` repeated 10^6 times frees without overflowing the stack.
fn drain_iteratively(mut stack: Vec<Value>) {
    while let Some(v) = stack.pop() {
        match v {
            Value::List(rc) => {
                if let Ok(obj) = Rc::try_unwrap(rc) {
                    let mut obj = obj;
                    stack.append(obj.0.get_mut());
                }
            }
            Value::Tuple(rc) => {
                if let Ok(obj) = Rc::try_unwrap(rc) {
                    let mut obj = obj;
                    stack.append(&mut obj.0);
                }
            }
            Value::Dict(rc) | Value::View(rc, _) => {
                if let Ok(obj) = Rc::try_unwrap(rc) {
                    let mut obj = obj;
                    for (k, v) in std::mem::take(obj.0.get_mut()).entries {
                        stack.push(k);
                        stack.push(v);
                    }
                }
            }
            Value::Method(rc) => {
                if let Ok((inner, _)) = Rc::try_unwrap(rc) {
                    stack.push(inner);
                }
            }
            _ => {}
        }
    }
}

/// What a dict key hashes as: Python makes `1`, `1.0` and `True` the same key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    None,
    Int(i64),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<HashKey>),
    /// A range hashes by what it contains: (length, first, step) as CPython does.
    Range(i64, i64, i64),
}

/// An insertion-ordered dict: entries in order plus an index from key to position.
#[derive(Debug, Default)]
pub struct Dict {
    pub entries: Vec<(Value, Value)>,
    index: Map<HashKey, usize>,
}

impl Dict {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &Value) -> Result<Option<&Value>, PyError> {
        let h = hash_key(key, 0)?;
        Ok(self.index.get(&h).map(|&i| &self.entries[i].1))
    }

    pub fn contains(&self, key: &Value) -> Result<bool, PyError> {
        Ok(self.index.contains_key(&hash_key(key, 0)?))
    }

    /// Inserts or replaces; like Python, a replaced entry keeps its original key and position.
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), PyError> {
        let h = hash_key(&key, 0)?;
        match self.index.get(&h) {
            Some(&i) => self.entries[i].1 = value,
            None => {
                self.index.insert(h, self.entries.len());
                self.entries.push((key, value));
            }
        }
        Ok(())
    }

    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, PyError> {
        let h = hash_key(key, 0)?;
        let Some(i) = self.index.remove(&h) else {
            return Ok(None);
        };
        let (_, v) = self.entries.remove(i);
        for slot in self.index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Ok(Some(v))
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
    }
}

pub fn hash_key(v: &Value, depth: usize) -> Result<HashKey, PyError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(PyError::new(
            ErrorKind::Recursion,
            "maximum recursion depth exceeded",
        ));
    }
    Ok(match v {
        Value::None => HashKey::None,
        Value::Bool(b) => HashKey::Int(*b as i64),
        Value::Int(i) => HashKey::Int(*i),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                HashKey::Int(*f as i64)
            } else {
                HashKey::Float(f.to_bits())
            }
        }
        Value::Str(s) => HashKey::Str(s.clone()),
        Value::Tuple(t) => HashKey::Tuple(
            t.0.iter()
                .map(|x| hash_key(x, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        r @ Value::Range { start, step, .. } => {
            let n = range_len(r);
            HashKey::Range(
                n,
                if n > 0 { *start } else { 0 },
                if n > 1 { *step } else { 0 },
            )
        }
        other => {
            return Err(type_error(format!(
                "unhashable type: '{}'",
                other.type_name()
            )))
        }
    })
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(ListObj(RefCell::new(items))))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(TupleObj(items)))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(DictObj(RefCell::new(d))))
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Range { .. } => "range",
            Value::Func(..) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "builtin_function_or_method",
            Value::View(_, ViewKind::Keys) => "dict_keys",
            Value::View(_, ViewKind::Values) => "dict_values",
            Value::View(_, ViewKind::Items) => "dict_items",
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.0.borrow().is_empty(),
            Value::Tuple(t) => !t.0.is_empty(),
            Value::Dict(d) | Value::View(d, _) => !d.0.borrow().is_empty(),
            Value::Range { .. } => range_len(self) > 0,
            _ => true,
        }
    }

    /// Python's `str()`.
    pub fn to_str(&self) -> Result<String, PyError> {
        match self {
            Value::Str(s) => Ok(s.to_string()),
            other => other.repr(),
        }
    }

    /// Python's `repr()`.
    pub fn repr(&self) -> Result<String, PyError> {
        let mut out = String::new();
        self.write_repr(&mut out, 0)?;
        Ok(out)
    }

    fn write_repr(&self, out: &mut String, depth: usize) -> Result<(), PyError> {
        if depth > MAX_VALUE_DEPTH {
            return Err(PyError::new(
                ErrorKind::Recursion,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        match self {
            Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_repr(*f)),
            Value::Str(s) => out.push_str(&str_repr(s)),
            Value::List(l) => {
                // A list that contains itself prints as [...], as in CPython.
                let Ok(items) = l.0.try_borrow_mut() else {
                    out.push_str("[...]");
                    return Ok(());
                };
                out.push('[');
                write_items(&items, out, depth)?;
                out.push(']');
            }
            Value::Tuple(t) => {
                out.push('(');
                write_items(&t.0, out, depth)?;
                if t.0.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::Dict(d) => {
                let Ok(d) = d.0.try_borrow_mut() else {
                    out.push_str("{...}");
                    return Ok(());
                };
                out.push('{');
                for (i, (k, v)) in d.entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out, depth + 1)?;
                    out.push_str(": ");
                    v.write_repr(out, depth + 1)?;
                }
                out.push('}');
            }
            Value::Range { start, stop, step } => {
                if *step == 1 {
                    out.push_str(&format!("range({start}, {stop})"));
                } else {
                    out.push_str(&format!("range({start}, {stop}, {step})"));
                }
            }
            Value::Func(f) => out.push_str(&format!("<function {}>", f.def.name)),
            Value::Builtin(name) => out.push_str(&format!("<built-in function {name}>")),
            Value::Method(m) => out.push_str(&format!(
                "<built-in method {} of {} object>",
                m.1,
                m.0.type_name()
            )),
            Value::View(d, kind) => {
                let Ok(d) = d.0.try_borrow_mut() else {
                    out.push_str("...");
                    return Ok(());
                };
                out.push_str(self.type_name());
                out.push_str("([");
                for (i, (k, v)) in d.entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match kind {
                        ViewKind::Keys => k.write_repr(out, depth + 1)?,
                        ViewKind::Values => v.write_repr(out, depth + 1)?,
                        ViewKind::Items => {
                            out.push('(');
                            k.write_repr(out, depth + 1)?;
                            out.push_str(", ");
                            v.write_repr(out, depth + 1)?;
                            out.push(')');
                        }
                    }
                }
                out.push_str("])");
            }
        }
        Ok(())
    }

    /// A number as f64, for mixed int/float arithmetic and comparison.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// An int (or bool) as i64.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Bool(b) => Some(*b as i64),
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

fn write_items(items: &[Value], out: &mut String, depth: usize) -> Result<(), PyError> {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        v.write_repr(out, depth + 1)?;
    }
    Ok(())
}

/// CPython's string repr: single quotes unless the text has a `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f || (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unprintable(c) => {
                let cp = c as u32;
                if cp <= 0xffff {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The common non-printable code points CPython escapes in a repr (separators, format chars).
fn is_unprintable(c: char) -> bool {
    matches!(c as u32, 0xad | 0x2028 | 0x2029 | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0xfeff | 0xd800..=0xdfff)
        || (c.is_whitespace() && c != ' ')
}

pub fn range_len(v: &Value) -> i64 {
    let Value::Range { start, stop, step } = *v else {
        return 0;
    };
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

/// Python's `==`.
pub fn py_eq(a: &Value, b: &Value, depth: usize) -> Result<bool, PyError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(PyError::new(
            ErrorKind::Recursion,
            "maximum recursion depth exceeded in comparison",
        ));
    }
    Ok(match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (x, y) if x.as_f64().is_some() && y.as_f64().is_some() => match (x.as_int(), y.as_int()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.0.borrow().clone(), y.0.borrow().clone());
            seq_eq(&x, &y, depth)?
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(&x.0, &y.0, depth)?,
        (Value::Dict(x), Value::Dict(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.0.borrow(), y.0.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in &x.entries {
                match y.get(k)? {
                    Some(w) => {
                        if !py_eq(v, w, depth + 1)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            true
        }
        (Value::Range { .. }, Value::Range { .. }) => {
            let (la, lb) = (range_len(a), range_len(b));
            match (a, b) {
                (
                    Value::Range {
                        start: s1,
                        step: st1,
                        ..
                    },
                    Value::Range {
                        start: s2,
                        step: st2,
                        ..
                    },
                ) => la == lb && (la == 0 || (s1 == s2 && (la == 1 || st1 == st2))),
                _ => false,
            }
        }
        (Value::Func(f), Value::Func(g)) => Rc::ptr_eq(f, g),
        (Value::Builtin(f), Value::Builtin(g)) => f == g,
        _ => false,
    })
}

fn seq_eq(x: &[Value], y: &[Value], depth: usize) -> Result<bool, PyError> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !py_eq(a, b, depth + 1)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Python's ordering for `<` and friends, `sorted`, `min` and `max`.
/// `None` means unordered (a NaN is involved); an error means the types cannot be compared.
pub fn py_cmp(
    a: &Value,
    b: &Value,
    op: &str,
    depth: usize,
) -> Result<Option<std::cmp::Ordering>, PyError> {
    use std::cmp::Ordering;
    if depth > MAX_VALUE_DEPTH {
        return Err(PyError::new(
            ErrorKind::Recursion,
            "maximum recursion depth exceeded in comparison",
        ));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
        (x, y) if x.as_f64().is_some() && y.as_f64().is_some() => match (x.as_int(), y.as_int()) {
            (Some(i), Some(j)) => Ok(Some(i.cmp(&j))),
            _ => Ok(x.as_f64().partial_cmp(&y.as_f64())),
        },
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.0.borrow().clone(), y.0.borrow().clone());
            seq_cmp(&x, &y, op, depth)
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_cmp(&x.0, &y.0, op, depth),
        _ => Err(type_error(format!(
            "'{op}' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
    .map(|o: Option<Ordering>| o)
}

fn seq_cmp(
    x: &[Value],
    y: &[Value],
    op: &str,
    depth: usize,
) -> Result<Option<std::cmp::Ordering>, PyError> {
    for (a, b) in x.iter().zip(y) {
        if !py_eq(a, b, depth + 1)? {
            return py_cmp(a, b, op, depth + 1);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_repr_picks_quotes_like_cpython() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\"b'c"), "'a\"b\\'c'");
        assert_eq!(str_repr("\x01é\t"), "'\\x01é\\t'");
    }

    #[test]
    fn dict_keeps_insertion_order_and_merges_equal_keys() {
        let mut d = Dict::default();
        d.insert(Value::Int(1), Value::str("a")).unwrap();
        d.insert(Value::str("b"), Value::Int(2)).unwrap();
        d.insert(Value::Float(1.0), Value::str("c")).unwrap();
        assert_eq!(Value::dict(d).repr().unwrap(), "{1: 'c', 'b': 2}");
    }

    #[test]
    fn deeply_nested_list_drops_and_reprs_without_overflow() {
        let mut v = Value::list(vec![]);
        for _ in 0..200_000 {
            v = Value::list(vec![v]);
        }
        assert_eq!(v.repr().unwrap_err().kind, ErrorKind::Recursion);
        drop(v);
    }
}
