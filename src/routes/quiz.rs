//! Quiz: practice questions, the visual quiz, the timed challenge, predict-the-output and
//! generated HPA questions, as tabs; with the saved progress below.

use leptos::prelude::*;
use quiz::{Quiz, QuizMode};

use crate::components::page::PageIntro;
use crate::components::quiz::challenge::ChallengeQuiz;
use crate::components::quiz::content::builtin_quizzes;
use crate::components::quiz::practice::PracticeQuiz;
use crate::components::quiz::progress::{ProgressPanel, ProgressStore};

/// The tabs: (quiz id in content/quizzes, tab label), in the order shown.
const TABS: [(&str, &str); 5] = [
    ("practice", "Practice"),
    ("visual", "Visual quiz"),
    ("challenge", "Challenge"),
    ("commands", "Predict the output"),
    ("generated", "HPA arithmetic"),
];

/// The quiz page.
#[component]
pub fn QuizPage() -> impl IntoView {
    view! {
        <PageIntro slug="quiz" />
        <QuizTabs quizzes=builtin_quizzes() />
    }
}

/// The quizzes as a keyboard-operable tab list (arrows, Home, End), every panel kept alive so
/// switching tabs loses no answer.
#[component]
fn QuizTabs(
    /// Every built-in quiz (validated at build time).
    quizzes: Vec<Quiz>,
) -> impl IntoView {
    let store = ProgressStore::load();
    provide_context(store);
    let tabs: Vec<(&'static str, &'static str, Quiz)> = TABS
        .iter()
        .filter_map(|&(id, label)| {
            quizzes
                .iter()
                .find(|q| q.id.0 == id)
                .map(|q| (id, label, q.clone()))
        })
        .collect();
    let tab_count = tabs.len();
    let selected = RwSignal::new(0usize);
    let badge_name = quizzes
        .iter()
        .find_map(|q| q.badge.as_ref().map(|b| b.name.clone()))
        .unwrap_or_default();
    let ids: StoredValue<Vec<&'static str>> = StoredValue::new(tabs.iter().map(|t| t.0).collect());

    let select = move |i: usize, focus: bool| {
        selected.set(i);
        if focus {
            if let Some(el) =
                document().get_element_by_id(&format!("quiz-tab-{}", ids.with_value(|ids| ids[i])))
            {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let now = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1) % tab_count,
            "ArrowLeft" => (now + tab_count - 1) % tab_count,
            "Home" => 0,
            "End" => tab_count - 1,
            _ => return,
        };
        ev.prevent_default();
        select(next, true);
    };

    let buttons = tabs
        .iter()
        .enumerate()
        .map(|(i, (id, label, _))| {
            view! {
                <button
                    type="button"
                    role="tab"
                    class="quiz-tab"
                    id=format!("quiz-tab-{id}")
                    aria-controls=format!("quiz-panel-{id}")
                    aria-selected=Signal::derive(move || if selected.get() == i { "true" } else { "false" })
                    tabindex=Signal::derive(move || if selected.get() == i { "0" } else { "-1" })
                    on:click=move |_| select(i, false)
                    data-testid=format!("tab-{id}")
                >
                    {*label}
                </button>
            }
        })
        .collect_view();
    let panels = tabs
        .into_iter()
        .enumerate()
        .map(|(i, (id, _, quiz))| {
            let title = quiz.title.clone();
            let active = Signal::derive(move || selected.get() == i);
            let hidden = Signal::derive(move || selected.get() != i);
            let body = match quiz.mode {
                QuizMode::Challenge => {
                    view! { <ChallengeQuiz quiz=quiz active=active /> }.into_any()
                }
                QuizMode::Practice | QuizMode::Visual => {
                    view! { <PracticeQuiz quiz=quiz /> }.into_any()
                }
            };
            view! {
                <section
                    role="tabpanel"
                    class="quiz-panel"
                    id=format!("quiz-panel-{id}")
                    aria-labelledby=format!("quiz-tab-{id}")
                    hidden=hidden
                    data-testid=format!("panel-{id}")
                >
                    <h2>{title}</h2>
                    {body}
                </section>
            }
        })
        .collect_view();

    view! {
        <div class="quiz-page">
            <div class="quiz-tabs" role="tablist" aria-label="Quizzes" on:keydown=on_keydown>
                {buttons}
            </div>
            {panels}
            <ProgressPanel badge_name=badge_name />
        </div>
    }
}
