//! The exercise page: the story, the steps with hints and progress, the editor with Run and
//! Check, the output console, why it matters, and (once solved) the play area.
//!
//! Everything the learner does is saved as `exercise::Saved` (the code, the best progress, the
//! bonus) in the exercise section of the course's progress document (localStorage key
//! [`STORAGE_KEY`], `mlops_scaling::state::progress`), so a reload loses nothing.

use exercise::{
    check_program, step_states, CheckReport, Exercise, PlayInputs, RunOptions, Saved, Step,
};
use leptos::prelude::*;
use mlops_scaling::state::progress as section;
use progress::Section;

use crate::beyond::Beyond;
use crate::editor::Editor;

/// Where the page keeps the learner's work (the whole course's progress document).
pub const STORAGE_KEY: &str = progress::STORAGE_KEY;

/// The file name tracebacks show, as CPython would for a saved script.
const FILE: &str = "main.py";

/// The page's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct ExState {
    pub code: RwSignal<String>,
    pub best: RwSignal<usize>,
    pub bonus: RwSignal<bool>,
    pub discovered: RwSignal<bool>,
    pub report: RwSignal<Option<CheckReport>>,
    /// The bonus step's sentence from the last Check made after the four steps were done
    /// (before that, "systems has no key 'combined'" would only be noise).
    pub bonus_message: RwSignal<Option<String>>,
    /// The play area's sliders (saved too).
    pub play: RwSignal<PlayInputs>,
}

/// The whole page for `ex`.
#[component]
pub fn ExercisePage(ex: &'static Exercise) -> impl IntoView {
    let total = ex.steps.len();
    let (stored, notices) = section::load_section(Section::Exercise);
    let (saved, notice) = Saved::parse(stored.as_deref(), total);
    let notice = notice.or_else(|| (!notices.is_empty()).then(|| notices.join(" ")));
    let starter = ex.starter_code.trim_start().to_string();
    let st = ExState {
        code: RwSignal::new(saved.code.clone().unwrap_or_else(|| starter.clone())),
        best: RwSignal::new(saved.best),
        bonus: RwSignal::new(saved.bonus),
        discovered: RwSignal::new(saved.discovered),
        report: RwSignal::new(None),
        bonus_message: RwSignal::new(None),
        play: RwSignal::new(saved.play.as_ref().map_or_else(
            || PlayInputs::defaults(&ex.beyond),
            |p| p.fitted(&ex.beyond),
        )),
    };
    let save_notice = RwSignal::new(notice);
    let output = RwSignal::new(String::new());
    let output_error = RwSignal::new(false);
    let error_line = RwSignal::new(None::<u32>);
    let status = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);

    // Save whenever the code or the progress changes (a corrupt old value is overwritten).
    Effect::new(move |_| {
        let saved = Saved {
            code: Some(st.code.get()),
            best: st.best.get(),
            bonus: st.bonus.get(),
            discovered: st.discovered.get(),
            play: Some(st.play.get()),
        };
        if let Err(sentence) = section::save_section(Section::Exercise, &saved.to_json()) {
            save_notice.set(Some(sentence));
        }
    });

    let show_run = move |run: &exercise::RunOutcome, src: &str| {
        let mut text = run.stdout.clone();
        if let Some(e) = &run.error {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&e.traceback(src, FILE));
        } else if text.is_empty() {
            text.push_str("(The program ran and printed nothing.)");
        }
        output_error.set(run.error.is_some());
        error_line.set(run.error.as_ref().and_then(|e| e.line));
        output.set(text);
    };
    let on_run = move |_| {
        let src = st.code.get_untracked();
        let run = minipy::run(&src, &RunOptions::default());
        show_run(&run, &src);
        status.set(String::new());
    };
    let on_check = move |_| {
        let src = st.code.get_untracked();
        let report = check_program(ex, &src, &RunOptions::default());
        show_run(&report.run, &src);
        let mut saved = Saved {
            code: None,
            best: st.best.get_untracked(),
            bonus: st.bonus.get_untracked(),
            discovered: st.discovered.get_untracked(),
            play: None,
        };
        if saved.best == total {
            st.bonus_message
                .set(report.bonus.as_ref().map(|b| b.message.clone()));
        }
        let finished = saved.record(&report);
        st.best.set(saved.best);
        st.bonus.set(saved.bonus);
        st.discovered.set(saved.discovered);
        let first_failing = report.steps.iter().find(|s| !s.passed);
        status.set(match first_failing {
            _ if finished => {
                format!("All {total} steps pass. Well done! Scroll down to play with the numbers.")
            }
            None => format!("All {total} steps pass."),
            Some(s) => format!(
                "{} of {total} steps pass. Step {}: {}",
                report.steps.iter().filter(|s| s.passed).count(),
                s.number,
                s.message
            ),
        });
        st.report.set(Some(report));
    };
    let on_reset = move |_| {
        let _ = section::save_section(Section::Exercise, "null");
        st.code.set(starter.clone());
        st.best.set(0);
        st.bonus.set(false);
        st.discovered.set(false);
        st.play.set(PlayInputs::defaults(&ex.beyond));
        st.report.set(None);
        st.bonus_message.set(None);
        output.set(String::new());
        error_line.set(None);
        status.set("Your code and progress were reset.".into());
        confirming.set(false);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("ex-code"))
        {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };

    let states = Memo::new(move |_| {
        st.report
            .with(|r| step_states(total, st.best.get(), r.as_ref()))
    });
    let progress = move || format!("{} / {total} steps", st.best.get());

    view! {
        <div class="ex-page">
            <p class="ex-meta">
                {format!("{} · {} · about {} minutes", ex.topic, ex.mode, ex.minutes)}
            </p>
            <p class="ex-notice" role="status" hidden=move || save_notice.with(Option::is_none)>
                {move || save_notice.get().unwrap_or_default()}
            </p>
            <section class="card ex-story" aria-labelledby="ex-title">
                <h2 id="ex-title">{ex.title.clone()}</h2>
                <h3>"Scenario"</h3>
                <p data-testid="ex-scenario">{ex.scenario.clone()}</p>
                <h3>"Goal"</h3>
                <p>{ex.goal.clone()}</p>
                <h3>"What you'll learn"</h3>
                <ul>{ex.what_you_learn.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            </section>
            <div class="ex-work">
                <section class="card ex-steps" aria-labelledby="ex-steps-title">
                    <h2 id="ex-steps-title">"Steps"</h2>
                    <p class="ex-progress">
                        "Progress "
                        <strong data-testid="progress">{progress}</strong>
                    </p>
                    <progress
                        class="ex-progress-bar"
                        max=total
                        value=move || st.best.get()
                        aria-label="Steps done"
                    ></progress>
                    <ol class="ex-step-list">
                        {ex
                            .steps
                            .iter()
                            .enumerate()
                            .map(|(i, step)| {
                                let state = Signal::derive(move || {
                                    states.with(|s| s.get(i).cloned().unwrap_or(exercise::StepState {
                                        done: false,
                                        message: None,
                                    }))
                                });
                                view! { <StepItem step=step state=state /> }
                            })
                            .collect_view()}
                    </ol>
                </section>
                <section class="card ex-code" aria-labelledby="ex-code-title">
                    <h2 id="ex-code-title"><label for="ex-code">"Your program"</label></h2>
                    <Editor code=st.code error_line=error_line />
                    <div class="ex-actions">
                        <button type="button" class="button" data-testid="run" on:click=on_run>
                            "Run"
                        </button>
                        <button
                            type="button"
                            class="button button-primary"
                            data-testid="check"
                            on:click=on_check
                        >
                            "Check"
                        </button>
                        <button
                            type="button"
                            class="button button-quiet"
                            data-testid="reset"
                            aria-expanded=move || confirming.get().to_string()
                            aria-controls="ex-reset-confirm"
                            on:click=move |_| confirming.update(|c| *c = !*c)
                        >
                            "Start over"
                        </button>
                    </div>
                    <div
                        id="ex-reset-confirm"
                        class="ex-confirm"
                        hidden=move || !confirming.get()
                        data-testid="reset-confirm"
                    >
                        <p>"This clears your code and your progress on this exercise. Start over?"</p>
                        <button
                            type="button"
                            class="button button-danger"
                            data-testid="reset-yes"
                            on:click=on_reset
                        >
                            "Yes, start over"
                        </button>
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| confirming.set(false)
                        >
                            "Keep my work"
                        </button>
                    </div>
                    <p class="ex-status" role="status" data-testid="check-status">
                        {move || status.get()}
                    </p>
                    <h3 id="ex-output-title">"Output"</h3>
                    <pre
                        class="ex-output"
                        class:ex-output-error=move || output_error.get()
                        data-testid="output"
                        role="log"
                        aria-live="polite"
                        aria-labelledby="ex-output-title"
                        tabindex="0"
                    >
                        {move || output.get()}
                    </pre>
                </section>
            </div>
            <section class="card ex-why" aria-labelledby="ex-why-title">
                <h2 id="ex-why-title">"Why this matters"</h2>
                <h3>"In the real world"</h3>
                <p>{ex.why_real_world.clone()}</p>
                <h3>"For your career"</h3>
                <p>{ex.why_career.clone()}</p>
            </section>
            <Beyond ex=ex st=st />
        </div>
    }
}

