//! Lexer: source text -> tokens with INDENT/DEDENT, the way CPython's tokenizer sees a file.
//!
//! It works physical line by physical line so that indentation, blank lines, comments and
//! implicit line joining inside brackets behave like CPython's, and every token keeps its line
//! for error messages.

use crate::error::{ErrorKind, PyError};

/// One lexical token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(String),
    Int(i64),
    Float(f64),
    /// A string literal, escapes already processed.
    Str(String),
    /// An f-string's raw body (between the quotes) and whether it is raw (`rf"..."`).
    FStr {
        body: String,
        raw: bool,
    },
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
}

/// Operators, longest first so that `**=` wins over `**` and `*`.
pub(crate) const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
    "&=", "|=", "^=", "->", ":=", "<<", ">>", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")",
    "[", "]", "{", "}", ",", ":", ".", ";", "&", "|", "^", "~", "@",
];

/// CPython refuses more than 100 indentation levels; so do we (it also bounds our recursion).
const MAX_INDENT_LEVELS: usize = 100;

pub fn tokenize(src: &str, first_line: u32) -> Result<Vec<Token>, PyError> {
    Lexer {
        chars: src.chars().collect(),
        pos: 0,
        line: first_line,
        toks: Vec::new(),
        indents: vec![0],
        brackets: Vec::new(),
    }
    .run()
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    toks: Vec<Token>,
    indents: Vec<usize>,
    /// Open brackets with their line, for implicit line joining and "'(' was never closed".
    brackets: Vec<(char, u32)>,
}

