//! Shared by the property suites (a dev-dependency, never shipped): the CI case budget and the
//! edits that mutate the course's real texts (commands, manifests, programs, content files).
//!
//! Each suite keeps its own strategy (which fragments to insert, how long a cut may be); only
//! the [`Edit`] shape and how it is applied live here.

use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

/// The case budget: `default` in CI, or `PROPTEST_CASES` for a longer local session; a failing
/// case is saved next to the suite's file (`*.proptest-regressions`, commit it) and replayed
/// first (see ARCHITECTURE.md, "Property tests").
pub fn config(default: u32) -> Config {
    let mut config = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default;
    }
    config
}

/// One change to a text, at a position given as a share of its length.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Up to `n` bytes removed.
    Cut(Index, usize),
    Insert(Index, &'static str),
    /// Up to `n` bytes copied in place.
    Duplicate(Index, usize),
    Truncate(Index),
    /// A long run of one character: a huge string, a deep nesting or a giant number.
    Flood(Index, char, usize),
    /// The next number in the text replaced by another: the file still parses, so this
    /// reaches the models' own checks.
    Number(Index, &'static str),
}

/// The char boundary at or before byte `i` (clamped to the text).
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or before `index`'s share of the text.
fn at(text: &str, index: &Index) -> usize {
    floor(text, index.index(text.len() + 1))
}

/// `text` with `edits` applied in order; always valid UTF-8.
pub fn apply(mut text: String, edits: &[Edit]) -> String {
    for e in edits {
        match e {
            Edit::Cut(i, n) => {
                let a = at(&text, i);
                let b = floor(&text, a + n);
                text.replace_range(a..b, "");
            }
            Edit::Insert(i, s) => {
                let a = at(&text, i);
                text.insert_str(a, s);
            }
            Edit::Duplicate(i, n) => {
                let a = at(&text, i);
                let b = floor(&text, a + n);
                let copy = text[a..b].to_string();
                text.insert_str(b, &copy);
            }
            Edit::Truncate(i) => {
                let a = at(&text, i);
                text.truncate(a);
            }
            Edit::Flood(i, c, n) => {
                let a = at(&text, i);
                text.insert_str(a, &c.to_string().repeat(*n));
            }
            Edit::Number(i, n) => {
                let a = at(&text, i);
                if let Some(start) = text[a..].find(|c: char| c.is_ascii_digit()).map(|d| a + d) {
                    let len = text[start..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
                        .unwrap_or(text.len() - start);
                    text.replace_range(start..start + len, n);
                }
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(config(256))]

        /// Any edits on any text (multi-byte characters included) give a string, never a panic
        /// on a char boundary.
        #[test]
        fn edits_keep_text_valid(
            text in "[a-zé€😀 0-9\n]{0,40}",
            edits in prop::collection::vec(
                prop_oneof![
                    (any::<Index>(), 0usize..10).prop_map(|(i, n)| Edit::Cut(i, n)),
                    (any::<Index>(), 0usize..10).prop_map(|(i, n)| Edit::Duplicate(i, n)),
                    any::<Index>().prop_map(Edit::Truncate),
                    (any::<Index>(), 0usize..5).prop_map(|(i, n)| Edit::Flood(i, 'ß', n)),
                    any::<Index>().prop_map(|i| Edit::Number(i, "9")),
                ],
                0..6,
            ),
        ) {
            let _ = apply(text, &edits);
        }

        /// `Number` replaces the first number at or after its position, whole.
        #[test]
        fn number_replaces_the_next_number(at in any::<Index>()) {
            let text = "replicas: 3\n".to_string();
            let out = apply(text.clone(), &[Edit::Number(at, "-17")]);
            prop_assert!(out == text || out == "replicas: -17\n", "{out:?}");
        }
    }
}
