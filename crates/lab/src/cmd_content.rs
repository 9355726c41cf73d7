//! `lab check-content`: validates every content file and prints each problem with its place.
//!
//! Each content kind is one entry of [`KINDS`]: its folder under content/, the file extension
//! and a validator over all its files at once (so cross-file rules, such as unique ids, work).
//! Scenarios, missions, exercises and lessons join with one line each.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One problem, printed as `file: item: field: message` (item omitted for whole-file problems).
pub struct Problem {
    pub file: String,
    pub item: Option<String>,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(item) = &self.item {
            write!(f, ": {item}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a validator found in all files of its kind.
pub struct Checked {
    /// Items checked (questions, scenarios...), for the summary line.
    pub items: usize,
    pub problems: Vec<Problem>,
}

/// (path shown to the author, text) of each file of a kind.
type Files = [(String, String)];

/// A content kind and how to check it.
struct ContentKind {
    kind: &'static str,
    /// Folder under the content root.
    dir: &'static str,
    extension: &'static str,
    /// The word for one item in the summary ("questions").
    items: &'static str,
    validate: fn(&Files) -> Checked,
}

/// Every content kind `check-content` knows. Add a kind with one line here.
const KINDS: &[ContentKind] = &[
    ContentKind {
        kind: "quizzes",
        dir: "quizzes",
        extension: "toml",
        items: "questions",
        validate: check_quizzes,
    },
    ContentKind {
        kind: "lessons",
        dir: "lessons",
        extension: "toml",
        items: "lessons",
        validate: check_lessons,
    },
    ContentKind {
        kind: "flow",
        dir: "flow",
        extension: "toml",
        items: "flows",
        validate: check_flow,
    },
    ContentKind {
        kind: "scenarios",
        dir: "scenarios",
        extension: "toml",
        items: "scenarios",
        validate: check_scenarios,
    },
    ContentKind {
        kind: "exercises",
        dir: "exercises",
        extension: "toml",
        items: "exercises",
        validate: check_exercises,
    },
    ContentKind {
        kind: "missions",
        dir: "missions",
        extension: "toml",
        items: "missions",
        validate: check_missions,
    },
];

/// Scenario presets: each file must parse and pass the engine's own checks.
fn check_scenarios(files: &Files) -> Checked {
    check_each_message(files, |name, text| {
        cluster_sim::scenario::Scenario::parse(name, text)
            .map(drop)
            .map_err(|e| e.to_string())
    })
}

/// Coding exercises: each file must fit the model, then pass the exercise crate's checks
/// (its solution really passes every step, hints present, ...).
fn check_exercises(files: &Files) -> Checked {
    let mut problems = Vec::new();
    let mut valid = 0;
    for (name, text) in files {
        let exercise: exercise::Exercise = match toml::from_str(text) {
            Ok(ex) => ex,
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text[..s.start].lines().count().max(1))
                    .unwrap_or(1);
                problems.push(Problem {
                    file: format!("{name}:{line}"),
                    item: None,
                    field: String::new(),
                    message: e.message().to_string(),
                });
                continue;
            }
        };
        let found = exercise::validate(&exercise);
        valid += usize::from(found.is_empty());
        problems.extend(found.into_iter().map(|p| Problem {
            file: name.clone(),
            item: Some(format!("exercise {}", p.exercise)),
            field: p.place,
            message: p.message,
        }));
    }
    Checked {
        items: valid,
        problems,
    }
}

/// kubectl missions: each file must parse, name a known start and have a checkable goal.
fn check_missions(files: &Files) -> Checked {
    check_each_message(files, |name, text| {
        let id = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name);
        kubectl::mission::Mission::parse(id, text)
            .map(drop)
            .map_err(|e| e.to_string())
    })
}

/// Runs a validator whose error is one already-placed line (`file:line: key: message`).
fn check_each_message(
    files: &Files,
    validate: impl Fn(&str, &str) -> Result<(), String>,
) -> Checked {
    let mut problems = Vec::new();
    let mut valid = 0;
    for (name, text) in files {
        match validate(name, text) {
            Ok(()) => valid += 1,
            Err(message) => {
                let (place, rest) = message
                    .split_once(": ")
                    .unwrap_or((name.as_str(), &message));
                problems.push(Problem {
                    file: place.to_string(),
                    item: None,
                    // The engine's message already names the key.
                    field: String::new(),
                    message: rest.to_string(),
                })
            }
        }
    }
    Checked {
        items: valid,
        problems,
    }
}

