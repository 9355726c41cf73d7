//! The worked solution of a question, revealed one step at a time after a first attempt,
//! then the final answer, the quick check and the common mistakes.

use leptos::prelude::*;
use quiz::{Question, QuestionBody};

use super::run::QuizRun;

/// The worked solution of question `index`, step by step on request.
#[component]
pub fn WorkedSolution(
    /// The run the question belongs to.
    run: QuizRun,
    /// The question's place in its quiz.
    index: usize,
    /// The question itself.
    question: Question,
) -> impl IntoView {
    let attempted = Memo::new(move |_| {
        run.view(index)
            .is_some_and(|v| v.attempts_used > 0 || v.status.is_done())
    });
    // (title, text) per step; generated questions take theirs from the engine's calculation.
    let generated = run.session.with_untracked(|s| s.generated(index).cloned());
    let steps: Vec<(String, String)> = match &generated {
        Some(g) => g
            .solution
            .iter()
            .enumerate()
            .map(|(i, line)| (format!("Step {}", i + 1), line.clone()))
            .collect(),
        None => question
            .solution
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("Step {}: {}", i + 1, s.title), s.text.clone()))
            .collect(),
    };
    let final_answer = match (&generated, &question.body) {
        (Some(g), _) => Some(format!("{} replicas", g.expected_replicas)),
        (None, QuestionBody::CommandOutput { .. }) => None,
        (None, _) => question.final_answer(),
    };
    let expected_output = match &question.body {
        QuestionBody::CommandOutput {
            expected_output, ..
        } => Some(expected_output.trim().to_string()),
        _ => None,
    };
    let step_count = steps.len();
    let revealed = RwSignal::new(0usize);
    let opened = RwSignal::new(false);
    // Everything is rendered once and shown with `hidden` (signals, not closures or <Show>):
    // the content is static, and this keeps the wasm small.
    let not_attempted = Signal::derive(move || !attempted.get());
    let closed = Signal::derive(move || !opened.get());
    let all_revealed = Signal::derive(move || revealed.get() >= step_count);
    let final_hidden = Signal::derive(move || !opened.get() || revealed.get() < step_count);
    let next_label =
        Signal::derive(move || format!("Show step {} of {step_count}", revealed.get() + 1));
    let step_items = steps
        .into_iter()
        .enumerate()
        .map(|(k, (title, text))| {
            let hidden = Signal::derive(move || revealed.get() <= k);
            view! {
                <li hidden=hidden data-testid="solution-step">
                    <strong>{title}</strong>
                    <p>{text}</p>
                </li>
            }
        })
        .collect_view();
    let final_answer = final_answer.map(|a| {
        view! {
            <p><strong>"Final answer: "</strong>{a}</p>
        }
    });
    let expected_output = expected_output.map(|o| view! {
        <p><strong>"kubectl prints:"</strong></p>
        <pre class="command output-block" tabindex="0" role="region" aria-label="Expected output"><code>{o}</code></pre>
    });
    let explanation = question.explanation.clone().map(|e| view! { <p>{e}</p> });
    let quick_check = question.quick_check.clone().map(|q| {
        view! {
            <p class="quick-check"><strong>"Quick check: "</strong>{q}</p>
        }
    });
    let mistakes = (!question.common_mistakes.is_empty()).then(|| {
        let items = question
            .common_mistakes
            .iter()
            .map(|m| view! { <li>{m.clone()}</li> })
            .collect_view();
        view! {
            <h5>"Common mistakes"</h5>
            <ul class="mistakes" data-testid="common-mistakes">{items}</ul>
        }
    });

    view! {
        <section class="solution" hidden=not_attempted aria-label="Worked solution" data-testid="solution">
            <button
                type="button"
                class="button"
                hidden=opened
                on:click=move |_| {
                    opened.set(true);
                    revealed.set(step_count.min(1));
                }
                data-testid="show-solution"
            >
                "Show the worked solution"
            </button>
            <div hidden=closed>
                <h4>"Worked solution"</h4>
                <ol class="solution-steps" aria-live="polite">{step_items}</ol>
                <button
                    type="button"
                    class="button"
                    hidden=all_revealed
                    on:click=move |_| revealed.update(|r| *r += 1)
                    data-testid="next-step"
                >
                    {next_label}
                </button>
                <div class="solution-final" hidden=final_hidden data-testid="solution-final">
                    {final_answer}
                    {expected_output}
                    {explanation}
                    {quick_check}
                    {mistakes}
                </div>
            </div>
        </section>
    }
}
