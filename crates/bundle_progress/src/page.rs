//! "Your progress": what the learner did in every mode and what is left, the course score and
//! completion, with export, import, reset and print (a clean completion record on paper).
//!
//! The document and the summary belong to `crates/progress`; the browser glue to
//! `mlops_scaling::state::progress`. This view only shows them and sends the learner's choices;
//! the app's route (src/routes/progress.rs) draws the heading above it.

use leptos::prelude::*;
use progress::summary::Summary;
use progress::Document;
use wasm_bindgen::JsCast;

use mlops_scaling::state::base::BasePath;
use mlops_scaling::state::progress as saved;
use mlops_scaling::state::storage;

/// The file name offered by Export.
const EXPORT_FILE_NAME: &str = "mlops-scaling-progress.json";

/// The record with its actions (everything below the page's heading).
#[component]
pub fn ProgressRecord() -> impl IntoView {
    let base = BasePath::from_document();
    let (document, notices) = saved::load();
    let status = RwSignal::new(notices.join(" "));
    if !notices.is_empty() {
        // Keep unreadable data aside and save the usable rest, so the notice is shown once.
        if let Err(sentence) = saved::update(|_| Ok(())) {
            status.set(sentence);
        }
    }
    let doc = RwSignal::new(document);
    let summary = Memo::new(move |_| doc.with(Summary::of));
    let confirming_reset = RwSignal::new(false);
    // An import waiting for confirmation: (file name, its document).
    let pending = RwSignal::new(None::<(String, Document)>);
    let date: String = String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect();

    let export = move |_| {
        let text = doc.with_untracked(progress::export);
        status.set(
            match storage::download_text(EXPORT_FILE_NAME, "application/json", &text) {
                Ok(()) => format!("Progress exported as {EXPORT_FILE_NAME}."),
                Err(sentence) => sentence,
            },
        );
    };
    let choose_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            match storage::read_file_text(file).await.and_then(|text| {
                progress::import(&text).map_err(|why| {
                    format!("{name} was not imported and your progress is unchanged: {why}.")
                })
            }) {
                Ok(imported) => {
                    status.set(format!(
                        "{name} holds: {} Replace your progress with it?",
                        Summary::of(&imported).line()
                    ));
                    pending.set(Some((name, imported)));
                }
                Err(sentence) => {
                    pending.set(None);
                    status.set(sentence);
                }
            }
        });
    };
    let replace = move |_| {
        let Some((name, imported)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        status.set(match saved::save(&imported) {
            Ok(()) => {
                let line = Summary::of(&imported).line();
                doc.set(imported);
                format!("Progress imported from {name}: {line}")
            }
            Err(sentence) => sentence,
        });
    };
    let reset = move |_| {
        confirming_reset.set(false);
        status.set(match saved::update(|d| {
            d.reset();
            Ok(())
        }) {
            Ok(d) => {
                doc.set(d);
                "Progress reset: answers, scores, badges, missions, files, exercise and lab runs are forgotten.".into()
            }
            Err(sentence) => sentence,
        });
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let no_pending = Signal::derive(move || pending.with(Option::is_none));
    let not_confirming = Signal::derive(move || !confirming_reset.get());
    let completed = Signal::derive(move || summary.with(|s| s.completed));
    let base2 = base.clone();

    view! {
        <p class="progress-date" data-testid="progress-date">
            {format!("Completion record of {date}. Saved in this browser only.")}
        </p>
        <section class="progress-page" aria-label="Progress record">
            <p class="progress-score" data-testid="progress-score">
                {move || summary.with(|s| format!(
                    "Course score: {} % ({} of {} quiz questions right at the last answer).",
                    s.score, s.right, s.questions
                ))}
            </p>
            <p class="progress-done" hidden=not_done(completed) data-testid="progress-completed">
                "Course completed."
            </p>
            <div hidden=completed data-testid="progress-left">
                <p>"Not completed yet. What is left:"</p>
                <ul>
                    {move || {
                        let base = base.clone();
                        summary.with(|s| {
                            s.left()
                                .iter()
                                .map(|(slug, text)| {
                                    view! { <li><a href=base.href(slug)>{text.clone()}</a></li> }
                                })
                                .collect_view()
                        })
                    }}
                </ul>
            </div>
            {move || summary.with(|s| record(s, &base2))}
        </section>
        <section class="progress-actions" aria-label="Export, import, reset, print">
            <p class="progress-status" role="status" aria-live="polite" data-testid="progress-status">
                {status}
            </p>
            <span class="progress-confirm" hidden=no_pending role="group" aria-label="Confirm import">
                <button type="button" class="button button-danger" on:click=replace data-testid="confirm-import">
                    "Yes, replace my progress"
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        pending.set(None);
                        status.set("Import cancelled; your progress is unchanged.".into());
                    }
                >
                    "Cancel"
                </button>
            </span>
            <div class="progress-buttons">
                <button type="button" class="button" on:click=export data-testid="export-progress">
                    "Export"
                </button>
                <label class="button file-button">
                    "Import"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        on:change=choose_file
                        data-testid="import-progress"
                    />
                </label>
                <button type="button" class="button" on:click=print data-testid="print-progress">
                    "Print"
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    hidden=confirming_reset
                    on:click=move |_| confirming_reset.set(true)
                    data-testid="reset-progress"
                >
                    "Reset"
                </button>
                <span class="progress-confirm" hidden=not_confirming role="group" aria-label="Confirm reset">
                    <span>"Forget everything you did in every mode?"</span>
                    <button type="button" class="button button-danger" on:click=reset data-testid="confirm-reset">
                        "Yes, reset"
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming_reset.set(false)>
                        "Cancel"
                    </button>
                </span>
            </div>
        </section>
    }
}

