//! Generated questions: fresh numbers per seed, answers that agree with the cluster engine.

use std::collections::BTreeSet;

use cluster_sim::hpa::{resource_replicas, PodSample, ResourceReplicaInput, Tolerances};
use quiz::content::builtin_quiz;
use quiz::generate::{generate, next_seed, GeneratedQuestion};
use quiz::model::GeneratorKind;
use quiz::{
    Answer, AnswerShapeError, GradeDetail, ProblemStatus, QuizSession, SubmitError, TimerSetting,
};

/// What the engine says for the pods as the prompt states them (rebuilt independently of the
/// generator's own input): a starting pod is a Running pod that is not Ready.
fn engine_answer(q: &GeneratedQuestion) -> u32 {
    let pods = q
        .pods
        .iter()
        .map(|p| match p.usage_milli {
            Some(usage) => PodSample::running(p.request_milli, usage),
            None => PodSample {
                ready: false,
                ..PodSample::running(p.request_milli, 0)
            },
        })
        .collect();
    let input = ResourceReplicaInput {
        current_replicas: q.pods.len() as u32,
        target_utilization_percent: q.target_utilization_percent,
        tolerances: Tolerances::default(),
        resource: Default::default(),
        pods,
    };
    resource_replicas(&input)
        .expect("computable")
        .desired_replicas
}

fn text(s: &str) -> Answer {
    Answer::Text {
        text: s.to_string(),
    }
}

#[test]
fn answers_agree_with_the_engine_for_many_seeds() {
    for generator in GeneratorKind::ALL {
        let mut seed = 7;
        for _ in 0..500 {
            let q = generate(generator, seed);
            assert_eq!(
                q.expected_replicas,
                engine_answer(&q),
                "{generator:?} seed {seed}: {}",
                q.prompt
            );
            assert!(!q.solution.is_empty());
            seed = next_seed(seed);
        }
    }
}

#[test]
fn the_prompt_states_every_number_that_is_graded() {
    for seed in 0..200 {
        for generator in GeneratorKind::ALL {
            let q = generate(generator, seed);
            let request = format!("request {}m CPU each", q.pods[0].request_milli);
            assert!(q.prompt.contains(&request), "{}", q.prompt);
            assert!(q
                .pods
                .iter()
                .all(|p| p.request_milli == q.pods[0].request_milli));
            for usage in q.pods.iter().filter_map(|p| p.usage_milli) {
                assert!(q.prompt.contains(&format!("{usage}m")), "{}", q.prompt);
            }
            assert!(
                q.prompt
                    .contains(&format!("targets {} %", q.target_utilization_percent)),
                "{}",
                q.prompt
            );
            let starting = q.pods.iter().filter(|p| p.usage_milli.is_none()).count();
            assert_eq!(
                starting,
                usize::from(generator == GeneratorKind::HpaReplicasWithStartingPod)
            );
            assert_eq!(
                q.prompt.contains("not Ready"),
                starting == 1,
                "{}",
                q.prompt
            );
        }
    }
}

#[test]
fn practice_covers_up_down_and_no_change() {
    let mut outcomes = BTreeSet::new();
    for seed in 0..300 {
        let q = generate(GeneratorKind::HpaReplicas, seed);
        outcomes.insert(q.expected_replicas.cmp(&q.current_replicas));
    }
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
}

#[test]
fn typed_numbers_are_graded_and_other_answers_refused() {
    let q = generate(GeneratorKind::HpaReplicas, 99);
    let n = q.expected_replicas;
    assert!(q.grade(&text(&n.to_string())).unwrap().correct);
    assert!(q.grade(&text(&format!(" {n} replicas "))).unwrap().correct);
    assert!(!q.grade(&text(&(n + 1).to_string())).unwrap().correct);
    let g = q.grade(&text("six")).unwrap();
    assert_eq!((g.correct, g.detail), (false, GradeDetail::NotANumber));
    assert!(matches!(
        q.grade(&Answer::Choice { index: 0 }),
        Err(AnswerShapeError::WrongKind { .. })
    ));
}

#[test]
fn sessions_grade_generated_questions_and_give_new_numbers() {
    let quiz = builtin_quiz("generated").unwrap();
    let mut s = QuizSession::with_seed(&quiz, TimerSetting::Standard, 2026);
    let first = s.generated(0).unwrap().clone();
    assert_ne!(
        first.seed,
        s.generated(1).unwrap().seed,
        "each question has its own seed"
    );
    let wrong = (first.expected_replicas + 3).to_string();
    assert!(!s.submit(0, text(&wrong)).unwrap().grade.correct);
    assert_eq!(
        s.submit(0, Answer::Choice { index: 0 }).unwrap_err(),
        SubmitError::Shape(AnswerShapeError::WrongKind {
            question_kind: "generated",
            answer_kind: "choice"
        })
    );
    let right = first.expected_replicas.to_string();
    assert_eq!(
        s.submit(0, text(&right)).unwrap().status,
        ProblemStatus::Solved { attempt: 2 }
    );

    assert!(s.new_numbers(0));
    let second = s.generated(0).unwrap().clone();
    assert_ne!(second.prompt, first.prompt);
    assert_eq!(s.view(0).unwrap().status, ProblemStatus::Open);
    assert_eq!(s.view(0).unwrap().attempts_used, 0);
    assert!(
        s.submit(0, text(&second.expected_replicas.to_string()))
            .unwrap()
            .grade
            .correct
    );

    // Same seed, same numbers; a restart gets new ones; other kinds have none to renew.
    assert_eq!(
        QuizSession::with_seed(&quiz, TimerSetting::Standard, 2026).generated(0),
        Some(&first)
    );
    assert_ne!(s.restart().generated(0).unwrap().prompt, first.prompt);
    let mut challenge =
        QuizSession::new(&builtin_quiz("challenge").unwrap(), TimerSetting::Standard);
    assert!(!challenge.new_numbers(0));
    assert!(challenge.generated(0).is_none());
}
