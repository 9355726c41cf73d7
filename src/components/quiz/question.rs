//! One question with its answer form, hint and feedback, for every question kind.
//!
//! Single choice and picked command output are a named radio group (fieldset + legend);
//! ordering is [`OrderingInput`]; typed command output is a textarea; generated questions take
//! a number and offer new numbers. Grading is the session's; this only collects the answer.

use leptos::prelude::*;
use quiz::model::{option_letter, AnswerMode};
use quiz::{Answer, OrderingModel, Question, QuestionBody};

use super::ordering::OrderingInput;
use super::run::{Feedback, QuizRun};

/// Radio options lettered A, B, C... as one named group.
#[component]
fn ChoiceGroup(
    /// The group's name attribute (unique on the page).
    #[prop(into)]
    name: String,
    /// The question, read out as the group's legend.
    #[prop(into)]
    legend: String,
    /// Option texts in order.
    options: Vec<String>,
    /// The picked option.
    selected: RwSignal<Option<usize>>,
    /// True when answers are no longer taken.
    #[prop(into)]
    disabled: Signal<bool>,
    /// Use a monospaced font (command output).
    #[prop(optional)]
    mono: bool,
) -> impl IntoView {
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let letter = option_letter(i).unwrap_or('?').to_string();
            let id = format!("{name}-option-{i}");
            view! {
                <li>
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        value=i.to_string()
                        prop:checked=Signal::derive(move || selected.get() == Some(i))
                        disabled=disabled
                        on:change=move |_| selected.set(Some(i))
                        data-testid=format!("option-{i}")
                    />
                    <label for=id class="choice-label">
                        <span class="choice-letter" aria-hidden="true">{letter}</span>
                        <span class:mono=mono>{text}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice-group">
            <legend class="question-prompt">{legend}</legend>
            <ul class="choices">{items}</ul>
        </fieldset>
    }
}

/// The answer the learner is building, one shape per question kind.
#[derive(Clone, Copy)]
enum Draft {
    Choice(RwSignal<Option<usize>>),
    Order(RwSignal<OrderingModel>),
    Text(RwSignal<String>),
}

impl Draft {
    fn answer(self) -> Option<Answer> {
        match self {
            Draft::Choice(s) => s.get_untracked().map(|index| Answer::Choice { index }),
            Draft::Order(m) => Some(m.with_untracked(OrderingModel::answer)),
            Draft::Text(t) => {
                let text = t.get_untracked();
                (!text.trim().is_empty()).then_some(Answer::Text { text })
            }
        }
    }
}

