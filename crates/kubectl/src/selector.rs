//! Label selectors as `kubectl -l` takes them (`app=my-ml-model`, `tier!=db`, `app`, `!canary`),
//! the equality-based subset of apimachinery `labels.Parse`.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// One requirement of a selector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Requirement {
    Equals { key: String, value: String },
    NotEquals { key: String, value: String },
    Exists { key: String },
    NotExists { key: String },
}

/// A parsed `-l` selector: all requirements must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
}

/// Why a selector could not be parsed; the message follows apimachinery's lexer errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    pub message: String,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unable to parse requirement: {}", self.message)
    }
}

impl std::error::Error for SelectorError {}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 253
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn valid_value(value: &str) -> bool {
    value.len() <= 63
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Selector {
    /// Parses `app=web,tier!=db,canary,!legacy`. An empty string selects everything.
    pub fn parse(text: &str) -> Result<Self, SelectorError> {
        let mut requirements = Vec::new();
        if text.trim().is_empty() {
            return Ok(Self { requirements });
        }
        for part in text.split(',') {
            let part = part.trim();
            let err = |message: String| SelectorError { message };
            let requirement = if let Some((key, value)) = part.split_once("!=") {
                Requirement::NotEquals {
                    key: key.trim().to_string(),
                    value: value.trim().to_string(),
                }
            } else if let Some((key, value)) =
                part.split_once("==").or_else(|| part.split_once('='))
            {
                Requirement::Equals {
                    key: key.trim().to_string(),
                    value: value.trim().to_string(),
                }
            } else if let Some(key) = part.strip_prefix('!') {
                Requirement::NotExists {
                    key: key.trim().to_string(),
                }
            } else {
                Requirement::Exists {
                    key: part.to_string(),
                }
            };
            let (key, value) = match &requirement {
                Requirement::Equals { key, value } | Requirement::NotEquals { key, value } => {
                    (key, Some(value))
                }
                Requirement::Exists { key } | Requirement::NotExists { key } => (key, None),
            };
            if key.is_empty() {
                return Err(err(format!("found '{part}', expected: identifier")));
            }
            if !valid_key(key) {
                return Err(err(format!(
                    "key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.'"
                )));
            }
            if let Some(value) = value {
                if !valid_value(value) {
                    return Err(err(format!(
                        "values[0][{key}]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'"
                    )));
                }
            }
            requirements.push(requirement);
        }
        Ok(Self { requirements })
    }

    /// Whether an object with these labels is selected.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| match r {
            Requirement::Equals { key, value } => labels.get(key) == Some(value),
            Requirement::NotEquals { key, value } => labels.get(key) != Some(value),
            Requirement::Exists { key } => labels.contains_key(key),
            Requirement::NotExists { key } => !labels.contains_key(key),
        })
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .requirements
            .iter()
            .map(|r| match r {
                Requirement::Equals { key, value } => format!("{key}={value}"),
                Requirement::NotEquals { key, value } => format!("{key}!={value}"),
                Requirement::Exists { key } => key.clone(),
                Requirement::NotExists { key } => format!("!{key}"),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn equality_and_existence() {
        let web = labels(&[("app", "web"), ("tier", "front")]);
        let select = |s: &str| Selector::parse(s).unwrap().matches(&web);
        assert!(select("app=web"));
        assert!(select("app==web"));
        assert!(!select("app=db"));
        assert!(select("tier!=db"));
        assert!(select("app,tier=front"));
        assert!(!select("!app"));
        assert!(select(""));
        assert!(!select("missing"));
    }

    #[test]
    fn bad_selectors_are_errors() {
        assert!(Selector::parse("=web").is_err());
        assert!(Selector::parse("app=we b").is_err());
        assert!(Selector::parse("app=web,").is_err());
        assert_eq!(
            Selector::parse("app=web,!x").unwrap().to_string(),
            "app=web,!x"
        );
    }
}
