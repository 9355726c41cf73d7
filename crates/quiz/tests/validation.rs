//! Validation, table-driven: one good file per kind, then bad snippets each with the place
//! (question id, field) and the words of the problem they must produce.

use quiz::{parse_quiz, validate_quiz_files, ContentProblem};

const HEAD_PRACTICE: &str = "[quiz]\nid = \"t\"\ntitle = \"T\"\nmode = \"practice\"\n";
const HEAD_CHALLENGE: &str = "[quiz]\nid = \"t\"\ntitle = \"T\"\nmode = \"challenge\"\n";

const CHOICE: &str = r#"
[[questions]]
id = "q1"
kind = "single_choice"
difficulty = "easy"
prompt = "P?"
hint = "H"
quick_check = "QC"
common_mistakes = ["M"]

[[questions.options]]
text = "a"

[[questions.options]]
text = "b"
correct = true

[[questions.solution]]
title = "S"
text = "T"
"#;

const ORDERING: &str = r#"
[[questions]]
id = "q1"
kind = "ordering"
difficulty = "advanced"
time_limit = "3:00"
attempts = 2
prompt = "Order these"
hint = "H"
steps = ["one", "two", "three"]
correct_order = [2, 1, 3]
order_options = [[2, 1, 3], [1, 2, 3]]
"#;

const OUTPUT: &str = r#"
[[questions]]
id = "q1"
kind = "command_output"
difficulty = "easy"
time_limit = "1:30"
attempts = 2
answer_mode = "choice"
prompt = "What prints?"
hint = "H"
command = "kubectl scale deployment web --replicas=3"
expected_output = "deployment.apps/web scaled"

[[questions.options]]
text = "deployment.apps/web   scaled"

[[questions.options]]
text = "deployment.apps/web created"
"#;

const VISUAL: &str = r#"[quiz]
id = "v"
title = "V"
mode = "visual"

[quiz.table]
columns = ["Step", "Action"]
rows = [["1", "a"], ["2", "b"]]

[[questions]]
id = "q1"
kind = "single_choice"
difficulty = "easy"
table_step = 2
prompt = "P"
hint = "H"

[[questions.options]]
text = "a"

[[questions.options]]
text = "b"
correct = true
"#;

const GENERATED: &str = r#"
[[questions]]
id = "g1"
kind = "generated"
generator = "hpa_replicas"
difficulty = "medium"
prompt = "How many replicas?"
hint = "ceil(current x usage / target)"
"#;

/// Problems as "question-id field: message" lines ("- " for file-level ones).
fn check(text: &str) -> Vec<String> {
    match parse_quiz("t.toml", text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .iter()
            .map(|p| {
                assert_eq!(p.file, "t.toml");
                format!(
                    "{} {}: {}",
                    p.question_id.as_deref().unwrap_or("-"),
                    p.field,
                    p.message
                )
            })
            .collect(),
    }
}

#[test]
fn good_files_of_every_kind_pass() {
    for (name, text) in [
        ("choice", format!("{HEAD_PRACTICE}{CHOICE}")),
        ("ordering", format!("{HEAD_CHALLENGE}{ORDERING}")),
        ("output", format!("{HEAD_CHALLENGE}{OUTPUT}")),
        ("visual", VISUAL.to_string()),
        ("generated", format!("{HEAD_PRACTICE}{GENERATED}")),
    ] {
        assert_eq!(check(&text), Vec::<String>::new(), "{name}");
    }
}

