//! Runs through quizzes: attempts, timers fed as data, pause/extend, locking, scoring and the badge.

use quiz::content::builtin_quiz;
use quiz::session::{
    LockReason, ProblemEvent, LOW_TIME_WARNING_MS, POINTS_FIRST_ATTEMPT, POINTS_LATER_ATTEMPT,
};
use quiz::{Answer, ProblemStatus, Quiz, QuizSession, SubmitError, TimerSetting};

fn challenge() -> Quiz {
    builtin_quiz("challenge").expect("challenge is built in")
}

fn choice(index: usize) -> Answer {
    Answer::Choice { index }
}

/// The right answer to each challenge problem, in the form the page sends.
fn right_answers() -> Vec<Answer> {
    vec![
        choice(0),
        Answer::Text {
            text: "deployment.apps/ml-model scaled".into(),
        },
        Answer::Order {
            steps: vec![3, 2, 1, 4],
        },
        choice(3),
        choice(2),
    ]
}

#[test]
fn all_right_earns_the_badge_and_full_points() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    for (i, a) in right_answers().into_iter().enumerate() {
        assert_eq!(s.advance(i, 10_000), None);
        let r = s.submit(i, a).unwrap();
        assert!(r.grade.correct, "problem {i}");
        assert_eq!(r.status, ProblemStatus::Solved { attempt: 1 });
        assert_eq!(r.attempts_left, Some(1));
    }
    assert!(s.is_finished());
    let result = s.result();
    assert_eq!((result.correct_count, result.question_count), (5, 5));
    assert_eq!(result.points, 5 * POINTS_FIRST_ATTEMPT);
    assert_eq!(result.max_points, 5 * POINTS_FIRST_ATTEMPT);
    assert_eq!(result.elapsed_ms, 50_000);
    assert_eq!(
        result.badge_earned.as_deref(),
        Some("Scaling Mastery in MLOps")
    );
}

#[test]
fn one_wrong_and_four_right_earns_no_badge() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    let mut answers = right_answers();
    answers[0] = choice(1);
    for (i, a) in answers.into_iter().enumerate() {
        s.submit(i, a).unwrap();
    }
    // Problem 0 is wrong once and still open: one attempt left.
    assert!(!s.is_finished());
    assert_eq!(s.view(0).unwrap().attempts_left, Some(1));
    let wrong_again = s.submit(0, choice(2)).unwrap();
    assert_eq!(
        wrong_again.status,
        ProblemStatus::Locked {
            reason: LockReason::AttemptsUsedUp
        }
    );
    assert_eq!(wrong_again.attempts_left, Some(0));
    assert_eq!(
        s.submit(0, choice(0)),
        Err(SubmitError::Locked(LockReason::AttemptsUsedUp))
    );
    assert!(s.is_finished());
    let result = s.result();
    assert_eq!(result.correct_count, 4);
    assert_eq!(result.points, 4 * POINTS_FIRST_ATTEMPT);
    assert_eq!(result.badge_earned, None);
    // Retry starts over with the same setting.
    let again = s.restart();
    assert!(!again.is_finished());
    assert_eq!(again.result().points, 0);
}

#[test]
fn second_attempt_earns_half_and_still_counts_for_the_badge() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    let r = s
        .submit(
            2,
            Answer::Order {
                steps: vec![1, 2, 3, 4],
            },
        )
        .unwrap();
    assert!(!r.grade.correct);
    assert_eq!(r.status, ProblemStatus::Open);
    let r = s.submit(2, choice(0)).unwrap();
    assert_eq!(r.status, ProblemStatus::Solved { attempt: 2 });
    assert_eq!(s.submit(2, choice(0)), Err(SubmitError::AlreadySolved));
    for (i, a) in right_answers()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != 2)
    {
        s.submit(i, a).unwrap();
    }
    let result = s.result();
    assert_eq!(
        result.points,
        4 * POINTS_FIRST_ATTEMPT + POINTS_LATER_ATTEMPT
    );
    assert!(result.badge_earned.is_some());
}

