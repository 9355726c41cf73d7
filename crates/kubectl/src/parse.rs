//! Command line -> [`Parsed`]: a shell-like tokenizer, cobra's command lookup (with its
//! "Did you mean this?" suggestions) and pflag's flag rules, all driven by the table in
//! `defs.rs`. Never panics on any input; every failure is a [`KubectlError`] worded as the
//! real tool words it.

use crate::defs::{
    subcommand, CommandDef, FlagDef, Matches, ValueKind, ALL_FLAGS, COMMANDS, HELP, NAMESPACE,
    REAL_KUBECTL_COMMANDS, REAL_KUBECTL_SUBCOMMANDS,
};
use crate::error::KubectlError;
use crate::request::{Parsed, Request};

/// One word of the command line after quote removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Byte offset of the word's first character in the line.
    pub start: usize,
    /// Whether any part was quoted: a quoted `--x` or `|` is a plain word.
    pub quoted: bool,
}

/// Why a line could not be split into words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenizeError {
    pub message: String,
    /// 0-based character column the error points at.
    pub column: usize,
}

/// Splits a line like a POSIX shell: whitespace separates words, `'...'` is literal, `"..."`
/// and `\` escape, `#` at the start of a word begins a comment. With `lenient`, an unclosed
/// quote just ends the last word (Tab completion works on half-typed lines).
pub fn tokenize(line: &str, lenient: bool) -> Result<Vec<Token>, TokenizeError> {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().peekable();
    let column_of = |byte: usize| line[..byte].chars().count();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, first)) = chars.peek() else {
            break;
        };
        if first == '#' {
            break;
        }
        let mut text = String::new();
        let mut quoted = false;
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '\'' | '"' => {
                    quoted = true;
                    let mut closed = false;
                    while let Some((_, inner)) = chars.next() {
                        if inner == c {
                            closed = true;
                            break;
                        }
                        if c == '"' && inner == '\\' {
                            if let Some(&(_, next)) = chars.peek() {
                                if matches!(next, '"' | '\\' | '$' | '`') {
                                    chars.next();
                                    text.push(next);
                                    continue;
                                }
                            }
                        }
                        text.push(inner);
                    }
                    if !closed && !lenient {
                        return Err(TokenizeError {
                            message: format!(
                                "unexpected EOF while looking for matching `{c}' (opened at column {})",
                                column_of(at) + 1
                            ),
                            column: column_of(at),
                        });
                    }
                }
                '\\' => {
                    quoted = true;
                    if let Some((_, next)) = chars.next() {
                        text.push(next);
                    }
                }
                '|' | ';' | '&' | '<' | '>' | '(' | ')' | '`' | '$' if !lenient => {
                    return Err(TokenizeError {
                        message: format!(
                            "`{c}' at column {}: pipes, redirects, variables and command lists are not part of this sandbox; type one command per line",
                            column_of(at) + 1
                        ),
                        column: column_of(at),
                    });
                }
                _ => text.push(c),
            }
        }
        tokens.push(Token {
            text,
            start,
            quoted,
        });
    }
    Ok(tokens)
}

