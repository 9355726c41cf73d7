//! YAML in and out. In: the learner's text, parsed for real by `saphyr-parser` into a small
//! tree that remembers each node's line, with syntax errors worded and numbered the way
//! kubectl reports go-yaml's (`yaml: line 7: mapping values are not allowed in this context`).
//! Out: kubectl's `-o yaml` style (keys sorted, sequences not indented, as sigs.k8s.io/yaml).

use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A YAML node with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
}

/// A YAML value after YAML 1.1 plain-scalar resolution (as go-yaml v2, which kubectl uses).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys are kept in document order; duplicates are rejected while parsing.
    Map(Vec<(String, Node)>),
}

impl Value {
    /// The JSON type name Go's decoder uses in `cannot unmarshal X into ...` errors.
    pub fn json_type(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }
}

impl Node {
    /// The value at `key` if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A YAML syntax error, already in go-yaml's words and line numbering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// The line go-yaml would report (1-based; 0 when it reports none).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "yaml: {}", self.message)
        } else {
            write!(f, "yaml: line {}: {}", self.line, self.message)
        }
    }
}

impl std::error::Error for YamlError {}

/// Deepest nesting accepted: manifests need about ten levels; the bound keeps hostile input
/// from exhausting the stack of the recursive builder.
const MAX_DEPTH: usize = 64;

/// Most copying that aliases may do in one document, in nodes plus bytes of text: a manifest
/// aliases a few small nodes, while a "billion laughs" text (each anchor aliasing the previous
/// one ten times) would otherwise expand to gigabytes. go-yaml refuses such a document too.
const MAX_ALIASED: usize = 1_000_000;

/// Parses every document of a (possibly multi-document) YAML text. Empty documents are
/// skipped, as kubectl skips them.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut builder = Builder::default();
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| translate_scan_error(e.info(), e.marker().line()))?;
        builder.push(event, span.start.line())?;
    }
    Ok(builder.documents)
}

/// libyaml-family parsers share most messages with go-yaml; go-yaml's parser errors report the
/// 0-based line of the problem (an upstream quirk kubectl users see), scanner errors the 1-based.
fn translate_scan_error(info: &str, line: usize) -> YamlError {
    // go-yaml reports only the problem, not libyaml's "while parsing a block mapping" context.
    let problem = match info.split_once(", ") {
        Some((context, problem)) if context.starts_with("while parsing") => problem,
        _ => info,
    };
    let parser_error = info.starts_with("while parsing") || problem.starts_with("did not find");
    let message = match problem {
        m if m.contains("tab") || m.starts_with("unexpected character") => {
            "found character that cannot start any token".to_string()
        }
        m if m.contains("unexpected eof") || m.contains("unexpected end") => {
            "found unexpected end of stream".to_string()
        }
        m if m.starts_with("expected ',' or") => format!("did not find {m}"),
        m if m.contains("invalid indentation") => "did not find expected key".to_string(),
        m if m.contains("simple key expect") => "could not find expected ':'".to_string(),
        m => m.to_string(),
    };
    YamlError {
        line: if parser_error {
            line.saturating_sub(1)
        } else {
            line
        },
        message,
    }
}

#[derive(Default)]
struct Builder {
    documents: Vec<Node>,
    /// Open collections: a sequence, or a mapping with its pending key.
    stack: Vec<Open>,
    /// Each anchored node with its cost to copy and its nesting depth.
    anchors: BTreeMap<usize, Anchored>,
    /// What aliases have copied so far in this document (see [`MAX_ALIASED`]).
    aliased: usize,
}

struct Anchored {
    node: Node,
    cost: usize,
    depth: usize,
}

impl Anchored {
    fn new(node: Node) -> Self {
        let (cost, depth) = measure(&node);
        Anchored { node, cost, depth }
    }
}