#[test]
fn time_runs_out_and_locks() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    // Problem 1 has 1:30.
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("1:30"));
    assert_eq!(s.advance(1, 60_000), None);
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("0:30"));
    assert_eq!(s.advance(1, 9_999), None);
    assert_eq!(
        s.advance(1, 1),
        Some(ProblemEvent::TimeLow {
            index: 1,
            remaining_ms: LOW_TIME_WARNING_MS
        })
    );
    assert_eq!(s.advance(1, 19_999), None, "the warning comes once");
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("0:01"));
    assert_eq!(s.advance(1, 1), Some(ProblemEvent::TimeRanOut { index: 1 }));
    assert_eq!(
        s.view(1).unwrap().status,
        ProblemStatus::Locked {
            reason: LockReason::TimeRanOut
        }
    );
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("0:00"));
    // No second event, no more time counted, no answer accepted, no attempt used.
    assert_eq!(s.advance(1, 5_000), None);
    assert_eq!(s.problem(1).unwrap().elapsed_ms, 90_000);
    assert_eq!(
        s.submit(1, choice(0)),
        Err(SubmitError::Locked(LockReason::TimeRanOut))
    );
    assert_eq!(s.problem(1).unwrap().attempts_used, 0);
    // Other problems keep their own clocks.
    assert_eq!(s.view(0).unwrap().countdown.as_deref(), Some("2:00"));
}

#[test]
fn a_big_jump_in_time_locks_too() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    assert_eq!(
        s.advance(0, u64::MAX),
        Some(ProblemEvent::TimeRanOut { index: 0 })
    );
    assert_eq!(s.advance(0, u64::MAX), None);
}

#[test]
fn pause_stops_the_clock_and_answers() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    s.advance(0, 30_000);
    s.pause();
    assert!(s.view(0).unwrap().paused);
    assert_eq!(s.advance(0, 500_000), None);
    assert_eq!(s.view(0).unwrap().countdown.as_deref(), Some("1:30"));
    assert_eq!(s.submit(0, choice(0)), Err(SubmitError::Paused));
    s.resume();
    assert!(s.submit(0, choice(0)).unwrap().grade.correct);
}

#[test]
fn extension_and_settings_adjust_limits() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Extended { percent: 1000 });
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("15:00"));
    s.set_timer_setting(TimerSetting::Standard);
    assert!(matches!(
        s.advance(1, 80_000),
        Some(ProblemEvent::TimeLow {
            remaining_ms: 10_000,
            ..
        })
    ));
    assert!(s.extend(1, 20_000));
    assert_eq!(s.view(1).unwrap().countdown.as_deref(), Some("0:30"));
    // An extension re-arms the warning.
    assert_eq!(s.advance(1, 9_000), None);
    assert!(matches!(
        s.advance(1, 1_000),
        Some(ProblemEvent::TimeLow {
            remaining_ms: 20_000,
            ..
        })
    ));
    s.set_timer_setting(TimerSetting::Off);
    assert_eq!(s.view(1).unwrap().remaining_ms, None);
    assert_eq!(s.advance(1, 10_000_000), None);
    assert!(!s.extend(1, 1_000), "nothing to extend when untimed");
    // Attempts still count with timers off.
    s.submit(1, choice(1)).unwrap();
    let r = s.submit(1, choice(2)).unwrap();
    assert_eq!(
        r.status,
        ProblemStatus::Locked {
            reason: LockReason::AttemptsUsedUp
        }
    );
    assert!(!s.extend(1, 1_000), "a locked problem cannot be extended");
}

#[test]
fn badge_is_earned_with_timers_off() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Off);
    for (i, a) in right_answers().into_iter().enumerate() {
        s.advance(i, 3_600_000);
        s.submit(i, a).unwrap();
    }
    assert!(s.result().badge_earned.is_some());
}