fn syntax(msg: impl Into<String>, line: u32) -> PyError {
    PyError::new(ErrorKind::Syntax, msg).at(line)
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn push(&mut self, tok: Tok, line: u32) {
        self.toks.push(Token { tok, line });
    }

    fn run(mut self) -> Result<Vec<Token>, PyError> {
        let mut at_line_start = true;
        while self.pos < self.chars.len() {
            if at_line_start && self.brackets.is_empty() {
                // A blank or comment-only line is skipped whole; the next line starts afresh.
                at_line_start = self.indentation()?;
                if at_line_start {
                    continue;
                }
            }
            let c = self.chars[self.pos];
            match c {
                '\n' => {
                    self.pos += 1;
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, self.line);
                        at_line_start = true;
                    }
                    self.line += 1;
                }
                ' ' | '\t' | '\x0c' | '\r' => self.pos += 1,
                '#' => {
                    while self.pos < self.chars.len() && self.chars[self.pos] != '\n' {
                        self.pos += 1;
                    }
                }
                '\\' => {
                    // Explicit line joining: a backslash right before the end of the line.
                    let mut p = self.pos + 1;
                    if self.chars.get(p) == Some(&'\r') {
                        p += 1;
                    }
                    if self.chars.get(p) == Some(&'\n') {
                        self.pos = p + 1;
                        self.line += 1;
                    } else {
                        return Err(syntax(
                            "unexpected character after line continuation character",
                            self.line,
                        ));
                    }
                }
                '0'..='9' => self.number()?,
                '.' if self.peek(1).is_some_and(|d| d.is_ascii_digit()) => self.number()?,
                '\'' | '"' => self.string(false, false)?,
                c if c.is_alphabetic() || c == '_' => self.name_or_prefixed_string()?,
                _ => self.operator()?,
            }
        }
        if let Some(&(open, line)) = self.brackets.last() {
            return Err(syntax(format!("'{open}' was never closed"), line));
        }
        if !matches!(self.toks.last().map(|t| &t.tok), None | Some(Tok::Newline)) {
            self.push(Tok::Newline, self.line);
        }
        for _ in 1..self.indents.len() {
            self.push(Tok::Dedent, self.line);
        }
        self.push(Tok::Eof, self.line);
        Ok(self.toks)
    }

    /// Measures the indentation of a logical line start and emits INDENT/DEDENT.
    /// Returns true when the line is blank or a comment (nothing emitted, line consumed).
    fn indentation(&mut self) -> Result<bool, PyError> {
        let mut col = 0usize;
        let mut p = self.pos;
        while let Some(&c) = self.chars.get(p) {
            match c {
                ' ' => col += 1,
                '\t' => col = (col / 8 + 1) * 8,
                '\x0c' | '\r' => {}
                _ => break,
            }
            p += 1;
        }
        match self.chars.get(p) {
            None | Some('\n') | Some('#') => {
                // Blank or comment-only line: skip it entirely, it never changes indentation.
                while p < self.chars.len() && self.chars[p] != '\n' {
                    p += 1;
                }
                if p < self.chars.len() {
                    p += 1;
                    self.line += 1;
                }
                self.pos = p;
                return Ok(true);
            }
            _ => {}
        }
        self.pos = p;
        let current = *self.indents.last().expect("indent stack is never empty");
        if col > current {
            if self.indents.len() > MAX_INDENT_LEVELS {
                return Err(
                    PyError::new(ErrorKind::Indentation, "too many levels of indentation")
                        .at(self.line),
                );
            }
            self.indents.push(col);
            self.push(Tok::Indent, self.line);
        } else if col < current {
            while col < *self.indents.last().expect("indent stack is never empty") {
                self.indents.pop();
                self.push(Tok::Dedent, self.line);
            }
            if col != *self.indents.last().expect("indent stack is never empty") {
                return Err(PyError::new(
                    ErrorKind::Indentation,
                    "unindent does not match any outer indentation level",
                )
                .at(self.line));
            }
        }
        Ok(false)
    }

    fn number(&mut self) -> Result<(), PyError> {
        let start = self.pos;
        let line = self.line;
        let is_digit_or_us = |c: char| c.is_ascii_digit() || c == '_';
        if self.peek(0) == Some('0')
            && matches!(self.peek(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B'))
        {
            let radix = match self.peek(1) {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                _ => 2,
            };
            self.pos += 2;
            let digits_start = self.pos;
            while self
                .peek(0)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                self.pos += 1;
            }
            let digits: String = self.chars[digits_start..self.pos]
                .iter()
                .filter(|&&c| c != '_')
                .collect();
            return match i64::from_str_radix(&digits, radix) {
                Ok(v) => {
                    self.push(Tok::Int(v), line);
                    Ok(())
                }
                Err(_) => Err(syntax("invalid number literal", line)),
            };
        }
        let mut is_float = false;
        while self.peek(0).is_some_and(is_digit_or_us) {
            self.pos += 1;
        }
        if self.peek(0) == Some('.') {
            is_float = true;
            self.pos += 1;
            while self.peek(0).is_some_and(is_digit_or_us) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                while self.peek(0).is_some_and(is_digit_or_us) {
                    self.pos += 1;
                }
            } else {
                self.pos = save;
            }
        }
        // `1abc` is a bad literal, but like CPython a keyword may follow at once (`1if x else 2`).
        let rest: String = self.chars[self.pos..(self.pos + 4).min(self.chars.len())]
            .iter()
            .collect();
        let keyword_follows = ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|k| rest.starts_with(k));
        if !keyword_follows
            && self
                .peek(0)
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(syntax("invalid decimal literal", line));
        }
        let text: String = self.chars[start..self.pos]
            .iter()
            .filter(|&&c| c != '_')
            .collect();
        if is_float {
            let v: f64 = text
                .parse()
                .map_err(|_| syntax("invalid decimal literal", line))?;
            self.push(Tok::Float(v), line);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                ));
            }
            let v: i64 = text.parse().map_err(|_| {
                PyError::new(
                    ErrorKind::Overflow,
                    format!("integer literal {text} is too large (this course's Python allows up to {})", i64::MAX),
                )
                .at(line)
            })?;
            self.push(Tok::Int(v), line);
        }
        Ok(())
    }

    fn name_or_prefixed_string(&mut self) -> Result<(), PyError> {
        let start = self.pos;
        while self
            .peek(0)
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        if matches!(self.peek(0), Some('\'' | '"')) {
            let lower = name.to_ascii_lowercase();
            match lower.as_str() {
                "r" => return self.string(true, false),
                "f" => return self.string(false, true),
                "rf" | "fr" => return self.string(true, true),
                "u" => return self.string(false, false),
                "b" | "br" | "rb" => {
                    return Err(syntax(
                        "bytes literals are not supported in this course's Python",
                        self.line,
                    ))
                }
                _ => {}
            }
        }
        let line = self.line;
        self.push(Tok::Name(name), line);
        Ok(())
    }

    fn string(&mut self, raw: bool, fstring: bool) -> Result<(), PyError> {
        let line = self.line;
        let quote = self.chars[self.pos];
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        let mut body = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                return Err(if triple {
                    syntax(
                        format!(
                            "unterminated triple-quoted string literal (detected at line {})",
                            self.line
                        ),
                        line,
                    )
                } else {
                    syntax(
                        format!(
                            "unterminated string literal (detected at line {})",
                            self.line
                        ),
                        line,
                    )
                });
            };
            if c == quote
                && (!triple || (self.peek(1) == Some(quote) && self.peek(2) == Some(quote)))
            {
                self.pos += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' {
                if !triple {
                    return Err(syntax(
                        format!("unterminated string literal (detected at line {line})"),
                        line,
                    ));
                }
                self.line += 1;
            }
            if c == '\\' {
                // Keep escapes verbatim for now; they are decoded below (raw strings keep them).
                body.push(c);
                self.pos += 1;
                if let Some(n) = self.peek(0) {
                    if n == '\n' {
                        self.line += 1;
                    }
                    body.push(n);
                    self.pos += 1;
                }
                continue;
            }
            body.push(c);
            self.pos += 1;
        }
        if fstring {
            self.push(Tok::FStr { body, raw }, line);
        } else {
            let text = if raw { body } else { unescape(&body, line)? };
            self.push(Tok::Str(text), line);
        }
        Ok(())
    }

    fn operator(&mut self) -> Result<(), PyError> {
        let line = self.line;
        for op in OPS {
            let n = op.len();
            if self.pos + n <= self.chars.len()
                && self.chars[self.pos..self.pos + n]
                    .iter()
                    .copied()
                    .eq(op.chars())
            {
                self.pos += n;
                match *op {
                    "(" | "[" | "{" => self
                        .brackets
                        .push((op.chars().next().expect("non-empty"), line)),
                    ")" | "]" | "}" => {
                        let close = op.chars().next().expect("non-empty");
                        match self.brackets.pop() {
                            None => return Err(syntax(format!("unmatched '{close}'"), line)),
                            Some((open, open_line)) => {
                                let expected = match open {
                                    '(' => ')',
                                    '[' => ']',
                                    _ => '}',
                                };
                                if expected != close {
                                    let msg = if open_line == line {
                                        format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
                                    } else {
                                        format!("closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {open_line}")
                                    };
                                    return Err(syntax(msg, line));
                                }
                            }
                        }
                    }
                    _ => {}
                }
                self.push(Tok::Op(op), line);
                return Ok(());
            }
        }
        let c = self.chars[self.pos];
        if c.is_ascii() {
            Err(syntax("invalid syntax", line))
        } else {
            Err(syntax(
                format!("invalid character '{c}' (U+{:04X})", c as u32),
                line,
            ))
        }
    }
}

