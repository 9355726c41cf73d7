//! Cluster lab: a simulated Kubernetes cluster scaling under generated load.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The cluster lab page.
#[component]
pub fn LabPage() -> impl IntoView {
    view! {
        <PageIntro slug="lab" />
        <section class="card">
            <p>
                "Nodes, pods and autoscalers run in your browser. Choose a strategy, generate load, "
                "and compare latency, dropped requests and cost."
            </p>
        </section>
    }
}
