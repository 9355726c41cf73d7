//! Tab completion of command words, resource types, object names, flags and flag values,
//! driven by the same table as the parser. Object names come from a [`CompletionSource`]
//! (the session answers from the live cluster).

use crate::defs::{subcommand, CommandDef, FlagDef, Positionals, ValueHint, ALL_FLAGS, COMMANDS};
use crate::parse::{prompt_words, tokenize};
use crate::resources::{resolve_resource, ResourceKind, RESOURCES};
use serde::Serialize;

/// Where completion finds names that only the cluster knows.
pub trait CompletionSource {
    /// Names of the existing objects of a type, sorted.
    fn object_names(&self, kind: ResourceKind) -> Vec<String>;
    /// File names `apply -f` accepts (built-in manifests and the learner's files).
    fn manifest_files(&self) -> Vec<String>;
    /// Ready-made `-l` selectors, e.g. `app=my-ml-model` for each deployment.
    fn selectors(&self) -> Vec<String>;
}

/// A source that knows no names (completion of words and flags still works).
pub struct NoNames;

impl CompletionSource for NoNames {
    fn object_names(&self, _: ResourceKind) -> Vec<String> {
        Vec::new()
    }
    fn manifest_files(&self) -> Vec<String> {
        Vec::new()
    }
    fn selectors(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The candidates for the word under the cursor (the cursor is at the end of the line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// Byte offset where the word being completed starts.
    pub start: usize,
    /// Sorted, distinct; each replaces `line[start..]`.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The line after one Tab: a single candidate is inserted with a trailing space (unless
    /// it ends in `=` or `/`, where more follows); several extend to their common prefix.
    pub fn apply(&self, line: &str) -> String {
        // Quotes make word offsets and text lengths differ; never cut inside a character.
        let start = self.start.min(line.len());
        if !line.is_char_boundary(start) {
            return line.to_string();
        }
        let head = &line[..start];
        match self.candidates.as_slice() {
            [] => line.to_string(),
            [only] => {
                let space = if only.ends_with('=') || only.ends_with('/') {
                    ""
                } else {
                    " "
                };
                format!("{head}{only}{space}")
            }
            many => {
                let prefix = common_prefix(many);
                if prefix.len() > line.len() - head.len() && prefix.starts_with(&line[start..]) {
                    format!("{head}{prefix}")
                } else {
                    line.to_string()
                }
            }
        }
    }
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for word in &words[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(word.chars())
                .find(|((_, a), b)| a != b)
                .map(|((i, _), _)| i)
                .unwrap_or(first.len().min(word.len())),
        );
    }
    first[..end].to_string()
}

fn filtered(prefix: &str, words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = words
        .into_iter()
        .filter(|w| w.starts_with(prefix))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Completes the last word of `line`.
pub fn complete(line: &str, source: &dyn CompletionSource) -> Completion {
    let tokens = tokenize(line, true).unwrap_or_default();
    let at_new_word = line.is_empty() || line.ends_with(char::is_whitespace);
    let (prior, word, start) = match tokens.split_last() {
        Some((last, prior)) if !at_new_word => (prior, last.text.as_str(), last.start),
        _ => (tokens.as_slice(), "", line.len()),
    };
    let done = |start: usize, candidates: Vec<String>| Completion { start, candidates };
    let Some(first) = prior.first() else {
        return done(
            start,
            filtered(word, prompt_words().into_iter().map(String::from)),
        );
    };
    // Resolve the command from the words before the cursor, as the parser would.
    let mut path: Vec<&'static str> = vec![];
    let mut def: Option<&'static CommandDef> = None;
    let mut rest = &prior[1..];
    match first.text.as_str() {
        "kubectl" | "k" => path.push("kubectl"),
        other => match subcommand(&[], other) {
            Some(found) => def = Some(found),
            None => return done(start, vec![]),
        },
    }
    let mut positionals: Vec<&str> = vec![];
    let mut pending_flag: Option<&'static FlagDef> = None;
    while let Some((token, tail)) = rest.split_first() {
        rest = tail;
        if let Some(flag) = pending_flag.take() {
            let _ = flag;
            continue;
        }
        if token.text.starts_with('-') && token.text.len() > 1 {
            pending_flag = flag_awaiting_value(&token.text);
            continue;
        }
        let is_settled = def.is_some_and(|d| d.children().next().is_none());
        if !is_settled {
            if let Some(found) = subcommand(
                match def {
                    Some(d) => d.path,
                    None => &path,
                },
                &token.text,
            ) {
                def = Some(found);
                continue;
            }
        }
        positionals.push(token.text.as_str());
    }
    if let Some(flag) = pending_flag {
        return done(start, flag_values(flag, word, source));
    }
    if let Some(long) = word.strip_prefix("--") {
        if let Some((name, value)) = long.split_once('=') {
            let flag = ALL_FLAGS.iter().find(|f| f.long == name);
            let candidates = flag
                .map(|f| flag_values(f, value, source))
                .unwrap_or_default();
            return done(start + 2 + name.len() + 1, candidates);
        }
    }
    if word.starts_with('-') {
        let flags = match def {
            Some(d) => d.accepted_flags(),
            None => crate::defs::GLOBAL_FLAGS.to_vec(),
        };
        let names = flags.iter().map(|f| {
            if f.takes_value() {
                format!("--{}=", f.long)
            } else {
                format!("--{}", f.long)
            }
        });
        return done(start, filtered(word, names));
    }
    let def = match def {
        None => {
            let words = COMMANDS
                .iter()
                .filter(|c| c.path.len() == 2 && c.is_kubectl())
                .map(|c| c.name().to_string());
            return done(start, filtered(word, words));
        }
        Some(d) if d.children().next().is_some() && positionals.is_empty() => {
            let mut words: Vec<String> = d.children().map(|c| c.name().to_string()).collect();
            if d.name() == "top" {
                words = vec!["pods".into(), "nodes".into()];
            }
            return done(start, filtered(word, words));
        }
        Some(d) => d,
    };
    let candidates = match def.positionals {
        Positionals::Resources(kinds) => {
            if let Some((kind_text, name)) = word.split_once('/') {
                let names = resolve_resource(kind_text)
                    .filter(|r| kinds.contains(&r.kind))
                    .map(|r| source.object_names(r.kind))
                    .unwrap_or_default();
                return done(start + kind_text.len() + 1, filtered(name, names));
            }
            match positionals.first().and_then(|t| resolve_resource(t)) {
                Some(r) if kinds.contains(&r.kind) => filtered(word, source.object_names(r.kind)),
                Some(_) => vec![],
                None => filtered(
                    word,
                    RESOURCES
                        .iter()
                        .filter(|r| kinds.contains(&r.kind))
                        .flat_map(|r| {
                            // Offer the plural, or the spelling the learner has started.
                            if r.plural.starts_with(word) {
                                vec![r.plural.to_string()]
                            } else {
                                r.spellings()
                                    .into_iter()
                                    .filter(|s| s.starts_with(word))
                                    .take(1)
                                    .collect()
                            }
                        }),
                ),
            }
        }
        Positionals::Names(kind) => filtered(word, source.object_names(kind)),
        Positionals::Duration if positionals.is_empty() => {
            filtered(word, ["30s", "1m", "2m", "5m", "10m"].map(String::from))
        }
        Positionals::Topic => {
            let words = COMMANDS
                .iter()
                .filter(|c| c.path.len() == 1 || (c.is_kubectl() && c.path.len() == 2))
                .map(|c| c.name().to_string());
            filtered(word, words)
        }
        _ => vec![],
    };
    done(start, candidates)
}

/// The flag a word leaves waiting for its value in the next word (`-l`, `--selector`).
fn flag_awaiting_value(word: &str) -> Option<&'static FlagDef> {
    if let Some(long) = word.strip_prefix("--") {
        if long.contains('=') {
            return None;
        }
        return ALL_FLAGS
            .iter()
            .copied()
            .find(|f| f.long == long && f.takes_value());
    }
    let last = word.chars().last()?;
    let flag = ALL_FLAGS.iter().copied().find(|f| f.short == Some(last))?;
    (flag.takes_value() && word.len() == 2).then_some(flag)
}

fn flag_values(flag: &FlagDef, prefix: &str, source: &dyn CompletionSource) -> Vec<String> {
    let values: Vec<String> = match flag.hint {
        ValueHint::Nothing => vec![],
        ValueHint::Choices(choices) => choices.iter().map(|c| c.to_string()).collect(),
        ValueHint::ManifestFile => source.manifest_files(),
        ValueHint::Selector => source.selectors(),
    };
    filtered(prefix, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defs::COMMANDS;

    struct Fake;
    impl CompletionSource for Fake {
        fn object_names(&self, kind: ResourceKind) -> Vec<String> {
            match kind {
                ResourceKind::Deployment => vec!["my-ml-model".into(), "other".into()],
                ResourceKind::Pod => vec![
                    "my-ml-model-5d8f-abcde".into(),
                    "my-ml-model-5d8f-bcdfg".into(),
                ],
                _ => vec![],
            }
        }
        fn manifest_files(&self) -> Vec<String> {
            vec!["ml-inference-deployment.yaml".into(), "quota.yaml".into()]
        }
        fn selectors(&self) -> Vec<String> {
            vec!["app=my-ml-model".into()]
        }
    }

    fn tab(line: &str) -> String {
        complete(line, &Fake).apply(line)
    }

    #[test]
    fn completes_words_types_names_flags_and_values() {
        assert_eq!(tab("kub"), "kubectl ");
        assert_eq!(tab("kubectl sc"), "kubectl scale ");
        assert_eq!(tab("kubectl scale dep"), "kubectl scale deployments ");
        assert_eq!(
            tab("kubectl scale deployment my"),
            "kubectl scale deployment my-ml-model "
        );
        assert_eq!(
            tab("kubectl scale deployment my-ml-model --rep"),
            "kubectl scale deployment my-ml-model --replicas="
        );
        assert_eq!(
            tab("kubectl get pods -l "),
            "kubectl get pods -l app=my-ml-model "
        );
        assert_eq!(
            tab("kubectl get pods my"),
            "kubectl get pods my-ml-model-5d8f-"
        );
        assert_eq!(tab("kubectl apply -f q"), "kubectl apply -f quota.yaml ");
        assert_eq!(tab("kubectl get hpa -o y"), "kubectl get hpa -o yaml ");
        assert_eq!(
            tab("kubectl get pods --output=w"),
            "kubectl get pods --output=wide "
        );
        assert_eq!(tab("kubectl top p"), "kubectl top pods ");
        assert_eq!(tab("kubectl set r"), "kubectl set resources ");
        assert_eq!(
            tab("kubectl rollout status deployment/my"),
            "kubectl rollout status deployment/my-ml-model "
        );
        assert_eq!(tab("wait 3"), "wait 30s ");
        assert_eq!(tab("help aut"), "help autoscale ");
        assert_eq!(tab("kubectl get hp"), "kubectl get hpa ");
        assert_eq!(tab("nonsense x"), "nonsense x");
    }

    #[test]
    fn every_command_and_flag_is_reachable_by_completion() {
        for def in COMMANDS {
            // The command's own words complete from their prefixes.
            let mut line = String::new();
            for (i, word) in def.path.iter().enumerate() {
                let typed = format!("{line}{}", &word[..1]);
                let candidates = complete(&typed, &NoNames).candidates;
                let offered = candidates.iter().any(|c| c == word)
                    || (def.path[..i] == ["kubectl", "top"]
                        && candidates.iter().any(|c| def.aliases.contains(&c.as_str())));
                assert!(offered, "{typed:?} does not offer {word}: {candidates:?}");
                line.push_str(word);
                line.push(' ');
            }
            for flag in def.accepted_flags() {
                let typed = format!("{line}--{}", &flag.long[..1]);
                let candidates = complete(&typed, &NoNames).candidates;
                assert!(
                    candidates
                        .iter()
                        .any(|c| c.trim_end_matches('=') == format!("--{}", flag.long)),
                    "{typed:?} does not offer --{}",
                    flag.long
                );
            }
        }
    }
}
