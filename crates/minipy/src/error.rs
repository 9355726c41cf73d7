//! Python-shaped errors: a kind (`NameError`, `SyntaxError`, ...), a message and the line to highlight.

use serde::Serialize;
use std::fmt;

/// The exception classes this interpreter raises, named as Python names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    Syntax,
    Indentation,
    Name,
    UnboundLocal,
    Type,
    Value,
    Key,
    Index,
    Attribute,
    ZeroDivision,
    Overflow,
    Recursion,
    Memory,
    Assertion,
    Runtime,
    /// The step budget ran out: almost always an infinite loop.
    Timeout,
}

impl ErrorKind {
    /// The Python class name, e.g. `"NameError"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Name => "NameError",
            ErrorKind::UnboundLocal => "UnboundLocalError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Value => "ValueError",
            ErrorKind::Key => "KeyError",
            ErrorKind::Index => "IndexError",
            ErrorKind::Attribute => "AttributeError",
            ErrorKind::ZeroDivision => "ZeroDivisionError",
            ErrorKind::Overflow => "OverflowError",
            ErrorKind::Recursion => "RecursionError",
            ErrorKind::Memory => "MemoryError",
            ErrorKind::Assertion => "AssertionError",
            ErrorKind::Runtime => "RuntimeError",
            ErrorKind::Timeout => "TimeoutError",
        }
    }
}

/// An error as the learner sees it: `NameError: name 'capcity' is not defined` on line 4.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PyError {
    pub kind: ErrorKind,
    pub message: String,
    /// 1-based source line to highlight; `None` only when no line is known.
    pub line: Option<u32>,
    /// CPython's spelling hint for a NameError or AttributeError: `Some("capacity")` is shown
    /// as `Did you mean: 'capacity'?`.
    pub suggestion: Option<String>,
}

impl PyError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        PyError {
            kind,
            message: message.into(),
            line: None,
            suggestion: None,
        }
    }

    /// Sets the line unless a more precise (inner) one is already known.
    pub fn at(mut self, line: u32) -> Self {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    /// The last line of CPython's traceback: the headline plus the spelling hint, e.g.
    /// `NameError: name 'capcity' is not defined. Did you mean: 'capacity'?`.
    pub fn last_line(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("{}. Did you mean: '{s}'?", self.headline()),
            None => self.headline(),
        }
    }

    /// `ErrorName: message`, as `str()` of the exception shows it (no spelling hint).
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.kind.as_str().to_string()
        } else {
            format!("{}: {}", self.kind.as_str(), self.message)
        }
    }
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.last_line()),
            None => f.write_str(&self.last_line()),
        }
    }
}

impl std::error::Error for PyError {}

pub(crate) fn type_error(msg: impl Into<String>) -> PyError {
    PyError::new(ErrorKind::Type, msg)
}

pub(crate) fn value_error(msg: impl Into<String>) -> PyError {
    PyError::new(ErrorKind::Value, msg)
}
