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
    let all_shown = move || opened.get() && revealed.get() >= step_count;
    let steps = StoredValue::new(steps);
    let extra = StoredValue::new((
        final_answer,
        expected_output,
        question.explanation.clone(),
        question.quick_check.clone(),
        question.common_mistakes.clone(),
    ));

    view! {
        <Show when=move || attempted.get()>
            <section class="solution" aria-label="Worked solution" data-testid="solution">
                <Show
                    when=move || opened.get()
                    fallback=move || view! {
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                opened.set(true);
                                revealed.set(step_count.min(1));
                            }
                            data-testid="show-solution"
                        >
                            "Show the worked solution"
                        </button>
                    }
                >
                    <h4>"Worked solution"</h4>
                    <ol class="solution-steps" aria-live="polite">
                        {move || {
                            steps
                                .with_value(|s| s.iter().take(revealed.get()).cloned().collect::<Vec<_>>())
                                .into_iter()
                                .map(|(title, text)| view! {
                                    <li data-testid="solution-step">
                                        <strong>{title}</strong>
                                        <p>{text}</p>
                                    </li>
                                })
                                .collect_view()
                        }}
                    </ol>
                    <Show when=move || { revealed.get() < step_count }>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| revealed.update(|r| *r += 1)
                            data-testid="next-step"
                        >
                            {move || format!("Show step {} of {step_count}", revealed.get() + 1)}
                        </button>
                    </Show>
                    <Show when=all_shown>
                        {move || {
                            let (final_answer, expected_output, explanation, quick_check, mistakes) =
                                extra.get_value();
                            view! {
                        <div class="solution-final" data-testid="solution-final">
                            {final_answer.map(|a| view! {
                                <p><strong>"Final answer: "</strong>{a}</p>
                            })}
                            {expected_output.map(|o| view! {
                                <p><strong>"kubectl prints:"</strong></p>
                                <pre class="command output-block" tabindex="0" role="region" aria-label="Expected output"><code>{o}</code></pre>
                            })}
                            {explanation.map(|e| view! { <p>{e}</p> })}
                            {quick_check.map(|q| view! {
                                <p class="quick-check"><strong>"Quick check: "</strong>{q}</p>
                            })}
                            {(!mistakes.is_empty()).then(|| {
                                let items = mistakes
                                    .into_iter()
                                    .map(|m| view! { <li>{m}</li> })
                                    .collect_view();
                                view! {
                                    <h5>"Common mistakes"</h5>
                                    <ul class="mistakes" data-testid="common-mistakes">{items}</ul>
                                }
                            })}
                        </div>
                            }
                        }}
                    </Show>
                </Show>
            </section>
        </Show>
    }
}