/// Decodes backslash escapes the way CPython does for a non-raw literal.
pub fn unescape(body: &str, line: u32) -> Result<String, PyError> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = it.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match it.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    match it.next().and_then(|d| d.to_digit(16)) {
                        Some(d) => v = v * 16 + d,
                        None => {
                            return Err(syntax(
                                format!("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{e} escape"),
                                line,
                            ))
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => return Err(syntax("(unicode error) illegal Unicode character", line)),
                }
            }
            other => {
                // CPython keeps unknown escapes as they are (with a warning).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        tokenize(src, 1)
            .unwrap()
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn indent_and_dedent_bracket_a_block() {
        let toks = kinds("for x in y:\n    a = 1\n\n    # note\nb\n");
        assert!(toks.contains(&Tok::Indent));
        let dedent_at = toks.iter().position(|t| *t == Tok::Dedent).unwrap();
        assert_eq!(toks[dedent_at + 1], Tok::Name("b".into()));
    }

    #[test]
    fn newlines_inside_brackets_are_joined() {
        let toks = kinds("x = {\n  'a': 1,\n}\n");
        assert_eq!(toks.iter().filter(|t| **t == Tok::Newline).count(), 1);
    }

    #[test]
    fn bad_dedent_is_an_indentation_error() {
        let err = tokenize("if x:\n    a\n  b\n", 1).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Indentation);
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn unclosed_bracket_reports_its_line() {
        let err = tokenize("x = (1,\n2\n", 1).unwrap_err();
        assert_eq!(err.message, "'(' was never closed");
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn escapes_decode_like_python() {
        assert_eq!(kinds(r#"'a\tb\x41\n'"#)[0], Tok::Str("a\tbA\n".into()));
        assert_eq!(kinds(r#"r'a\tb'"#)[0], Tok::Str("a\\tb".into()));
    }
}
