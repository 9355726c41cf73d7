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

    /// What CPython prints for this error when `source` runs as the file `file`: the
    /// traceback header (not for syntax errors, which stop the program before it starts), the
    /// `File "...", line N` line with the offending source line, and [`PyError::last_line`].
    pub fn traceback(&self, source: &str, file: &str) -> String {
        let mut out = String::new();
        let syntax = matches!(self.kind, ErrorKind::Syntax | ErrorKind::Indentation);
        if let Some(line) = self.line {
            if !syntax {
                out.push_str("Traceback (most recent call last):\n");
            }
            out.push_str(&format!("  File \"{file}\", line {line}"));
            if !syntax {
                out.push_str(", in <module>");
            }
            out.push('\n');
            let text = source.lines().nth(line as usize - 1).unwrap_or("").trim();
            if !text.is_empty() {
                out.push_str(&format!("    {text}\n"));
            }
        }
        out.push_str(&self.last_line());
        out
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

#[cfg(test)]
mod tests {
    use crate::{run, RunOptions};

    #[test]
    fn tracebacks_look_like_cpythons() {
        let src = "load = 7\nprint(lod)\n";
        let e = run(src, &RunOptions::default()).error.unwrap();
        assert_eq!(
            e.traceback(src, "main.py"),
            "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    print(lod)\nNameError: name 'lod' is not defined. Did you mean: 'load'?"
        );
        let src = "for s in x\n    pass\n";
        let e = run(src, &RunOptions::default()).error.unwrap();
        assert_eq!(
            e.traceback(src, "main.py"),
            "  File \"main.py\", line 1\n    for s in x\nSyntaxError: expected ':'"
        );
    }
}
