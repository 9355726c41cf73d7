//! The learner's quiz progress: the quiz section of the course's progress document, loaded
//! once, saved after every change, and the panel that shows it at a glance with a link to the
//! "Your progress" page (export, import, reset and print live there).
//!
//! The format and every check belong to `quiz::progress` and `crates/progress`; this file
//! only moves the section between them and the browser (`crate::state::progress`).

use leptos::prelude::*;
use quiz::progress::Progress;

use crate::state::base::BasePath;
use crate::state::progress as saved;

/// Context: the progress every quiz on the page records into, and the one-line notice about it
/// (discarded data, a failed save).
#[derive(Clone, Copy)]
pub struct ProgressStore {
    /// What is saved; change it only through [`ProgressStore::change`] so it is saved too.
    pub progress: RwSignal<Progress>,
    /// A sentence for the learner about storage, shown in the progress panel.
    pub notice: RwSignal<Option<String>>,
}

impl ProgressStore {
    /// Reads the stored quiz progress, with the notices about anything dropped.
    pub fn load() -> ProgressStore {
        let (document, notices) = saved::load();
        // The document's loader validated the section with the same loader (feature `quiz`).
        let quiz = quiz::progress::import_progress(&document.quiz.to_string()).unwrap_or_default();
        ProgressStore {
            progress: RwSignal::new(quiz),
            notice: RwSignal::new((!notices.is_empty()).then(|| notices.join(" "))),
        }
    }

    /// Applies `change` and saves the result (only the quiz section of the document).
    pub fn change(&self, change: impl FnOnce(&mut Progress)) {
        self.progress.update(change);
        let quiz = self.progress.with_untracked(|p| serde_json::to_value(p));
        if let Err(sentence) = saved::update(|d| {
            d.quiz = quiz.map_err(|e| e.to_string())?;
            Ok(())
        }) {
            self.notice.set(Some(sentence));
        }
    }
}

/// Saved progress at a glance: badge, best challenge score, answers; a link to the full page.
#[component]
pub fn ProgressPanel(
    /// The challenge's badge name, to say how to earn it while it is missing.
    #[prop(into)]
    badge_name: String,
) -> impl IntoView {
    let store = expect_context::<ProgressStore>();
    let base = use_context::<BasePath>().unwrap_or_else(BasePath::from_document);
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
    let badge_hidden = Signal::derive(move || !has_badge.get());

    view! {
        <section class="card quiz-progress" aria-labelledby="quiz-progress-heading">
            <h2 id="quiz-progress-heading">"Your progress"</h2>
            <p class="quiz-notice" role="status" data-testid="progress-notice">
                {store.notice}
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
            <p>
                <a href=base.href("progress") data-testid="progress-page-link">
                    "See your progress in every mode"
                </a>
                " (export, import, reset or print it)."
            </p>
        </section>
    }
}