#[test]
fn submitting_late_without_a_tick_is_refused() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    s.advance(3, 149_999);
    // The page's next tick would lock; a submit in between is still on time.
    assert!(s.submit(3, choice(0)).is_ok());
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    s.advance(3, 150_000);
    assert_eq!(
        s.submit(3, choice(3)),
        Err(SubmitError::Locked(LockReason::TimeRanOut))
    );
}

#[test]
fn malformed_answers_cost_no_attempt() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Standard);
    assert!(matches!(s.submit(0, choice(4)), Err(SubmitError::Shape(_))));
    assert!(matches!(
        s.submit(0, Answer::Text { text: "A".into() }),
        Err(SubmitError::Shape(_))
    ));
    assert!(matches!(
        s.submit(
            2,
            Answer::Order {
                steps: vec![1, 1, 2, 3]
            }
        ),
        Err(SubmitError::Shape(_))
    ));
    assert!(matches!(
        s.submit(
            2,
            Answer::Order {
                steps: vec![1, 2, 3]
            }
        ),
        Err(SubmitError::Shape(_))
    ));
    assert_eq!(
        s.submit(9, choice(0)),
        Err(SubmitError::NoSuchProblem { index: 9 })
    );
    assert_eq!(s.problem(0).unwrap().attempts_used, 0);
    assert_eq!(s.problem(2).unwrap().attempts_used, 0);
    assert_eq!(s.advance(9, 1), None);
    assert!(s.view(9).is_none());
}

#[test]
fn practice_has_no_limits() {
    let practice = builtin_quiz("practice").unwrap();
    let mut s = QuizSession::new(&practice, TimerSetting::Standard);
    let v = s.view(0).unwrap();
    assert_eq!((v.attempts_left, v.remaining_ms), (None, None));
    for _ in 0..20 {
        assert!(!s.submit(0, choice(0)).unwrap().grade.correct);
    }
    assert_eq!(s.advance(0, u64::MAX), None);
    assert!(s.submit(0, choice(2)).unwrap().grade.correct);
    assert_eq!(
        s.show_hint(0),
        Some("Match the scaling strategy to the way the system grows.")
    );
    assert!(s.view(0).unwrap().hint_shown);
    assert_eq!(s.result().badge_earned, None, "practice has no badge");
}

#[test]
fn ordering_feedback_counts_steps_in_place() {
    let quiz = challenge();
    let q = &quiz.questions[2];
    let g = quiz::grade(
        q,
        &Answer::Order {
            steps: vec![3, 1, 2, 4],
        },
    )
    .unwrap();
    assert!(!g.correct);
    assert_eq!(
        g.detail,
        quiz::GradeDetail::StepsInPlace {
            in_place: 2,
            total: 4
        }
    );
    let mut model = quiz::OrderingModel::new(4);
    // Keyboard: move step 3 to the top, then step 1 below step 2.
    assert!(model.move_up(2) && model.move_up(1));
    assert!(model.move_down(1));
    assert_eq!(model.order(), [3, 2, 1, 4]);
    assert!(quiz::grade(q, &model.answer()).unwrap().correct);
}

#[test]
fn a_solved_problem_stays_solved_when_limits_shrink() {
    let mut s = QuizSession::new(&challenge(), TimerSetting::Extended { percent: 1000 });
    s.advance(1, 300_000);
    assert!(s.submit(1, choice(0)).unwrap().grade.correct);
    s.set_timer_setting(TimerSetting::Standard);
    assert_eq!(s.submit(1, choice(0)), Err(SubmitError::AlreadySolved));
    assert_eq!(
        s.view(1).unwrap().status,
        ProblemStatus::Solved { attempt: 1 }
    );
    // An open problem past the new, shorter limit locks at once, its time capped at the limit.
    s.advance(0, 300_000);
    s.set_timer_setting(TimerSetting::Standard);
    assert_eq!(
        s.submit(0, choice(0)),
        Err(SubmitError::Locked(LockReason::TimeRanOut))
    );
    assert_eq!(s.problem(0).unwrap().elapsed_ms, 120_000);
}