/// A node's copying cost (nodes plus bytes of text) and its nesting depth (0 for a scalar).
/// Recursion is bounded: nodes are never deeper than [`MAX_DEPTH`].
fn measure(node: &Node) -> (usize, usize) {
    match &node.value {
        Value::Str(s) => (1 + s.len(), 0),
        Value::Seq(items) => items.iter().fold((1, 1), |(cost, depth), n| {
            let (c, d) = measure(n);
            (cost.saturating_add(c), depth.max(d + 1))
        }),
        Value::Map(entries) => entries.iter().fold((1, 1), |(cost, depth), (k, n)| {
            let (c, d) = measure(n);
            (cost.saturating_add(c + k.len()), depth.max(d + 1))
        }),
        _ => (1, 0),
    }
}

enum Open {
    Seq {
        items: Vec<Node>,
        line: usize,
        anchor: usize,
    },
    Map {
        entries: Vec<(String, Node)>,
        key: Option<(String, usize)>,
        /// The keys so far, so a duplicate is found without a scan (a pasted map with tens
        /// of thousands of keys must not take quadratic time).
        keys: BTreeSet<String>,
        line: usize,
        anchor: usize,
    },
}

impl Builder {
    fn push(&mut self, event: Event<'_>, line: usize) -> Result<(), YamlError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain && tag.is_none();
                let node = Node {
                    value: if plain {
                        resolve_plain(&text)
                    } else {
                        Value::Str(text.into_owned())
                    },
                    line,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, Anchored::new(node.clone()));
                }
                self.add(node)
            }
            Event::Alias(id) => {
                let anchored = self.anchors.get(&id).ok_or(YamlError {
                    line,
                    message: "unknown anchor referenced".to_string(),
                })?;
                if self.stack.len() + anchored.depth > MAX_DEPTH {
                    return Err(YamlError {
                        line,
                        message: format!("exceeded max depth of {MAX_DEPTH}"),
                    });
                }
                self.aliased = self.aliased.saturating_add(anchored.cost);
                if self.aliased > MAX_ALIASED {
                    return Err(YamlError {
                        line,
                        message: "document contains excessive aliasing".to_string(),
                    });
                }
                let node = anchored.node.clone();
                self.add(node)
            }
            Event::SequenceStart(anchor, _) => self.open(Open::Seq {
                items: Vec::new(),
                line,
                anchor,
            }),
            Event::MappingStart(anchor, _) => self.open(Open::Map {
                entries: Vec::new(),
                key: None,
                keys: BTreeSet::new(),
                line,
                anchor,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::Seq {
                        items,
                        line,
                        anchor,
                    }) => (
                        Node {
                            value: Value::Seq(items),
                            line,
                        },
                        anchor,
                    ),
                    Some(Open::Map {
                        entries,
                        line,
                        anchor,
                        ..
                    }) => (
                        Node {
                            value: Value::Map(entries),
                            line,
                        },
                        anchor,
                    ),
                    None => return Ok(()),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, Anchored::new(node.clone()));
                }
                self.add(node)
            }
            Event::DocumentEnd => {
                self.anchors.clear();
                self.aliased = 0;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn open(&mut self, open: Open) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            let line = match &open {
                Open::Seq { line, .. } | Open::Map { line, .. } => *line,
            };
            return Err(YamlError {
                line,
                message: format!("exceeded max depth of {MAX_DEPTH}"),
            });
        }
        self.stack.push(open);
        Ok(())
    }

    fn add(&mut self, node: Node) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => {
                if node.value != Value::Null {
                    self.documents.push(node);
                }
                Ok(())
            }
            Some(Open::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Open::Map {
                entries, key, keys, ..
            }) => match key.take() {
                None => {
                    let text = match node.value {
                        Value::Str(s) => s,
                        Value::Int(i) => i.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Null => "null".to_string(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(YamlError {
                                line: node.line,
                                message: "invalid map key: a key must be a plain value".to_string(),
                            })
                        }
                    };
                    if !keys.insert(text.clone()) {
                        return Err(YamlError {
                            line: node.line,
                            message: format!("key \"{text}\" already set in map"),
                        });
                    }
                    *key = Some((text, node.line));
                    Ok(())
                }
                Some((k, _)) => {
                    entries.push((k, node));
                    Ok(())
                }
            },
        }
    }
}

