//! The course's quiz files: all valid, all embedded, and every seed question with its seed answer.

use std::path::Path;

use quiz::content::{builtin_quiz, builtin_quizzes, QUIZ_FILES};
use quiz::model::{AnswerMode, Category, Difficulty, QuestionBody, QuizMode};
use quiz::{grade, validate_quiz_files, Answer};

fn content_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/quizzes")
}

/// Reads every .toml in content/quizzes/ from disk (not the embedded copies).
fn files_on_disk() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(content_dir())
        .expect("content/quizzes exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("readable file"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_quiz_file_on_disk_is_valid() {
    let files = files_on_disk();
    assert!(
        files.len() >= 5,
        "expected the course's quiz files, found {}",
        files.len()
    );
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (quizzes, problems) = validate_quiz_files(&borrowed);
    let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        listing.join("\n")
    );
    assert_eq!(quizzes.len(), files.len());
}

#[test]
fn every_quiz_file_is_embedded() {
    let on_disk: Vec<String> = files_on_disk().into_iter().map(|(n, _)| n).collect();
    let mut embedded: Vec<String> = QUIZ_FILES.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "add new files to quiz::content::QUIZ_FILES"
    );
    for (name, text) in QUIZ_FILES {
        let disk = std::fs::read_to_string(content_dir().join(name)).unwrap();
        assert_eq!(*text, disk, "{name} embedded copy differs");
    }
}

fn letters(quiz_id: &str) -> Vec<(String, char)> {
    let quiz = builtin_quiz(quiz_id).unwrap_or_else(|| panic!("quiz {quiz_id} is built in"));
    quiz.questions
        .iter()
        .map(|q| (q.id.0.clone(), q.correct_letter().expect("has a letter")))
        .collect()
}

#[test]
fn practice_set_keeps_the_seed_answers() {
    let got = letters("practice");
    let answers: Vec<char> = got.iter().map(|(_, l)| *l).collect();
    assert_eq!(answers, ['C', 'B', 'A', 'D', 'A']);
    let quiz = builtin_quiz("practice").unwrap();
    let difficulties: Vec<Difficulty> = quiz.questions.iter().map(|q| q.difficulty).collect();
    use Difficulty::*;
    assert_eq!(difficulties, [Easy, Easy, Medium, Medium, Hard]);
    for q in &quiz.questions {
        assert!(
            !q.solution.is_empty() && q.quick_check.is_some() && !q.common_mistakes.is_empty(),
            "{}",
            q.id
        );
        match &q.body {
            QuestionBody::SingleChoice { options, .. } => assert_eq!(options.len(), 4, "{}", q.id),
            other => panic!("{} is {}", q.id, other.kind_str()),
        }
    }
    // The hard question's worked solution has the seed's three steps.
    assert_eq!(quiz.questions[4].solution.len(), 3);
}

#[test]
fn visual_quiz_points_at_the_right_table_rows() {
    let quiz = builtin_quiz("visual").unwrap();
    assert_eq!(quiz.mode, QuizMode::Visual);
    let table = quiz.table.as_ref().expect("process table");
    assert_eq!(table.rows.len(), 5);
    let got: Vec<(char, Option<usize>)> = quiz
        .questions
        .iter()
        .map(|q| (q.correct_letter().unwrap(), q.table_step))
        .collect();
    assert_eq!(got, [('A', Some(1)), ('C', Some(4)), ('B', Some(3))]);
    // The correct option's text is what the highlighted row says.
    let action = |step: usize| table.rows[step - 1][3].clone();
    assert_eq!(action(1), "use_small_model()");
    assert_eq!(action(4), "scale_horizontally()");
    assert_eq!(action(3), "scale_vertically()");
}

#[test]
fn challenge_keeps_limits_attempts_categories_and_badge() {
    let quiz = builtin_quiz("challenge").unwrap();
    assert_eq!(quiz.mode, QuizMode::Challenge);
    assert_eq!(
        quiz.badge.as_ref().unwrap().name,
        "Scaling Mastery in MLOps"
    );
    let limits: Vec<u64> = quiz
        .questions
        .iter()
        .map(|q| q.time_limit_ms.unwrap())
        .collect();
    assert_eq!(limits, [120_000, 90_000, 180_000, 150_000, 180_000]);
    assert!(quiz.questions.iter().all(|q| q.attempts_allowed == Some(2)));
    let categories: Vec<Category> = quiz.questions.iter().map(|q| q.category.unwrap()).collect();
    use Category::*;
    assert_eq!(
        categories,
        [
            Conceptual,
            CommandOutput,
            Workflow,
            Troubleshooting,
            BestPractice
        ]
    );
    use Difficulty::*;
    let difficulties: Vec<Difficulty> = quiz.questions.iter().map(|q| q.difficulty).collect();
    assert_eq!(
        difficulties,
        [Intermediate, Intermediate, Advanced, Advanced, Expert]
    );
    let answers: Vec<char> = quiz
        .questions
        .iter()
        .map(|q| q.correct_letter().unwrap())
        .collect();
    assert_eq!(answers, ['A', 'A', 'A', 'D', 'C']);
}

