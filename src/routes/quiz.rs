//! Quiz: practice questions, the visual quiz and the timed challenge.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The quiz page.
#[component]
pub fn QuizPage() -> impl IntoView {
    view! {
        <PageIntro slug="quiz" />
        <section class="card">
            <p>
                "Get all five challenge problems right to earn the badge "
                <strong>"Scaling Mastery in MLOps"</strong>"."
            </p>
        </section>
    }
}
