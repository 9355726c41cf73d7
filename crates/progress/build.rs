//! Compiles what the completion summary needs from content/ into Rust statics: quiz ids, titles
//! and question ids; mission ids, titles and par; lab preset ids, titles and suggested end; and
//! the completion rule (content/completion.toml). No TOML parser ships to the browser.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
struct QuizFile {
    quiz: QuizHead,
    #[serde(default)]
    questions: Vec<Question>,
}
#[derive(Deserialize)]
struct QuizHead {
    id: String,
    title: String,
    badge: Option<Badge>,
}
#[derive(Deserialize)]
struct Badge {
    name: String,
}
#[derive(Deserialize)]
struct Question {
    id: String,
}
#[derive(Deserialize)]
struct Mission {
    title: String,
    par: u32,
}
#[derive(Deserialize)]
struct Scenario {
    title: String,
    #[serde(default)]
    order: u32,
    seconds: u64,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    min_score: u32,
    quizzes: Vec<String>,
    badges: Vec<String>,
    missions: Vec<String>,
    exercise_steps: u32,
    lab_presets: u32,
}

fn tomls(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn main() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut out = String::new();

    let mut quizzes: Vec<QuizFile> = tomls(&content.join("quizzes"))
        .iter()
        .map(|p| read(p))
        .collect();
    quizzes.sort_by(|a, b| a.quiz.id.cmp(&b.quiz.id));
    out.push_str("/// Every quiz: (id, title, badge name or \"\", question ids).\n");
    out.push_str("pub static QUIZZES: &[(&str, &str, &str, &[&str])] = &[\n");
    for q in &quizzes {
        let ids: Vec<String> = q.questions.iter().map(|x| format!("{:?}", x.id)).collect();
        let badge = q.quiz.badge.as_ref().map_or("", |b| b.name.as_str());
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, {:?}, &[{}]),",
            q.quiz.id,
            q.quiz.title,
            badge,
            ids.join(", ")
        );
    }
    out.push_str("];\n");

    out.push_str("/// Every mission: (id, title, par).\n");
    out.push_str("pub static MISSIONS: &[(&str, &str, u32)] = &[\n");
    for p in tomls(&content.join("missions")) {
        let m: Mission = read(&p);
        let _ = writeln!(out, "    ({:?}, {:?}, {}),", stem(&p), m.title, m.par);
    }
    out.push_str("];\n");

    let mut presets: Vec<(u32, String, Scenario)> = tomls(&content.join("scenarios"))
        .iter()
        .map(|p| {
            let s: Scenario = read(p);
            (s.order, stem(p), s)
        })
        .collect();
    presets.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out.push_str(
        "/// Every lab preset in the lab's order: (id, title, suggested end in seconds).\n",
    );
    out.push_str("pub static PRESETS: &[(&str, &str, u64)] = &[\n");
    for (_, id, s) in &presets {
        let _ = writeln!(out, "    ({id:?}, {:?}, {}),", s.title, s.seconds);
    }
    out.push_str("];\n");

    let rule: Rule = read(&content.join("completion.toml"));
    let list = |v: &[String]| {
        v.iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "/// content/completion.toml.\npub static RULE: CompletionRule = CompletionRule {{ min_score: {}, quizzes: &[{}], badges: &[{}], missions: &[{}], exercise_steps: {}, lab_presets: {} }};",
        rule.min_score,
        list(&rule.quizzes),
        list(&rule.badges),
        list(&rule.missions),
        rule.exercise_steps,
        rule.lab_presets
    );

    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::write(dest, out).unwrap();
}