/// One step: its instruction, its state after the last Check, and its hint on request.
#[component]
pub fn StepItem(step: &'static Step, state: Signal<exercise::StepState>) -> impl IntoView {
    let hint_open = RwSignal::new(false);
    let n = step.number;
    let hint_id = format!("ex-hint-{n}");
    view! {
        <li
            class="ex-step"
            class:ex-step-done=move || state.with(|s| s.done)
            data-testid=format!("step-{n}")
        >
            <h3 class="ex-step-title">
                <span class="ex-step-badge">
                    {move || if state.with(|s| s.done) { "Done" } else { "To do" }}
                </span>
                {format!(" Step {n}: {}", step.title)}
            </h3>
            <p>{step.instruction.clone()}</p>
            <p
                class="ex-step-msg"
                data-testid=format!("step-{n}-message")
                hidden=move || state.with(|s| s.message.is_none())
            >
                {move || state.with(|s| s.message.clone().unwrap_or_default())}
            </p>
            <button
                type="button"
                class="button button-quiet ex-hint-button"
                data-testid=format!("hint-button-{n}")
                aria-expanded=move || hint_open.get().to_string()
                aria-controls=hint_id.clone()
                on:click=move |_| hint_open.update(|o| *o = !*o)
            >
                {move || if hint_open.get() { "Hide the hint" } else { "Need a hint?" }}
            </button>
            <p
                id=hint_id
                class="ex-hint"
                data-testid=format!("hint-{n}")
                hidden=move || !hint_open.get()
            >
                {step.hint.clone()}
            </p>
        </li>
    }
}
