//! The timed challenge: a countdown per problem (m:ss) fed by a gloo-timers `Interval`,
//! attempts left, the hint, locking, a result screen, the badge, and retry.
//!
//! The page owns the clock: every tick measures the real time that passed and feeds it to
//! `QuizSession::advance` while the problem is on screen. Time limits can be extended or turned
//! off (WCAG 2.2.1), paused, and lengthened a minute at a time.

use gloo_timers::callback::Interval;
use leptos::prelude::*;
use quiz::session::{LockReason, ProblemEvent};
use quiz::{ProblemStatus, Quiz, TimerSetting};

use super::progress::ProgressStore;
use super::question::QuestionForm;
use super::run::QuizRun;

/// How often the countdown is fed; the display changes once a second.
const TICK_MS: u32 = 250;
/// A longer gap (a sleeping laptop, a throttled tab) is not counted as thinking time.
const MAX_TICK_GAP_MS: f64 = 1_000.0;
/// What "Add 1 minute" grants.
const EXTEND_MS: u64 = 60_000;
/// The extended setting: ten times as long, as WCAG 2.2.1 asks.
const EXTENDED_PERCENT: u32 = 1000;

/// The timer settings offered, in order: (value, label, testid).
const TIMER_CHOICES: [(TimerSetting, &str, &str); 3] = [
    (
        TimerSetting::Standard,
        "Standard: the limits as written (1:30 to 3:00 per problem)",
        "timer-standard",
    ),
    (
        TimerSetting::Extended {
            percent: EXTENDED_PERCENT,
        },
        "Extended: ten times as long",
        "timer-extended",
    ),
    (TimerSetting::Off, "Off: no time limits", "timer-off"),
];

fn same_kind(a: TimerSetting, b: TimerSetting) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

fn focus_by_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

fn status_text(status: ProblemStatus) -> &'static str {
    match status {
        ProblemStatus::Open => "open",
        ProblemStatus::Solved { attempt: 1 } => "solved on the first attempt",
        ProblemStatus::Solved { .. } => "solved on a later attempt",
        ProblemStatus::Locked {
            reason: LockReason::TimeRanOut,
        } => "locked: time ran out",
        ProblemStatus::Locked {
            reason: LockReason::AttemptsUsedUp,
        } => "locked: no attempts left",
    }
}

