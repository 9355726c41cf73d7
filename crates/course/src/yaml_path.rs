//! A tiny index of key paths to line numbers for the block-style YAML manifests in the guide.
//!
//! Annotations name a field by path (`spec.template.spec.containers[0].resources.requests.cpu`);
//! the page needs the line to attach a tooltip. Computing the line from the path means an author
//! who edits a manifest cannot leave a tooltip pointing at the wrong line. Only the subset the
//! manifests use is understood: `key: value`, `key:`, `- key: value`, `- scalar`, comments, with
//! sequence items indented under their key or level with it (kubectl's own style). Anything else
//! is reported, never guessed.

/// One key (or sequence item), the 1-based line it starts on, and its inline scalar, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlKey {
    pub path: String,
    pub line: usize,
    /// The text after `key: ` (or after `- ` for a scalar item), as written; empty for a block.
    pub value: String,
}

/// Why a manifest could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlIndexError {
    pub line: usize,
    pub message: String,
}

struct Frame {
    indent: usize,
    path: String,
    next_item: usize,
    /// A sequence item's frame (opened by `- `), as opposed to a key's.
    is_item: bool,
}

/// Lists every key path in `yaml` with its line, in document order.
pub fn index(yaml: &str) -> Result<Vec<YamlKey>, YamlIndexError> {
    let mut keys = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for (i, raw) in yaml.lines().enumerate() {
        let line = i + 1;
        let err = |message: &str| YamlIndexError {
            line,
            message: message.to_string(),
        };
        if raw.contains('\t') {
            return Err(err("tabs are not allowed in YAML indentation"));
        }
        let content = strip_comment(raw);
        if content.trim().is_empty() || content.trim() == "---" {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let text = content.trim();
        if let Some(rest) = text
            .strip_prefix("- ")
            .or(if text == "-" { Some("") } else { None })
        {
            while stack.last().is_some_and(|f| f.indent > indent) {
                stack.pop();
            }
            // A previous item at this indent is a sibling; a key at this indent is the parent
            // of an indentless sequence (`containers:` / `- name: model` level with it).
            if stack
                .last()
                .is_some_and(|f| f.indent == indent && f.is_item)
            {
                stack.pop();
            }
            let Some(parent) = stack.last_mut() else {
                return Err(err("a sequence item needs a parent key"));
            };
            let item_path = format!("{}[{}]", parent.path, parent.next_item);
            parent.next_item += 1;
            let rest = rest.trim();
            let entry = split_key(rest);
            keys.push(YamlKey {
                path: item_path.clone(),
                line,
                value: if entry.is_some() {
                    String::new()
                } else {
                    rest.to_string()
                },
            });
            stack.push(Frame {
                indent,
                path: item_path,
                next_item: 0,
                is_item: true,
            });
            if let Some((key, value)) = entry {
                // The first key of the item sits two columns right of the dash.
                let path = format!("{}.{}", stack.last().map_or("", |f| &f.path), key);
                keys.push(YamlKey {
                    path: path.clone(),
                    line,
                    value: value.to_string(),
                });
                stack.push(Frame {
                    indent: indent + 2,
                    path,
                    next_item: 0,
                    is_item: false,
                });
            }
            continue;
        }
        let Some((key, value)) = split_key(text) else {
            return Err(err("expected `key: value`, `key:` or `- item`"));
        };
        while stack.last().is_some_and(|f| f.indent >= indent) {
            stack.pop();
        }
        let path = match stack.last() {
            Some(parent) => format!("{}.{}", parent.path, key),
            None => key.to_string(),
        };
        if keys.iter().any(|k: &YamlKey| k.path == path) {
            return Err(err(&format!("duplicate key `{path}`")));
        }
        keys.push(YamlKey {
            path: path.clone(),
            line,
            value: value.to_string(),
        });
        stack.push(Frame {
            indent,
            path,
            next_item: 0,
            is_item: false,
        });
    }
    Ok(keys)
}

/// The line of `path` in `yaml`, if the manifest has that key.
pub fn line_of(yaml: &str, path: &str) -> Option<usize> {
    index(yaml)
        .ok()?
        .into_iter()
        .find(|k| k.path == path)
        .map(|k| k.line)
}

/// Drops a `#` comment that is outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut in_single = false;
    let mut in_double = false;
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            '#' if !in_single && !in_double && prev_space => return &line[..i],
            _ => {}
        }
        prev_space = c == ' ';
    }
    line
}

/// Splits `key: value` / `key:`; `None` if the text is not a mapping entry.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let (key, value) = match text.split_once(": ") {
        Some((k, v)) => (k, v),
        None => (text.strip_suffix(':')?, ""),
    };
    let key = key.trim();
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' || c == '/');
    valid.then_some((key, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: model # the container
          resources:
            requests:
              cpu: \"500m\"
          ports:
            - containerPort: 80
        - name: sidecar
";

    #[test]
    fn nested_keys_and_sequence_items_get_their_lines() {
        let keys = index(DEPLOYMENT).unwrap();
        let find = |p: &str| keys.iter().find(|k| k.path == p).map(|k| k.line);
        assert_eq!(find("apiVersion"), Some(1));
        assert_eq!(find("spec.template.spec.containers"), Some(6));
        assert_eq!(find("spec.template.spec.containers[0]"), Some(7));
        assert_eq!(find("spec.template.spec.containers[0].name"), Some(7));
        assert_eq!(
            find("spec.template.spec.containers[0].resources.requests.cpu"),
            Some(10)
        );
        assert_eq!(
            find("spec.template.spec.containers[0].ports[0].containerPort"),
            Some(12)
        );
        assert_eq!(find("spec.template.spec.containers[1].name"), Some(13));
        assert_eq!(find("spec.template.spec.containers[0].sidecar"), None);
    }

    #[test]
    fn indentless_sequences_give_the_same_paths_and_values() {
        let indentless = "\
spec:
  containers:
  - name: model
    ports:
    - containerPort: 80
  - name: sidecar
  args:
  - serve
";
        let indented = "\
spec:
  containers:
    - name: model
      ports:
        - containerPort: 80
    - name: sidecar
  args:
    - serve
";
        let pairs = |y: &str| -> Vec<(String, String)> {
            index(y)
                .unwrap()
                .into_iter()
                .map(|k| (k.path, k.value))
                .collect()
        };
        assert_eq!(pairs(indentless), pairs(indented));
        let p = pairs(indentless);
        assert!(p.contains(&("spec.containers[1].name".into(), "sidecar".into())));
        assert!(p.contains(&("spec.args[0]".into(), "serve".into())));
        assert!(p.contains(&(
            "spec.containers[0].ports[0].containerPort".into(),
            "80".into()
        )));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let keys = index("# header\n\na: 1 # note\nb: \"x # not a comment\"\n").unwrap();
        assert_eq!(
            keys,
            vec![
                YamlKey {
                    path: "a".into(),
                    line: 3,
                    value: "1".into()
                },
                YamlKey {
                    path: "b".into(),
                    line: 4,
                    value: "\"x # not a comment\"".into()
                }
            ]
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let e = index("a: 1\njust words\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = index("- orphan\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = index("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = index("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("duplicate"));
    }
}