/// go-yaml v2's resolution of plain scalars (YAML 1.1 booleans included: `yes`, `on`).
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false)
        }
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        if let Ok(i) = text.replace('_', "").parse::<i64>() {
            return Value::Int(i);
        }
    }
    let looks_float = text.bytes().any(|b| b == b'.' || b == b'e' || b == b'E')
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && text.bytes().any(|b| b.is_ascii_digit());
    if looks_float {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/// A value to print with `-o yaml` / `-o json`: maps are sorted by key, as kubectl's output is
/// (it goes through JSON and a Go map).
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Seq(Vec<Out>),
    Map(BTreeMap<String, Out>),
}

impl Out {
    /// An empty map to fill with [`Out::set`].
    pub fn map() -> Self {
        Out::Map(BTreeMap::new())
    }

    /// Inserts into a map (a programmer error on other values).
    pub fn set(&mut self, key: &str, value: impl Into<Out>) -> &mut Self {
        match self {
            Out::Map(map) => {
                map.insert(key.to_string(), value.into());
            }
            _ => panic!("Out::set on a non-map"),
        }
        self
    }

    /// Builder-style [`Out::set`].
    pub fn with(mut self, key: &str, value: impl Into<Out>) -> Self {
        self.set(key, value);
        self
    }
}

impl From<&str> for Out {
    fn from(s: &str) -> Self {
        Out::Str(s.to_string())
    }
}
impl From<String> for Out {
    fn from(s: String) -> Self {
        Out::Str(s)
    }
}
impl From<i64> for Out {
    fn from(i: i64) -> Self {
        Out::Int(i)
    }
}
impl From<u32> for Out {
    fn from(i: u32) -> Self {
        Out::Int(i64::from(i))
    }
}
impl From<bool> for Out {
    fn from(b: bool) -> Self {
        Out::Bool(b)
    }
}
impl From<Vec<Out>> for Out {
    fn from(items: Vec<Out>) -> Self {
        Out::Seq(items)
    }
}
impl From<&BTreeMap<String, String>> for Out {
    fn from(map: &BTreeMap<String, String>) -> Self {
        Out::Map(
            map.iter()
                .map(|(k, v)| (k.clone(), Out::Str(v.clone())))
                .collect(),
        )
    }
}

/// Whether go-yaml must quote a string so it reads back as a string.
fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s != s.trim() {
        return true;
    }
    if !matches!(resolve_plain(s), Value::Str(_)) {
        return true;
    }
    // Timestamps are quoted by go-yaml too (`creationTimestamp: "2026-..."`).
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    ) || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains('\n')
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn scalar_text(value: &Out) -> Option<String> {
    Some(match value {
        Out::Null => "null".to_string(),
        Out::Bool(b) => b.to_string(),
        Out::Int(i) => i.to_string(),
        Out::Str(s) if needs_quotes(s) => quote(s),
        Out::Str(s) => s.clone(),
        Out::Seq(items) if items.is_empty() => "[]".to_string(),
        Out::Map(map) if map.is_empty() => "{}".to_string(),
        _ => return None,
    })
}

/// Prints like sigs.k8s.io/yaml: two-space indent, `- ` items at their parent key's indent.
pub fn to_yaml(value: &Out) -> String {
    let mut out = String::new();
    write_yaml(value, 0, &mut out);
    out
}

fn write_yaml(value: &Out, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Out::Map(map) if !map.is_empty() => {
            for (key, item) in map {
                let key_text = if needs_quotes(key) {
                    quote(key)
                } else {
                    key.clone()
                };
                match scalar_text(item) {
                    Some(text) => out.push_str(&format!("{pad}{key_text}: {text}\n")),
                    None => {
                        out.push_str(&format!("{pad}{key_text}:\n"));
                        let child = if matches!(item, Out::Seq(_)) {
                            indent
                        } else {
                            indent + 2
                        };
                        write_yaml(item, child, out);
                    }
                }
            }
        }
        Out::Seq(items) if !items.is_empty() => {
            for item in items {
                match scalar_text(item) {
                    Some(text) => out.push_str(&format!("{pad}- {text}\n")),
                    None => {
                        // First line of the nested block shares the dash's line.
                        let mut nested = String::new();
                        write_yaml(item, indent + 2, &mut nested);
                        let nested = nested
                            .strip_prefix(&" ".repeat(indent + 2))
                            .unwrap_or(&nested);
                        out.push_str(&format!("{pad}- {nested}"));
                    }
                }
            }
        }
        scalar => {
            if let Some(text) = scalar_text(scalar) {
                out.push_str(&format!("{pad}{text}\n"));
            }
        }
    }
}