#[test]
fn ordering_problem_reads_deploy_metrics_configure_test() {
    let quiz = builtin_quiz("challenge").unwrap();
    let q = &quiz.questions[2];
    let QuestionBody::Ordering {
        steps,
        correct_order,
        order_options,
        ..
    } = &q.body
    else {
        panic!("problem 3 is an ordering question");
    };
    assert_eq!(
        order_options,
        &[
            vec![3, 2, 1, 4],
            vec![3, 1, 2, 4],
            vec![1, 3, 2, 4],
            vec![1, 2, 3, 4]
        ]
    );
    let in_order: Vec<&str> = correct_order
        .iter()
        .map(|&n| steps[n - 1].as_str())
        .collect();
    assert!(in_order[0].starts_with("Deploy the model"), "{in_order:?}");
    assert!(in_order[1].contains("metrics"), "{in_order:?}");
    assert!(
        in_order[2].contains("HorizontalPodAutoscaler"),
        "{in_order:?}"
    );
    assert!(in_order[3].contains("load"), "{in_order:?}");
    // Both ways of answering agree.
    assert!(
        grade(
            q,
            &Answer::Order {
                steps: vec![3, 2, 1, 4]
            }
        )
        .unwrap()
        .correct
    );
    assert!(grade(q, &Answer::Choice { index: 0 }).unwrap().correct);
    assert!(
        !grade(
            q,
            &Answer::Order {
                steps: vec![1, 2, 3, 4]
            }
        )
        .unwrap()
        .correct
    );
    assert!(!grade(q, &Answer::Choice { index: 3 }).unwrap().correct);
}

#[test]
fn command_output_questions_accept_kubectl_text_typed_loosely() {
    let quiz = builtin_quiz("commands").unwrap();
    for q in &quiz.questions {
        let QuestionBody::CommandOutput {
            expected_output,
            answer_mode,
            ..
        } = &q.body
        else {
            panic!("{} should be command_output", q.id);
        };
        assert_eq!(*answer_mode, AnswerMode::FreeText);
        let padded: String = expected_output
            .lines()
            .map(|l| format!("  {}   \n", l.replace(' ', "    ")))
            .collect();
        assert!(
            grade(q, &Answer::Text { text: padded }).unwrap().correct,
            "{}",
            q.id
        );
        let reworded = expected_output
            .replacen("deployment", "deploy", 1)
            .replacen("NAME", "Name", 1)
            .replacen("autoscaled", "created", 1)
            .replacen("not found", "missing", 1);
        assert!(
            !grade(q, &Answer::Text { text: reworded }).unwrap().correct,
            "{}",
            q.id
        );
    }
    let challenge = builtin_quiz("challenge").unwrap();
    let scale = &challenge.questions[1];
    assert!(
        grade(
            scale,
            &Answer::Text {
                text: "deployment.apps/ml-model   scaled\n".into()
            }
        )
        .unwrap()
        .correct
    );
    assert!(grade(scale, &Answer::Choice { index: 0 }).unwrap().correct);
    assert!(!grade(scale, &Answer::Choice { index: 2 }).unwrap().correct);
}

#[test]
fn question_ids_are_unique_across_the_course() {
    let quizzes = builtin_quizzes().unwrap();
    let mut ids: Vec<&str> = quizzes
        .iter()
        .flat_map(|q| q.questions.iter().map(|q| q.id.0.as_str()))
        .collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total);
    assert_eq!(total, 5 + 3 + 5 + 4 + 2);
}

#[test]
fn final_answers_are_derived_from_the_correct_option() {
    let practice = builtin_quiz("practice").unwrap();
    assert_eq!(
        practice.questions[0].final_answer().as_deref(),
        Some("Because different growth patterns require different resource management -> Option C")
    );
    let challenge = builtin_quiz("challenge").unwrap();
    let finals: Vec<String> = challenge
        .questions
        .iter()
        .map(|q| q.final_answer().unwrap())
        .collect();
    assert_eq!(finals[1], "deployment.apps/ml-model scaled -> Option A");
    assert_eq!(finals[2], "3,2,1,4 -> Option A");
    let commands = builtin_quiz("commands").unwrap();
    assert_eq!(
        commands.questions[0].final_answer().as_deref(),
        Some("deployment.apps/web scaled")
    );
    let generated = builtin_quiz("generated").unwrap();
    assert_eq!(generated.questions[0].final_answer(), None);
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["src", "tests"] {
        for entry in std::fs::read_dir(crate_dir.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    text.starts_with("//! "),
                    "{} does not open with a //! line",
                    path.display()
                );
            }
        }
    }
}