fn not_done(completed: Signal<bool>) -> Signal<bool> {
    Signal::derive(move || !completed.get())
}

/// The record, mode by mode (rebuilt when the document changes: import, reset).
fn record(s: &Summary, base: &BasePath) -> impl IntoView {
    let quizzes = s
        .quizzes
        .iter()
        .map(|q| {
            let best = if q.runs == 0 {
                "no run finished".to_string()
            } else {
                format!(
                    "best run {} right, {} points, {} run(s)",
                    q.best_correct, q.best_points, q.runs
                )
            };
            view! {
                <li>
                    <strong>{q.title}</strong>
                    {format!(": {} of {} right at the last answer ({} answered); {best}.", q.right, q.questions, q.answered)}
                </li>
            }
        })
        .collect_view();
    let badges = s
        .badges
        .iter()
        .map(|(name, earned)| {
            view! {
                <li>{format!("Badge \u{201c}{name}\u{201d}: {}.", if *earned { "earned" } else { "not earned yet" })}</li>
            }
        })
        .collect_view();
    let missions = s
        .missions
        .iter()
        .map(|m| {
            let text = match (m.completed, m.best_commands) {
                (true, Some(n)) => format!(
                    ": done in {n} command(s), par {}; {} hint(s).",
                    m.par, m.hints_used
                ),
                (true, None) => ": done.".to_string(),
                (false, _) => ": not done yet.".to_string(),
            };
            view! {
                <li>
                    <a href=base.href(&format!("kubectl?mission={}", m.id))>{m.title}</a>
                    {text}
                </li>
            }
        })
        .collect_view();
    let presets_run = s.presets.iter().filter(|p| p.runs > 0).count();
    let presets = s
        .presets
        .iter()
        .filter_map(|p| {
            let r = p.last.as_ref()?;
            Some(view! {
                <li>
                    <strong>{p.title}</strong>
                    {format!(
                        ": {} run(s). Last: {}, {} min {} s, p95 latency {} ms, {} dropped, peak {} pods on {} nodes, cost ${}.",
                        p.runs, r.strategy, r.seconds / 60, r.seconds % 60, r.p95_ms, r.dropped, r.peak_pods, r.peak_nodes, r.cost
                    )}
                </li>
            })
        })
        .collect_view();
    let done_missions = s.missions.iter().filter(|m| m.completed).count();
    view! {
        <h2>"Quiz"</h2>
        <ul data-testid="progress-quizzes">{quizzes}{badges}</ul>
        <h2>"kubectl missions"</h2>
        <p>{format!("{done_missions} of {} missions completed.", s.missions.len())}</p>
        <ul data-testid="progress-missions">{missions}</ul>
        <h2>"Exercise"</h2>
        <p data-testid="progress-exercise">
            {format!(
                "{} of {} steps done{}. ",
                s.exercise_steps,
                progress::catalog::EXERCISE_STEPS,
                if s.exercise_bonus { ", and the bonus step" } else { "" }
            )}
            <a href=base.href("exercise")>"Open the exercise"</a>
        </p>
        <h2>"Cluster lab"</h2>
        <p>
            {format!("{presets_run} of {} presets run ({} runs recorded). ", s.presets.len(), s.lab_runs)}
            <a href=base.href("lab")>"Open the lab"</a>
        </p>
        <ul data-testid="progress-lab">{presets}</ul>
    }
}
