//! The learner's saved quiz progress: loaded once from localStorage, saved after every change,
//! and the panel that shows it with reset, export and import.
//!
//! The format, its version and every check belong to `quiz::progress`; this file only moves
//! text between that crate and the browser (`crate::state::storage`).

use leptos::prelude::*;
use quiz::progress::{
    export_progress, import_progress, load_progress, Progress, PROGRESS_STORAGE_KEY,
};
use wasm_bindgen::JsCast;

use crate::state::storage;

/// The file name offered by "Export progress".
const EXPORT_FILE_NAME: &str = "mlops-scaling-quiz-progress.json";

/// Context: the progress every quiz on the page records into, and the one-line notice about it
/// (discarded data, a failed save, an import result).
#[derive(Clone, Copy)]
pub struct ProgressStore {
    /// What is saved; change it only through [`ProgressStore::change`] so it is saved too.
    pub progress: RwSignal<Progress>,
    /// A sentence for the learner about storage, shown in the progress panel.
    pub notice: RwSignal<Option<String>>,
}

impl ProgressStore {
    /// Reads stored progress; unusable data is replaced by a fresh start and a notice.
    pub fn load() -> ProgressStore {
        let loaded = load_progress(storage::load(PROGRESS_STORAGE_KEY).as_deref());
        let store = ProgressStore {
            progress: RwSignal::new(loaded.progress),
            notice: RwSignal::new(None),
        };
        if let Some(notice) = loaded.notice {
            store
                .notice
                .set(Some(format!("{notice} Your quiz progress starts afresh.")));
            // Overwrite the unusable data so the notice is shown once, not on every visit.
            store.save();
        }
        store
    }

    /// Applies `change` and saves the result.
    pub fn change(&self, change: impl FnOnce(&mut Progress)) {
        self.progress.update(change);
        self.save();
    }

    fn save(&self) {
        let text = self.progress.with_untracked(export_progress);
        if let Err(sentence) = storage::save(PROGRESS_STORAGE_KEY, &text) {
            self.notice.set(Some(sentence));
        }
    }
}

/// Saved progress at a glance: badges, best challenge score, answers; reset, export, import.
#[component]
pub fn ProgressPanel(
    /// The challenge's badge name, to say how to earn it while it is missing.
    #[prop(into)]
    badge_name: String,
) -> impl IntoView {
    let store = expect_context::<ProgressStore>();
    let confirming_reset = RwSignal::new(false);
    let badge_for_check = badge_name.clone();
    let has_badge =
        Memo::new(move |_| store.progress.with(|p| p.badges.contains(&badge_for_check)));
    let summary = Memo::new(move |_| {
        store.progress.with(|p| {
            let answered: usize = p.quizzes.values().map(|q| q.last_answers.len()).sum();
            let right: usize = p
                .quizzes
                .values()
                .flat_map(|q| q.last_answers.values())
                .filter(|a| a.correct)
                .count();
            let challenge = p.quizzes.get("challenge").filter(|c| c.runs_completed > 0);
            let best = match challenge {
                Some(c) => format!(
                    " Best challenge run: {} of {} right, {} points ({} {}).",
                    c.best_correct,
                    c.question_count,
                    c.best_points,
                    c.runs_completed,
                    if c.runs_completed == 1 { "run" } else { "runs" }
                ),
                None => " No challenge run finished yet.".to_string(),
            };
            format!("Questions answered: {answered}, right at the last try: {right}.{best}")
        })
    });

    let export = move |_| {
        let text = store.progress.with_untracked(export_progress);
        let message = match storage::download_text(EXPORT_FILE_NAME, "application/json", &text) {
            Ok(()) => format!("Progress exported as {EXPORT_FILE_NAME}."),
            Err(sentence) => sentence,
        };
        store.notice.set(Some(message));
    };

    let import = move |ev: leptos::ev::Event| {
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
            let message = match storage::read_file_text(file).await {
                Err(sentence) => sentence,
                Ok(text) => match import_progress(&text) {
                    Ok(progress) => {
                        store.change(|p| *p = progress);
                        format!("Progress imported from {name}.")
                    }
                    Err(notice) => {
                        format!("{name} was not imported, your progress is unchanged. {notice}")
                    }
                },
            };
            store.notice.set(Some(message));
        });
    };

    let reset = move |_| {
        store.change(Progress::reset);
        confirming_reset.set(false);
        store.notice.set(Some(
            "Progress reset: answers, scores and badges are forgotten.".into(),
        ));
    };

    let badge_hidden = Signal::derive(move || !has_badge.get());
    let not_confirming = Signal::derive(move || !confirming_reset.get());
    let notice = store.notice;

    view! {
        <section class="card quiz-progress" aria-labelledby="quiz-progress-heading">
            <h2 id="quiz-progress-heading">"Your progress"</h2>
            <p class="quiz-notice" role="status" data-testid="progress-notice">
                {notice}
            </p>
            <p class="badge-missing" hidden=has_badge data-testid="badge-missing">
                "Badge not earned yet: get all five challenge problems right to earn "
                <strong>{badge_name.clone()}</strong>"."
            </p>
            <p class="badge" hidden=badge_hidden data-testid="badge-earned">
                <span class="badge-icon" aria-hidden="true">"★"</span>
                <span>"Badge earned: "<strong>{badge_name}</strong></span>
            </p>
            <p data-testid="progress-summary">{summary}</p>
            <div class="quiz-actions">
                <button type="button" class="button" on:click=export data-testid="export-progress">
                    "Export progress"
                </button>
                <label class="button file-button">
                    "Import progress"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        on:change=import
                        data-testid="import-progress"
                    />
                </label>
                <button
                    type="button"
                    class="button button-danger"
                    hidden=confirming_reset
                    on:click=move |_| confirming_reset.set(true)
                    data-testid="reset-progress"
                >
                    "Reset progress"
                </button>
                <span class="confirm-reset" hidden=not_confirming role="group" aria-label="Confirm reset">
                    <span>"Forget all answers, scores and badges?"</span>
                    <button
                        type="button"
                        class="button button-danger"
                        on:click=reset
                        data-testid="confirm-reset"
                    >
                        "Yes, reset"
                    </button>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| confirming_reset.set(false)
                    >
                        "Cancel"
                    </button>
                </span>
            </div>
        </section>
    }
}