/// The lesson files: each file name says which lesson model it holds.
fn check_lessons(files: &Files) -> Checked {
    check_each(files, |name, text| {
        if name.ends_with("overview.toml") {
            course::parse_overview(name, text).map(drop)
        } else if name.ends_with("kubernetes-guide.toml") {
            course::parse_guide(name, text).map(drop)
        } else {
            Err(vec![course::ContentError {
                file: name.to_string(),
                key: "file".into(),
                line: None,
                message: "unknown lesson file: expected overview.toml or kubernetes-guide.toml"
                    .into(),
            }])
        }
    })
}

fn check_flow(files: &Files) -> Checked {
    check_each(files, |name, text| {
        course::parse_decision_flow(name, text).map(drop)
    })
}

/// Runs a per-file course validator over every file and turns its errors into problems.
fn check_each(
    files: &Files,
    validate: impl Fn(&str, &str) -> Result<(), Vec<course::ContentError>>,
) -> Checked {
    let mut problems = Vec::new();
    let mut valid = 0;
    for (name, text) in files {
        let errors = validate(name, text).err().unwrap_or_default();
        valid += usize::from(errors.is_empty());
        for e in errors {
            problems.push(Problem {
                file: match e.line {
                    Some(line) => format!("{}:{line}", e.file),
                    None => e.file,
                },
                item: None,
                field: e.key,
                message: e.message,
            });
        }
    }
    Checked {
        items: valid,
        problems,
    }
}

fn check_quizzes(files: &Files) -> Checked {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (quizzes, problems) = quiz::validate_quiz_files(&borrowed);
    Checked {
        items: quizzes.iter().map(|q| q.questions.len()).sum(),
        problems: problems
            .into_iter()
            .map(|p| Problem {
                file: p.file,
                item: p.question_id.map(|id| format!("question {id}")),
                field: p.field,
                message: p.message,
            })
            .collect(),
    }
}

const USAGE: &str = "usage: lab check-content [--root CONTENT_DIR]";

/// The repository's content/ folder, found from where this crate was built.
fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// Reads the files of one kind, sorted by name; unreadable files become problems.
fn read_kind(root: &Path, kind: &ContentKind) -> (Vec<(String, String)>, Vec<Problem>) {
    let dir = root.join(kind.dir);
    let shown = |p: &Path| {
        format!(
            "content/{}/{}",
            kind.dir,
            p.file_name().unwrap_or_default().to_string_lossy()
        )
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem {
                file: format!("content/{}", kind.dir),
                item: None,
                field: "folder".into(),
                message: format!("cannot be read: {err}"),
            });
            return (files, problems);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == kind.extension))
        .collect();
    paths.sort();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push((shown(&path), text)),
            Err(err) => problems.push(Problem {
                file: shown(&path),
                item: None,
                field: "file".into(),
                message: format!("cannot be read: {err}"),
            }),
        }
    }
    (files, problems)
}

pub fn run(args: &[String]) -> ExitCode {
    let root = match args {
        [] => default_root(),
        [flag, dir] if flag == "--root" => PathBuf::from(dir),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !root.is_dir() {
        eprintln!(
            "error: content folder {} not found\n{USAGE}",
            root.display()
        );
        return ExitCode::from(2);
    }
    let mut total_problems = 0;
    for kind in KINDS {
        let (files, mut problems) = read_kind(&root, kind);
        let checked = (kind.validate)(&files);
        problems.extend(checked.problems);
        for problem in &problems {
            println!("{problem}");
        }
        println!(
            "{}: {} files, {} {}, {} problems",
            kind.kind,
            files.len(),
            checked.items,
            kind.items,
            problems.len()
        );
        total_problems += problems.len();
    }
    if total_problems == 0 {
        ExitCode::SUCCESS
    } else {
        println!("{total_problems} problems found");
        ExitCode::from(1)
    }
}
