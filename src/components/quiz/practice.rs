//! Untimed quizzes (practice, visual, predict-the-output, HPA arithmetic): one question at a
//! time with instant feedback, the hint and the worked solution; the visual quiz shows its
//! process table beside the question.

use leptos::prelude::*;
use quiz::model::ProcessTable;
use quiz::{Quiz, TimerSetting};

use super::progress::ProgressStore;
use super::question::QuestionForm;
use super::run::QuizRun;
use super::solution::WorkedSolution;

/// The process table of the visual quiz; `highlight` is the 1-based row to mark.
#[component]
pub fn ProcessTableView(
    /// The table from the content.
    table: ProcessTable,
    /// The row to highlight (1-based), if any.
    #[prop(into)]
    highlight: Signal<Option<usize>>,
) -> impl IntoView {
    let head = table
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let here = Signal::derive(move || highlight.get() == Some(i + 1));
            let not_here = Signal::derive(move || highlight.get() != Some(i + 1));
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(c, cell)| {
                    if c == 0 {
                        view! {
                            <th scope="row">
                                {cell}
                                <span class="row-marker" hidden=not_here>
                                    " (this question)"
                                </span>
                            </th>
                        }
                        .into_any()
                    } else {
                        view! { <td>{cell}</td> }.into_any()
                    }
                })
                .collect_view();
            view! {
                <tr
                    class:highlight=here
                    data-testid=format!("table-row-{}", i + 1)
                >
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=table.caption.clone()>
            <table class="process-table" data-testid="process-table">
                <caption>{table.caption.clone()}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// An untimed quiz, one question at a time.
#[component]
pub fn PracticeQuiz(
    /// The quiz to practise.
    quiz: Quiz,
) -> impl IntoView {
    let store = expect_context::<ProgressStore>();
    let run = QuizRun::new(&quiz, TimerSetting::Off, store);
    let count = quiz.questions.len();
    let current = RwSignal::new(0usize);
    let quiz_id = quiz.id.0.clone();
    let heading_id = |i: usize| format!("{}-q{}-heading", quiz.id.0, i);

    // The visual quiz marks the row its question points at once it is answered.
    let table_steps: Vec<Option<usize>> = quiz.questions.iter().map(|q| q.table_step).collect();
    let highlight = Signal::derive(move || {
        let i = current.get();
        let answered = run.view(i).is_some_and(|v| v.attempts_used > 0);
        answered
            .then(|| table_steps.get(i).copied().flatten())
            .flatten()
    });
    let table = quiz
        .table
        .clone()
        .map(|t| view! { <ProcessTableView table=t highlight=highlight /> });
    let has_table = quiz.table.is_some();

    let go = move |i: usize, focus_id: String| {
        current.set(i);
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&focus_id) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        });
    };

    let cards = quiz
        .questions
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, question)| {
            let id = heading_id(i);
            let labelled_by = id.clone();
            let prev_id = heading_id(i.saturating_sub(1));
            let next_id = heading_id(i + 1);
            let status = Signal::derive(move || {
                run.view(i).map_or("", |v| match v.status {
                    quiz::ProblemStatus::Solved { .. } => "Solved",
                    _ => "",
                })
            });
            let hidden = Signal::derive(move || current.get() != i);
            view! {
                <article
                    class="question-card"
                    hidden=hidden
                    aria-labelledby=labelled_by
                    data-testid=format!("question-{}", question.id.0)
                >
                    <header class="question-head">
                        <h3 id=id tabindex="-1">{format!("Question {} of {count}", i + 1)}</h3>
                        <span class="pill">{question.difficulty.as_str()}</span>
                        <span class="pill pill-ok">{status}</span>
                    </header>
                    <QuestionForm run=run index=i question=question.clone() />
                    {
                        // New numbers for a generated question bring a new worked solution.
                        let seed = Memo::new(move |_| {
                            run.session.with(|s| s.generated(i).map(|g| g.seed))
                        });
                        let question = question.clone();
                        move || {
                            seed.track();
                            view! { <WorkedSolution run=run index=i question=question.clone() /> }
                        }
                    }
                    <nav class="question-nav" aria-label="Questions">
                        <button
                            type="button"
                            class="button"
                            disabled={ i == 0 }
                            on:click=move |_| go(i.saturating_sub(1), prev_id.clone())
                            data-testid="previous-question"
                        >
                            "← Previous"
                        </button>
                        <button
                            type="button"
                            class="button"
                            disabled={ i + 1 >= count }
                            on:click=move |_| go(i + 1, next_id.clone())
                            data-testid="next-question"
                        >
                            "Next →"
                        </button>
                    </nav>
                </article>
            }
        })
        .collect_view();

    view! {
        <div
            class="practice-layout"
            class:with-table=has_table
            data-testid=format!("quiz-{quiz_id}")
        >
            {table}
            <div class="practice-questions">{cards}</div>
        </div>
    }
}
