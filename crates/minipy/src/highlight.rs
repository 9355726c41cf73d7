//! Syntax highlighting for the exercise editor: source -> lines of classified spans.
//!
//! Unlike the lexer it never fails: the learner's code is highlighted while it is being typed,
//! half-finished strings and all. It shares the lexer's operator table and the parser's keyword
//! list, so what is coloured as a keyword is what the parser treats as one. The spans of a line
//! concatenate to exactly that line, so a view can render them as text nodes (never as HTML).

use crate::interp::BUILTINS;
use crate::lexer::OPS;
use crate::parser::KEYWORDS;
use serde::Serialize;

/// What a span of source is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpanKind {
    /// Names, spaces, anything not classified below.
    Plain,
    /// `for`, `in`, `if`, `def`...
    Keyword,
    /// `True`, `False`, `None`.
    Constant,
    /// A builtin function name: `print`, `len`...
    Builtin,
    Number,
    /// A string literal with its quotes and prefix (an unterminated one runs to the line's end).
    Str,
    Comment,
    Op,
}

impl SpanKind {
    /// A short stable name, e.g. for a CSS class suffix: `"kw"`, `"str"`...
    pub fn as_str(self) -> &'static str {
        match self {
            SpanKind::Plain => "plain",
            SpanKind::Keyword => "kw",
            SpanKind::Constant => "const",
            SpanKind::Builtin => "builtin",
            SpanKind::Number => "num",
            SpanKind::Str => "str",
            SpanKind::Comment => "comment",
            SpanKind::Op => "op",
        }
    }
}

/// A run of characters of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// One entry per line of `src` (split on `\n`; a trailing newline gives a last, empty line),
/// each a list of spans whose texts joined give the line back exactly.
pub fn highlight(src: &str) -> Vec<Vec<Span>> {
    // An open triple-quoted string carries over to the next lines: its quote character.
    let mut open_triple: Option<char> = None;
    src.split('\n')
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let mut spans: Vec<Span> = Vec::new();
            let mut i = 0;
            if let Some(q) = open_triple {
                let end = find_triple_end(&chars, 0, q);
                push(
                    &mut spans,
                    SpanKind::Str,
                    &chars[..end.unwrap_or(chars.len())],
                );
                match end {
                    Some(e) => {
                        i = e;
                        open_triple = None;
                    }
                    None => return spans,
                }
            }
            while i < chars.len() {
                let c = chars[i];
                let start = i;
                let kind = if c == '#' {
                    i = chars.len();
                    SpanKind::Comment
                } else if c == '\'' || c == '"' {
                    i = string_end(&chars, i, &mut open_triple);
                    SpanKind::Str
                } else if c.is_ascii_digit()
                    || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
                {
                    i += 1;
                    while i < chars.len()
                        && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
                    {
                        i += 1;
                    }
                    SpanKind::Number
                } else if c.is_alphabetic() || c == '_' {
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    let word: String = chars[start..i].iter().collect();
                    let prefix = matches!(
                        word.to_ascii_lowercase().as_str(),
                        "r" | "f" | "u" | "rf" | "fr" | "b" | "br" | "rb"
                    );
                    if prefix && matches!(chars.get(i), Some('\'' | '"')) {
                        i = string_end(&chars, i, &mut open_triple);
                        SpanKind::Str
                    } else if matches!(word.as_str(), "True" | "False" | "None") {
                        SpanKind::Constant
                    } else if KEYWORDS.contains(&word.as_str()) {
                        SpanKind::Keyword
                    } else if BUILTINS.contains(&word.as_str()) {
                        SpanKind::Builtin
                    } else {
                        SpanKind::Plain
                    }
                } else if let Some(op) = OPS.iter().find(|op| {
                    let n = op.chars().count();
                    i + n <= chars.len() && chars[i..i + n].iter().copied().eq(op.chars())
                }) {
                    i += op.chars().count();
                    SpanKind::Op
                } else {
                    i += 1;
                    SpanKind::Plain
                };
                push(&mut spans, kind, &chars[start..i]);
            }
            spans
        })
        .collect()
}

/// Appends a span, merging it into the previous one when the kind is the same.
fn push(spans: &mut Vec<Span>, kind: SpanKind, chars: &[char]) {
    if chars.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.kind == kind => last.text.extend(chars),
        _ => spans.push(Span {
            kind,
            text: chars.iter().collect(),
        }),
    }
}

