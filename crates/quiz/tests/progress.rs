//! Saved progress: round trips, and a loader that survives corrupt, truncated, old and hostile JSON.

use proptest::prelude::*;
use quiz::content::builtin_quiz;
use quiz::progress::{
    export_progress, import_progress, load_progress, Progress, ProgressNotice, MAX_PROGRESS_BYTES,
    PROGRESS_SCHEMA_VERSION,
};
use quiz::{Answer, QuizSession, TimerSetting};

/// A progress with a finished challenge (all right), a practice answer and a timer setting.
fn sample() -> Progress {
    let quiz = builtin_quiz("challenge").unwrap();
    let mut s = QuizSession::new(&quiz, TimerSetting::Standard);
    let answers = [
        Answer::Choice { index: 0 },
        Answer::Text {
            text: "deployment.apps/ml-model scaled".into(),
        },
        Answer::Order {
            steps: vec![3, 2, 1, 4],
        },
        Answer::Choice { index: 3 },
        Answer::Choice { index: 2 },
    ];
    let mut p = Progress {
        timer_setting: TimerSetting::Extended { percent: 500 },
        ..Progress::default()
    };
    for (i, a) in answers.into_iter().enumerate() {
        s.advance(i, 12_345);
        let id = quiz.questions[i].id.0.clone();
        let correct = s.submit(i, a.clone()).unwrap().grade.correct;
        p.record_answer("challenge", &id, a, correct);
        // The page saves after every answer; only the last one finishes the run.
        if let Some(result) = s.take_result() {
            p.record_result(&result);
        }
    }
    assert_eq!(s.take_result(), None, "a run's result is handed out once");
    p.record_answer(
        "practice",
        "practice-1-why-different",
        Answer::Choice { index: 2 },
        true,
    );
    p
}

#[test]
fn export_import_round_trips() {
    let p = sample();
    let text = export_progress(&p);
    assert_eq!(import_progress(&text), Ok(p.clone()));
    let loaded = load_progress(Some(&text));
    assert_eq!((loaded.progress, loaded.notice), (p, None));
}

#[test]
fn a_finished_run_records_best_scores_badge_and_time() {
    let p = sample();
    let c = &p.quizzes["challenge"];
    assert_eq!(
        (
            c.runs_completed,
            c.best_correct,
            c.question_count,
            c.best_points
        ),
        (1, 5, 5, 500)
    );
    assert_eq!(c.time_spent_ms, 5 * 12_345);
    assert_eq!(
        c.last_answers["challenge-3-autoscaling-workflow"].answer,
        Answer::Order {
            steps: vec![3, 2, 1, 4]
        }
    );
    assert!(p.badges.contains("Scaling Mastery in MLOps"));

    // A worse run later keeps the best score and the badge.
    let quiz = builtin_quiz("challenge").unwrap();
    let mut worse = QuizSession::new(&quiz, TimerSetting::Standard);
    for i in 0..5 {
        worse.advance(i, 200_000);
    }
    let mut p2 = p.clone();
    p2.record_result(&worse.take_result().expect("all five timed out: finished"));
    let c2 = &p2.quizzes["challenge"];
    assert_eq!(
        (c2.runs_completed, c2.best_correct, c2.best_points),
        (2, 5, 500)
    );
    assert_eq!(
        c2.time_spent_ms,
        5 * 12_345 + 120_000 + 90_000 + 180_000 + 150_000 + 180_000
    );
    assert!(p2.badges.contains("Scaling Mastery in MLOps"));

    // An unfinished run has no result to record.
    let mut open = QuizSession::new(&quiz, TimerSetting::Standard);
    open.advance(0, 1_000);
    assert_eq!(open.take_result(), None);
}

#[test]
fn reset_keeps_only_the_timer_setting() {
    let mut p = sample();
    p.reset();
    assert_eq!(
        p,
        Progress {
            timer_setting: TimerSetting::Extended { percent: 500 },
            ..Progress::default()
        }
    );
}

#[test]
fn nothing_stored_is_a_fresh_start_without_notice() {
    let loaded = load_progress(None);
    assert_eq!(loaded.progress, Progress::default());
    assert_eq!(loaded.notice, None);
}