/// The timer setting as a named radio group; changes apply at once and are saved.
#[component]
fn TimerSettingGroup(
    /// The run whose limits change with the setting.
    run: QuizRun,
) -> impl IntoView {
    let store = expect_context::<ProgressStore>();
    let current = Memo::new(move |_| store.progress.with(|p| p.timer_setting));
    let radios = TIMER_CHOICES
        .iter()
        .map(|&(setting, label, testid)| {
            view! {
                <label class="timer-choice">
                    <input
                        type="radio"
                        name="challenge-timer"
                        prop:checked=move || same_kind(current.get(), setting)
                        on:change=move |_| {
                            store.change(|p| p.timer_setting = setting);
                            run.session.update(|s| s.set_timer_setting(setting));
                        }
                        data-testid=testid
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="timer-setting">
            <legend>"Time limits (change them at any time)"</legend>
            {radios}
        </fieldset>
    }
}

/// The challenge with its timers, result screen and badge.
#[component]
pub fn ChallengeQuiz(
    /// The challenge quiz from the content.
    quiz: Quiz,
    /// True while the challenge is on screen; time only counts then.
    #[prop(into)]
    active: Signal<bool>,
) -> impl IntoView {
    let store = expect_context::<ProgressStore>();
    let setting = store.progress.with_untracked(|p| p.timer_setting);
    let run = QuizRun::new(&quiz, setting, store);
    let count = quiz.questions.len();
    let started = RwSignal::new(false);
    let current = RwSignal::new(0usize);
    let generation = RwSignal::new(0u32);
    // The result screen waits for "See your result", so the last verdict can be read first.
    let show_result = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());
    let badge = quiz.badge.clone();
    let badge_name = StoredValue::new(badge.as_ref().map(|b| b.name.clone()).unwrap_or_default());
    let questions = StoredValue::new(quiz.questions.clone());

    // The clock: real elapsed time, fed to the session only for an open, unpaused problem on screen.
    let last_tick_ms = StoredValue::new(js_sys::Date::now());
    let tick = move || {
        let now = js_sys::Date::now();
        let gap = (now - last_tick_ms.get_value()).clamp(0.0, MAX_TICK_GAP_MS);
        last_tick_ms.set_value(now);
        let hidden = document().hidden();
        if !started.get_untracked() || !active.get_untracked() || hidden {
            return;
        }
        let i = current.get_untracked();
        let counting = run.session.with_untracked(|s| {
            s.view(i)
                .is_some_and(|v| !v.paused && !v.status.is_done() && v.remaining_ms.is_some())
        });
        if !counting {
            return;
        }
        match run.advance(i, gap as u64) {
            Some(ProblemEvent::TimeLow { remaining_ms, .. }) => announcement.set(format!(
                "{} seconds left on problem {}. Use Add 1 minute if you need more time.",
                remaining_ms.div_ceil(1000),
                i + 1
            )),
            Some(ProblemEvent::TimeRanOut { .. }) => {
                announcement.set(format!("Time ran out for problem {}.", i + 1))
            }
            None => {}
        }
    };
    // Dropped (and so cancelled) with the component.
    let _interval = StoredValue::new_local(Interval::new(TICK_MS, tick));

    let start = move |_| {
        started.set(true);
        last_tick_ms.set_value(js_sys::Date::now());
        focus_by_id("challenge-problem-0".into());
    };
    let retry = move |_| {
        run.restart();
        show_result.set(false);
        generation.update(|g| *g += 1);
        current.set(0);
        announcement.set(String::new());
        focus_by_id("challenge-problem-0".into());
    };
    let go_to = move |i: usize| {
        current.set(i);
        focus_by_id(format!("challenge-problem-{i}"));
    };
    let next_open = move || {
        let from = current.get_untracked();
        run.session.with_untracked(|s| {
            (1..=count)
                .map(|k| (from + k) % count)
                .find(|&k| s.view(k).is_some_and(|v| !v.status.is_done()))
        })
    };

    let problem_list = move || {
        questions.with_value(|qs| {
            qs.iter()
                .enumerate()
                .map(|(i, q)| {
                    let label = q.category.map_or("Problem", |c| c.label());
                    let status = Signal::derive(move || {
                        run.view(i)
                            .map_or(String::new(), |v| format!(", {}", status_text(v.status)))
                    });
                    let mark = Signal::derive(move || {
                        run.view(i).map_or("", |v| match v.status {
                            ProblemStatus::Open => "",
                            ProblemStatus::Solved { .. } => "✓",
                            ProblemStatus::Locked { .. } => "✗",
                        })
                    });
                    let current_step =
                        Signal::derive(move || (current.get() == i).then_some("step"));
                    view! {
                        <li>
                            <button
                                type="button"
                                class="problem-tab"
                                aria-current=current_step
                                on:click=move |_| go_to(i)
                                data-testid=format!("problem-tab-{i}")
                            >
                                <span>{format!("{}. {label}", i + 1)}</span>
                                <span class="problem-mark" aria-hidden="true">{mark}</span>
                                <span class="visually-hidden">{status}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let problem_cards = move || {
        generation.track();
        questions.with_value(|qs| {
            qs.iter()
                .cloned()
                .enumerate()
                .map(|(i, question)| {
                    let view_model = Memo::new(move |_| run.view(i));
                    // Signals and `hidden` rather than closures and <Show>: one shared
                    // instantiation per value type keeps the wasm small.
                    let derive = |f: fn(&quiz::ProblemView) -> bool| {
                        Signal::derive(move || view_model.with(|v| v.as_ref().is_some_and(f)))
                    };
                    let paused = derive(|v| v.paused);
                    let running = derive(|v| !v.paused);
                    let not_done = derive(|v| !v.status.is_done());
                    let no_pause = derive(|v| !v.paused && (v.status.is_done() || v.remaining_ms.is_none()));
                    let no_extend = derive(|v| v.paused || v.status.is_done() || v.remaining_ms.is_none());
                    let not_locked = derive(|v| !matches!(v.status, ProblemStatus::Locked { .. }));
                    let low = derive(|v| {
                        v.remaining_ms.is_some_and(|ms| ms <= quiz::session::LOW_TIME_WARNING_MS)
                    });
                    let countdown = Signal::derive(move || {
                        view_model.with(|v| match v.as_ref().and_then(|v| v.countdown.clone()) {
                            Some(c) => format!("{c} remaining"),
                            None => "No time limit".to_string(),
                        })
                    });
                    let attempts = Signal::derive(move || {
                        view_model.with(|v| match v.as_ref().and_then(|v| v.attempts_left) {
                            Some(1) => "1 attempt left".to_string(),
                            Some(n) => format!("{n} attempts left"),
                            None => "Unlimited attempts".to_string(),
                        })
                    });
                    let pressed = Signal::derive(move || if paused.get() { "true" } else { "false" });
                    let pause_label = Signal::derive(move || if paused.get() { "Resume" } else { "Pause" });
                    let next_label = Signal::derive(move || {
                        if run.session.with(|s| s.is_finished()) { "See your result" } else { "Next problem →" }
                    });
                    let hidden = Signal::derive(move || current.get() != i);
                    let category = question.category.map_or("Problem", |c| c.label());
                    let answer = question.final_answer().map(|a| view! {
                        <p hidden=not_locked data-testid="correct-answer"><strong>"The answer: "</strong>{a}</p>
                    });
                    let explanation = question.explanation.clone().map(|e| view! { <p>{e}</p> });
                    view! {
                        <article
                            class="question-card challenge-card"
                            hidden=hidden
                            aria-labelledby=format!("challenge-problem-{i}")
                            data-testid=format!("problem-{i}")
                        >
                            <header class="question-head">
                                <h3 id=format!("challenge-problem-{i}") tabindex="-1">
                                    {format!("Problem {} of {count}: {category}", i + 1)}
                                </h3>
                                <span class="pill">{question.difficulty.as_str()}</span>
                            </header>
                            <div class="challenge-status">
                                <p class="countdown" class:low=low data-testid="countdown">
                                    {countdown}
                                </p>
                                <p class="attempts" data-testid="attempts-left">{attempts}</p>
                                <button
                                    type="button"
                                    class="button button-small"
                                    hidden=no_pause
                                    aria-pressed=pressed
                                    on:click=move |_| {
                                        if paused.get_untracked() {
                                            run.session.update(|s| s.resume());
                                        } else {
                                            run.session.update(|s| s.pause());
                                        }
                                    }
                                    data-testid="pause"
                                >
                                    {pause_label}
                                </button>
                                <button
                                    type="button"
                                    class="button button-small"
                                    hidden=no_extend
                                    on:click=move |_| {
                                        run.session.update(|s| {
                                            s.extend(i, EXTEND_MS);
                                        });
                                        announcement.set("One more minute added.".into());
                                    }
                                    data-testid="add-time"
                                >
                                    "Add 1 minute"
                                </button>
                            </div>
                            <p class="paused-note" hidden=running data-testid="paused-note">
                                "Paused: the problem is hidden and its time stands still until you resume."
                            </p>
                            <div hidden=paused>
                                <QuestionForm run=run index=i question=question.clone() />
                            </div>
                            <div class="after-problem" hidden=not_done>
                                {answer}
                                {explanation}
                                <button
                                    type="button"
                                    class="button button-primary"
                                    on:click=move |_| {
                                        if let Some(k) = next_open() {
                                            go_to(k);
                                        } else {
                                            show_result.set(true);
                                            focus_by_id("challenge-result".into());
                                        }
                                    }
                                    data-testid="next-problem"
                                >
                                    {next_label}
                                </button>
                            </div>
                        </article>
                    }
                })
                .collect_view()
        })
    };

    let result_view = move || {
        run.result.get().map(|result| {
            let earned = result.badge_earned.clone();
            let lines = result
                .problems
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let title = questions.with_value(|qs| {
                        qs.get(i)
                            .and_then(|q| q.category)
                            .map_or("Problem", |c| c.label())
                    });
                    view! {
                        <li>
                            {format!(
                                "{title}: {}, {} points",
                                status_text(p.status),
                                p.points
                            )}
                        </li>
                    }
                })
                .collect_view();
            let badge_name = badge_name.get_value();
            view! {
                <section class="result card" aria-labelledby="challenge-result" data-testid="challenge-result">
                    <h3 id="challenge-result" tabindex="-1">"Your result"</h3>
                    <p class="result-score" data-testid="result-score">
                        {format!(
                            "{} of {} right, {} of {} points.",
                            result.correct_count, result.question_count, result.points, result.max_points
                        )}
                    </p>
                    {match earned {
                        Some(name) => view! {
                            <p class="badge badge-new" data-testid="result-badge">
                                <span class="badge-icon" aria-hidden="true">"★"</span>
                                <span>"Badge earned: "<strong>{name}</strong></span>
                            </p>
                        }.into_any(),
                        None => view! {
                            <p data-testid="result-no-badge">
                                {format!("Get all {count} right to earn the badge {badge_name}.")}
                            </p>
                        }.into_any(),
                    }}
                    <ol class="result-list">{lines}</ol>
                    <button type="button" class="button button-primary" on:click=retry data-testid="retry">
                        "Try again"
                    </button>
                </section>
            }
        })
    };

    let badge_intro = badge.map(|b| {
        view! {
            <p class="badge badge-goal">
                <span class="badge-icon" aria-hidden="true">"★"</span>
                <span><strong>{b.name}</strong>": "{b.description}</span>
            </p>
        }
    });

    view! {
        <div class="challenge" data-testid="quiz-challenge">
            {badge_intro}
            <TimerSettingGroup run=run />
            <p class="visually-hidden" aria-live="assertive" data-testid="timer-announcement">
                {announcement}
            </p>
            <Show
                when=move || started.get()
                fallback=move || view! {
                    <p>
                        {format!("{count} problems, two attempts each; every problem has its own countdown, which runs only while the problem is on screen.")}
                    </p>
                    <button type="button" class="button button-primary" on:click=start data-testid="start-challenge">
                        "Start the challenge"
                    </button>
                }
            >
                <Show
                    when=move || !show_result.get() || run.result.with(Option::is_none)
                    fallback=result_view
                >
                    <nav aria-label="Challenge problems">
                        <ol class="problem-list">{problem_list}</ol>
                    </nav>
                    {problem_cards}
                </Show>
            </Show>
        </div>
    }
}