/// A question, its answer form, the hint on request and the announced feedback.
#[component]
pub fn QuestionForm(
    /// The run the question belongs to.
    run: QuizRun,
    /// The question's place in its quiz.
    index: usize,
    /// The question itself.
    question: Question,
) -> impl IntoView {
    let view_model = Memo::new(move |_| run.view(index));
    let done =
        Memo::new(move |_| view_model.with(|v| v.as_ref().is_none_or(|v| v.status.is_done())));
    let paused = Memo::new(move |_| view_model.with(|v| v.as_ref().is_some_and(|v| v.paused)));
    let hint_shown =
        Signal::derive(move || view_model.with(|v| v.as_ref().is_some_and(|v| v.hint_shown)));
    let locked = Signal::derive(move || done.get() || paused.get());
    let name = format!(
        "{}-{}",
        run.session.with_untracked(|s| s.quiz().id.0.clone()),
        question.id.0
    );
    let is_generated = matches!(question.body, QuestionBody::Generated { .. });
    let generated_prompt = Memo::new(move |_| {
        run.session
            .with(|s| s.generated(index).map(|g| (g.seed, g.prompt.clone())))
    });

    let (draft, input) = match &question.body {
        QuestionBody::SingleChoice { options, .. } => {
            let selected = RwSignal::new(None);
            let options = options.iter().map(|o| o.text.clone()).collect();
            let input = view! {
                <ChoiceGroup
                    name=name.clone()
                    legend=question.prompt.clone()
                    options=options
                    selected=selected
                    disabled=locked
                />
            }
            .into_any();
            (Draft::Choice(selected), input)
        }
        QuestionBody::CommandOutput {
            command,
            answer_mode,
            options,
            ..
        } => {
            let command_view = view! {
                <pre class="command">
                    <code>{format!("$ {command}")}</code>
                </pre>
            };
            match answer_mode {
                AnswerMode::Choice => {
                    let selected = RwSignal::new(None);
                    let options = options.iter().map(|o| o.text.clone()).collect();
                    let input = view! {
                        {command_view}
                        <ChoiceGroup
                            name=name.clone()
                            legend=question.prompt.clone()
                            options=options
                            selected=selected
                            disabled=locked
                            mono=true
                        />
                    }
                    .into_any();
                    (Draft::Choice(selected), input)
                }
                AnswerMode::FreeText => {
                    let text = RwSignal::new(String::new());
                    let id = format!("{name}-output");
                    let input = view! {
                        <p class="question-prompt">{question.prompt.clone()}</p>
                        {command_view}
                        <label for=id.clone() class="field-label">"What it prints"</label>
                        <textarea
                            id=id
                            class="output-input mono"
                            rows="3"
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            prop:value=text
                            on:input=move |ev| text.set(event_target_value(&ev))
                            disabled=locked
                            data-testid="text-answer"
                        ></textarea>
                    }
                    .into_any();
                    (Draft::Text(text), input)
                }
            }
        }
        QuestionBody::Ordering { steps, .. } => {
            let model = RwSignal::new(OrderingModel::new(steps.len()));
            let input = view! {
                <fieldset class="ordering-group">
                    <legend class="question-prompt">{question.prompt.clone()}</legend>
                    <p class="field-help">
                        "Drag the steps, or use Up and Down, until they are in order (first at the top)."
                    </p>
                    <OrderingInput
                        steps=steps.clone()
                        model=model
                        id_prefix=name.clone()
                        disabled=locked
                    />
                </fieldset>
            }
            .into_any();
            (Draft::Order(model), input)
        }
        QuestionBody::Generated { .. } => {
            let text = RwSignal::new(String::new());
            let id = format!("{name}-number");
            // New numbers clear the old answer.
            Effect::new(move |_| {
                generated_prompt.track();
                text.set(String::new());
            });
            let input = view! {
                <p class="question-prompt">{question.prompt.clone()}</p>
                <p class="generated-prompt" data-testid="generated-prompt">
                    {Signal::derive(move || generated_prompt.get().map(|(_, p)| p))}
                </p>
                <label for=id.clone() class="field-label">"Replicas the HPA wants"</label>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    class="number-input"
                    prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))
                    disabled=locked
                    data-testid="text-answer"
                />
            }
            .into_any();
            (Draft::Text(text), input)
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.answer() {
            Some(answer) => run.submit(index, answer),
            None => run.feedback.update(|f| {
                if let Some(slot) = f.get_mut(index) {
                    *slot = Some(Feedback {
                        correct: None,
                        text: match draft {
                            Draft::Choice(_) => "Choose an answer first.".into(),
                            _ => "Type your answer first.".into(),
                        },
                    });
                }
            }),
        }
    };
    let hint = question.hint.clone();
    let feedback = Memo::new(move |_| run.feedback_of(index));
    // Signals rather than closures in the view: one shared instantiation keeps the wasm small.
    let hint_hidden = Signal::derive(move || !hint_shown.get());
    let feedback_class = Signal::derive(move || {
        format!(
            "feedback feedback-{}",
            feedback.with(|f| f.as_ref().map_or("none", Feedback::as_str))
        )
    });
    let feedback_text = Signal::derive(move || feedback.get().map(|f| f.text));

    view! {
        <form class="question-form" on:submit=on_submit novalidate>
            {input}
            <div class="quiz-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=locked
                    data-testid="check-answer"
                >
                    "Check answer"
                </button>
                <button
                    type="button"
                    class="button"
                    hidden=hint_shown
                    on:click=move |_| run.show_hint(index)
                    data-testid="show-hint"
                >
                    "Show hint"
                </button>
                {is_generated.then(|| view! {
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| run.new_numbers(index)
                        data-testid="new-numbers"
                    >
                        "New numbers"
                    </button>
                })}
            </div>
            <p class="hint" hidden=hint_hidden data-testid="hint">
                <strong>"Hint: "</strong>
                {hint}
            </p>
            <p
                class=feedback_class
                role="status"
                aria-live="polite"
                data-testid="feedback"
            >
                {feedback_text}
            </p>
        </form>
    }
}