/// The index just past the string starting at the quote `chars[at]`; a triple-quoted string
/// left open at the end of the line sets `open_triple`.
fn string_end(chars: &[char], at: usize, open_triple: &mut Option<char>) -> usize {
    let q = chars[at];
    if chars.get(at + 1) == Some(&q) && chars.get(at + 2) == Some(&q) {
        match find_triple_end(chars, at + 3, q) {
            Some(end) => end,
            None => {
                *open_triple = Some(q);
                chars.len()
            }
        }
    } else {
        let mut i = at + 1;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                c if c == q => return i + 1,
                _ => i += 1,
            }
        }
        chars.len()
    }
}

/// The index just past the closing `qqq` at or after `from`, if the line has one.
fn find_triple_end(chars: &[char], from: usize, q: char) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i] == q && chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q) {
            return Some(i + 3);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &[Span]) -> Vec<(SpanKind, &str)> {
        line.iter().map(|s| (s.kind, s.text.as_str())).collect()
    }

    #[test]
    fn the_seed_loop_is_classified() {
        let lines =
            highlight("for strategy, capacity in systems.items():\n    x = capacity >= 7  # ok\n");
        use SpanKind::*;
        assert_eq!(
            kinds(&lines[0]),
            [
                (Keyword, "for"),
                (Plain, " strategy"),
                (Op, ","),
                (Plain, " capacity "),
                (Keyword, "in"),
                (Plain, " systems"),
                (Op, "."),
                (Plain, "items"),
                (Op, "():"),
            ]
        );
        assert_eq!(
            kinds(&lines[1]),
            [
                (Plain, "    x "),
                (Op, "="),
                (Plain, " capacity "),
                (Op, ">="),
                (Plain, " "),
                (Number, "7"),
                (Plain, "  "),
                (Comment, "# ok"),
            ]
        );
        assert_eq!(
            lines.len(),
            3,
            "a trailing newline gives an empty last line"
        );
        assert!(lines[2].is_empty());
    }

    #[test]
    fn strings_builtins_and_constants() {
        let lines = highlight("print({'single_node': 1, \"a#b\": True, f'x{y}': None})");
        let got = kinds(&lines[0]);
        assert_eq!(got[0], (SpanKind::Builtin, "print"));
        assert!(got.contains(&(SpanKind::Str, "'single_node'")));
        assert!(
            got.contains(&(SpanKind::Str, "\"a#b\"")),
            "a # inside a string is no comment"
        );
        assert!(got.contains(&(SpanKind::Str, "f'x{y}'")));
        assert!(got.contains(&(SpanKind::Constant, "True")));
        assert!(got.contains(&(SpanKind::Constant, "None")));
    }

    #[test]
    fn unfinished_code_still_highlights_and_round_trips() {
        let srcs = [
            "x = 'unterminated\ny = 2",
            "s = '''one\ntwo\nthree''' + z",
            "a = \"esc\\\"aped\" # c",
            "bad ` char $ ü = 1e5 + 0x1F",
            "",
            "\n\n",
            "\t if x:\r\n",
        ];
        for src in srcs {
            let lines = highlight(src);
            let back: Vec<String> = lines
                .iter()
                .map(|l| l.iter().map(|s| s.text.as_str()).collect())
                .collect();
            assert_eq!(back.join("\n"), src);
        }
        let lines = highlight("s = '''one\ntwo\nthree''' + z");
        assert_eq!(kinds(&lines[1]), [(SpanKind::Str, "two")]);
        assert_eq!(
            lines[2][0],
            Span {
                kind: SpanKind::Str,
                text: "three'''".into()
            }
        );
        assert_eq!(lines[2].last().unwrap().text, " z");
        let lines = highlight("x = 'unterminated\ny = 2");
        assert_eq!(lines[0].last().unwrap().kind, SpanKind::Str);
        assert_eq!(
            lines[1][0],
            Span {
                kind: SpanKind::Plain,
                text: "y ".into()
            }
        );
    }

    #[test]
    fn keywords_are_the_parsers() {
        let lines = highlight("while not done and x is None: pass");
        let kws: Vec<&str> = lines[0]
            .iter()
            .filter(|s| s.kind == SpanKind::Keyword)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(kws, ["while", "not", "and", "is", "pass"]);
    }
}