/// Says whether a notice is the expected one.
type NoticeCheck = fn(&ProgressNotice) -> bool;

/// (stored text, what the notice must be)
fn bad_inputs() -> Vec<(String, NoticeCheck)> {
    let good = export_progress(&sample());
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let deep_in_field = format!(
        "{{\"schema_version\":1,\"quizzes\":{}}}",
        "{\"a\":".repeat(5_000)
    );
    vec![
        (String::new(), |n| matches!(n, ProgressNotice::NotJson { .. })),
        ("{".into(), |n| matches!(n, ProgressNotice::NotJson { .. })),
        ("null".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("[]".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("{}".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("{\"schema_version\":\"1\"}".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("{\"schema_version\":-1}".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("{\"schema_version\":1.5}".into(), |n| matches!(n, ProgressNotice::NoVersion)),
        ("{\"schema_version\":0,\"anything\":true}".into(), |n| matches!(n, ProgressNotice::OldSchema { found: 0 })),
        (good.replace("\"schema_version\": 1", "\"schema_version\": 2"), |n| matches!(n, ProgressNotice::NewerSchema { found: 2 })),
        ("{\"schema_version\":1}".into(), |n| matches!(n, ProgressNotice::WrongShape { .. })),
        (good.replace("\"badges\"", "\"badgez\""), |n| matches!(n, ProgressNotice::WrongShape { .. })),
        (good.replace("\"best_correct\": 5", "\"best_correct\": 6"), |n| matches!(n, ProgressNotice::Implausible { .. })),
        (good.replace("\"best_points\": 500", "\"best_points\": 501"), |n| matches!(n, ProgressNotice::Implausible { .. })),
        (good.replace("\"best_points\": 500", "\"best_points\": 99999999999999999999"), |n| matches!(n, ProgressNotice::WrongShape { .. })),
        (good.replace("\"index\": 3", "\"index\": -3"), |n| matches!(n, ProgressNotice::WrongShape { .. })),
        (good.replace("\"kind\": \"choice\"", "\"kind\": \"telepathy\""), |n| matches!(n, ProgressNotice::WrongShape { .. })),
        (deep, |n| matches!(n, ProgressNotice::NotJson { .. } | ProgressNotice::TooLarge { .. })),
        (deep_in_field, |n| matches!(n, ProgressNotice::NotJson { .. })),
        (" ".repeat(MAX_PROGRESS_BYTES + 1), |n| matches!(n, ProgressNotice::TooLarge { .. })),
        (
            format!("{{\"schema_version\":1,\"quizzes\":{{}},\"badges\":[\"{}\"],\"timer_setting\":{{\"mode\":\"off\"}}}}", "x".repeat(1_000)),
            |n| matches!(n, ProgressNotice::Implausible { .. }),
        ),
    ]
}

#[test]
fn corrupt_old_and_hostile_data_is_discarded_with_a_notice() {
    for (i, (text, expected)) in bad_inputs().into_iter().enumerate() {
        let loaded = load_progress(Some(&text));
        let notice = loaded
            .notice
            .unwrap_or_else(|| panic!("case {i} was accepted"));
        assert!(expected(&notice), "case {i}: unexpected notice {notice:?}");
        assert_eq!(loaded.progress, Progress::default(), "case {i}");
        let line = notice.to_string();
        assert!(
            line.starts_with("Saved progress could not be used: "),
            "{line}"
        );
        assert!(!line.contains('\n'), "case {i}: notice spans lines: {line}");
        assert_eq!(
            import_progress(&text),
            Err(notice),
            "import refuses the same way"
        );
    }
}

#[test]
fn every_truncation_of_saved_progress_is_refused() {
    let good = export_progress(&sample());
    for end in 0..good.len() {
        if !good.is_char_boundary(end) {
            continue;
        }
        let loaded = load_progress(Some(&good[..end]));
        assert!(loaded.notice.is_some(), "truncated at {end} was accepted");
    }
}

#[test]
fn schema_version_is_stored() {
    let text = export_progress(&Progress::default());
    assert!(
        text.contains(&format!("\"schema_version\": {PROGRESS_SCHEMA_VERSION}")),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn loading_any_text_never_panics(text in ".{0,400}") {
        let loaded = load_progress(Some(&text));
        // Whatever was accepted must survive a round trip unchanged.
        if loaded.notice.is_none() {
            prop_assert_eq!(import_progress(&export_progress(&loaded.progress)), Ok(loaded.progress));
        }
    }

    #[test]
    fn mutated_progress_never_panics_and_what_loads_is_plausible(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)
    ) {
        let mut bytes = export_progress(&sample()).into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        let loaded = load_progress(Some(&text));
        if loaded.notice.is_none() {
            for q in loaded.progress.quizzes.values() {
                prop_assert!(q.best_correct <= q.question_count);
                prop_assert!(u64::from(q.best_points) <= u64::from(q.question_count) * 100);
            }
            prop_assert_eq!(import_progress(&export_progress(&loaded.progress)), Ok(loaded.progress));
        } else {
            prop_assert_eq!(loaded.progress, Progress::default());
        }
    }

    #[test]
    fn json_shaped_junk_never_panics(
        version in prop_oneof![Just("1".to_string()), Just("0".to_string()), any::<i64>().prop_map(|v| v.to_string())],
        quizzes in "[\\[\\]{}\",:a-z0-9 ]{0,200}",
    ) {
        let text = format!("{{\"schema_version\":{version},\"quizzes\":{quizzes},\"badges\":[],\"timer_setting\":{{\"mode\":\"standard\"}}}}");
        let loaded = load_progress(Some(&text));
        prop_assert!(loaded.notice.is_some() || loaded.progress.schema_version == PROGRESS_SCHEMA_VERSION);
    }
}

/// The journey, natively: one wrong and four right (no badge), retry all right (badge),
/// save, "reload", and the badge is still there.
#[test]
fn journey_badge_persists_across_a_reload() {
    let quiz = builtin_quiz("challenge").unwrap();
    let right = [
        Answer::Choice { index: 0 },
        Answer::Choice { index: 0 },
        Answer::Choice { index: 0 },
        Answer::Choice { index: 3 },
        Answer::Choice { index: 2 },
    ];
    let mut storage: Option<String> = None;
    let play = |storage: &mut Option<String>, session: &mut QuizSession, answers: &[Answer]| {
        let mut progress = load_progress(storage.as_deref()).progress;
        for (i, a) in answers.iter().enumerate() {
            session.advance(i, 5_000);
            let outcome = session.submit(i, a.clone()).unwrap();
            progress.record_answer(
                "challenge",
                &quiz.questions[i].id.0,
                a.clone(),
                outcome.grade.correct,
            );
            if let Some(result) = session.take_result() {
                progress.record_result(&result);
            }
            *storage = Some(export_progress(&progress));
        }
    };
    let mut first = QuizSession::new(&quiz, TimerSetting::Standard);
    let mut one_wrong = right.to_vec();
    one_wrong[3] = Answer::Choice { index: 1 };
    play(&mut storage, &mut first, &one_wrong);
    // Problem 4 still has an attempt: spend it wrongly too, and the run finishes without a badge.
    let mut progress = load_progress(storage.as_deref()).progress;
    first.submit(3, Answer::Choice { index: 0 }).unwrap();
    progress.record_result(&first.take_result().unwrap());
    storage = Some(export_progress(&progress));
    let reloaded = load_progress(storage.as_deref());
    assert_eq!(reloaded.notice, None);
    assert!(reloaded.progress.badges.is_empty());
    assert_eq!(reloaded.progress.quizzes["challenge"].best_correct, 4);

    let mut retry = first.restart();
    play(&mut storage, &mut retry, &right);
    let reloaded = load_progress(storage.as_deref());
    assert_eq!(reloaded.notice, None);
    assert!(reloaded
        .progress
        .badges
        .contains("Scaling Mastery in MLOps"));
    let c = &reloaded.progress.quizzes["challenge"];
    assert_eq!(
        (c.runs_completed, c.best_correct, c.best_points),
        (2, 5, 500)
    );
}