/// Prints like kubectl `-o json`: four-space indent, keys sorted.
pub fn to_json(value: &Out) -> String {
    let mut out = String::new();
    write_json(value, 0, &mut out);
    out.push('\n');
    out
}

fn write_json(value: &Out, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent + 4);
    match value {
        Out::Null => out.push_str("null"),
        Out::Bool(b) => out.push_str(&b.to_string()),
        Out::Int(i) => out.push_str(&i.to_string()),
        Out::Str(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '<' => out.push_str("\\u003c"),
                    '>' => out.push_str("\\u003e"),
                    '&' => out.push_str("\\u0026"),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Out::Seq(items) if items.is_empty() => out.push_str("[]"),
        Out::Map(map) if map.is_empty() => out.push_str("{}"),
        Out::Seq(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(item, indent + 4, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Out::Map(map) => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(&format!("{pad}\"{key}\": "));
                write_json(item, indent + 4, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_manifest_with_lines() {
        let docs = parse_documents(
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  x: \"3\"\n  ok: yes\n---\n---\nkind: Service\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        let spec = docs[0].get("spec").unwrap();
        assert_eq!(spec.line, 4);
        assert_eq!(spec.get("replicas").unwrap().value, Value::Int(3));
        assert_eq!(spec.get("replicas").unwrap().line, 4);
        assert_eq!(spec.get("x").unwrap().value, Value::Str("3".into()));
        assert_eq!(spec.get("ok").unwrap().value, Value::Bool(true));
        assert_eq!(docs[1].line, 9);
    }

    #[test]
    fn syntax_errors_read_like_go_yaml() {
        let err = parse_documents("a: b: c\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "yaml: line 1: mapping values are not allowed in this context"
        );
        let err = parse_documents("a:\n\tb: c\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "yaml: line 2: found character that cannot start any token"
        );
        assert!(parse_documents("a: \"open\n").is_err());
        // go-yaml numbers parser errors from 0: the bad key is on line 3, reported as 2.
        let err = parse_documents("spec:\n  replicas: 1\n selector: x\n").unwrap_err();
        assert_eq!(err.to_string(), "yaml: line 2: did not find expected key");
        let err = parse_documents("a:\n  - b\n  c: d\n").unwrap_err();
        assert_eq!(err.message, "did not find expected '-' indicator");
        let err = parse_documents("@x: 1\n").unwrap_err();
        assert_eq!(err.message, "found character that cannot start any token");
        assert!(parse_documents("a: 1\na: 2\n")
            .unwrap_err()
            .message
            .contains("already set"));
        let deep = "[".repeat(200);
        assert!(parse_documents(&deep).is_err());
    }

    #[test]
    fn yaml_output_matches_kubectl_layout() {
        let value = Out::map()
            .with("kind", "Deployment")
            .with("apiVersion", "apps/v1")
            .with(
                "spec",
                Out::map().with(
                    "containers",
                    vec![Out::map().with("name", "model").with(
                        "resources",
                        Out::map().with("limits", Out::map().with("cpu", "1")),
                    )],
                ),
            )
            .with(
                "metadata",
                Out::map().with("creationTimestamp", "2026-09-20T07:00:00Z"),
            );
        assert_eq!(
            to_yaml(&value),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: \"2026-09-20T07:00:00Z\"\nspec:\n  containers:\n  - name: model\n    resources:\n      limits:\n        cpu: \"1\"\n"
        );
        assert_eq!(
            to_json(&Out::map().with("a", vec![Out::Int(1)])),
            "{\n    \"a\": [\n        1\n    ]\n}\n"
        );
    }
}