/// The name cobra shows for a flag in `flag needs an argument` errors.
fn flag_lookup_long(name: &str, accepted: &[&'static FlagDef]) -> Option<&'static FlagDef> {
    accepted.iter().copied().find(|f| f.long == name)
}

fn flag_lookup_short(short: char, accepted: &[&'static FlagDef]) -> Option<&'static FlagDef> {
    accepted.iter().copied().find(|f| f.short == Some(short))
}

/// Whether a word is a flag rather than an argument (pflag: `-` alone is an argument).
fn is_flag_word(token: &Token) -> bool {
    !token.quoted && token.text.starts_with('-') && token.text.len() > 1
}

/// Does this flag word swallow the next word as its value? Decided over every flag in the
/// table, so command words after `-n default` are still found before the command is known.
fn swallows_next(word: &str) -> bool {
    if let Some(long) = word.strip_prefix("--") {
        return !long.contains('=') && ALL_FLAGS.iter().any(|f| f.long == long && f.takes_value());
    }
    let shorts: Vec<char> = word[1..].chars().collect();
    for (i, c) in shorts.iter().enumerate() {
        if let Some(flag) = ALL_FLAGS.iter().find(|f| f.short == Some(*c)) {
            if flag.takes_value() {
                return i + 1 == shorts.len();
            }
        }
    }
    false
}

/// Cobra's `findSuggestions`: commands within Levenshtein distance 2 (case-insensitive) or
/// having the typed word as a prefix, in alphabetical order.
pub fn suggestions(typed: &str, candidates: &[&'static str]) -> Vec<&'static str> {
    let typed_lower = typed.to_lowercase();
    let mut found: Vec<&'static str> = candidates
        .iter()
        .copied()
        .filter(|name| {
            levenshtein(&typed_lower, &name.to_lowercase()) <= 2
                || name.to_lowercase().starts_with(&typed_lower)
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

fn unknown_kubectl_command(word: &str) -> KubectlError {
    let found = suggestions(word, REAL_KUBECTL_COMMANDS);
    let mut message = format!("unknown command \"{word}\" for \"kubectl\"");
    if !found.is_empty() {
        message.push_str("\n\nDid you mean this?");
        for s in found {
            message.push_str("\n\t");
            message.push_str(s);
        }
    }
    KubectlError::Message(message)
}

/// Resolves `help [kubectl] WORDS...` to a command path (empty for the overview).
pub fn help_request(words: &[String], _from_kubectl: bool) -> Result<Request, KubectlError> {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.is_empty() {
        return Ok(Request::Help { path: vec![] });
    }
    let mut path: Vec<&'static str> = vec![];
    if words[0] == "kubectl" {
        words.remove(0);
        path.push("kubectl");
    }
    for (i, word) in words.iter().enumerate() {
        let found = if path.is_empty() {
            subcommand(&[], word).or_else(|| subcommand(&["kubectl"], word))
        } else {
            subcommand(&path, word)
        };
        match found {
            Some(def) => path = def.path.to_vec(),
            None if i == 0 && path.len() <= 1 => {
                return Err(KubectlError::Shell(format!(
                    "help: no help topics match `{}'.",
                    words.join(" ")
                )))
            }
            None => break,
        }
    }
    Ok(Request::Help { path })
}

/// Parses one terminal line.
pub fn parse_line(line: &str) -> Result<Parsed, KubectlError> {
    let tokens =
        tokenize(line, false).map_err(|e| KubectlError::Shell(format!("bash: {}", e.message)))?;
    let Some(first) = tokens.first() else {
        return Ok(Parsed {
            request: Request::Nothing,
            warnings: vec![],
        });
    };
    let (root, rest): (&[&'static str], &[Token]) = match first.text.as_str() {
        "kubectl" | "k" => (&["kubectl"], &tokens[1..]),
        word => match subcommand(&[], word) {
            Some(def) => return parse_command(def, &tokens[1..]),
            None => {
                let hint = if subcommand(&["kubectl"], word).is_some() {
                    format!(" (did you mean: kubectl {word} ...?)")
                } else {
                    String::new()
                };
                return Err(KubectlError::Shell(format!(
                    "bash: {word}: command not found{hint}"
                )));
            }
        },
    };
    // Find the command words among the tokens, skipping flags and their values.
    let mut path: Vec<&'static str> = root.to_vec();
    let mut def: Option<&'static CommandDef> = None;
    let mut remaining: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut after_double_dash = false;
    let mut settled = false;
    while i < rest.len() {
        let token = &rest[i];
        settled = settled || def.is_some_and(|d| d.children().next().is_none());
        if settled || after_double_dash {
            remaining.push(token.clone());
            i += 1;
            continue;
        }
        if token.text == "--" && !token.quoted {
            after_double_dash = true;
            remaining.push(token.clone());
            i += 1;
            continue;
        }
        if is_flag_word(token) {
            remaining.push(token.clone());
            if swallows_next(&token.text) {
                if let Some(value) = rest.get(i + 1) {
                    remaining.push(value.clone());
                    i += 1;
                }
            }
            i += 1;
            continue;
        }
        match subcommand(&path, &token.text) {
            Some(found) => {
                path = found.path.to_vec();
                def = Some(found);
            }
            None if def.is_none() => {
                if REAL_KUBECTL_COMMANDS.contains(&token.text.as_str()) {
                    let hint = if token.text == "wait" {
                        "; to let simulated time pass, type: wait 30s"
                    } else {
                        "; type help to see the commands it has"
                    };
                    return Err(KubectlError::message(format!(
                        "kubectl {} is not part of this sandbox{hint}",
                        token.text
                    )));
                }
                return Err(unknown_kubectl_command(&token.text));
            }
            None => {
                // A group: `create` takes its own arguments, the others only subcommands.
                let group = def.expect("checked above");
                let real = REAL_KUBECTL_SUBCOMMANDS
                    .iter()
                    .any(|(g, subs)| *g == group.name() && subs.contains(&token.text.as_str()));
                if real {
                    return Err(KubectlError::message(format!(
                        "{} {} is not part of this sandbox; type help to see the commands it has",
                        group.path.join(" "),
                        token.text
                    )));
                }
                if group.is_group() {
                    let words: Vec<&str> = rest[i..]
                        .iter()
                        .filter(|t| !is_flag_word(t))
                        .map(|t| t.text.as_str())
                        .collect();
                    return Err(KubectlError::usage(
                        format!("unknown command \"{}\"", words.join(" ")),
                        &group.path.join(" "),
                    ));
                }
                remaining.push(token.clone());
                settled = true;
            }
        }
        i += 1;
    }
    let Some(def) = def else {
        // `kubectl` alone, or only flags: kubectl prints its overview.
        return Ok(Parsed {
            request: Request::Help { path: vec![] },
            warnings: vec![],
        });
    };
    parse_command(def, &remaining)
}

/// Parses the flags and arguments of a known command with pflag's rules.
fn parse_command(def: &'static CommandDef, tokens: &[Token]) -> Result<Parsed, KubectlError> {
    let path = def.path.join(" ");
    let accepted = def.accepted_flags();
    let mut matches = Matches {
        def,
        args: Vec::new(),
        flags: Vec::new(),
    };
    let mut warnings = Vec::new();
    let mut record = |flag: &'static FlagDef, value: String, matches: &mut Matches| {
        if let Some(message) = flag.deprecated {
            let warning = format!("Flag --{} has been deprecated, {message}", flag.long);
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        matches.flags.push((flag, value));
    };
    let mut i = 0;
    let mut only_args = false;
    while i < tokens.len() {
        let token = &tokens[i];
        i += 1;
        if only_args || !is_flag_word(token) {
            matches.args.push(token.text.clone());
            continue;
        }
        if token.text == "--" {
            only_args = true;
            continue;
        }
        if let Some(long) = token.text.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (long, None),
            };
            let flag = flag_lookup_long(name, &accepted)
                .ok_or_else(|| KubectlError::flag(format!("unknown flag: --{name}"), &path))?;
            let value = match (flag.value, inline) {
                (ValueKind::Bool, None) => "true".to_string(),
                (_, Some(value)) => value,
                (_, None) => match tokens.get(i) {
                    Some(next) => {
                        i += 1;
                        next.text.clone()
                    }
                    None => {
                        return Err(KubectlError::flag(
                            format!("flag needs an argument: --{name}"),
                            &path,
                        ))
                    }
                },
            };
            record(flag, check_value(flag, value, &path)?, &mut matches);
            continue;
        }
        // Shorthand group: `-w`, `-Aw`, `-l app=x`, `-lapp=x`, `-o=yaml`.
        let group: Vec<char> = token.text[1..].chars().collect();
        let mut j = 0;
        while j < group.len() {
            let short = group[j];
            let flag = flag_lookup_short(short, &accepted).ok_or_else(|| {
                KubectlError::flag(
                    format!("unknown shorthand flag: '{short}' in {}", token.text),
                    &path,
                )
            })?;
            let tail: String = group[j + 1..].iter().collect();
            if flag.value == ValueKind::Bool {
                if let Some(value) = tail.strip_prefix('=') {
                    record(
                        flag,
                        check_value(flag, value.to_string(), &path)?,
                        &mut matches,
                    );
                    break;
                }
                record(flag, "true".to_string(), &mut matches);
                j += 1;
                continue;
            }
            let value = if !tail.is_empty() {
                tail.strip_prefix('=').unwrap_or(&tail).to_string()
            } else {
                match tokens.get(i) {
                    Some(next) => {
                        i += 1;
                        next.text.clone()
                    }
                    None => {
                        return Err(KubectlError::flag(
                            format!("flag needs an argument: '{short}' in -{short}"),
                            &path,
                        ))
                    }
                }
            };
            record(flag, check_value(flag, value, &path)?, &mut matches);
            break;
        }
    }
    if matches.is_set(&HELP) || (def.is_group() && matches.args.is_empty()) {
        return Ok(Parsed {
            request: Request::Help {
                path: def.path.to_vec(),
            },
            warnings,
        });
    }
    if let Some(namespace) = matches.last(&NAMESPACE) {
        if namespace != "default" {
            return Err(KubectlError::message(
                "this sandbox has a single namespace, \"default\"",
            ));
        }
    }
    let build = def.build.expect("groups returned help above");
    let request = build(&matches)?;
    Ok(Parsed { request, warnings })
}

/// pflag's value checks for bool and int32 flags.
fn check_value(flag: &FlagDef, value: String, path: &str) -> Result<String, KubectlError> {
    let invalid = |detail: String| {
        KubectlError::flag(
            format!(
                "invalid argument \"{value}\" for \"{}\" flag: {detail}",
                flag.display_name()
            ),
            path,
        )
    };
    match flag.value {
        ValueKind::Bool => match value.as_str() {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok("true".to_string()),
            "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok("false".to_string()),
            _ => Err(invalid(format!(
                "strconv.ParseBool: parsing \"{value}\": invalid syntax"
            ))),
        },
        ValueKind::Int => {
            let digits = value.strip_prefix(['-', '+']).unwrap_or(&value);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(format!(
                    "strconv.ParseInt: parsing \"{value}\": invalid syntax"
                )));
            }
            match value.parse::<i64>() {
                Ok(n) if i32::try_from(n).is_ok() => Ok(n.to_string()),
                _ => Err(invalid(format!(
                    "strconv.ParseInt: parsing \"{value}\": value out of range"
                ))),
            }
        }
        ValueKind::Text(_) => Ok(value),
    }
}

/// All command definitions whose first word is typed at the prompt (for completion).
pub fn prompt_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = COMMANDS
        .iter()
        .filter(|c| c.path.len() == 1)
        .map(|c| c.name())
        .collect();
    words.push("kubectl");
    words.sort_unstable();
    words
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Parses a line that must succeed.
    pub(crate) fn parse_ok(line: &str) -> Request {
        match parse_line(line) {
            Ok(parsed) => parsed.request,
            Err(e) => panic!("{line:?} failed: {e}"),
        }
    }

    /// Parses a line that must fail, returning the printed error.
    pub(crate) fn parse_err(line: &str) -> String {
        match parse_line(line) {
            Ok(parsed) => panic!("{line:?} parsed as {parsed:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn tokenizer_handles_quotes_escapes_and_comments() {
        let words = |line: &str| -> Vec<String> {
            tokenize(line, false)
                .unwrap()
                .into_iter()
                .map(|t| t.text)
                .collect()
        };
        assert_eq!(
            words("  a  'b c' \"d\\\"e\" f\\ g # note"),
            ["a", "b c", "d\"e", "f g"]
        );
        assert_eq!(words(""), Vec::<String>::new());
        let err = tokenize("get 'pods", false).unwrap_err();
        assert_eq!(err.column, 4);
        assert!(tokenize("kubectl get pods | grep x", false).is_err());
        assert_eq!(tokenize("get 'pods", true).unwrap().len(), 2);
    }

    #[test]
    fn unknown_commands_get_cobra_suggestions() {
        assert_eq!(
            parse_err("kubectl scael deployment x --replicas=3"),
            "error: unknown command \"scael\" for \"kubectl\"\n\nDid you mean this?\n\tscale"
        );
        assert_eq!(
            parse_err("kubectl frobnicate"),
            "error: unknown command \"frobnicate\" for \"kubectl\""
        );
        assert_eq!(suggestions("desc", REAL_KUBECTL_COMMANDS), ["describe"]);
        assert_eq!(
            parse_err("kubectl logs x"),
            "error: kubectl logs is not part of this sandbox; type help to see the commands it has"
        );
    }

    #[test]
    fn shell_words_and_missing_kubectl() {
        assert_eq!(parse_ok(""), Request::Nothing);
        assert_eq!(parse_ok("   # just a comment"), Request::Nothing);
        assert_eq!(
            parse_err("get pods"),
            "bash: get: command not found (did you mean: kubectl get ...?)"
        );
        assert_eq!(parse_err("foo"), "bash: foo: command not found");
        assert_eq!(parse_ok("kubectl"), Request::Help { path: vec![] });
        assert!(matches!(parse_ok("k get pods"), Request::Get { .. }));
    }

    #[test]
    fn flags_before_the_command_and_after_double_dash() {
        assert!(matches!(
            parse_ok("kubectl -n default get pods"),
            Request::Get { .. }
        ));
        let Request::Get { target, .. } = parse_ok("kubectl get pods -- -weird-name") else {
            panic!()
        };
        assert_eq!(target.names, vec!["-weird-name".to_string()]);
        assert_eq!(
            parse_err("kubectl get pods -x"),
            "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage."
        );
        assert_eq!(
            parse_err("kubectl scale deployment web --replicas"),
            "error: flag needs an argument: --replicas\nSee 'kubectl scale --help' for usage."
        );
    }
}
