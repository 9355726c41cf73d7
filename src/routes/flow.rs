//! Decision flow ("visual breakdown"): the scaling decision, step by step.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The decision-flow walkthrough page.
#[component]
pub fn FlowPage() -> impl IntoView {
    view! {
        <PageIntro slug="flow" />
        <section class="card">
            <p>
                "Start with a small model, evaluate its performance, and decide whether to scale. "
                "If you must, choose vertical scaling (a bigger node) or horizontal scaling (more "
                "nodes), adjust resources, then monitor and optimise."
            </p>
        </section>
    }
}