/// (what, file text, expected: each must be a substring of some reported line)
fn bad_cases() -> Vec<(&'static str, String, Vec<&'static str>)> {
    let p = |body: &str| format!("{HEAD_PRACTICE}{body}");
    let c = |body: &str| format!("{HEAD_CHALLENGE}{body}");
    vec![
        ("no correct option", p(&CHOICE.replace("correct = true\n", "")), vec!["q1 options: no option is marked correct"]),
        (
            "two correct options",
            p(&CHOICE.replace("text = \"a\"\n", "text = \"a\"\ncorrect = true\n")),
            vec!["q1 options: options A, B are all marked correct"],
        ),
        ("missing hint", p(&CHOICE.replace("hint = \"H\"\n", "")), vec!["q1 hint: missing or empty"]),
        ("blank hint", p(&CHOICE.replace("hint = \"H\"", "hint = \"  \"")), vec!["q1 hint: missing or empty"]),
        ("empty option", p(&CHOICE.replace("text = \"a\"", "text = \"\"")), vec!["q1 options: option A has no text"]),
        ("repeated option", p(&CHOICE.replace("text = \"a\"", "text = \"b\"")), vec!["q1 options: option B repeats"]),
        ("no options", p(&CHOICE.replace("[[questions.options]]", "[[questions.nothing]]")), vec!["-"]),
        (
            "duplicate ids",
            p(&format!("{CHOICE}{}", CHOICE)),
            vec!["q1 id: duplicate id: questions 0 and 1 share it"],
        ),
        ("unknown difficulty", p(&CHOICE.replace("\"easy\"", "\"trivial\"")), vec!["q1 difficulty: unknown difficulty \"trivial\""]),
        ("unknown kind", p(&CHOICE.replace("single_choice", "multi_choice")), vec!["q1 kind: unknown kind \"multi_choice\""]),
        ("practice without solution", p(&CHOICE.replace("[[questions.solution]]\ntitle = \"S\"\ntext = \"T\"\n", "")), vec!["q1 solution: a practice question needs its worked solution"]),
        ("practice without quick check", p(&CHOICE.replace("quick_check = \"QC\"\n", "")), vec!["q1 quick_check:"]),
        ("bad time limit", c(&ORDERING.replace("3:00", "3:75")), vec!["q1 time_limit: \"3:75\" is not a time limit: seconds must be below 60"]),
        ("time limit not m:ss", c(&ORDERING.replace("3:00", "180")), vec!["q1 time_limit: \"180\" is not a time limit"]),
        ("challenge without limit", c(&ORDERING.replace("time_limit = \"3:00\"\n", "")), vec!["q1 time_limit: a challenge problem needs a time limit"]),
        ("challenge without attempts", c(&ORDERING.replace("attempts = 2\n", "")), vec!["q1 attempts: a challenge problem needs"]),
        ("zero attempts", c(&ORDERING.replace("attempts = 2", "attempts = 0")), vec!["q1 attempts: 0 is not between 1 and 9"]),
        ("order repeats a step", c(&ORDERING.replace("correct_order = [2, 1, 3]", "correct_order = [2, 2, 3]")), vec!["q1 correct_order: [2, 2, 3] must list each step number from 1 to 3"]),
        ("order too short", c(&ORDERING.replace("correct_order = [2, 1, 3]", "correct_order = [2, 1]")), vec!["q1 correct_order:"]),
        ("order step out of range", c(&ORDERING.replace("correct_order = [2, 1, 3]", "correct_order = [2, 1, 4]")), vec!["q1 correct_order:"]),
        ("no order option is right", c(&ORDERING.replace("[[2, 1, 3], [1, 2, 3]]", "[[3, 2, 1], [1, 2, 3]]")), vec!["q1 order_options: exactly one option must equal correct_order [2, 1, 3]; 0 do"]),
        ("order option not a permutation", c(&ORDERING.replace("[1, 2, 3]]", "[1, 1, 3]]")), vec!["q1 order_options: option B [1, 1, 3] is not an order of steps 1 to 3"]),
        ("one step only", c(&ORDERING.replace("[\"one\", \"two\", \"three\"]", "[\"one\"]")), vec!["q1 steps: needs 2 to 10 steps, has 1"]),
        ("options on ordering", c(&format!("{ORDERING}\n[[questions.options]]\ntext = \"x\"\n")), vec!["q1 options: not used by kind ordering"]),
        ("output: no option matches", c(&OUTPUT.replace("web   scaled", "web  Scaled")), vec!["q1 options: exactly one option must match expected_output; 0 do"]),
        ("output: two options match", c(&OUTPUT.replace("web created", "web scaled ")), vec!["q1 options: exactly one option must match expected_output; 2 do"]),
        ("output: correct flag", c(&OUTPUT.replace("text = \"deployment.apps/web created\"", "text = \"x\"\ncorrect = true")), vec!["q1 options: do not mark correct = true"]),
        ("output: no answer mode", c(&OUTPUT.replace("answer_mode = \"choice\"\n", "")), vec!["q1 answer_mode: missing"]),
        ("output: free text with options", c(&OUTPUT.replace("\"choice\"", "\"free_text\"")), vec!["q1 options: answer_mode free_text takes no options"]),
        ("output: empty expected", c(&OUTPUT.replace("expected_output = \"deployment.apps/web scaled\"", "expected_output = \"\"")), vec!["q1 expected_output: missing or empty"]),
        ("visual without table step", VISUAL.replace("table_step = 2\n", ""), vec!["q1 table_step: a visual question must point at a row"]),
        ("visual step past the table", VISUAL.replace("table_step = 2", "table_step = 3"), vec!["q1 table_step: step 3 is not a row of the process table (1 to 2)"]),
        ("visual ragged table", VISUAL.replace("[\"2\", \"b\"]", "[\"2\"]"), vec!["- quiz.table.rows: row 2 has 1 cells but there are 2 columns"]),
        ("visual without table", VISUAL.replace("[quiz.table]\ncolumns = [\"Step\", \"Action\"]\nrows = [[\"1\", \"a\"], [\"2\", \"b\"]]\n", ""), vec!["- quiz.table: a visual quiz needs the process table"]),
        ("unknown generator", p(&GENERATED.replace("hpa_replicas", "vpa_guess")), vec!["g1 generator: unknown generator \"vpa_guess\"; expected one of hpa_replicas"]),
        ("generated in a challenge", c(&GENERATED.replace("difficulty", "time_limit = \"1:00\"\nattempts = 2\ndifficulty")), vec!["g1 kind: generated questions belong in practice"]),
        ("unknown mode", CHOICE.to_string().pipe_head("exam"), vec!["- quiz.mode: unknown mode \"exam\""]),
        ("unknown badge rule", c(&format!("[quiz.badge]\nname = \"B\"\nrule = \"most_correct\"\n{ORDERING}")), vec!["- quiz.badge.rule: unknown rule \"most_correct\""]),
        ("no questions", HEAD_PRACTICE.to_string(), vec!["- questions: the quiz has no questions"]),
        ("typo in a field name", p(&CHOICE.replace("prompt =", "promt =")), vec!["- line 10, column 1: unknown field `promt`"]),
        ("syntax error", p("[[questions]\nid = 1"), vec!["- line 5, column"]),
        ("wrong type", p(&CHOICE.replace("attempts", "x").replace("id = \"q1\"", "id = 7")), vec!["- line"]),
    ]
}

