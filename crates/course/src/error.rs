//! `ContentError`: one problem in one content file, naming the file, the key and (when known) the line.

use std::fmt;

/// A problem found while loading or validating a content file.
///
/// Rendered on one line, `file:line: key: message`, so an author can jump straight to it and the
/// `lab check-content` command can print it unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Repository-relative path of the file, e.g. `content/flow/decision-flow.toml`.
    pub file: String,
    /// Where in the file: a key path such as `nodes[3].code_line`, or the enclosing table for parse errors.
    pub key: String,
    /// 1-based line in the file, when the problem can be pinned to one.
    pub line: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl ContentError {
    /// A validation error at a key path (no line: the data was parsed, so the path is the locator).
    pub fn at(file: &str, key: impl Into<String>, message: impl Into<String>) -> Self {
        ContentError {
            file: file.to_string(),
            key: key.into(),
            line: None,
            message: message.into(),
        }
    }

    /// Turns a TOML/serde error into a `ContentError` with the line and the enclosing table.
    ///
    /// toml's own rendering draws a multi-line snippet; a single line with the key is what an author
    /// and a CI log need, so the span is mapped to a line and the nearest `[table]` header by hand.
    pub fn from_toml(file: &str, source: &str, error: &toml::de::Error) -> Self {
        let message = error.message().trim().to_string();
        let Some(span) = error.span() else {
            return ContentError::at(file, "(document)", message);
        };
        let offset = span.start.min(source.len());
        let line = source[..offset].matches('\n').count() + 1;
        let line_text = source.lines().nth(line - 1).unwrap_or("").trim();
        let table = source[..offset]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('['))
            .unwrap_or("(top level)");
        // The key on the offending line, if the line is `key = ...`: names the field for the author.
        let key_on_line = line_text
            .split_once('=')
            .map(|(k, _)| k.trim())
            .filter(|k| !k.is_empty() && !k.starts_with('[') && !k.contains(' '));
        let key = match key_on_line {
            Some(k) => format!("{table} {k}"),
            None => table.to_string(),
        };
        ContentError {
            file: file.to_string(),
            key,
            line: Some(line),
            message,
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, self.key, self.message),
            None => write!(f, "{}: {}: {}", self.file, self.key, self.message),
        }
    }
}

impl std::error::Error for ContentError {}

/// Collects validation errors for one file so checks can keep going and report everything at once.
pub(crate) struct Problems<'a> {
    file: &'a str,
    pub(crate) errors: Vec<ContentError>,
}

impl<'a> Problems<'a> {
    pub(crate) fn new(file: &'a str) -> Self {
        Problems {
            file,
            errors: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, key: impl Into<String>, message: impl Into<String>) {
        self.errors.push(ContentError::at(self.file, key, message));
    }

    /// Flags an empty (or whitespace-only) text field: a blank card on the page is a content bug.
    pub(crate) fn require_text(&mut self, key: impl Into<String>, text: &str) {
        if text.trim().is_empty() {
            self.push(key, "must not be empty");
        }
    }

    /// Flags duplicate ids within one list; `ids` yields (key path, id).
    pub(crate) fn require_unique<'s>(&mut self, ids: impl IntoIterator<Item = (String, &'s str)>) {
        let mut seen = std::collections::BTreeSet::new();
        for (key, id) in ids {
            if !seen.insert(id) {
                self.push(key, format!("duplicate id `{id}`"));
            }
        }
    }
}

/// Checks that a lab preset id is kebab-case, the form the lab's scenario files use.
pub(crate) fn check_preset_id(problems: &mut Problems<'_>, key: String, preset: &str) {
    let ok = !preset.is_empty()
        && preset
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !preset.starts_with('-')
        && !preset.ends_with('-');
    if !ok {
        problems.push(
            key,
            format!("lab preset `{preset}` must be kebab-case (a-z, 0-9, -)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        items: Vec<Item>,
    }

    #[test]
    fn unknown_key_names_file_line_table_and_key() {
        let src = "title = \"t\"\n\n[[items]]\nname = \"a\"\n\n[[items]]\nname = \"b\"\ncolour = \"red\"\n";
        let err = toml::from_str::<Doc>(src).unwrap_err();
        let e = ContentError::from_toml("content/x.toml", src, &err);
        assert_eq!(e.line, Some(8));
        assert_eq!(e.key, "[[items]] colour");
        assert!(
            e.message.contains("unknown field `colour`"),
            "{}",
            e.message
        );
        let shown = e.to_string();
        assert!(shown.starts_with("content/x.toml:8: [[items]] colour: unknown field"));
        assert!(!shown.contains('\n'), "one line: {shown}");
    }

    #[test]
    fn syntax_error_has_a_line() {
        let src = "title = \"t\"\nitems = [\n";
        let err = toml::from_str::<Doc>(src).unwrap_err();
        let e = ContentError::from_toml("content/x.toml", src, &err);
        assert!(e.line.is_some());
    }

    #[test]
    fn preset_ids_must_be_kebab_case() {
        let mut p = Problems::new("f");
        check_preset_id(&mut p, "a".into(), "threshold-too-high");
        assert!(p.errors.is_empty());
        check_preset_id(&mut p, "b".into(), "Thresholds_Too_High");
        check_preset_id(&mut p, "c".into(), "");
        assert_eq!(p.errors.len(), 2);
    }
}