trait PipeHead {
    fn pipe_head(self, mode: &str) -> String;
}

impl PipeHead for String {
    /// A choice body under a head with the given mode.
    fn pipe_head(self, mode: &str) -> String {
        format!("[quiz]\nid = \"t\"\ntitle = \"T\"\nmode = \"{mode}\"\n{self}")
    }
}

#[test]
fn bad_snippets_report_their_place() {
    for (what, text, expected) in bad_cases() {
        let got = check(&text);
        assert!(!got.is_empty(), "{what}: accepted, expected {expected:?}");
        for e in &expected {
            assert!(
                got.iter().any(|g| g.contains(e)),
                "{what}: expected {e:?} in {got:#?}"
            );
        }
    }
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let text = format!(
        "{HEAD_PRACTICE}{}",
        CHOICE
            .replace("hint = \"H\"\n", "")
            .replace("\"easy\"", "\"trivial\"")
            .replace("correct = true\n", "")
    );
    let got = check(&text);
    assert_eq!(got.len(), 3, "{got:#?}");
}

#[test]
fn ids_must_be_unique_across_files() {
    let a = format!("{HEAD_PRACTICE}{CHOICE}");
    let b = a.replace("id = \"t\"", "id = \"u\"");
    let (quizzes, problems) =
        validate_quiz_files(&[("a.toml", &a), ("b.toml", &b), ("c.toml", &b)]);
    assert_eq!(quizzes.len(), 3);
    let lines: Vec<String> = problems.iter().map(ContentProblem::to_string).collect();
    assert_eq!(
        lines,
        [
            "b.toml: question q1: id: question id is already used in a.toml",
            "c.toml: quiz.id: quiz id \"u\" is already used by b.toml",
            "c.toml: question q1: id: question id is already used in a.toml",
        ]
    );
}

#[test]
fn problems_print_on_one_line_with_their_place() {
    let text = format!("{HEAD_PRACTICE}{}", CHOICE.replace("hint = \"H\"\n", ""));
    let problems = parse_quiz("content/quizzes/x.toml", &text).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "content/quizzes/x.toml: question q1: hint: missing or empty: every question has a hint"
    );
    assert!(problems.iter().all(|p| !p.to_string().contains('\n')));
}
